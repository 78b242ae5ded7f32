#include "selfdirect/http/service.h"

#include <chrono>
#include <variant>

#include "selfdirect/access/credentials.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace {

bool IsRequestIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

bool UsableRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!IsRequestIdChar(c)) return false;
  }
  return true;
}

// True when any segment is "." or "..", or the path holds a backslash or NUL.
bool Traverses(const std::string& decoded) {
  if (decoded.find('\\') != std::string::npos || decoded.find('\0') != std::string::npos) {
    return true;
  }
  std::size_t start = 0;
  while (start <= decoded.size()) {
    std::size_t end = decoded.find('/', start);
    if (end == std::string::npos) end = decoded.size();
    const auto segment = std::string_view(decoded).substr(start, end - start);
    if (segment == "." || segment == "..") return true;
    start = end + 1;
  }
  return false;
}

bool IsApiPath(const std::string& path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

}  // namespace

HttpService::HttpService(app::Application& app, app::Accounts& accounts, app::RasModels& ras,
                         app::Casework& casework, Metrics& metrics, ServiceOptions options)
    : app_(app),
      accounts_(accounts),
      ras_(ras),
      casework_(casework),
      metrics_(metrics),
      options_(std::move(options)),
      static_files_(options_.web_root),
      request_ids_(app.clock()) {
  RegisterApi(router_, app_, metrics_);
  RegisterAccountsApi(router_, accounts_, options_);
  RegisterRasApi(router_, ras_);
  RegisterCaseworkApi(router_, casework_, app.clock());
  RegisterReviewsApi(router_, casework_, app.clock());
  RegisterTeamsApi(router_, casework_);
}

std::string SessionCookieHeader(const std::string& value, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string ClearSessionCookieHeader(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (secure ? "; Secure" : "");
}

namespace {

bool Unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// A browser's cross-site request: an Origin that is not this host, or Sec-Fetch-Site saying so.
bool CrossSite(const Request& request) {
  const std::string origin = request.Header("Origin");
  if (!origin.empty() && origin != "null") {
    const auto scheme_end = origin.find("://");
    const std::string host =
        scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
    if (host != request.Header("Host")) return true;
  } else if (origin == "null") {
    return true;
  }
  const std::string site = request.Header("Sec-Fetch-Site");
  return !site.empty() && site != "same-origin" && site != "none";
}

}  // namespace

std::optional<Response> HttpService::Authenticate(Request& request, const Route& route) {
  request.ctx.request_id = request.request_id;
  request.ctx.client_address = request.remote_address;
  request.session_cookie = request.Cookie(kSessionCookie);

  // Whether the route's action is closed to someone who is not signed in, by the one policy.
  const bool needs_sign_in =
      Decide(Actor::Anonymous(), route.action, Resource::Deployment()).outcome ==
      Outcome::kUnauthenticated;
  if (Unsafe(request.method) && CrossSite(request)) {
    return Problem(403, "cross-site", "Request refused",
                   "Requests that change something must come from this site's own pages");
  }
  if (const std::string auth = request.Header("Authorization"); !auth.empty()) {
    // A machine client with an API token: no cookie, so no CSRF to check.
    if (!auth.starts_with("Bearer ")) {
      return Problem(401, "unauthenticated", "Sign in to continue",
                     "Send an API token as: Authorization: Bearer sdt.…");
    }
    auto actor = accounts_.AuthenticateToken(auth.substr(7));
    if (!actor) return ProblemFromError(actor.error());
    request.ctx.actor = *actor;
    return std::nullopt;
  }
  if (!request.session_cookie.empty()) {
    auto who = accounts_.Authenticate(request.session_cookie);
    if (who) {
      request.ctx.actor = who->actor;
      request.session = std::make_shared<const app::Authenticated>(std::move(*who));
    } else if (who.error().code != ErrorCode::kUnauthenticated) {
      return ProblemFromError(who.error());
    } else if (needs_sign_in) {
      Response r = ProblemFromError(who.error());
      r.SetHeader("Set-Cookie", ClearSessionCookieHeader(options_.tls));
      return r;
    }
  }
  if (needs_sign_in && !request.ctx.actor.signed_in()) {
    return ProblemFromError(Error{ErrorCode::kUnauthenticated, "Sign in to continue", {}});
  }
  // Synchroniser token: a state change made with a session cookie must carry the session's
  // CSRF token, which a page of another site cannot read.
  // Public routes (signing in, using a one-time link) act for nobody, so they need no token;
  // the cross-site check above still covers them.
  if (Unsafe(request.method) && needs_sign_in && request.ctx.actor.signed_in() &&
      !request.ctx.actor.by_api_token &&
      !(request.session &&
        SecretsEqual(request.Header("X-CSRF-Token"), request.session->session.csrf_token))) {
    return Problem(403, "csrf", "Your request could not be checked",
                   "Reload the page and try again (the X-CSRF-Token header is missing or out of "
                   "date)");
  }
  return std::nullopt;
}

Response HttpService::Handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();

  const std::string offered_id = request.Header("X-Request-Id");
  request.request_id = UsableRequestId(offered_id) ? offered_id : request_ids_.Next();
  std::string route_name = "unmatched";
  Response response;
  try {
    response = Dispatch(request, &route_name);
  } catch (const std::exception& e) {
    if (options_.error_log) options_.error_log(request.request_id, e.what());
    response = ProblemFromError(Error{ErrorCode::kInternal, e.what(), {}});
  } catch (...) {
    if (options_.error_log) options_.error_log(request.request_id, "unknown exception");
    response = ProblemFromError(Error{ErrorCode::kInternal, "unknown exception", {}});
  }
  Complete(request, response, route_name, started);
  return response;
}

