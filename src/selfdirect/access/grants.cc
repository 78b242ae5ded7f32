#include "selfdirect/access/grants.h"

#include <algorithm>

namespace selfdirect {

const char* GrantScopeName(GrantScope scope) {
  switch (scope) {
    case GrantScope::kView:
      return "view";
    case GrantScope::kManageMoney:
      return "manage-money";
    case GrantScope::kWritePlan:
      return "write-plan";
  }
  return "view";
}

std::optional<GrantScope> ParseGrantScope(std::string_view name) {
  for (GrantScope s : {GrantScope::kView, GrantScope::kManageMoney, GrantScope::kWritePlan}) {
    if (name == GrantScopeName(s)) return s;
  }
  return std::nullopt;
}

bool AccessGrant::ActiveOn(Date today) const {
  return !revoked_at && date::sys_days{today} <= date::sys_days{ends_on};
}

bool AccessGrant::Allows(GrantScope scope) const {
  if (scope == GrantScope::kView) return !scopes.empty();
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

std::string JoinScopes(const std::vector<GrantScope>& scopes) {
  std::string out;
  for (GrantScope s : scopes) out += std::string(out.empty() ? "" : ",") + GrantScopeName(s);
  return out;
}

std::vector<GrantScope> SplitScopes(std::string_view text) {
  std::vector<GrantScope> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    if (auto s = ParseGrantScope(text.substr(start, comma - start))) out.push_back(*s);
    start = comma + 1;
  }
  return out;
}

}  // namespace selfdirect
