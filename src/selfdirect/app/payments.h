// Money in payment: the budget opened on sign-off, where each person's money is paid, and
// payment runs (preview, start, approve, reject, release, the payment file).
//
//   app::Payments payments(store, clock, ids);
//   auto preview = payments.Preview(ctx, date);          // nothing written
//   auto run = payments.Start(ctx, date);                // lines fixed; ready or awaiting approval
//   run = payments.Approve(other_officer_ctx, run->run.id);   // above the threshold only
//   run = payments.Release(ctx, run->run.id, progress);  // posted to the ledger; the file made
//
// A run's lines are the schedule's payments (ledger/schedule.h) due on or before its date and not
// yet in the ledger. Each posts under its schedule key, so releasing twice, or a run on the same
// date after a crash, posts each payment once. Release posts in chunks, each in its own
// transaction; a release stopped half-way (a crash) is resumed by releasing again.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/casework/repository.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/ledger/contribution_file.h"
#include "selfdirect/ledger/contributions.h"
#include "selfdirect/ledger/invoices.h"
#include "selfdirect/ledger/payments.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// The threshold above which a run needs a second finance officer, until an administrator sets
// the council's own: £50,000.00.
inline constexpr std::int64_t kDefaultApprovalThresholdPence = 5'000'000;

struct HeldPayment {
  PersonId person;
  std::string person_name;
  ledger::PaymentKind kind = ledger::PaymentKind::kDirectPayment;
  Pence amount;
  std::string reason;
  Date covers_from, covers_to;  // the days the payment is for, both included
};

struct OverpaidPeriod {
  PersonId person;
  std::string person_name;
  Pence to_recover;
  std::string sentence;
  std::string recovery_id;  // what RecoverOverpayment takes
  bool recovered = false;   // a run's view: recovered since the run listed it
  // A contribution charged for days not funded: recovering it credits the person (it comes off
  // what they owe), rather than taking money from their account.
  bool credit = false;
};

struct OverpaymentRecovered {
  PersonId person;
  std::string person_name;
  std::string recovery_id;
  Pence recovered;
  std::string sentence;  // "£171.43 recovered from Ada Okafor's direct payment account: …"
};

// A contribution payment recorded (RecordContributionPaid), or found again for a replay.
struct ContributionPaid {
  PersonId person;
  std::string person_name;
  std::string payment_id;
  Pence amount;
  Date paid_on;
  std::string reference;
  Pence owed_now;         // what the person owes after it, over all their contributions
  bool replayed = false;  // the same payment sent again: nothing new was recorded
  std::string sentence;   // "£45.00 paid on 20 November 2026 is recorded. Ada Okafor now owes …"
};

// A bank file of contributions paid in, read (ReadContributionFile): what becomes of each line.
struct ContributionFile {
  std::string format_name;
  std::string file_sha256;
  bool recorded = false;  // the payments were recorded; otherwise the file was only checked
  std::vector<ledger::FileLine> lines;  // every line, in file order
  std::int64_t payments = 0;            // lines with outcome kRecord
  Pence payments_total;
  std::int64_t for_you = 0;  // lines a finance officer must look at (no or unknown reference,
                             // not accepted)
  std::string sentence;      // "12 payments of contributions, £480.00 in all, can be recorded …"
};

// What a person owes towards their contribution and what they have paid (newest first).
struct ContributionAccount {
  PersonId person;
  std::string person_name;
  Pence owed;       // over all their receivables, as the finance overview adds them up
  Pence in_credit;  // when more was credited back and paid than was charged
  Pence charged;    // every contribution charged by the payment runs, less any credited back
  using Payment = ledger::RecordedPayment;
  std::vector<Payment> payments;
};

// The council's money committed for a new financial year by the first run in it: every budget
// still in payment that was committed only up to an earlier year.
struct YearCommitmentMade {
  FinancialYear year{0};
  std::int64_t budgets = 0;
  Pence committed;  // new commitments, less any left over from earlier years that was released
  std::string sentence;
};