Response HttpService::Refuse(Request& request, Response problem) {
  if (request.path.empty()) request.path = request.target.substr(0, request.target.find('?'));
  Complete(request, problem, "refused", std::chrono::steady_clock::now());
  return problem;
}

void HttpService::Complete(Request& request, Response& response, const std::string& route,
                           std::chrono::steady_clock::time_point started) {
  if (request.request_id.empty()) {
    const std::string offered_id = request.Header("X-Request-Id");
    request.request_id = UsableRequestId(offered_id) ? offered_id : request_ids_.Next();
  }
  if (request.method == "HEAD") response.head_only = true;
  AddCommonHeaders(request, response);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.ObserveRequest(route, request.method.empty() ? "-" : request.method, response.status,
                          seconds);
  if (options_.access_log) options_.access_log({request, response, route, seconds});
}

Response HttpService::Dispatch(Request& request, std::string* route_name) {
  const auto q = request.target.find('?');
  request.path = request.target.substr(0, q);
  request.query = q == std::string::npos ? "" : request.target.substr(q + 1);
  if (request.path.empty() || request.path.front() != '/') {
    return Problem(400, "bad-target", "The address is not valid",
                   "Request a path that starts with /");
  }
  const auto decoded = PercentDecode(request.path);
  if (!decoded) {
    return Problem(400, "bad-target", "The address is not valid",
                   "The address contains a malformed % escape");
  }
  if (Traverses(*decoded)) {
    return Problem(400, "path-traversal", "The address is not valid",
                   "Addresses may not contain '.' or '..' segments or backslashes");
  }
  const std::string encoding = request.Header("Content-Encoding");
  if (!encoding.empty() && encoding != "identity") {
    return Problem(
        415, "content-encoding", "Compressed request bodies are not accepted",
        "Send the body without a Content-Encoding (it was '" + encoding.substr(0, 20) + "')");
  }

  auto found = router_.Find(request.method, request.path);
  if (auto* match = std::get_if<Router::Match>(&found)) {
    *route_name = match->route->name;
    if (auto stop = Authenticate(request, *match->route)) return std::move(*stop);
    PathParams params;
    for (const auto& [k, v] : match->params) {
      auto value = PercentDecode(v);
      if (!value) return Problem(400, "bad-target", "The address is not valid", "Bad escape");
      params.emplace(k, std::move(*value));
    }
    return match->route->handler(request, params);
  }
  if (std::get<Router::Miss>(found) == Router::Miss::kWrongMethod) {
    *route_name = "method-not-allowed";
    Response r = Problem(405, "method-not-allowed", "That method is not allowed here",
                         request.method + " is not supported at this address");
    std::string allow;
    for (const auto& m : router_.MethodsFor(request.path)) allow += (allow.empty() ? "" : ", ") + m;
    r.SetHeader("Allow", allow);
    return r;
  }
  if (!IsApiPath(*decoded) && (request.method == "GET" || request.method == "HEAD")) {
    *route_name = "static";
    if (auto file = static_files_.Serve(*decoded, request)) return std::move(*file);
    if (request.Header("Accept").find("text/html") != std::string::npos) {
      if (auto page = static_files_.ReadPage("404.html")) {
        Response r;
        r.status = 404;
        r.content_type = "text/html; charset=utf-8";
        r.SetHeader("Cache-Control", "no-cache");
        r.body = std::move(*page);
        return r;
      }
    }
  }
  if (!IsApiPath(*decoded)) *route_name = "static";
  return Problem(404, "not-found", "Page not found",
                 "There is nothing at this address. Check it is spelled correctly.");
}

void HttpService::AddCommonHeaders(const Request& request, Response& response) const {
  response.SetHeader("X-Request-Id", request.request_id);
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; "
                     "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                     "object-src 'none'; base-uri 'self'; form-action 'self'; "
                     "frame-ancestors 'none'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "same-origin");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (options_.tls) {
    response.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  if (response.Header("Cache-Control").empty()) response.SetHeader("Cache-Control", "no-store");
}

}  // namespace selfdirect::http
