// Budgets in payment, payment details and payment runs in SQLite (migration 0015).
#pragma once

#include "selfdirect/ledger/payments_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqlitePaymentsRepository final : public ledger::PaymentsRepository {
 public:
  explicit SqlitePaymentsRepository(Connection& c) : c_(c) {}

  Status CreateBudget(const ledger::BudgetRecord& budget) override;
  Status UpdateBudget(const ledger::BudgetRecord& budget) override;
  Status PutTerms(const CouncilId& council, const BudgetId& budget,
                  const ledger::StoredTerms& terms) override;
  Status AddOneOff(const CouncilId& council, const BudgetId& budget,
                   const ledger::OneOffItem& item) override;
  Status AddSuspension(const CouncilId& council, const BudgetId& budget,
                       const ledger::StoredSuspension& suspension) override;
  Status SetSuspensionEnd(const CouncilId& council, const BudgetId& budget, std::int64_t seq,
                          Date to) override;
  Result<std::optional<ledger::BudgetRecord>> OpenBudget(const CouncilId& council,
                                                         const PersonId& person,
                                                         const SchemeId& scheme) override;
  Result<std::vector<ledger::BudgetRecord>> BudgetsOf(const CouncilId& council,
                                                      const PersonId& person) override;
  Result<std::vector<ledger::BudgetRecord>> BudgetsInPayment(const CouncilId& council,
                                                             Date date) override;
  Result<std::map<BudgetId, std::vector<ledger::PaidPayment>>> Paid(
      const CouncilId& council, std::span<const BudgetId> budgets) override;

  Status PutPaymentDetails(const ledger::PaymentDetails& details) override;
  Result<std::vector<ledger::PaymentDetails>> PaymentDetailsOf(const CouncilId& council,
                                                               const PersonId& person) override;
  Result<std::map<std::pair<PersonId, ledger::PayRoute>, ledger::PaymentDetails>> AllPaymentDetails(
      const CouncilId& council) override;
  Result<std::set<std::pair<PersonId, ledger::PayRoute>>> PaymentRoutes(
      const CouncilId& council) override;

  Result<std::optional<Pence>> ApprovalThreshold(const CouncilId& council) override;
  Status SetApprovalThreshold(const CouncilId& council, Pence threshold, Timestamp at,
                              const UserId& by) override;
  Result<std::optional<int>> RunEveryDays(const CouncilId& council) override;
  Status SetRunEveryDays(const CouncilId& council, int every_days, Timestamp at,
                         const UserId& by) override;

  Status CreateRun(const ledger::PaymentRun& run, std::span<const ledger::RunLine> lines,
                   std::span<const ledger::RunOverpaid> overpaid) override;
  Status UpdateRun(const ledger::PaymentRun& run) override;
  Result<std::optional<ledger::PaymentRun>> FindRun(const CouncilId& council,
                                                    const PaymentRunId& run) override;
  Result<std::optional<ledger::PaymentRun>> RunForDate(const CouncilId& council,
                                                       Date date) override;
  Result<std::vector<ledger::PaymentRun>> OpenRuns(const CouncilId& council) override;
  Result<std::vector<ledger::PaymentRun>> Runs(const CouncilId& council, int limit) override;
  Result<std::vector<ledger::RunLine>> RunLines(const CouncilId& council,
                                                const PaymentRunId& run) override;
  Result<std::int64_t> CountRunLines(const CouncilId& council, const PaymentRunId& run,
                                     const ledger::RunLinesQuery& query) override;
  Result<std::vector<ledger::RunLine>> RunLinesPage(const CouncilId& council,
                                                    const PaymentRunId& run,
                                                    const ledger::RunLinesQuery& query) override;
  Result<std::vector<ledger::RunOverpaid>> RunOverpayments(const CouncilId& council,
                                                           const PaymentRunId& run) override;
  Status SaveRunFile(const CouncilId& council, const PaymentRunId& run,
                     const std::string& file) override;
  Result<std::string> RunFile(const CouncilId& council, const PaymentRunId& run) override;
  Status MarkPostedThrough(const CouncilId& council, const PaymentRunId& run,
                           std::int64_t seq) override;

 private:
  // Reads the budgets whose rows (alias b) `where` selects, with $1, $2, … bound to `params`,
  // and their terms, one-offs and suspensions: four statements. In `order`. `council_wide`:
  // `where` picks most of the council $1's budgets, so their other rows are read council-wide.
  Result<std::vector<ledger::BudgetRecord>> LoadBudgets(const std::string& where,
                                                        const std::vector<std::string>& params,
                                                        const std::string& order,
                                                        bool council_wide = false);
  Connection& c_;
};

}  // namespace selfdirect::store
