// What the finance overview (finance_overview.h, app/finance_overview.h) needs from the store:
// the ledger's figures added up in the database, and the council's budget for personal budgets
// each financial year. Implemented in store/ (SQL lives there only); every method runs inside the
// caller's transaction (store::Transaction::FinanceOverview()).
//
//   auto paid = tx.FinanceOverview().PaidByMechanism(council, fy.Start(), today);
//   auto budget = tx.FinanceOverview().CouncilBudget(council, 2026);
#pragma once

#include <optional>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/finance_overview.h"

namespace selfdirect::ledger {

// The council's budget for personal budgets in one financial year, as a finance officer set it.
struct CouncilBudget {
  CouncilId council;
  int year = 0;  // the financial year starting 1 April of this year
  Pence amount;  // >= 0
  Timestamp updated_at;
  UserId updated_by;
};

class FinanceOverviewRepository {
 public:
  virtual ~FinanceOverviewRepository() = default;

  // Money paid out by the ledger on days from `from` to `to` (both included; by the transfer's
  // value date: a payment run's payments on the run's payment date), by mechanism, net of money
  // paid back: payments (code "payment") into direct-payment holding accounts and managed budgets,
  // one-offs (code "one_off") into either, and accepted invoices (code "invoice") into provider
  // payables for council-arranged support. A transfer of those codes out of a holding account or
  // managed budget (a recovery) counts against its mechanism. Pending and voided transfers are not
  // money paid.
  virtual Result<ByMechanism> PaidByMechanism(const CouncilId& council, Date from, Date to) = 0;

  // Statement lines of money out dated from `from` to `to`, by category (money-out categories
  // only), amounts positive.
  virtual Result<std::vector<CategorySpend>> StatementSpendByCategory(const CouncilId& council,
                                                                      Date from, Date to) = 0;
  // The same by payee (as the statement names them, spaces trimmed), the `limit` taking the most,
  // largest first.
  virtual Result<std::vector<PayeeSpend>> StatementSpendByPayee(const CouncilId& council, Date from,
                                                                Date to, int limit) = 0;

  // People whose contribution receivable has something owed on it (debits − credits > 0), with
  // their names, largest first.
  virtual Result<std::vector<ContributionOwed>> ContributionsOwed(const CouncilId& council) = 0;
  // Everyone with a contribution receivable, whatever they owe (0 or less when square or in
  // credit), by person id: whom a payment in the council's bank file may be from.
  virtual Result<std::vector<ContributionOwed>> ContributionHolders(const CouncilId& council) = 0;

  virtual Result<std::optional<CouncilBudget>> FindCouncilBudget(const CouncilId& council,
                                                                 int year) = 0;
  // Sets (or replaces) the year's budget.
  virtual Status PutCouncilBudget(const CouncilBudget& budget) = 0;
};

}  // namespace selfdirect::ledger
