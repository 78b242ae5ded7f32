#include "selfdirect/access/sessions.h"

#include <algorithm>

namespace selfdirect {

SessionState Evaluate(const Session& session, Timestamp now, const SessionRules& rules) {
  if (session.ended_at) return SessionState::kEnded;
  if (now - session.created_at >= rules.absolute) return SessionState::kAbsoluteExpired;
  if (now - session.last_seen_at >= rules.idle) return SessionState::kIdleExpired;
  return SessionState::kActive;
}

std::string SessionCookieValue(const CouncilId& council, const std::string& secret) {
  return council.str() + "." + secret;
}

std::optional<CookieParts> ParseSessionCookie(std::string_view value) {
  const auto dot = value.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto council = CouncilId::Parse(value.substr(0, dot));
  const auto secret = value.substr(dot + 1);
  if (!council || secret.size() != 43) return std::nullopt;
  for (char c : secret) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  return CookieParts{*council, std::string(secret)};
}

std::string ApiTokenValue(const CouncilId& council, const std::string& secret) {
  return "sdt." + council.str() + "." + secret;
}

std::optional<CookieParts> ParseApiToken(std::string_view value) {
  if (!value.starts_with("sdt.")) return std::nullopt;
  return ParseSessionCookie(value.substr(4));
}

Timestamp NextAttemptAllowedAt(int failures, Timestamp last, const ThrottleRules& rules) {
  if (failures < rules.free_failures) return last;
  const int extra = std::min(failures - rules.free_failures, 16);
  const auto delay = std::min<std::chrono::seconds>(rules.delay * (1LL << extra), rules.max_delay);
  return last + std::chrono::duration_cast<std::chrono::milliseconds>(delay);
}

}  // namespace selfdirect
