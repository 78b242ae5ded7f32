// Budgets in payment and payment runs: what is stored about a signed-off budget, where its money
// is paid, and how a payment run turns each budget's schedule (schedule.h) into ledger transfers
// and a payment file.
//
// The accounts of a budget (opened on sign-off, app/payments.h):
//   council fund ──commitment──► budget commitment ──payment──► direct-payment holding account
//                                                   ──payment──► managed budget (an organisation)
//   contribution receivable ──contribution (owed)──► budget commitment
// So the commitment account holds what the council has set aside and not yet paid; a payment
// run draws it down, and a contribution the person owes puts back what the council will collect.
//
// A run's lines are fixed when it is started: approving a run approves exactly those lines.
// Each line's transfer id is the schedule's key, so posting a line twice posts it once.
//
// Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/schedule.h"
#include "selfdirect/ledger/transfer.h"

namespace selfdirect::ledger {

// A budget's terms as stored: the schedule's terms and the plan they came from.
struct StoredTerms {
  BudgetTerms terms;
  PlanId plan;
};

struct StoredSuspension {
  std::int64_t seq = 0;
  Suspension suspension;
  Timestamp recorded_at;
  UserId recorded_by;
};

// A signed-off budget in payment: one per person and scheme until it ends.
struct BudgetRecord {
  CouncilId council;
  BudgetId id;
  PersonId person;
  SchemeId scheme;
  Date start;
  std::optional<Date> end;  // the last day funded, when terminated
  ContributionCollection collection = ContributionCollection::kNet;
  Period interval = Period::kFourWeekly;
  WeeksPerYear weeks_per_year{52, 1};
  LedgerAccountId commitment_account;
  std::optional<LedgerAccountId> holding_account;       // direct payments
  std::optional<LedgerAccountId> managed_account;       // a managed budget
  std::optional<LedgerAccountId> contribution_account;  // the contribution receivable
  std::vector<StoredTerms> terms;                       // by from date
  std::vector<OneOffItem> one_offs;
  std::vector<StoredSuspension> suspensions;  // by seq
  Timestamp created_at;
  UserId created_by;  // the approver who signed the first plan off
  // The financial year (its start year) the council's money was last committed for: on sign-off
  // for the rest of that year, then by the first payment run of each later year. 0 (budgets
  // stored before it was kept) counts as the year the budget started: see CommittedYear.
  int committed_year = 0;
};

// The financial year (start year) the budget's money is committed to: committed_year, or the
// year the budget started if that is later.
int CommittedYear(const BudgetRecord& budget);

// The schedule's view of the record.
BudgetInForce ToBudgetInForce(const BudgetRecord& budget);

// The four prefixes a budget's payment keys start with ("dp:{budget}:", …), for finding what has
// been paid.
std::vector<std::string> PaymentKeyPrefixes(const BudgetId& budget);

// ----- Where the money is paid -----

enum class PayRoute { kDirectPayment, kManagedBudget };
const char* PayRouteName(PayRoute route);  // "direct_payment" | "managed_budget"
std::optional<PayRoute> ParsePayRoute(std::string_view text);

// The terms in force on `date`: the last ones from on or before it; nullptr before the first.
const StoredTerms* TermsOn(const BudgetRecord& budget, Date date);

// What a route pays in a week under the terms: its weekly lines plus its yearly lines spread over
// the scheme's weeks per year, half up to the penny. (The schedule's own arithmetic is exact; this
// is for sentences and thresholds.)
Result<Pence> WeeklyCost(const BudgetRecord& budget, const StoredTerms& terms, PayRoute route);

struct PaymentDetails {
  CouncilId council;
  PersonId person;
  PayRoute route = PayRoute::kDirectPayment;
  std::string payee_name;
  std::string sort_code;       // six digits, or ""
  std::string account_number;  // eight digits, or ""
  std::string card_reference;  // a prepaid card's reference, or ""
  Timestamp updated_at;
  UserId updated_by;
};

struct PaymentDetailsRequest {
  std::string route, payee_name, sort_code, account_number, card_reference;
};

// Checks every field (each named): a route; a payee name (up to 140 characters); either a sort
// code (six digits; spaces and dashes are ignored) with an account number (eight digits; a
// shorter one is not padded), or a card reference (up to 40 letters, digits and dashes), not
// both. Fills route, payee and the account fields; the caller fills the rest.
Result<PaymentDetails> ValidatePaymentDetails(const PaymentDetailsRequest& request);

// "****5678": an account number as pages and files outside the payment file show it.
std::string MaskAccountNumber(std::string_view account_number);

// ----- Payment runs -----

enum class RunStatus { kAwaitingApproval, kReady, kReleasing, kReleased, kRejected };
const char* RunStatusName(RunStatus status);   // "awaiting_approval", …
const char* RunStatusLabel(RunStatus status);  // "Waiting for a second approval", …
std::optional<RunStatus> ParseRunStatus(std::string_view text);

struct RunLine {
  std::int64_t seq = 0;  // 1, 2, … in the order of the run
  std::string transfer_id;
  BudgetId budget;
  PersonId person;
  PaymentKind kind = PaymentKind::kDirectPayment;
  Payee payee = Payee::kHoldingAccount;
  Pence amount;
  Date covers_from, covers_to;
  std::string held_reason;  // "" when it is paid
  // The accounts the line's transfer moves money between (AccountsFor), fixed with the line when
  // the run is started, so that releasing it needs only the lines. Empty when the budget had no
  // account for it (TransferFor then refuses the line).
  LedgerAccountId debit_account, credit_account;
  bool posted = false;

