#include "selfdirect/access/policy.h"

namespace selfdirect {
namespace {

Decision Allow(std::string reason) { return {Outcome::kAllow, std::move(reason)}; }
Decision Deny(Outcome outcome, std::string reason) { return {outcome, std::move(reason)}; }

bool IsStaff(const Actor& actor) {
  for (Role r : actor.roles) {
    if (r != Role::kBudgetHolder && r != Role::kRepresentative) return true;
  }
  return false;
}

}  // namespace

const char* ActionName(Action action) {
  switch (action) {
    case Action::kPublic:
      return "public";
    case Action::kOwnAccount:
      return "own-account";
    case Action::kCouncilsList:
      return "councils.list";
    case Action::kCouncilsCreate:
      return "councils.create";
    case Action::kCouncilRead:
      return "council.read";
    case Action::kSchemesRead:
      return "schemes.read";
    case Action::kSchemesManage:
      return "schemes.manage";
    case Action::kUsersManage:
      return "users.manage";
    case Action::kAuditRead:
      return "audit.read";
  }
  return "unknown";
}

Error Decision::AsError() const {
  switch (outcome) {
    case Outcome::kAllow:
      break;
    case Outcome::kUnauthenticated:
      return Error{ErrorCode::kUnauthenticated, "Sign in to continue", {}};
    case Outcome::kForbidden:
      return Error{ErrorCode::kPermissionDenied, "You do not have permission to do that", {}};
    case Outcome::kHidden:
      return Error{ErrorCode::kNotFound, "There is no record at this address", {}};
  }
  return Error{ErrorCode::kInternal, "AsError called on an allow decision", {}};
}

Decision Decide(const Actor& actor, Action action, const Resource& resource) {
  if (action == Action::kPublic || action == Action::kCouncilsList) return Allow("public");
  if (actor.is_operator) return Allow("operator at the command line");
  if (!actor.signed_in()) return Deny(Outcome::kUnauthenticated, "not signed in");
  if (action == Action::kOwnAccount) return Allow("own account");

  // Nothing in another council exists, as far as this actor is concerned.
  if (!resource.council_id.empty() && resource.council_id != actor.council_id) {
    return Deny(Outcome::kHidden, "another council");
  }

  switch (action) {
    case Action::kPublic:
    case Action::kOwnAccount:
      break;
    case Action::kCouncilsList:
      return Allow("councils are public bodies");
    case Action::kCouncilsCreate:
      return Deny(Outcome::kForbidden, "councils are registered by an operator with the CLI");
    case Action::kCouncilRead:
      return Allow("own council");
    case Action::kSchemesRead:
      return IsStaff(actor) ? Allow("staff of the council")
                            : Deny(Outcome::kForbidden, "schemes are for council staff");
    case Action::kSchemesManage:
    case Action::kUsersManage:
      return actor.Has(Role::kAdministrator) ? Allow("administrator")
                                             : Deny(Outcome::kForbidden, "administrators only");
    case Action::kAuditRead:
      return actor.Has(Role::kAuditor) ? Allow("auditor")
                                       : Deny(Outcome::kForbidden, "auditors only");
  }
  return Deny(Outcome::kForbidden, "no rule allows this");
}

}  // namespace selfdirect
