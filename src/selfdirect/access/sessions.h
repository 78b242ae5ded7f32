// Sessions, one-time password links and the sign-in rules (throttling and lock-out).
//
// A session cookie holds "<council id>.<secret>"; the database keeps only the secret's SHA-256
// (`id_hash`), so a copy of the database cannot be used to sign in. A session ends when the
// user signs out, after 30 minutes without a request (idle), or 12 hours after sign-in
// (absolute); both are settings.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/access/roles.h"

namespace selfdirect {

struct Session {
  CouncilId council_id;
  std::string id_hash;  // Sha256Hex of the secret in the cookie
  UserId user_id;
  std::string csrf_token;  // sent back in a header or form field on every state change
  Timestamp created_at;
  Timestamp last_seen_at;
  std::optional<Timestamp> ended_at;
};

struct SessionRules {
  std::chrono::minutes idle{30};
  std::chrono::hours absolute{12};
};

enum class SessionState { kActive, kEnded, kIdleExpired, kAbsoluteExpired };

SessionState Evaluate(const Session& session, Timestamp now, const SessionRules& rules);

// The cookie value for a session, and its parts when read back. A malformed cookie is nullopt.
std::string SessionCookieValue(const CouncilId& council, const std::string& secret);
struct CookieParts {
  CouncilId council_id;
  std::string secret;
};
std::optional<CookieParts> ParseSessionCookie(std::string_view value);

// A one-time link to set (or reset) a password, sent to a new user by whoever created them.
struct PasswordLink {
  CouncilId council_id;
  std::string token_hash;
  UserId user_id;
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> used_at;
};

// An API token for a machine client. The client sends "Authorization: Bearer <value>" where
// the value is "sdt.<council id>.<secret>"; only the secret's SHA-256 is stored.
struct ApiToken {
  CouncilId council_id;
  std::string token_id;  // a ULID, to name the token when listing or revoking it
  std::string token_hash;
  UserId user_id;    // the account it acts for; its roles are a subset of that user's
  std::string name;  // what it is for: "Finance system nightly export"
  std::vector<Role> roles;
  Timestamp created_at;
  std::optional<Timestamp> revoked_at;
};

std::string ApiTokenValue(const CouncilId& council, const std::string& secret);
std::optional<CookieParts> ParseApiToken(std::string_view value);

// Sign-in throttling. After `free_failures` failures in a row, each further attempt must wait
// `delay` × 2^(extra failures) (capped); at `lock_after` failures the account is locked for
// `lock_for`. The same generic message is given whether or not the account exists.
struct ThrottleRules {
  int free_failures = 3;
  std::chrono::seconds delay{2};
  std::chrono::seconds max_delay{60};
  int lock_after = 10;
  std::chrono::minutes lock_for{15};
};

// When the next attempt may be made after `failures` consecutive failures, the last at `last`.
Timestamp NextAttemptAllowedAt(int failures, Timestamp last, const ThrottleRules& rules);

}  // namespace selfdirect
