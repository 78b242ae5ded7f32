// Roles, users and the actor behind a request.
//
// A user belongs to one council and holds one or more roles there. Every request is made by an
// Actor: a signed-in user (through a session cookie or an API token) or nobody (anonymous).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"

namespace selfdirect {

enum class Role {
  kBudgetHolder,      // their own record only
  kRepresentative,    // the people who granted them access
  kSupportPlanner,    // people who granted their organisation access
  kAssessor,          // their team's caseload
  kApprover,          // signs plans off up to a limit
  kFinanceOfficer,    // money and payment runs; not case notes
  kCommissioner,      // aggregates and the market; never a named person
  kSafeguardingLead,  // concerns and alerts, and the records they relate to
  kAnalyst,           // pseudonymised reporting data only
  kAdministrator,     // users, schemes, configuration; no case data unless also a case role
  kAuditor,           // the audit log
};

inline constexpr Role kAllRoles[] = {
    Role::kBudgetHolder, Role::kRepresentative, Role::kSupportPlanner, Role::kAssessor,
    Role::kApprover,     Role::kFinanceOfficer, Role::kCommissioner,   Role::kSafeguardingLead,
    Role::kAnalyst,      Role::kAdministrator,  Role::kAuditor};

// "budget-holder", "support-planner", … (stable: stored and used in the API).
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
// "Budget holder", "Support planner", … for people.
const char* RoleTitle(Role role);

struct User {
  CouncilId council_id;
  UserId id;
  std::string email;  // lower case; unique within the council
  std::string display_name;
  std::vector<Role> roles;
  std::optional<std::string> password_hash;  // argon2id string; none until the user sets one
  bool disabled = false;
  int failed_sign_ins = 0;                // since the last success
  std::optional<Timestamp> locked_until;  // temporary lock after repeated failures
  Timestamp created_at;
  std::optional<std::string> totp_secret;  // base 32; set when two-step setup begins
  bool totp_enabled = false;               // confirmed with a code: required at sign-in
  std::int64_t totp_last_step = 0;         // the last code's time step (no reuse)
  std::string person_id;                   // a budget holder's own person record, if any

  bool Has(Role role) const;
};

// Who is making a request.
struct Actor {
  CouncilId council_id;  // empty when anonymous
  UserId user_id;        // empty when anonymous
  std::vector<Role> roles;
  bool by_api_token = false;
  bool is_operator = false;  // someone at the server's command line, who holds the database
  // An administrator whose role is held back until they set up two-step sign-in.
  bool administrator_needs_totp = false;

  static Actor Anonymous() { return {}; }
  static Actor Operator() {
    Actor a;
    a.is_operator = true;
    return a;
  }
  bool signed_in() const { return !user_id.empty(); }
  bool Has(Role role) const;
};

}  // namespace selfdirect
