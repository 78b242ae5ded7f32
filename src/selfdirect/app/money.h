// "My money": the money in a person's budget in payment as the budget holder (and those who may
// read their budget statement) sees it: what is in the account, money in and out in plain
// English, a burn-down of the financial year against the plan, when the money would run out at
// the rate it is going, and the payments coming.
//
//   app::Money money(store, clock);
//   auto view = money.Of(ctx, person, /*page=*/1);   // Result<MoneyView>
//   auto csv = money.Csv(ctx, person);               // every line, for a spreadsheet
//
// The account shown is the direct-payment holding account, or the managed budget when the
// person has no direct payment. Reads are allowed as the budget statement is
// (Action::kBudgetRead on the person) and audited as it is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

inline constexpr int kMoneyPageSize = 20;

// One movement of money in or out of the account, in plain English.
struct MoneyLine {
  std::string id;  // the ledger transfer's id
  Date on;
  std::string description;  // "Payment from the council for 22 November to 19 December 2026"
  Pence money_in, money_out;
  Pence balance;          // after this line
  bool spending = false;  // money out spent on support, not money recovered or given back
};

// One point of the burn-down: totals from the chart's first day to `on`, both included.
struct BurnDownPoint {
  Date on;
  Pence
      planned_spend;  // what the plan expected to be spent by then (spread evenly over each period)
  Pence spent;        // money spent on support (not money recovered or given back)
  Pence paid_in;      // money that came in
  Pence balance;      // at the end of the day
};

struct UpcomingPayment {
  Date on;
  Date covers_from, covers_to;
  Pence amount;
  std::string description;
};

struct MoneyView {
  PersonId person;
  std::string person_name;
  Date today;
  Date budget_start;
  bool managed = false;  // the account shown is a managed budget (held by an organisation)
  Pence balance;         // money in the account
  Pence available;       // what could be spent now (less money set aside)
  std::optional<Pence> managed_balance;  // a managed budget beside a direct payment
  // What they owe the council towards their contribution, when it is collected separately
  // (gross, or the part larger than the direct payment); none when it is not.
  std::optional<Pence> contribution_owed;
  Pence money_in_total, money_out_total;  // this financial year
  std::vector<MoneyLine> lines;           // newest first: one page
  int page = 1, pages = 1;
  int line_count = 0;                    // lines in all pages
  Date chart_from;                       // the later of the budget's start and the financial year's
  std::vector<BurnDownPoint> burn_down;  // weekly from chart_from, and today
  std::optional<std::string> forecast;   // none when nothing can be forecast
  std::optional<Date> runs_out_on;
  bool runs_out_before_next_payment = false;
  std::vector<UpcomingPayment> upcoming;  // the next three
};

struct MoneyCsv {
  std::string file_name;  // "my-money-2026-11-23.csv"
  std::string csv;
};

class Money {
 public:
  Money(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // kNotFound when the person has no budget in payment (a plan not yet signed off). `page`
  // below 1 is the first; past the last, the last.
  Result<MoneyView> Of(const Context& ctx, const PersonId& person, int page = 1);

  // Every line, oldest first: date, description, money in, money out, balance. Descriptions a
  // spreadsheet would read as a formula start with an apostrophe.
  Result<MoneyCsv> Csv(const Context& ctx, const PersonId& person);

 private:
  Result<MoneyView> Load(const Context& ctx, const PersonId& person, const char* what);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace selfdirect::app
