#include "selfdirect/access/policy.h"

#include <algorithm>

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

bool Granted(const Relationship& r, GrantScope scope) {
  if (scope == GrantScope::kView) return !r.granted.empty();
  return std::find(r.granted.begin(), r.granted.end(), scope) != r.granted.end();
}

// Object-level rules for one person's record. Someone with no standing at all is told the
// record does not exist (404); someone with some standing but not this power, 403.
Decision DecideForPerson(const Actor& actor, Action action, const Relationship& r) {
  const bool caseworker = actor.Has(Role::kAssessor) && r.in_caseload;
  // Approvers see the record of a person whose plan they decide (the council's people).
  const bool approver = actor.Has(Role::kApprover) && r.in_council;
  // Finance officers handle the money of the council's people, never their case notes.
  const bool finance = actor.Has(Role::kFinanceOfficer) && r.in_council;
  // The safeguarding lead sees the records the concerns they handle relate to.
  const bool safeguarding = actor.Has(Role::kSafeguardingLead) && r.concern_on_record;
  const bool any_standing =
      r.self || !r.granted.empty() || caseworker || approver || finance || safeguarding;
  if (!any_standing) return Deny(Outcome::kHidden, "no relationship to this person");
  switch (action) {
    case Action::kBudgetRead:
      return Allow(r.self         ? "own record"
                   : caseworker   ? "caseload"
                   : approver     ? "approver"
                   : finance      ? "finance officer"
                   : safeguarding ? "safeguarding lead: a concern is on record"
                                  : "granted");
    case Action::kContributionRecord:
      if (finance) return Allow("finance officer");
      return Deny(Outcome::kForbidden, "contributions are recorded by a finance officer");
    case Action::kPaymentDetailsManage:
      if (finance) return Allow("finance officer");
      return Deny(Outcome::kForbidden, "payment details are kept by finance officers");
    case Action::kPersonView:
      if (!(r.self || caseworker || approver || safeguarding || !r.granted.empty())) {
        return Deny(Outcome::kForbidden, "finance officers see the money, not the case record");
      }
      return Allow(r.self         ? "own record"
                   : caseworker   ? "caseload"
                   : approver     ? "approver"
                   : safeguarding ? "safeguarding lead: a concern is on record"
                                  : "granted");
    case Action::kConcernRaise:  // anyone with access to the record or its money
      return Allow(r.self         ? "own record"
                   : caseworker   ? "caseload"
                   : approver     ? "approver"
                   : safeguarding ? "safeguarding lead: a concern is on record"
                   : finance      ? "finance officer"
                                  : "granted");
    case Action::kPersonConcernsRead:
      if (safeguarding) return Allow("safeguarding lead: a concern is on record");
      return Deny(Outcome::kForbidden, "only the safeguarding lead sees the concerns");
    case Action::kGrantsRead:
      if (r.self || caseworker || !r.granted.empty()) {
        return Allow(r.self ? "own record" : caseworker ? "caseload" : "granted");
      }
      return Deny(Outcome::kForbidden, "approvers and finance officers do not see who has access");
    case Action::kPlanDecide:
      if (approver) return Allow("approver");
      return Deny(Outcome::kForbidden, "only an approver decides a plan");
    case Action::kPersonManageMoney:
      if (r.self || Granted(r, GrantScope::kManageMoney)) return Allow("own record or grant");
      return Deny(Outcome::kForbidden, "no grant to manage this person's money");
    case Action::kPersonWritePlan:
      if (r.self || caseworker || Granted(r, GrantScope::kWritePlan)) {
        return Allow("own record, caseload or grant");
      }
      return Deny(Outcome::kForbidden, "no grant to write this person's plan");
    case Action::kGrantsManage:
      if (r.self || caseworker) return Allow(r.self ? "own record" : "caseload, with a reason");
      return Deny(Outcome::kForbidden, "only the person or their social worker gives access");
    case Action::kCaseRecord:
      if (caseworker) return Allow("caseload");
      return Deny(Outcome::kForbidden,
                  "eligibility, assessments, reviews and closures are recorded by the social "
                  "worker");
    case Action::kStatementRecategorise:
      if (finance || r.self || Granted(r, GrantScope::kManageMoney) ||
          Granted(r, GrantScope::kWritePlan)) {
        return Allow(finance ? "finance officer" : r.self ? "own record" : "grant");
      }
      return Deny(Outcome::kForbidden,
                  "statement lines are re-categorised by the person, someone they have given "
                  "a grant to, or a finance officer");
    case Action::kPersonalAssistantsRead:
      if (r.self || caseworker || !r.granted.empty()) {
        return Allow(r.self ? "own record" : caseworker ? "caseload" : "granted");
      }
      return Deny(Outcome::kForbidden,
                  "a person's personal assistants are seen by the person, the people they "
                  "chose and their social worker");
    case Action::kPersonalAssistantsManage:
      if (r.self || caseworker || Granted(r, GrantScope::kManageMoney) ||
          Granted(r, GrantScope::kWritePlan)) {
        return Allow(r.self ? "own record" : caseworker ? "caseload" : "grant");
      }
      return Deny(Outcome::kForbidden,
                  "personal assistants are recorded by the person, someone with a grant to "
                  "manage their money or write their plan, or their social worker");
    case Action::kPoolsRead:
      if (r.self || caseworker || finance || !r.granted.empty()) {
        return Allow(r.self       ? "own record"
                     : caseworker ? "caseload"
                     : finance    ? "finance officer"
                                  : "granted");
      }
      return Deny(Outcome::kForbidden,
                  "a person's pooled budgets are seen by the person, the people they chose, "
                  "their social worker and finance officers");
    case Action::kPoolsManage:
      if (r.self || caseworker || Granted(r, GrantScope::kManageMoney) ||
          Granted(r, GrantScope::kWritePlan)) {
        return Allow(r.self ? "own record" : caseworker ? "caseload" : "grant");
      }
      return Deny(Outcome::kForbidden,
                  "a person joins, consents to or leaves a pooled budget themselves, or through "
                  "someone with a grant to manage their money or write their plan, or their "
                  "social worker");
    case Action::kRecordViewsRead:
      if (r.self) return Allow("own record");
      return Deny(Outcome::kForbidden, "only the person sees who has looked at their record");
    default:
      break;
  }
  return Deny(Outcome::kForbidden, "no rule allows this");
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
    case Action::kRasModelsRead:
      return "ras-models.read";
    case Action::kRasEvaluate:
      return "ras.evaluate";
    case Action::kRasModelsCheck:
      return "ras-models.check";
    case Action::kRasModelsPublish:
      return "ras-models.publish";
    case Action::kPeopleCreate:
      return "people.create";
    case Action::kCaseloadRead:
      return "caseload.read";
    case Action::kCaseRecord:
      return "case.record";
    case Action::kPlanDecide:
      return "plan.decide";
    case Action::kBudgetRead:
      return "budget.read";
    case Action::kContributionRecord:
      return "contribution.record";
    case Action::kReviewsQueueRead:
      return "reviews-queue.read";
    case Action::kTeamsRead:
      return "teams.read";
    case Action::kTeamsManage:
      return "teams.manage";
    case Action::kSignOffQueueRead:
      return "sign-off-queue.read";
    case Action::kApprovalLimitsManage:
      return "approval-limits.manage";
    case Action::kPersonView:
      return "person.view";
    case Action::kPersonManageMoney:
      return "person.manage-money";
    case Action::kPersonWritePlan:
      return "person.write-plan";
    case Action::kGrantsRead:
      return "grants.read";
    case Action::kGrantsManage:
      return "grants.manage";
    case Action::kRecordViewsRead:
      return "record-views.read";
    case Action::kConcernsRead:
      return "concerns.read";
    case Action::kConcernsManage:
      return "concerns.manage";
    case Action::kConcernRaise:
      return "concern.raise";
    case Action::kPersonConcernsRead:
      return "person.concerns-read";
    case Action::kLedgerAccountsOpen:
      return "ledger-accounts.open";
    case Action::kLedgerTransfersCreate:
      return "ledger-transfers.create";
    case Action::kLedgerRead:
      return "ledger.read";
    case Action::kPaymentsManage:
      return "payments.manage";
    case Action::kFinanceSettingsManage:
      return "finance-settings.manage";
    case Action::kPaymentDetailsManage:
      return "payment-details.manage";
    case Action::kStatementFormatsManage:
      return "statement-formats.manage";
    case Action::kStatementsImport:
      return "statements.import";
    case Action::kContributionFileRead:
      return "contribution-file.read";
    case Action::kStatementRecategorise:
      return "statement.recategorise";
    case Action::kMonitoringRun:
      return "monitoring.run";
    case Action::kSurplusProposalsManage:
      return "surplus-proposals.manage";
    case Action::kAlertsRead:
      return "alerts.read";
    case Action::kAlertsManage:
      return "alerts.manage";
    case Action::kInvoicesManage:
      return "invoices.manage";
    case Action::kFinanceOverviewRead:
      return "finance-overview.read";
    case Action::kCouncilBudgetsManage:
      return "council-budgets.manage";
    case Action::kMarketManage:
      return "market.manage";
    case Action::kPersonalAssistantsRead:
      return "personal-assistants.read";
    case Action::kPersonalAssistantsManage:
      return "personal-assistants.manage";
    case Action::kPaWorkforceRead:
      return "pa-workforce.read";
    case Action::kPoolsRead:
      return "pools.read";
    case Action::kPoolsManage:
      return "pools.manage";
    case Action::kPoolMoneyManage:
      return "pool-money.manage";
    case Action::kScenariosRun:
      return "scenarios.run";
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
      return Error{ErrorCode::kPermissionDenied,
                   message.empty() ? "You do not have permission to do that" : message,
                   {}};
    case Outcome::kHidden:
      return Error{ErrorCode::kNotFound, "There is no record at this address", {}};
  }
  return Error{ErrorCode::kInternal, "AsError called on an allow decision", {}};
}

