// The payment schedule of a budget in force: what is due, to whom, and when.
//
// A signed-off budget pays its direct-payment lines in advance, at the scheme's interval
// (four-weekly by default), into the person's holding account, and its managed-budget lines to
// the organisation holding them. Council-arranged lines are not scheduled payments (the council
// pays providers' invoices) but are committed. The person's contribution is either taken off the
// direct payment (net) or paid in full and collected separately (gross).
//
// The schedule is a grid of periods from the start date that never moves: a change of plan, a
// suspension (a hospital stay) or a termination changes what a period is worth, pro rata to the
// day, but not where periods begin. Every payment has a deterministic key
// ("dp:{budget}:{period start}") for the ledger transfer's idempotency id, so a payment run on the
// same date twice posts nothing new.
//
//   auto schedule = MakeSchedule(budget);                      // Result<PaymentSchedule>
//   auto due = DueOn(*schedule, run_date, paid_so_far);        // Result<DueRun>
//   for (const ScheduledPayment& p : due->payments) ledger.Post(p.key, p.amount, ...);
//
// Rounding (docs/money.md, "Payment schedules"): a period's amount is the exact share of the
// year, and a whole period carries the pennies forward (each payment is the running total of the
// terms so far rounded down, less what earlier periods of the same terms paid), so a run of whole
// periods never pays more than the exact amount and falls short of it by less than a penny. A
// part period (pro rata) is worked out to the day and rounded down (RoundingRule::kDown): a
// payment is never more than the exact amount for the days it pays for. A commitment is rounded
// up (kUp) so that the money set aside is never short of the exact share.
//
// Pure domain: no I/O. Expected failures are Result values naming the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/period.h"
#include "selfdirect/core/result.h"

namespace selfdirect::ledger {

// How the person's assessed contribution is collected (a scheme setting).
enum class ContributionCollection {
  kNet,    // taken off the direct payment; any part larger than it is collected separately
  kGross,  // the direct payment is paid in full and the whole contribution collected separately
};

const char* ContributionCollectionName(ContributionCollection c);  // "net" | "gross"

// The recurring cost of one payment route: the plan's weekly lines and its yearly lines, kept
// apart so that "£100.00 a week" stays exactly £400.00 every four weeks whatever the scheme's
// weeks per year.
struct RecurringCost {
  Pence per_week;
  Pence per_year;

  friend bool operator==(const RecurringCost&, const RecurringCost&) = default;
};

// The budget's terms from a date until the next terms (a change of plan makes new terms).
struct BudgetTerms {
  Date from;
  RecurringCost direct_payment;
  RecurringCost managed_budget;
  RecurringCost council_arranged;  // committed, never a scheduled payment
  Pence weekly_contribution;       // what the person pays each week (financial assessment)
};

// A one-off purchase (equipment), paid once through its route on `on` (the start date if not
// given). A council-arranged one-off is committed but not a scheduled payment.
struct OneOffItem {
  std::string id;    // unique within the budget, no ':'; part of the payment key
  std::string what;  // "A riser-recliner chair"
  casework::PaymentRoute route = casework::PaymentRoute::kDirectPayment;
  Pence amount;  // > 0
  std::optional<Date> on;
};

// Payments stop for these days (a hospital stay, a respite stay the council pays for) and the
// contribution with them. Both days are included.
struct Suspension {
  Date from;
  Date to;
  std::string reason;  // "a hospital stay"; used in sentences
};

struct BudgetInForce {
  std::string budget;  // the budget's id; part of every key; no ':'
  Date start;
  std::vector<BudgetTerms> terms;  // terms[0].from == start; each from later than the last
  std::vector<OneOffItem> one_offs;
  std::vector<Suspension> suspensions;
  std::optional<Date> end;  // the last day funded, when the budget is terminated
  ContributionCollection collection = ContributionCollection::kNet;
  Period interval = Period::kFourWeekly;  // SchemeSettings::payment_interval
  WeeksPerYear weeks_per_year{52, 1};     // SchemeSettings::weeks_per_year
};

// Each route's recurring cost and the one-off items of a signed-off plan. Each line is price ×
// quantity rounded half up to the penny once, as casework::CostOf does; one-off items get ids
// "item{n}" from their position in the plan (n from 1), dated on the start.
struct PlanRoutes {
  RecurringCost direct_payment;
  RecurringCost managed_budget;
  RecurringCost council_arranged;
  std::vector<OneOffItem> one_offs;
};
Result<PlanRoutes> RoutesOfPlan(const casework::PlanContent& plan);

// A validated budget with its derived rates. Build with MakeSchedule.
class PaymentSchedule {
 public:
  const BudgetInForce& budget() const { return budget_; }