  bool held() const { return !held_reason.empty(); }
  // Money paid out of the council (not a contribution, which is owed to it).
  bool paid_out() const { return kind != PaymentKind::kContribution; }
};

// Which of a run's lines a page of them lists (PaymentsRepository::RunLinesPage), and in what
// order. Ties are broken by the lines' order in the run, so that pages do not overlap.
enum class RunLineOrder {
  kLargestFirst,  // by amount, the largest first
  kByName,        // by the person's family name, then given name
  kRunOrder,      // as the run made them
};
const char* RunLineOrderName(RunLineOrder order);  // "largest" | "name" | "run"
std::optional<RunLineOrder> ParseRunLineOrder(std::string_view name);

struct RunLinesQuery {
  std::optional<PaymentKind> kind;  // only lines of this kind
  // Only lines of people whose name ("given family") holds this, ignoring the case of English
  // letters; "" for everyone. Matched as it is: % and _ are not wildcards.
  std::string name;
  RunLineOrder order = RunLineOrder::kLargestFirst;
  std::int64_t offset = 0;  // lines skipped
  int limit = 50;           // at most this many
};

struct RunOverpaid {
  std::int64_t seq = 0;
  BudgetId budget;
  PersonId person;
  std::string recovery_id;
  Pence to_recover;
  std::string sentence;
};

struct PaymentRun {
  CouncilId council;
  PaymentRunId id;
  Date date;
  RunStatus status = RunStatus::kReady;
  Pence threshold;  // the approval threshold when the run was started
  Timestamp started_at;
  UserId started_by;  // empty for the operator (the command line)
  std::optional<Timestamp> approved_at;
  UserId approved_by;
  std::optional<Timestamp> released_at;
  UserId released_by;
  std::string rejected_reason;
  // Fixed when the run is started (Summarise): lines paid out, their total, the budgets they
  // pay, and lines held.
  std::int64_t budgets = 0;
  std::int64_t payments = 0;
  Pence total;
  std::int64_t held = 0;
  // How far the release has got: lines are posted in their order, a chunk at a time, so every
  // line not held up to this seq is in the ledger (0: none yet).
  std::int64_t posted_through = 0;
  // The last day whose payments the run pays (PaysThrough): fixed when it is started.
  Date pays_through;
};

struct KindTotal {
  PaymentKind kind = PaymentKind::kDirectPayment;
  std::int64_t count = 0;
  Pence total;
};

// What a run pays, added up. Held lines are counted apart and in no total.
struct RunTotals {
  std::int64_t budgets = 0;        // budgets with a line that is paid
  std::int64_t payments = 0;       // lines paid out (not held, not contributions)
  Pence total;                     // what they pay out
  std::vector<KindTotal> by_kind;  // kinds present among lines not held, in PaymentKind order
  std::int64_t held = 0;
  std::int64_t posted = 0;   // lines in the ledger
  std::int64_t to_post = 0;  // lines not held
};
// Fails with kOverflow only for totals no council reaches.
Result<RunTotals> Summarise(std::span<const RunLine> lines);

// Whether a run paying `total` needs a second finance officer: above the threshold.
inline bool NeedsSecondApproval(Pence total, Pence threshold) { return total > threshold; }

// How often the council runs payments, in days (a finance setting). Payments are made in
// advance: each run pays every period and one-off that begins before the next run is due, so
// nothing is paid after the day it is for. Were a run to pay only what had begun by its own
// date, a period beginning the day after a four-weekly run would be paid 27 days late.
inline constexpr int kDefaultRunEveryDays = 7;
inline constexpr int kMaxRunEveryDays = 28;

// The last day whose payments a run on `date` pays: the day before the next run
// (`every_days` 1: the run's own date).
Date PaysThrough(Date date, int every_days);

// kInvalidArgument naming "payment_run_every_days" unless 1 to kMaxRunEveryDays.
Status CheckRunEveryDays(std::int64_t every_days);

// "It pays every period that begins on or before 6 December 2026, the day before the
// next run (runs are every 7 days), so each is paid before it begins."
std::string PaysThroughSentence(Date date, Date pays_through);

// The run's lines for one budget, numbered from `next_seq`: each scheduled payment with its
// accounts (AccountsFor; none when the budget lacks one), held when the money has nowhere to go
// (no payment details for its route, for direct payments and managed budgets; a contribution is
// never held), and the budget's overpayments.
struct BudgetRunLines {
  std::vector<RunLine> lines;
  std::vector<RunOverpaid> overpaid;
};
BudgetRunLines LinesOf(const BudgetRecord& budget, const DueRun& due, bool has_direct_details,
                       bool has_managed_details, std::int64_t next_seq,
                       std::int64_t next_overpaid_seq);

// The transfer that recovers an overpayment a finance officer has agreed to recover, under its
// recovery key (so it is recovered once, and the schedule stops listing it): money paid in
// advance for days no longer funded goes back from the holding account (or the managed budget)
// to the budget's commitment (code clawback); a contribution charged for days not funded is
// credited back, from the commitment to the receivable (code contribution). kFailedPrecondition
// when the budget lacks the account.
Result<Transfer> RecoveryTransfer(const Overpayment& overpayment, const BudgetRecord& budget,
                                  std::string_view reason, Timestamp at, const UserId& by);

// The accounts a line's transfer moves money between, as (debit, credit): from the commitment to
// the holding account or managed budget, or for a contribution from the receivable to the
// commitment. kFailedPrecondition when the budget lacks the account the line needs.
Result<std::pair<LedgerAccountId, LedgerAccountId>> AccountsFor(const RunLine& line,
                                                                const BudgetRecord& budget);

// The ledger transfer a line posts (code payment, one_off or contribution; reference the run),
// between the line's accounts (AccountsFor, kept with the line). Its value date is `paid_on`, the
// run's payment date, whenever the run is released. kFailedPrecondition, as AccountsFor, when the
// line has no accounts.
Result<Transfer> TransferFor(const RunLine& line, const CouncilId& council, const PaymentRunId& run,
                             Date paid_on, Timestamp at, const UserId& by);

// The payment file a bank takes: a header and one row per line paid (not held, not a
// contribution), in run order. Columns: payee_name, sort_code, account_number, card_reference,
// amount (pounds, "123.45"), reference, person_id, kind, covers_from, covers_to. The reference is
// what the payee's bank statement shows: "SD " and the period, at most 18 characters.
// A line whose person has no details for its route is left out (it would have been held).
// Text fields that a spreadsheet would read as a formula are prefixed with an apostrophe.
std::string PaymentFile(std::span<const RunLine> lines,
                        const std::map<std::pair<PersonId, PayRoute>, PaymentDetails>& details);

// The route a line is paid through: its payee's (a contribution's is the direct payment's).
PayRoute RouteOf(const RunLine& line);

}  // namespace selfdirect::ledger
