// The one access policy: may this actor do this action on this resource?
//
// Every route and every use case names an Action; app/ asks Decide before doing anything. The
// answer is allow, or a denial that says how to answer: 401 (sign in first), 403 (you may know
// this exists but may not do this) or 404 (you may not even know this exists — a record in
// another council, or a person outside your caseload).
//
//   Decision d = Decide(actor, Action::kSchemesManage, Resource::Council(council_id));
//   if (!d.allowed()) return d.AsError();
#pragma once

#include <string>

#include "selfdirect/access/grants.h"
#include "selfdirect/access/roles.h"
#include "selfdirect/core/result.h"

namespace selfdirect {

enum class Action {
  kPublic,            // anyone, signed in or not (health checks, the start page, signing in)
  kOwnAccount,        // a signed-in user acting on their own account (sign out, change password)
  kCouncilsList,      // see which councils this deployment serves (public, for signing in)
  kCouncilsCreate,    // register a council (operators do this with the CLI)
  kCouncilRead,       // see one council's public details
  kSchemesRead,       // see a council's schemes and their settings
  kSchemesManage,     // add or change a council's schemes
  kUsersManage,       // list, add, disable users and change their roles
  kAuditRead,         // search the audit log
  kRasModelsRead,     // see a council's published RAS models (public: the published RAS)
  kRasEvaluate,       // work out an estimate with a published model, storing nothing (public)
  kRasModelsCheck,    // check a draft model and compare it with the current one
  kRasModelsPublish,  // publish a new model version
  kPeopleCreate,      // record a new person (first contact)
  kCaseloadRead,      // list the people on one's caseload
  kSignOffQueueRead,  // see the plans waiting for sign-off (approvers)
  kApprovalLimitsManage,  // set approvers' limits (administrators)
  kReviewsQueueRead,      // the reviews due and overdue (social workers)
  kTeamsRead,             // the council's teams and who is in them (staff)
  kTeamsManage,           // set up teams and their members (administrators)
  kConcernsRead,          // the safeguarding queue and one concern (safeguarding leads)
  kConcernsManage,        // triage a concern, record its enquiry, close it (safeguarding leads)
                          // On one person's record (Resource::Person), judged by the actor's
                          // relationship to them:
  kPersonView,            // see the record (casework)
  kPersonManageMoney,     // act on the money
  kPersonWritePlan,       // write the support plan
  kGrantsRead,            // see who has been given access to the record
  kGrantsManage,          // give or take away access to the record
  kRecordViewsRead,       // "who has seen my record": the person themselves only
  kCaseRecord,            // record eligibility decisions and assessments: the social worker
  kPlanDecide,            // approve, return, decline or refer a submitted plan: approvers
  kBudgetRead,            // the personal budget statement: the person, their representatives,
                          // their social worker, approvers and finance officers
  kContributionRecord,    // record the financial assessment's contribution: finance officers
  kConcernRaise,          // raise a safeguarding concern: anyone who may see the record
  kPersonConcernsRead,    // the concerns about this person: the safeguarding lead

  // The council's books: finance officers (app/ledger.h has the hook for a budget holder's own
  // accounts, which will be decided on their record).
  kLedgerAccountsOpen,     // open an account in the ledger
  kLedgerTransfersCreate,  // record a transfer
  kLedgerRead,             // an account's balance and its transfers
  // Payment runs and where people's money is paid: finance officers. A run above the council's
  // threshold needs a second finance officer (app/payments.h decides who).
  kPaymentsManage,
  kFinanceSettingsManage,  // the payment run approval threshold: administrators
  kPaymentDetailsManage,   // on a person's record: where their money is paid (finance officers)