// A run (or a preview of one) with its totals and what a finance officer needs to see.
struct RunView {
  // A preview: what starting the run will commit for a new financial year; a run just started:
  // what it committed. (Shown once; the transfers themselves are in the ledger.)
  std::optional<YearCommitmentMade> year_commitment;
  std::optional<ledger::PaymentRun> run;  // none for a preview
  Date date;
  Date pays_through;                  // the last day whose payments it pays
  std::string pays_through_sentence;  // ledger::PaysThroughSentence
  ledger::RunTotals totals;
  std::vector<HeldPayment> held;
  std::vector<OverpaidPeriod> overpaid;
  Pence threshold;
  bool needs_second_approval = false;
  std::string started_by_name, approved_by_name, released_by_name;
  std::optional<ledger::PaymentRun> open_run;  // a preview: a run not yet released or rejected
};

// One of a run's payments as its page lists them: the line, and whose it is.
struct RunPayment {
  ledger::RunLine line;
  std::string person_name;
};

// A page of a run's payments (Payments::RunPayments).
struct RunPaymentsPage {
  static constexpr int kPerPage = 50;
  static constexpr std::size_t kMostNameLength = 100;  // bytes of a name searched for
  std::int64_t total = 0;  // the payments the query matches, on every page
  int page = 1;            // from 1
  int pages = 1;           // at least 1
  int per_page = kPerPage;
  std::vector<RunPayment> payments;
};

struct PaymentFileDownload {
  std::string file_name;  // "payments-2026-12-01.csv"
  std::string csv;
};

// (lines posted so far, lines to post): called after each chunk.
using ReleaseProgress = std::function<void(std::int64_t, std::int64_t)>;

