// Grants: how someone other than the person reaches a person's record.
//
// A budget holder (or staff, with a recorded reason) grants a representative — a family member,
// an advocate, an attorney or deputy — access to their record with scopes and an end date. The
// policy checks the actor's relationship to the person, computed from the grants, their own
// person link and (with casework) their caseload.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/access/roles.h"
#include "selfdirect/core/calendar.h"

namespace selfdirect {

enum class GrantScope {
  kView,         // see the record, plan, budget and money
  kManageMoney,  // act on the money (direct payment account, statements)
  kWritePlan,    // write and change the support plan
};

const char* GrantScopeName(GrantScope scope);  // "view", "manage-money", "write-plan"
std::optional<GrantScope> ParseGrantScope(std::string_view name);

struct AccessGrant {
  CouncilId council_id;
  std::string grant_id;
  PersonId person_id;
  UserId grantee;
  std::vector<GrantScope> scopes;
  Date ends_on;  // the last day it works
  UserId granted_by;
  std::string reason;  // required when staff grant; the person's own words otherwise
  Timestamp created_at;
  std::optional<Timestamp> revoked_at;

  bool ActiveOn(Date today) const;
  bool Allows(GrantScope scope) const;  // any scope includes view
};

// How an actor stands to one person's record.
struct Relationship {
  bool self = false;                // the actor is the person
  std::vector<GrantScope> granted;  // scopes of the actor's active grants for the person
  bool in_caseload = false;         // the person is on the social worker's teams' caseload
  bool in_council = false;          // the person is one of the council's (finance works on all)
  bool concern_on_record = false;   // a safeguarding concern about the person is on record
};

// Text form of scopes for storage: "view,manage-money".
std::string JoinScopes(const std::vector<GrantScope>& scopes);
std::vector<GrantScope> SplitScopes(std::string_view text);

}  // namespace selfdirect
