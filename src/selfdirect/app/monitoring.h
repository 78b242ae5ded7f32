// Proportionate monitoring of money in payment (issue #6): run the checks, route alerts to the
// staff who should ask about them, and let a finance officer decide surplus recoveries.
//
//   app::Monitoring monitoring(store, clock, ids);
//   auto run = monitoring.Run(ctx, date);            // alerts and proposals; no duplicates
//   auto mine = monitoring.Alerts(ctx);              // the alerts routed to this actor
//   monitoring.UpdateAlert(ctx, id, {"close", "Spoke to Ada: a new boiler, agreed"});
//   monitoring.DecideProposal(ctx, id, {"approve", "Balance confirmed with Ada"});
//
// For each budget in payment with a direct-payment holding account, the position is read from
// the ledger: the holding account's balance; the weekly budget from the terms in force (the
// direct payment's weekly lines plus its yearly lines ÷ the scheme's weeks per year, half up to
// the penny); the spend lines are the account's `spend` transfers (to a payee account) over the
// last 13 weeks, dated by when they were recorded; the period end is the end of the schedule's
// period containing the date. ledger::Monitor decides; this records what it finds:
//   - a surplus: a proposal (one waiting per budget) and an alert for finance officers;
//   - an exhaustion forecast before the period ends: an alert for finance officers;
//   - each spend signal: an alert for its recipient (the planner or the social worker), which
//     the safeguarding lead also sees when it is a safeguarding signal.
// A person has at most one alert of a kind that is not closed, so a re-run adds nothing new.
//
// Nothing here stops, reduces or recovers money by itself: approving a proposal (a finance
// officer, never automatic) posts one `clawback` transfer from the holding account to the
// council's fund under the id "clawback:{proposal}".
//
// Spend lines: the payee is the payee account's name, or, for a line of an imported statement
// (paid into the one account kPaidOutAccountName), the payee the statement named (app/statements.h,
// StatementPayee). A line whose reference or payee mentions "cash" or "ATM" is a cash withdrawal; a
// payment matches the plan when its payee names a supplier of the plan in force (either name
// containing the other, ignoring case). The ledger records no household relatives yet, so that
// signal is raised only once statements carry it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/ledger/monitoring_repository.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// How many weeks of spend lines a run looks at.
inline constexpr int kMonitoringSpendWeeks = 13;

struct MonitoringRunSummary {
  Date date;
  std::int64_t budgets = 0;  // budgets checked (in payment with a holding account)
  std::int64_t skipped = 0;  // budgets in payment with nothing to check (no holding account,
                             // not started, or ended)
  std::map<std::string, std::int64_t> raised;  // new alerts by kind name
  std::int64_t still_open = 0;                 // findings whose alert was already open
  std::int64_t proposals = 0;                  // new surplus recovery proposals
  std::vector<std::string> problems;           // budgets that could not be checked, and why
};

// A spend line an alert quotes as evidence, as the ledger recorded it.
struct EvidenceLine {
  std::string id;  // the transfer's id (as in Alert::evidence)
  Date on;         // the day it was recorded
  std::string payee;
  std::string reference;
  Pence amount;
};

struct AlertView {
  ledger::Alert alert;
  std::string person_name;
  std::string acknowledged_by_name, closed_by_name;
  std::vector<EvidenceLine> evidence_lines;  // the evidence, in its order; one no longer in the
                                             // ledger is left out
  // What the actor may open about the person, by the access policy: their case record
  // (person.view) and their plan, budget and money (budget.read).
  bool may_view_record = false;
  bool may_view_budget = false;
};

// One page of the alerts routed to an actor, with how many there are in all.
struct AlertPage {
  static constexpr int kPerPage = 25;
  std::vector<AlertView> alerts;  // this page's: new first, then being looked into, then closed;
                                  // newest first within each
  std::int64_t open = 0, acknowledged = 0, closed = 0;  // on every page
  int page = 1;                                         // from 1
  int pages = 1;                                        // at least 1
  std::int64_t total() const { return open + acknowledged + closed; }
};

struct AlertUpdate {
  std::string action;  // "acknowledge" | "close"
  std::string notes;   // required to close; up to 2,000 characters
};

struct ProposalView {
  ledger::SurplusProposal proposal;
  std::string person_name;
  std::string decided_by_name;
  LedgerAccountId account;  // the holding account the surplus would be recovered from
};

struct ProposalDecision {
  std::string decision;  // "approve" | "decline"
  std::string reason;    // required; up to 2,000 characters
};

// (budgets checked so far, budgets to check).
using MonitoringProgress = std::function<void(std::int64_t, std::int64_t)>;

class Monitoring {
 public:
  Monitoring(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Runs the checks for every budget in payment on `date` (finance officers; the operator from
  // the command line). Budgets are checked in chunks, each in its own transaction; running
  // again (after a crash, or the next day) adds only what is new.
  Result<MonitoringRunSummary> Run(const Context& ctx, Date date,
                                   const MonitoringProgress& progress = {});
  // The same with the date as typed: the actor's rights are checked first.
  Result<MonitoringRunSummary> Run(const Context& ctx, const std::string& date);

  // The alerts routed to the actor, newest first: finance officers see surplus and exhaustion;
  // safeguarding leads the safeguarding signals; social workers the signals about people on
  // their caseload; support planners the planner's signals about people who granted them
  // access. Closed ones too when `with_closed`.
  Result<std::vector<AlertView>> Alerts(const Context& ctx, bool with_closed = false);
  // The same a page at a time (`per_page` of them; the first page is 1), in AlertPage's order.
  // A page after the last is the last.
  Result<AlertPage> AlertsPage(const Context& ctx, bool with_closed, int page,
                               int per_page = AlertPage::kPerPage);
  // Acknowledges or closes an alert routed to the actor. kNotFound for one that is not;
  // kConflict for one already closed (or acknowledging one already acknowledged).
  Result<AlertView> UpdateAlert(const Context& ctx, const AlertId& id, const AlertUpdate& update);

  // Surplus recovery proposals, those waiting first (finance officers).
  Result<std::vector<ProposalView>> SurplusProposals(const Context& ctx);
  // Approves (posting the clawback) or declines (posting nothing) a waiting proposal. kConflict
  // when it was decided already, or the account no longer holds the amount.
  Result<ProposalView> DecideProposal(const Context& ctx, const SurplusProposalId& id,
                                      const ProposalDecision& decision);

 private:
  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