  // Statement import (docs/statement-import.md). Formats and imports: finance officers.
  kStatementFormatsManage,  // add a council's statement format (its column mapping)
  kStatementsImport,        // import a statement into a holding account; see formats and imports
  // Record contributions paid into the council's bank from its bank file (app/payments.h,
  // ReadContributionFile): finance officers, across the council.
  kContributionFileRead,
  // On one person's record (Resource::Person): say what a statement line was. Finance
  // officers, the person, and whoever they granted "manage money" or "write plan".
  kStatementRecategorise,
  // Proportionate monitoring (app/monitoring.h): finance officers run the checks and decide
  // surplus proposals; alerts are read and acknowledged by the staff they are routed to (the
  // use case narrows each list to the alerts the actor's roles and caseload are for).
  kMonitoringRun,
  kSurplusProposalsManage,
  kAlertsRead,
  kAlertsManage,
  // Provider invoices for council-arranged services (app/invoices.h): finance officers record
  // them, decide the held ones and make the accounts-payable export.
  kInvoicesManage,
  // The finance overview (app/finance_overview.h): the council's personal budgets for a year
  // from the ledger, read by finance officers and commissioners (aggregates; the people who owe
  // contributions are shown only to those who may read the ledger). The council's budget for
  // personal budgets each year is set by finance officers.
  kFinanceOverviewRead,
  kCouncilBudgetsManage,
  // The provider register (app/market.h): commissioners add and change providers, their
  // services, documents and the approved list. The directory itself is public (kPublic).
  kMarketManage,
  // Personal assistants (app/personal_assistants.h). On one person's record: the person's PAs
  // and their employer's checklist are read by the person, anyone they granted access and their
  // social worker; changed by the person, someone with a manage-money or write-plan grant
  // (a representative, a support planner) and their social worker. Commissioners read the
  // council's PA workforce as aggregates only.
  kPersonalAssistantsRead,
  kPersonalAssistantsManage,
  kPaWorkforceRead,
  // Pooled budgets (app/pools.h). On one person's record (Resource::Person): their pools and
  // their statements are read by the person, anyone they granted access, their social worker
  // and finance officers; a pool is proposed, consented to, joined or left for a person by the
  // person, someone with a manage-money or write-plan grant (a representative, a support
  // planner) or their social worker. Asked of the council (Resource::Council), these two say
  // who may use the pool routes at all (budget holders, representatives, support planners,
  // social workers; finance officers read), before the use case looks at the pool's members.
  // The pools' money (collecting the members' shares, paying out) is moved by finance officers.
  kPoolsRead,
  kPoolsManage,
  kPoolMoneyManage,
  // Policy scenarios (app/scenarios.h): run a scenario over a synthetic council made in memory
  // and see the shipped examples: analysts and commissioners. Pure computation on made-up
  // people: nothing about any person is read, so nothing is audited.
  kScenariosRun,
};

// Stable name, e.g. "schemes.manage"; used in the audit log and the route table.
const char* ActionName(Action action);

// What an action is done to. Grows with casework (a person, a plan, a budget).
struct Resource {
  CouncilId council_id;         // empty for deployment-wide resources
  PersonId person_id{};         // set for a person's record
  Relationship relationship{};  // the actor's standing to that person, computed by app/

  static Resource Deployment() { return {}; }
  static Resource Council(CouncilId id) { return {std::move(id)}; }
  static Resource Person(CouncilId council, PersonId person, Relationship relationship) {
    return {std::move(council), std::move(person), std::move(relationship)};
  }
};

enum class Outcome { kAllow, kUnauthenticated, kForbidden, kHidden };

struct Decision {
  Outcome outcome = Outcome::kForbidden;
  std::string reason;   // for the audit log; never personal data
  std::string message;  // for the person, when it helps more than "You do not have permission"

  bool allowed() const { return outcome == Outcome::kAllow; }
  // The Error to return for a denial: kPermissionDenied (401/403 by `outcome`) or kNotFound.
  Error AsError() const;
};

Decision Decide(const Actor& actor, Action action, const Resource& resource);

}  // namespace selfdirect
