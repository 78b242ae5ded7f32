#include "selfdirect/access/roles.h"

#include <algorithm>

namespace selfdirect {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kBudgetHolder:
      return "budget-holder";
    case Role::kRepresentative:
      return "representative";
    case Role::kSupportPlanner:
      return "support-planner";
    case Role::kAssessor:
      return "assessor";
    case Role::kApprover:
      return "approver";
    case Role::kFinanceOfficer:
      return "finance-officer";
    case Role::kCommissioner:
      return "commissioner";
    case Role::kSafeguardingLead:
      return "safeguarding-lead";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAdministrator:
      return "administrator";
    case Role::kAuditor:
      return "auditor";
  }
  return "budget-holder";
}

const char* RoleTitle(Role role) {
  switch (role) {
    case Role::kBudgetHolder:
      return "Budget holder";
    case Role::kRepresentative:
      return "Representative";
    case Role::kSupportPlanner:
      return "Support planner";
    case Role::kAssessor:
      return "Assessor or social worker";
    case Role::kApprover:
      return "Approver";
    case Role::kFinanceOfficer:
      return "Finance officer";
    case Role::kCommissioner:
      return "Commissioner";
    case Role::kSafeguardingLead:
      return "Safeguarding lead";
    case Role::kAnalyst:
      return "Analyst";
    case Role::kAdministrator:
      return "Administrator";
    case Role::kAuditor:
      return "Auditor";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

bool User::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Actor::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace selfdirect
