// What budgets in payment and payment runs need from the store. Implemented in store/; every
// method runs inside the caller's transaction (store::Transaction::Payments()).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/payments.h"

namespace selfdirect::ledger {

class PaymentsRepository {
 public:
  virtual ~PaymentsRepository() = default;

  // ----- Budgets -----
  // Stores a new budget with its terms, one-offs and suspensions. kConflict when the person has
  // a budget under the scheme that has not ended.
  virtual Status CreateBudget(const BudgetRecord& budget) = 0;
  // Updates the budget's end, accounts and committed year (not its terms, one-offs or
  // suspensions).
  virtual Status UpdateBudget(const BudgetRecord& budget) = 0;
  // Adds terms, replacing any from the same date.
  virtual Status PutTerms(const CouncilId& council, const BudgetId& budget,
                          const StoredTerms& terms) = 0;
  virtual Status AddOneOff(const CouncilId& council, const BudgetId& budget,
                           const OneOffItem& item) = 0;
  virtual Status AddSuspension(const CouncilId& council, const BudgetId& budget,
                               const StoredSuspension& suspension) = 0;
  // Moves a suspension's last day (a restart earlier or later than first thought).
  virtual Status SetSuspensionEnd(const CouncilId& council, const BudgetId& budget,
                                  std::int64_t seq, Date to) = 0;
  // The person's budget under the scheme that has not ended, in full.
  virtual Result<std::optional<BudgetRecord>> OpenBudget(const CouncilId& council,
                                                         const PersonId& person,
                                                         const SchemeId& scheme) = 0;
  // Every budget of the person, newest first, in full.
  virtual Result<std::vector<BudgetRecord>> BudgetsOf(const CouncilId& council,
                                                      const PersonId& person) = 0;
  // Budgets a run on `date` looks at: not ended, or ended less than a year before it. In id
  // order, in full, read in a few statements whatever their number.
  virtual Result<std::vector<BudgetRecord>> BudgetsInPayment(const CouncilId& council,
                                                             Date date) = 0;
  // What the ledger holds under each budget's payment keys (PaymentKeyPrefixes), for budgets in
  // `budgets` (sorted by id). Budgets with nothing paid are absent.
  virtual Result<std::map<BudgetId, std::vector<PaidPayment>>> Paid(
      const CouncilId& council, std::span<const BudgetId> budgets) = 0;

  // ----- Payment details -----
  virtual Status PutPaymentDetails(const PaymentDetails& details) = 0;
  virtual Result<std::vector<PaymentDetails>> PaymentDetailsOf(const CouncilId& council,
                                                               const PersonId& person) = 0;
  virtual Result<std::map<std::pair<PersonId, PayRoute>, PaymentDetails>> AllPaymentDetails(
      const CouncilId& council) = 0;
  // Who has details for which route, without the details: what a run needs to know to hold a
  // payment for want of them.
  virtual Result<std::set<std::pair<PersonId, PayRoute>>> PaymentRoutes(
      const CouncilId& council) = 0;

  // ----- Finance settings -----
  virtual Result<std::optional<Pence>> ApprovalThreshold(const CouncilId& council) = 0;
  virtual Status SetApprovalThreshold(const CouncilId& council, Pence threshold, Timestamp at,
                                      const UserId& by) = 0;
  // How often the council runs payments, in days (none: not set, so kDefaultRunEveryDays).
  virtual Result<std::optional<int>> RunEveryDays(const CouncilId& council) = 0;
  virtual Status SetRunEveryDays(const CouncilId& council, int every_days, Timestamp at,
                                 const UserId& by) = 0;

  // ----- Payment runs -----
  // Stores a run with its lines and overpayments. kConflict when a run for its date exists that
  // was not rejected.
  virtual Status CreateRun(const PaymentRun& run, std::span<const RunLine> lines,
                           std::span<const RunOverpaid> overpaid) = 0;
  // Saves the run's status and who approved, released or rejected it.
  virtual Status UpdateRun(const PaymentRun& run) = 0;
  virtual Result<std::optional<PaymentRun>> FindRun(const CouncilId& council,
                                                    const PaymentRunId& run) = 0;
  // The run for a date that was not rejected, if any.
  virtual Result<std::optional<PaymentRun>> RunForDate(const CouncilId& council, Date date) = 0;
  // Runs not yet released or rejected, oldest first.
  virtual Result<std::vector<PaymentRun>> OpenRuns(const CouncilId& council) = 0;
  // The council's runs, newest date first, at most `limit`.
  virtual Result<std::vector<PaymentRun>> Runs(const CouncilId& council, int limit) = 0;
  // The run's lines in order, each posted or not as the run's posted_through says.
  virtual Result<std::vector<RunLine>> RunLines(const CouncilId& council,
                                                const PaymentRunId& run) = 0;
  // How many of the run's lines `query` matches, whatever its offset and limit.
  virtual Result<std::int64_t> CountRunLines(const CouncilId& council, const PaymentRunId& run,
                                             const RunLinesQuery& query) = 0;
  // A page of the run's lines: those `query` matches, in its order, from its offset.
  virtual Result<std::vector<RunLine>> RunLinesPage(const CouncilId& council,
                                                    const PaymentRunId& run,
                                                    const RunLinesQuery& query) = 0;
  virtual Result<std::vector<RunOverpaid>> RunOverpayments(const CouncilId& council,
                                                           const PaymentRunId& run) = 0;
  // The payment file, saved once when the run is released.
  virtual Status SaveRunFile(const CouncilId& council, const PaymentRunId& run,
                             const std::string& file) = 0;
  virtual Result<std::string> RunFile(const CouncilId& council, const PaymentRunId& run) = 0;
  // Marks the run's lines posted up to `seq` (PaymentRun::posted_through): lines are posted in
  // their order, so every line not held with a seq at most `seq` is in the ledger, and RunLines
  // says so.
  virtual Status MarkPostedThrough(const CouncilId& council, const PaymentRunId& run,
                                   std::int64_t seq) = 0;
};

}  // namespace selfdirect::ledger