class Payments {
 public:
  Payments(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // A finance officer recovers an overpayment that a run (or its preview) listed, by its
  // recovery_id, giving a reason: the amount goes back from the account it was paid into to
  // the budget's commitment, once (a second request is refused: 409), and the runs stop
  // listing it. Refused when it is no longer owed (409, e.g. a stay in hospital shortened since),
  // and when the account holds less than the amount (409 naming both: agree repayment with the
  // person instead). Audited ("payments.overpayment.recover", on the person).
  Result<OverpaymentRecovered> RecoverOverpayment(const Context& ctx, const PersonId& person,
                                                  const std::string& recovery_id,
                                                  const std::string& reason);

  // A finance officer records what the person paid towards their assessed contribution
  // (ledger/contributions.h): their contribution receivables are credited, oldest first, from
  // the council's account of contributions paid in (opened on first need). The request's
  // payment_id makes it safe to send twice: the same payment again returns what was recorded
  // (replayed), a different one under the same id is refused (409). Field errors name
  // payment_id, amount_pence (not above zero, or more than they owe), paid_on and reference;
  // nothing is written. Audited ("payments.contribution.paid", on the person).
  Result<ContributionPaid> RecordContributionPaid(
      const Context& ctx, const PersonId& person,
      const ledger::ContributionPaymentRequest& request);

  // Reads the council's bank file (a CSV in one of its statement formats, `format_name`) for
  // contributions paid in (ledger/contribution_file.h): each payment in that quotes the
  // contribution reference of someone who owes a contribution, within what they owe, becomes a
  // payment as RecordContributionPaid would record it. With `record` false nothing is written (a
  // check to show first); with it true the payments are recorded, all in one transaction, each
  // under a key made from the file and its row, so that reading the same file again records
  // nothing twice. Finance officers. A file with a bad row is refused whole, naming each problem
  // (field "file"); "format" names a missing or unknown format. Each payment recorded is audited
  // ("payments.contribution.paid", on the person).
  Result<ContributionFile> ReadContributionFile(const Context& ctx, const std::string& format_name,
                                                std::string_view bytes, bool record);

  // What the person owes towards their contribution and the payments recorded (finance officers).
  Result<ContributionAccount> ContributionAccountOf(const Context& ctx, const PersonId& person);

  // Inside the sign-off's transaction (Casework::DecidePlan, on approval): opens the person's
  // budget in payment under the council's adult social care scheme, or gives it new terms from
  // `from`, opening the accounts its routes need; commits the rest of the financial year's
  // council share from the council fund. A council without an adult social care scheme has
  // nothing to pay from: no budget is opened.
  static Status OnSignOff(store::Transaction& tx, const CouncilId& council,
                          const casework::PlanVersion& plan, const UserId& approver, Date from,
                          Timestamp now, UlidGenerator& ids);

  // Inside the closure's transaction (Casework::CloseCase): the budget in payment ends on
  // `last_day` (the last day funded; not before it started). Later runs pay what is still owed
  // to that day and list what was paid for days after it as overpaid, never recovering it.
  static Status OnCaseClosed(store::Transaction& tx, const CouncilId& council,
                             const PersonId& person, Date last_day);

  // Payments stop for a time (a hospital stay, a respite stay the council pays for), both days
  // included, and the contribution with them (the person's social worker). Field errors name
  // "from", "to" and "reason". A period already paid for suspended days is listed as overpaid
  // by the next run.
  struct SuspensionRequest {
    std::string from, to, reason;
  };
  Result<ledger::StoredSuspension> Suspend(const Context& ctx, const PersonId& person,
                                           const SuspensionRequest& request);
  // Payments restart after `last_day` (earlier or later than first recorded): the suspension's
  // last day becomes `last_day`.
  Result<ledger::StoredSuspension> Restart(const Context& ctx, const PersonId& person,
                                           std::int64_t suspension, const std::string& last_day);

  // The final reckoning of the person's most recent budget once it has ended (finance
  // officers): paid, owed, to recover, still to pay, in letter-ready sentences.
  // kFailedPrecondition when it has not ended.
  Result<ledger::FinalReconciliation> FinalAccount(const Context& ctx, const PersonId& person);

  // Where the person's direct payment (or managed budget) is paid (finance officers).
  Result<ledger::PaymentDetails> SetPaymentDetails(const Context& ctx, const PersonId& person,
                                                   const ledger::PaymentDetailsRequest& request);
  // Reading them is audited against the person (bank details are personal data).
  struct PersonPaymentDetails {
    std::string person_name;
    std::vector<ledger::PaymentDetails> details;
  };
  Result<PersonPaymentDetails> PaymentDetailsOf(const Context& ctx, const PersonId& person);

  // The finance settings, read together (finance officers and administrators read them;
  // administrators set them, SetFinanceSettings).
  struct FinanceSettings {
    Pence approval_threshold;
    ledger::InvoiceTolerance invoice_tolerance;
    int run_every_days = 0;
  };
  Result<FinanceSettings> Settings(const Context& ctx);
  // The council's approval threshold (finance officers read it; administrators set it).
  Result<Pence> ApprovalThreshold(const Context& ctx);
  Status SetApprovalThreshold(const Context& ctx, Pence threshold);
  // How far a provider's invoice may stray from the plan's price before it is held
  // (ledger/invoices.h; docs/invoices.md): read and set as the approval threshold is. Field
  // errors name "invoice_tolerance_basis_points" and "invoice_tolerance_minimum_pence".
  Result<ledger::InvoiceTolerance> InvoiceTolerance(const Context& ctx);
  // How often the council runs payments, in days (ledger::PaysThrough; 7 unless set): read and
  // set as the approval threshold is.
  Result<int> RunEveryDays(const Context& ctx);
  // Sets any of the finance settings at once (administrators), all checked before any is
  // written: the approval threshold ("approval_threshold_pence", £0.00 or more), either part
  // of the invoice tolerance (the other part is kept) and how often payments are run
  // ("payment_run_every_days", 1 to 28).
  struct FinanceSettingsChange {
    std::optional<Pence> approval_threshold;
    std::optional<std::int64_t> tolerance_basis_points;
    std::optional<Pence> tolerance_minimum;
    std::optional<std::int64_t> run_every_days;
  };
  Status SetFinanceSettings(const Context& ctx, const FinanceSettingsChange& change);

  // What a run on `date` would pay. Writes nothing.
  Result<RunView> Preview(const Context& ctx, Date date);
  // The same with the date as typed (YYYY-MM-DD): the actor's rights are checked before the
  // date, so that someone who may not run payments learns nothing from the answer.
  Result<RunView> Preview(const Context& ctx, const std::string& date);
  // Starts a run: its lines are fixed. kConflict when the date has a run that was not rejected,
  // or another run is still open.
  Result<RunView> Start(const Context& ctx, Date date);
  Result<RunView> Start(const Context& ctx, const std::string& date);
  // A second finance officer approves a run above the threshold: not the one who started it.
  Result<RunView> Approve(const Context& ctx, const PaymentRunId& run);
  // Nothing was paid; the date may be run again. A reason is required.
  Result<RunView> Reject(const Context& ctx, const PaymentRunId& run, const std::string& reason);
  // Posts the run's lines to the ledger and makes the payment file. A run being released (one
  // stopped half-way) is resumed.
  Result<RunView> Release(const Context& ctx, const PaymentRunId& run,
                          const ReleaseProgress& progress = {});
  Result<RunView> Get(const Context& ctx, const PaymentRunId& run);
  Result<std::vector<RunView>> Runs(const Context& ctx);  // newest first, without lines
  // A page of the run's payments, held ones too, that `query` matches (its name trimmed), each
  // with the person's name; its offset and limit come from `page` (from 1, moved to the last
  // page when past it) and `per_page`. Finance officers. The name must be at most
  // RunPaymentsPage::kMostNameLength bytes (field "name"); 404 for no such run.
  Result<RunPaymentsPage> RunPayments(const Context& ctx, const PaymentRunId& run,
                                      ledger::RunLinesQuery query, int page,
                                      int per_page = RunPaymentsPage::kPerPage);
  Result<PaymentFileDownload> File(const Context& ctx, const PaymentRunId& run);
  // Every payment of the run, held ones too, as a spreadsheet (CSV) for finance officers, in the
  // run's order: the person, their id, the kind (in words), where it is paid, the days it is for, the amount,
  // whether it is held, paid or to be paid, and why it is held. Names and amounts leave the system
  // in it, so who took it is audited ("payments.run.report"). 404 for no such run.
  Result<PaymentFileDownload> Report(const Context& ctx, const PaymentRunId& run);

  // The command line's run: starts the date's run, or resumes one that is ready or was stopped
  // while being released, and releases it when it needs no second approval.
  Result<RunView> RunDate(const Context& ctx, Date date, const ReleaseProgress& progress = {});

 private:
  // Start, with the view's lines described (the pages) or not (RunDate, which releases a ready
  // run at once); a run awaiting approval is always described.
  Result<RunView> Start(const Context& ctx, Date date, bool describe_lines);
  Result<RunView> ViewOf(store::Transaction& tx, const ledger::PaymentRun& run, bool with_lines);
  // The same, with the run's lines and overpayments as the caller already holds them (not read
  // again).
  Result<RunView> ViewOf(store::Transaction& tx, const ledger::PaymentRun& run,
                         std::span<const ledger::RunLine> lines,
                         std::span<const ledger::RunOverpaid> overpaid);
  // Applies `change` to the run and saves it, audited; the view with its lines unless told not.
  Result<RunView> Change(const Context& ctx, const PaymentRunId& run, const char* what,
                         const std::function<Status(ledger::PaymentRun&)>& change,
                         bool with_lines = true);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
