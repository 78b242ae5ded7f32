// The finance overview of a council's personal budgets for one financial year
// (ledger/finance_overview.h): committed, paid so far, still to pay and the forecast outturn by
// the way the money is paid, against the council's budget for personal budgets; where statement
// spend went; the contributions people owe. For finance officers and commissioners.
//
//   app::FinanceOverview overview(store, clock);
//   auto view = overview.Of(ctx, "2026");                  // "" for the current financial year
//   auto csv = overview.Csv(ctx, "2026");                  // the same figures for a spreadsheet
//   auto set = overview.SetCouncilBudget(ctx, "2026", "1300000.00");   // finance officers
//
// Reads are allowed by Action::kFinanceOverviewRead and audited ("finance-overview.read"). The
// people who owe contributions are named only to those who may read the ledger (finance
// officers); others see the total and how many people owe.
#pragma once

#include <optional>
#include <string>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/ledger/finance_overview.h"
#include "selfdirect/ledger/finance_overview_repository.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

struct FinanceOverviewView {
  ledger::FinanceOverview overview;
  std::optional<ledger::CouncilBudget> council_budget;  // with who set it and when
  std::string council_budget_set_by;                    // their name, or ""
  bool shows_people = false;      // overview.contributions and top_payees name people (else
                                  // both are empty)
  std::int64_t people_owing = 0;  // how many people owe a contribution
  bool may_set_budget = false;    // the actor may set the council's budget
};

struct FinanceOverviewCsv {
  std::string file_name;  // "finance-overview-2026-27.csv"
  std::string csv;
};

class FinanceOverview {
 public:
  FinanceOverview(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The overview for the financial year starting 1 April of `year` ("2026"), or the current one
  // when `year` is empty. A year that is not four digits from 2000 to 2100 is refused, naming
  // "year".
  Result<FinanceOverviewView> Of(const Context& ctx, const std::string& year);

  // The same figures as CSV: section, item, committed, paid, still to pay, forecast (pounds,
  // "1234.56"); the statement spend, the top payees, and the contributions owed (named only for
  // those who may read the ledger). Text a spreadsheet would read as a formula gets an apostrophe.
  Result<FinanceOverviewCsv> Csv(const Context& ctx, const std::string& year);

  // Sets the council's budget for personal budgets for the year (finance officers). `amount` is
  // pounds as typed ("1300000.00", "£1,300,000"); refused, naming "amount", when it is not an
  // amount in pounds and pence, is less than £0.00 or more than £100,000,000,000.00; "year" as
  // for Of. Audited ("council-budgets.set").
  Result<ledger::CouncilBudget> SetCouncilBudget(const Context& ctx, const std::string& year,
                                                 const std::string& amount);

 private:
  Result<FinanceOverviewView> Load(const Context& ctx, const std::string& year, const char* what);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace selfdirect::app
