// The finance overview's sums in SQLite (ledger/finance_overview_repository.h; migration 0020).
#pragma once

#include "selfdirect/ledger/finance_overview_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteFinanceOverviewRepository final : public ledger::FinanceOverviewRepository {
 public:
  explicit SqliteFinanceOverviewRepository(Connection& c) : c_(c) {}

  Result<ledger::ByMechanism> PaidByMechanism(const CouncilId& council, Date from,
                                              Date to) override;
  Result<std::vector<ledger::CategorySpend>> StatementSpendByCategory(const CouncilId& council,
                                                                      Date from, Date to) override;
  Result<std::vector<ledger::PayeeSpend>> StatementSpendByPayee(const CouncilId& council, Date from,
                                                                Date to, int limit) override;
  Result<std::vector<ledger::ContributionOwed>> ContributionsOwed(
      const CouncilId& council) override;
  Result<std::vector<ledger::ContributionOwed>> ContributionHolders(
      const CouncilId& council) override;
  Result<std::optional<ledger::CouncilBudget>> FindCouncilBudget(const CouncilId& council,
                                                                 int year) override;
  Status PutCouncilBudget(const ledger::CouncilBudget& budget) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