namespace {
Decision DecideFor(const Actor& actor, Action action, const Resource& resource);
}  // namespace

Decision Decide(const Actor& actor, Action action, const Resource& resource) {
  Decision d = DecideFor(actor, action, resource);
  if (d.outcome == Outcome::kForbidden && actor.administrator_needs_totp) {
    // Say why when the administrator role, held back until two-step sign-in is set up, would
    // have allowed it.
    Actor with_role = actor;
    with_role.roles.push_back(Role::kAdministrator);
    with_role.administrator_needs_totp = false;
    if (DecideFor(with_role, action, resource).allowed()) {
      d.reason = "administrator without two-step sign-in";
      d.message =
          "Set up two-step sign-in on your account page first: administrators need it before "
          "they can change users, schemes or models";
    }
  }
  return d;
}

namespace {

Decision DecideFor(const Actor& actor, Action action, const Resource& resource) {
  if (action == Action::kPublic || action == Action::kCouncilsList ||
      action == Action::kRasModelsRead || action == Action::kRasEvaluate) {
    return Allow("public");
  }
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
    case Action::kTeamsRead:
      return IsStaff(actor) ? Allow("staff of the council")
                            : Deny(Outcome::kForbidden, "schemes are for council staff");
    case Action::kRasModelsRead:
    case Action::kRasEvaluate:
      return Allow("the published RAS is public");
    case Action::kRasModelsCheck:
      return actor.Has(Role::kAdministrator) || actor.Has(Role::kAnalyst)
                 ? Allow("administrator or analyst")
                 : Deny(Outcome::kForbidden, "administrators and analysts check models");
    case Action::kSchemesManage:
    case Action::kRasModelsPublish:
    case Action::kUsersManage:
      return actor.Has(Role::kAdministrator) ? Allow("administrator")
                                             : Deny(Outcome::kForbidden, "administrators only");
    case Action::kAuditRead:
      return actor.Has(Role::kAuditor) ? Allow("auditor")
                                       : Deny(Outcome::kForbidden, "auditors only");
    case Action::kPeopleCreate:
    case Action::kCaseloadRead:
    case Action::kReviewsQueueRead:
      return actor.Has(Role::kAssessor) ? Allow("assessor")
                                        : Deny(Outcome::kForbidden, "social workers only");
    case Action::kSignOffQueueRead:
      return actor.Has(Role::kApprover) ? Allow("approver")
                                        : Deny(Outcome::kForbidden, "approvers only");
    case Action::kApprovalLimitsManage:
    case Action::kTeamsManage:
      return actor.Has(Role::kAdministrator) ? Allow("administrator")
                                             : Deny(Outcome::kForbidden, "administrators only");
    case Action::kConcernsRead:
    case Action::kConcernsManage:
      return actor.Has(Role::kSafeguardingLead)
                 ? Allow("safeguarding lead")
                 : Deny(Outcome::kForbidden, "safeguarding leads only");
    case Action::kLedgerAccountsOpen:
    case Action::kLedgerTransfersCreate:
    case Action::kLedgerRead:
      // The council's books are kept by its finance officers. Budget holders will see their
      // own money through their record (app::Ledger::AuthorizeRead), not through this rule.
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden, "the ledger is kept by finance officers");
    case Action::kPaymentsManage:
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden, "payments are made by finance officers");
    case Action::kFinanceSettingsManage:
      return actor.Has(Role::kAdministrator) ? Allow("administrator")
                                             : Deny(Outcome::kForbidden, "administrators only");
    case Action::kStatementFormatsManage:
    case Action::kStatementsImport:
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden, "statements are imported by finance officers");
    case Action::kContributionFileRead:
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden,
                        "contributions paid in are recorded by finance officers");
    case Action::kInvoicesManage:
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden, "provider invoices are handled by finance officers");
    case Action::kMonitoringRun:
    case Action::kSurplusProposalsManage:
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden, "money is monitored by finance officers");
    case Action::kAlertsRead:
    case Action::kAlertsManage:
      return actor.Has(Role::kFinanceOfficer) || actor.Has(Role::kSafeguardingLead) ||
                     actor.Has(Role::kAssessor) || actor.Has(Role::kSupportPlanner)
                 ? Allow("staff alerts are routed to")
                 : Deny(Outcome::kForbidden,
                        "alerts go to finance officers, social workers, support planners and "
                        "safeguarding leads");
    case Action::kFinanceOverviewRead:
      return actor.Has(Role::kFinanceOfficer) || actor.Has(Role::kCommissioner)
                 ? Allow("finance officer or commissioner")
                 : Deny(Outcome::kForbidden,
                        "the finance overview is for finance officers and commissioners");
    case Action::kCouncilBudgetsManage:
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden,
                        "the council's budget for personal budgets is set by finance officers");
    case Action::kMarketManage:
      return actor.Has(Role::kCommissioner)
                 ? Allow("commissioner")
                 : Deny(Outcome::kForbidden, "the provider register is kept by commissioners");
    case Action::kScenariosRun:
      return actor.Has(Role::kAnalyst) || actor.Has(Role::kCommissioner)
                 ? Allow("analyst or commissioner")
                 : Deny(Outcome::kForbidden, "policy scenarios are for analysts and commissioners");
    case Action::kPaWorkforceRead:
      return actor.Has(Role::kCommissioner)
                 ? Allow("commissioner")
                 : Deny(Outcome::kForbidden, "the PA workforce figures are for commissioners");
    case Action::kPoolMoneyManage:
      return actor.Has(Role::kFinanceOfficer)
                 ? Allow("finance officer")
                 : Deny(Outcome::kForbidden, "a pool's money is moved by finance officers");
    case Action::kPoolsRead:
    case Action::kPoolsManage:
      if (resource.person_id.empty()) {
        // The pool routes as a whole: the use case then looks for standing on a member.
        const bool people_side = actor.Has(Role::kBudgetHolder) ||
                                 actor.Has(Role::kRepresentative) ||
                                 actor.Has(Role::kSupportPlanner) || actor.Has(Role::kAssessor);
        if (people_side || (action == Action::kPoolsRead && actor.Has(Role::kFinanceOfficer))) {
          return Allow("may use pooled budgets");
        }
        return Deny(Outcome::kForbidden,
                    "pooled budgets are used by budget holders, the people who act for them "
                    "and their social workers");
      }
      return DecideForPerson(actor, action, resource.relationship);
    case Action::kPersonalAssistantsRead:
    case Action::kPersonalAssistantsManage:
    case Action::kPersonView:
    case Action::kConcernRaise:
    case Action::kPersonConcernsRead:
    case Action::kPersonManageMoney:
    case Action::kPersonWritePlan:
    case Action::kCaseRecord:
    case Action::kPlanDecide:
    case Action::kBudgetRead:
    case Action::kContributionRecord:
    case Action::kPaymentDetailsManage:
    case Action::kGrantsRead:
    case Action::kGrantsManage:
    case Action::kRecordViewsRead:
    case Action::kStatementRecategorise:
      return DecideForPerson(actor, action, resource.relationship);
  }
  return Deny(Outcome::kForbidden, "no rule allows this");
}

}  // namespace

}  // namespace selfdirect