  // The exact rates under each set of terms, in pence a year × weeks_per_year's denominator, as
  // the schedule's arithmetic uses them. Callers need not use them.
  struct Rates {
    Int128 direct_payment = 0;  // after a net contribution is taken off
    Int128 managed_budget = 0;
    Int128 council_arranged = 0;
    Int128 contribution = 0;  // collected separately (all of it when gross; the rest when net)
    Int128 contribution_taken_off = 0;  // net: the part taken off the direct payment
  };
  const std::vector<Rates>& rates() const { return rates_; }

 private:
  friend Result<PaymentSchedule> MakeSchedule(BudgetInForce budget);
  BudgetInForce budget_;
  std::vector<Rates> rates_;  // one per terms
};

// Checks every field (each problem named: "terms[1].from", "suspensions[0].to",
// "one_offs[2].id") and returns the schedule. Refused: an empty or ':'-containing budget id; no
// terms, or terms[0] not from the start, or terms out of order; a negative amount or one over
// £1,000,000,000 a week or a year; a one-off of zero or less, dated before the start, or with a
// duplicate id; a suspension that ends before it starts or starts before the budget; an end
// before the start; weeks per year outside 52–53.
Result<PaymentSchedule> MakeSchedule(BudgetInForce budget);

enum class PaymentKind {
  kDirectPayment,  // to the person's direct-payment holding account, in advance
  kManagedBudget,  // to the organisation holding the managed budget, in advance
  kOneOff,         // a one-off item, to the holding account or the holding organisation
  kContribution,   // owed by the person for the period: a receivable, collected separately
};
const char* PaymentKindName(PaymentKind kind);  // "direct_payment", …, "contribution"
std::optional<PaymentKind> ParsePaymentKind(std::string_view name);  // PaymentKindName's
// The kind in words, for people: "Direct payment", "Managed budget", "One-off payment",
// "Contribution charged".
const char* PaymentKindLabel(PaymentKind kind);

enum class Payee {
  kHoldingAccount,       // the direct-payment bank account or prepaid card
  kHoldingOrganisation,  // the organisation holding a managed budget
  kPerson,               // the person owes this (a contribution)
};
const char* PayeeName(Payee payee);  // "holding_account" | "holding_organisation" | "person"
std::optional<Payee> ParsePayee(std::string_view name);  // PayeeName's

struct SchedulePeriod {
  int index = 0;  // 0 for the period that starts on the start date
  Date start;
  Date end;  // included
};

// The periods of the grid that start on or before `through` (none before the start), ending at
// the last one that starts on or before the end when the budget is terminated.
std::vector<SchedulePeriod> PeriodsThrough(const PaymentSchedule& schedule, Date through);

struct ScheduledPayment {
  std::string key;  // the ledger transfer's idempotency id
  PaymentKind kind = PaymentKind::kDirectPayment;
  Payee payee = Payee::kHoldingAccount;
  Date due_on;  // the period's first day (in advance), or a one-off's date
  Date covers_from, covers_to;
  Pence amount;             // > 0
  bool adjustment = false;  // an extra payment for a period paid before a change
  std::string explanation;  // plain English, with the sums
};

// What the schedule says each period (and each one-off) due on or before `through` is worth now,
// with its base key. Amounts of zero (a period wholly suspended) are left out.
Result<std::vector<ScheduledPayment>> OwedThrough(const PaymentSchedule& schedule, Date through);

// A transfer the ledger already holds for this budget, under a key this schedule made: a
// payment ("dp:B1:2026-12-01"), an adjustment ("…:adj:1") or, when an overpayment was recovered
// (or a contribution credited back), the recovery ("…:recovery:2", Overpayment::recovery_key).
// The amount is always more than £0.00; a recovery counts against what was paid.
struct PaidPayment {
  std::string key;
  Pence amount;
};

// More was paid for a period than it is now worth (a suspension or a change of plan entered
// after the period was paid in advance, or a termination). Never recovered automatically: this
// is a proposal for a finance officer.
struct Overpayment {
  std::string key;           // the base key of the period (or one-off) overpaid
  std::string recovery_key;  // the idempotency id for the transfer that recovers it, if approved
  PaymentKind kind = PaymentKind::kDirectPayment;
  Date covers_from, covers_to;
  Pence paid, owed, to_recover;  // to_recover = paid − owed > 0
  std::string sentence;
};

struct DueRun {
  std::vector<ScheduledPayment> payments;  // to post, each under its own key
  std::vector<Overpayment> overpaid;       // proposals, never posted by a run
};

// Whether a payment key (or a recovery key made from one) is a contribution's
// ("contribution:{budget}:…"): recovering it credits the person rather than taking money back.
bool IsContributionKey(std::string_view key);

// What a payment run on `date` should post: every period (and one-off) due on or before the date
// that is not yet paid in full. A period never paid gets its base key; a period paid before a
// change that made it worth more gets an adjustment of the difference under
// "{base}:adj:{n}" (n = how many transfers the period already has), so a retried run computes
// the same key and amount and posts nothing new. Periods paid more than they are now worth are
// listed in `overpaid` until a recovery under their recovery_key is among `paid`. Paid keys this
// schedule did not make (or for a period more than 100 years after the start) are refused
// (kInvalidArgument, field "paid[i].key"); so is a paid amount of zero or less, and a recovery
// larger than what was paid. Changing the budget's interval or start moves the grid: begin a new
// schedule (a new budget id) instead.
Result<DueRun> DueOn(const PaymentSchedule& schedule, Date date,
                     const std::vector<PaidPayment>& paid);

// What was paid already, as payments of `kind` (direct payments or managed budgets), for periods
// that begin after `today` (a run pays in advance, up to the day before the next run): money in
// the account that is for days to come, so monitoring sets it aside rather than counting it as a
// surplus. `through` is the last day of the last such period. Fails as DueOn does on a paid key
// the schedule did not make.
struct PaidAhead {
  Pence amount;
  std::optional<Date> through;
};
Result<PaidAhead> PaidAheadOf(const PaymentSchedule& schedule, const std::vector<PaidPayment>& paid,
                              Date today, PaymentKind kind);

// The reckoning when a budget ends: everything owed to the end date against everything paid.
struct FinalReconciliation {
  Date ended_on;
  Pence paid_out;                  // direct and managed payments and one-offs paid
  Pence owed;                      // what those were worth to the end date
  Pence to_recover;                // paid for days after the end (or otherwise overpaid)
  Pence still_to_pay;              // owed but not yet paid (a run that was missed)
  Pence contribution_overcharged;  // contributions raised for days not funded, to credit back
  std::vector<Overpayment> overpaid;
  std::vector<ScheduledPayment> unpaid;
  std::vector<std::string> sentences;  // plain English, letter-ready
};

// Fails with kFailedPrecondition (field "end") when the budget has no end date.
Result<FinalReconciliation> Reconcile(const PaymentSchedule& schedule,
                                      const std::vector<PaidPayment>& paid);

enum class CommitmentWindow {
  kFinancialYear,  // from the start to 31 March (or the end, if sooner)
  kTwelveMonths,   // from the start for twelve months (or to the end, if sooner)
};

// The amount to commit on sign-off: each route's exact share of a year for the days of the window
// (days ÷ the days of that year: 365 or 366; twelve months is exactly the annual amount), less
// suspended days and days after the end, plus one-offs dated in the window; rounded up (kUp) so
// the commitment is never short. The contribution is rounded down (never overstated).
struct Commitment {
  Date from, to;  // both included
  Pence direct_payment, managed_budget, council_arranged, one_off;
  Pence gross;         // the four above
  Pence contribution;  // what the person is expected to pay over the window
  Pence council;       // gross − contribution: what the council commits
  // What the council pays into the holding account for the window: the direct payments less
  // the part of the contribution taken off them (net collection), its own exact share rounded
  // up. The same as direct_payment when the contribution is collected gross.
  Pence direct_payment_net;
  std::string sentence;
};
Result<Commitment> YearCommitment(const PaymentSchedule& schedule, CommitmentWindow window);

// The cost of the budget over any window of one financial year, [from, to] both included: the
// same arithmetic as YearCommitment (each route's exact share of the year for the funded days of
// the window — days ÷ 365 or 366 —, less suspended days and days after the end, plus one-offs
// dated in the window; routes rounded up, the contribution down). The window is clipped to the
// budget's start and end: `from` and `to` of the answer are the days actually costed, and a
// window the budget does not reach costs nothing (from and to as asked). Refused
// (kInvalidArgument): `to` before `from` (field "to"), or a window running into a second
// financial year (field "to").
Result<Commitment> CostOver(const PaymentSchedule& schedule, Date from, Date to);

}  // namespace selfdirect::ledger
