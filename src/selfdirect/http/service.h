// HttpService: everything between a parsed request and the response, without sockets.
//
// For every request it assigns a request id, refuses encoded bodies and path traversal,
// routes to an API handler or a static file, converts anything thrown into a bare 500,
// adds the security headers, counts the request in the metrics and writes one access-log line.
//
//   HttpService service(app, metrics, {.web_root = "web/dist"});
//   Response r = service.Handle(request);
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "selfdirect/app/accounts.h"
#include "selfdirect/app/application.h"
#include "selfdirect/app/casework.h"
#include "selfdirect/app/ras_models.h"
#include "selfdirect/http/message.h"
#include "selfdirect/http/metrics.h"
#include "selfdirect/http/router.h"
#include "selfdirect/http/static_files.h"

namespace selfdirect::http {

struct AccessRecord {
  const Request& request;
  const Response& response;
  const std::string& route;
  double seconds;
};

struct ServiceOptions {
  std::filesystem::path web_root{};
  bool tls = false;  // adds Strict-Transport-Security
  std::function<void(const AccessRecord&)> access_log{};
  std::function<void(const std::string& request_id, const std::string& what)> error_log{};
};

class HttpService {
 public:
  HttpService(app::Application& app, app::Accounts& accounts, app::RasModels& ras,
              app::Casework& casework, Metrics& metrics, ServiceOptions options);

  // Never throws. Fills request.path, query and request_id as a side effect.
  Response Handle(Request& request);

  // Finishes a response the socket layer made itself before routing (a body too large, bad
  // HTTP): adds the request id and security headers, counts it and logs it.
  Response Refuse(Request& request, Response problem);

  const Router& router() const { return router_; }
  // Resolves the actor from the session cookie and enforces CSRF rules; a Response when the
  // request must stop here.
  std::optional<Response> Authenticate(Request& request, const Route& route);

  // For tests and extensions that add routes after construction.
  Router& mutable_router() { return router_; }

 private:
  Response Dispatch(Request& request, std::string* route_name);
  void Complete(Request& request, Response& response, const std::string& route,
                std::chrono::steady_clock::time_point started);
  void AddCommonHeaders(const Request& request, Response& response) const;

  app::Application& app_;
  app::Accounts& accounts_;
  app::RasModels& ras_;
  app::Casework& casework_;
  Metrics& metrics_;
  ServiceOptions options_;
  StaticFiles static_files_;
  UlidGenerator request_ids_;
  Router router_;
};

// Registers the JSON API and the probe endpoints (api.cc) and the accounts API
// (accounts_api.cc).
void RegisterApi(Router& router, app::Application& app, Metrics& metrics);
void RegisterAccountsApi(Router& router, app::Accounts& accounts, const ServiceOptions& options);
// The RAS API (ras_api.cc).
void RegisterRasApi(Router& router, app::RasModels& ras);
// The casework API (casework_api.cc).
void RegisterCaseworkApi(Router& router, app::Casework& casework, const Clock& clock);
// Budgets, statements, reviews, contributions and closures (reviews_api.cc).
void RegisterReviewsApi(Router& router, app::Casework& casework, const Clock& clock);
// Teams and caseload allocation (teams_api.cc).
void RegisterTeamsApi(Router& router, app::Casework& casework);

// The session cookie's name and how it is set and cleared.
inline constexpr const char* kSessionCookie = "sd_session";
std::string SessionCookieHeader(const std::string& value, bool secure);
std::string ClearSessionCookieHeader(bool secure);

}  // namespace selfdirect::http
