#include "selfdirect/http/router.h"

#include <stdexcept>
#include <variant>

namespace selfdirect::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;  // skip the leading '/'
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    const std::size_t stop = end == std::string_view::npos ? path.size() : end;
    out.push_back(path.substr(start, stop - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, std::string name, Action action,
                 Handler handler) {
  if (name.empty() || pattern.empty() || pattern.front() != '/') {
    throw std::logic_error("every route needs a name and an absolute pattern: " + pattern);
  }
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(name), action, std::move(handler)});
}

std::optional<PathParams> Router::MatchPattern(const std::string& pattern,
                                               const std::string& path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  const auto want = Segments(pattern);
  const auto have = Segments(path);
  if (want.size() != have.size()) return std::nullopt;
  PathParams params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (have[i].empty()) return std::nullopt;
      params.emplace(std::string(w.substr(1, w.size() - 2)), std::string(have[i]));
    } else if (w != have[i]) {
      return std::nullopt;
    }
  }
  return params;
}

std::variant<Router::Match, Router::Miss> Router::Find(const std::string& method,
                                                       const std::string& path) const {
  bool path_known = false;
  for (const auto& route : routes_) {
    auto params = MatchPattern(route.pattern, path);
    if (!params) continue;
    path_known = true;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      return Match{&route, std::move(*params)};
    }
  }
  return path_known ? Miss::kWrongMethod : Miss::kNoPath;
}

std::vector<std::string> Router::MethodsFor(const std::string& path) const {
  std::vector<std::string> out;
  for (const auto& route : routes_) {
    if (MatchPattern(route.pattern, path)) out.push_back(route.method);
  }
  return out;
}

}  // namespace selfdirect::http
