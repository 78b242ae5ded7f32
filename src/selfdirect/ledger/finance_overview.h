// The finance overview: a council's personal budgets for one financial year, from the ledger,
// for finance officers and commissioners. What is committed by each way the money is held, what
// has been paid so far, what is still to pay to 31 March, the forecast outturn against the
// council's budget for personal budgets, where statement spend went (by category and by payee),
// and the contributions people owe.
//
//   OverviewInput in{.year = FinancialYear(2026), .today = today, .budgets = budgets,
//                    .paid = &paid_by_budget, .paid_this_year = paid};
//   in.council_budget = Pence(130'000'000);                    // £1,300,000.00, when set
//   Result<FinanceOverview> o = Overview(in);
//   o->sentences[0];  // "At this rate the council will spend £1,234,000 on personal budgets
//                     //  this year, £66,000 less than the £1,300,000 set aside."
//
// The figures are money the council pays out (the ledger's payments), so that paid and still to
// pay add up:
//   - committed: each budget's cost for the days of the year it funds (schedule.h, CostOver),
//     rounded up per budget as a commitment is; direct payments net of a contribution taken off
//     them, as they are paid;
//   - paid so far: what the ledger shows paid out from 1 April to today (given by the caller);
//   - still to pay: the payments each budget's schedule says are due by 31 March and are not yet
//     in the ledger (periods paid in advance are not counted twice; suspensions and ends are the
//     schedule's), and council-arranged support for the days from tomorrow to 31 March;
//   - forecast outturn: paid so far + still to pay.
// A contribution collected separately is money owed to the council and shown apart.
//
// Pure domain: no I/O. Integer pence throughout; shares are whole basis points.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/payments.h"
#include "selfdirect/ledger/schedule.h"
#include "selfdirect/ledger/statement.h"

namespace selfdirect::ledger {

// The ways the money is paid, as the overview adds them up.
enum class Mechanism { kDirectPayment, kManagedBudget, kCouncilArranged, kOneOff };
inline constexpr std::size_t kMechanismCount = 4;
inline constexpr std::array<Mechanism, kMechanismCount> kMechanisms = {
    Mechanism::kDirectPayment, Mechanism::kManagedBudget, Mechanism::kCouncilArranged,
    Mechanism::kOneOff};
const char* MechanismName(Mechanism m);   // "direct_payment", …, "one_off"
const char* MechanismLabel(Mechanism m);  // "Direct payments", …, "One-off items"

// An amount for each mechanism, in kMechanisms order.
using ByMechanism = std::array<Pence, kMechanismCount>;

// Money out of holding accounts on statements, by the line's category (money-out categories).
struct CategorySpend {
  LineCategory category = LineCategory::kPlanItem;
  std::int64_t lines = 0;
  Pence amount;  // spent: a positive amount
};

// Money out to one payee, as statements name it.
struct PayeeSpend {
  std::string payee;
  std::int64_t lines = 0;
  Pence amount;  // a positive amount
};

// A person's contribution receivables and what is owed on them (net over them all; more than 0
// in ContributionsOwed, anything in ContributionHolders).
struct ContributionOwed {
  PersonId person;
  std::string name;
  Pence owed;
};

struct OverviewInput {
  FinancialYear year{2026};
  Date today;
  // Budgets in payment that may fund some of the year (others are left out).
  std::span<const BudgetRecord> budgets;
  // What the ledger holds under each budget's payment keys (PaymentsRepository::Paid); a budget
  // absent has paid nothing. Null means nothing has been paid at all.
  const std::map<BudgetId, std::vector<PaidPayment>>* paid = nullptr;
  // What the ledger shows paid out from 1 April to today (or to 31 March for a year past), by
  // mechanism, net of money paid back.
  ByMechanism paid_this_year{};
  std::vector<CategorySpend> spend_by_category;  // lines dated in the year
  std::vector<PayeeSpend> spend_by_payee;        // lines dated in the year
  std::vector<ContributionOwed> contributions;
  std::optional<Pence> council_budget;  // the council's budget for personal budgets that year
};

enum class YearTense { kPast, kCurrent, kFuture };

struct MechanismFigures {
  Mechanism mechanism = Mechanism::kDirectPayment;
  Pence committed, paid, still_to_pay, forecast;
};

struct CategoryFigures {
  LineCategory category = LineCategory::kPlanItem;
  std::string label;  // "Plan items", "Not in the plan", …
  std::int64_t lines = 0;
  Pence amount;
  std::int64_t share_bps = 0;  // of all statement spend, in basis points (rounded down)
};

struct FinanceOverview {
  FinancialYear year{2026};
  Date today;
  YearTense tense = YearTense::kCurrent;
  Date paid_to;  // the last day "paid so far" counts: today, or 31 March for a year past
  std::int64_t budgets = 0;                       // budgets funding some of the year
  std::vector<MechanismFigures> by_mechanism;     // kMechanisms order
  Pence committed, paid, still_to_pay, forecast;  // the totals
  std::optional<Pence> council_budget;
  // forecast − council budget: more than the budget when positive. Only with a council budget.
  std::optional<Pence> forecast_over_budget;
  std::optional<std::int64_t> forecast_bps;        // forecast as basis points of the budget (down)
  std::optional<std::int64_t> committed_bps;       // committed as basis points of the budget (down)
  std::vector<std::string> sentences;              // the headline, in plain English
  std::vector<CategoryFigures> spend_by_category;  // largest first; only categories with spend
  Pence statement_spend;                           // all of them
  std::vector<PayeeSpend> top_payees;              // the ten taking the most, largest first
  std::vector<ContributionOwed> contributions;     // largest first, then by name
  Pence contributions_owed;
};

// The overview. Refused: a negative council budget (field "council_budget"); a budget whose
// record does not make a schedule (its error); totals beyond int64 (kOverflow). Categories that
// are not money out, negative amounts and contributions of £0.00 or less are ignored.
Result<FinanceOverview> Overview(const OverviewInput& input);

// The statement category as the overview labels it: "Plan items", "Not in the plan", "Cash
// withdrawals", "Bank charges", "Unknown payees".
const char* CategoryLabel(LineCategory category);

// "£1,234,000" when the pence are zero, "£1,234,000.50" otherwise.
std::string FormatPoundsShort(Pence amount);

}  // namespace selfdirect::ledger
