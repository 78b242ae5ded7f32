// Router: maps (method, path) to a named route and its handler.
//
// Patterns are literal segments and {name} parameters: "/api/councils/{council}/schemes".
// Every route has a stable name ("schemes.create"), used as the metrics label, and declares the
// Action of the access policy it is governed by: a route cannot be added without both.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "selfdirect/access/policy.h"
#include "selfdirect/http/message.h"

namespace selfdirect::http {

using Handler = std::function<Response(const Request&, const PathParams&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string name;
  Action action;  // the policy the route's use case applies; kPublic needs no sign-in
  Handler handler;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, std::string name, Action action,
           Handler handler);

  struct Match {
    const Route* route = nullptr;
    PathParams params;
  };
  enum class Miss { kNoPath, kWrongMethod };

  // The route for method and (percent-decoded) path, or why there is none.
  std::variant<Match, Miss> Find(const std::string& method, const std::string& path) const;

  // The methods registered for a path (for the Allow header of a 405).
  std::vector<std::string> MethodsFor(const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static std::optional<PathParams> MatchPattern(const std::string& pattern,
                                                const std::string& path);
  std::vector<Route> routes_;
};

}  // namespace selfdirect::http
