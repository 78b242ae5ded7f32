// Request and Response: plain values passed between the socket adapter (server.cc, the only
// file that knows Boost.Beast) and the handlers. Handlers are therefore testable without a
// socket: build a Request, call HttpService::Handle, inspect the Response.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "selfdirect/app/context.h"

namespace selfdirect::app {
struct Authenticated;
}

namespace selfdirect::http {

// Header names compare without regard to case.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

struct Request {
  std::string method;  // "GET"
  std::string target;  // "/api/councils?x=1", as received
  Headers headers;
  std::string body;
  std::string remote_address;

  // Filled by HttpService before routing.
  std::string path;  // target without the query, not yet percent-decoded
  std::string query;
  std::string request_id;
  app::Context ctx;            // the actor (from the session cookie), request id, address
  std::string session_cookie;  // the raw session cookie value, when one was sent
  // The signed-in session behind the cookie, resolved once per request (none for API tokens).
  std::shared_ptr<const app::Authenticated> session;

  // The value of a cookie sent with the request, or "" when absent.
  std::string Cookie(std::string_view name) const;
  // The value of a query-string parameter (percent-decoded, + as space), or "" when absent.
  std::string QueryParam(std::string_view name) const;

  // The first value of a header, or "" when absent.
  std::string Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool head_only = false;  // a HEAD request: send headers (and Content-Length) but no body

  void SetHeader(std::string name, std::string value);
  // The value of a header set on this response, or "" when absent.
  std::string Header(std::string_view name) const;
};

// Decodes %XX escapes. Fails on a malformed escape or an encoded NUL.
std::optional<std::string> PercentDecode(std::string_view text);

// Path parameters captured by the router: {"council": "01J…"}.
using PathParams = std::map<std::string, std::string, std::less<>>;

}  // namespace selfdirect::http
