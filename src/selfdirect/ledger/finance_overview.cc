#include "selfdirect/ledger/finance_overview.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace selfdirect::ledger {
namespace {

constexpr std::size_t kTopPayees = 10;

std::size_t IndexOf(Mechanism m) { return static_cast<std::size_t>(m); }

Result<Pence> ToPence(Int128 v) {
  if (v > INT64_MAX || v < INT64_MIN) {
    return Fail(ErrorCode::kOverflow, "The overview's totals are too large to hold");
  }
  return Pence(static_cast<std::int64_t>(v));
}

// Basis points of `part` in `whole` (rounded down); none when the whole is not above zero.
std::optional<std::int64_t> BasisPoints(Pence part, Pence whole) {
  if (whole.value() <= 0) return std::nullopt;
  return static_cast<std::int64_t>(
      RoundDivide(static_cast<Int128>(part.value()) * 10'000, whole.value(), RoundingRule::kDown));
}

// "95.2%": basis points as a percentage to one place (rounded down).
std::string Percent(std::int64_t bps) { return fmt::format("{}.{}%", bps / 100, bps % 100 / 10); }

std::string Budgets(std::int64_t n) { return n == 1 ? "1 budget" : fmt::format("{} budgets", n); }

}  // namespace

const char* MechanismName(Mechanism m) {
  switch (m) {
    case Mechanism::kDirectPayment:
      return "direct_payment";
    case Mechanism::kManagedBudget:
      return "managed_budget";
    case Mechanism::kCouncilArranged:
      return "council_arranged";
    case Mechanism::kOneOff:
      return "one_off";
  }
  return "direct_payment";
}

const char* MechanismLabel(Mechanism m) {
  switch (m) {
    case Mechanism::kDirectPayment:
      return "Direct payments";
    case Mechanism::kManagedBudget:
      return "Managed budgets";
    case Mechanism::kCouncilArranged:
      return "Council-arranged support";
    case Mechanism::kOneOff:
      return "One-off items";
  }
  return "Direct payments";
}

const char* CategoryLabel(LineCategory category) {
  switch (category) {
    case LineCategory::kPlanItem:
      return "Plan items";
    case LineCategory::kNotInPlan:
      return "Not in the plan";
    case LineCategory::kCashWithdrawal:
      return "Cash withdrawals";
    case LineCategory::kBankCharge:
      return "Bank charges";
    case LineCategory::kUnknownPayee:
      return "Unknown payees";
    case LineCategory::kCouncilPayment:
      return "Council payments";
    case LineCategory::kTopUp:
      return "Top-ups";
    case LineCategory::kRefund:
      return "Refunds";
    case LineCategory::kOtherMoneyIn:
      return "Other money in";
    case LineCategory::kNoMoneyMoved:
      return "No money moved";
  }
  return "Unknown payees";
}

std::string FormatPoundsShort(Pence amount) {
  std::string text = FormatPounds(amount);
  if (text.ends_with(".00")) text.resize(text.size() - 3);
  return text;
}

Result<FinanceOverview> Overview(const OverviewInput& in) {
  if (in.council_budget && in.council_budget->value() < 0) {
    return FailFields({{"council_budget", "The council's budget cannot be less than £0.00"}});
  }
  const FinancialYear& fy = in.year;
  FinanceOverview o;
  o.year = fy;
  o.today = in.today;
  o.tense = in.today < fy.Start() ? YearTense::kFuture
            : fy.End() < in.today ? YearTense::kPast
                                  : YearTense::kCurrent;
  o.paid_to = o.tense == YearTense::kPast ? fy.End() : in.today;
  o.council_budget = in.council_budget;

  std::array<Int128, kMechanismCount> committed{}, still{};
  static const std::vector<PaidPayment> kNothingPaid;
  // Council-arranged support is paid by invoice: the days from tomorrow are still to pay.
  const Date tomorrow = AddDays(in.today, 1);
  const bool days_left = !(fy.End() < tomorrow);
  const Date rest_from = std::max(tomorrow, fy.Start());
  for (const BudgetRecord& b : in.budgets) {
    if (fy.End() < b.start || (b.end && *b.end < fy.Start())) continue;
    auto schedule = MakeSchedule(ToBudgetInForce(b));
    if (!schedule) return tl::unexpected(schedule.error());
    auto cost = CostOver(*schedule, fy.Start(), fy.End());
    if (!cost) return tl::unexpected(cost.error());
    ++o.budgets;
    committed[IndexOf(Mechanism::kDirectPayment)] += cost->direct_payment_net.value();
    committed[IndexOf(Mechanism::kManagedBudget)] += cost->managed_budget.value();
    committed[IndexOf(Mechanism::kCouncilArranged)] += cost->council_arranged.value();
    committed[IndexOf(Mechanism::kOneOff)] += cost->one_off.value();

    const std::vector<PaidPayment>* paid = &kNothingPaid;
    if (in.paid != nullptr) {
      if (auto found = in.paid->find(b.id); found != in.paid->end()) paid = &found->second;
    }
    auto due = DueOn(*schedule, fy.End(), *paid);
    if (!due) return tl::unexpected(due.error());
    for (const ScheduledPayment& p : due->payments) {
      // A payment due before the year is still to pay only while the year is running (it would
      // be paid now); a year to come starts with its own.
      if (p.due_on < fy.Start() && o.tense != YearTense::kCurrent) continue;
      switch (p.kind) {
        case PaymentKind::kDirectPayment:
          still[IndexOf(Mechanism::kDirectPayment)] += p.amount.value();
          break;
        case PaymentKind::kManagedBudget:
          still[IndexOf(Mechanism::kManagedBudget)] += p.amount.value();
          break;
        case PaymentKind::kOneOff:
          still[IndexOf(Mechanism::kOneOff)] += p.amount.value();
          break;
        case PaymentKind::kContribution:
          break;
      }
    }
    if (days_left) {
      auto rest = CostOver(*schedule, rest_from, fy.End());
      if (!rest) return tl::unexpected(rest.error());
      still[IndexOf(Mechanism::kCouncilArranged)] += rest->council_arranged.value();
      // Council-arranged one-offs are bought by the council, not paid by a run.
      for (const OneOffItem& item : b.one_offs) {
        const Date on = item.on.value_or(b.start);
        if (item.route == casework::PaymentRoute::kCouncilArranged && !(on < rest->from) &&
            !(rest->to < on) && !(rest->to < rest->from) && !(b.end && *b.end < on)) {
          still[IndexOf(Mechanism::kOneOff)] += item.amount.value();
        }
      }
    }
  }

  Int128 totals[4] = {};
  for (Mechanism m : kMechanisms) {
    const std::size_t i = IndexOf(m);
    MechanismFigures f;
    f.mechanism = m;
    auto c = ToPence(committed[i]);
    auto s = ToPence(still[i]);
    auto forecast = ToPence(static_cast<Int128>(in.paid_this_year[i].value()) + still[i]);
    if (!c || !s || !forecast) return Fail(ErrorCode::kOverflow, "The totals are too large");
    f.committed = *c;
    f.paid = in.paid_this_year[i];
    f.still_to_pay = *s;
    f.forecast = *forecast;
    totals[0] += f.committed.value();
    totals[1] += f.paid.value();
    totals[2] += f.still_to_pay.value();
    totals[3] += f.forecast.value();
    o.by_mechanism.push_back(f);
  }
  for (auto [value, out] :
       {std::pair{totals[0], &o.committed}, std::pair{totals[1], &o.paid},
        std::pair{totals[2], &o.still_to_pay}, std::pair{totals[3], &o.forecast}}) {
    auto p = ToPence(value);
    if (!p) return tl::unexpected(p.error());
    *out = *p;
  }

  // The headline.
  std::string spend;
  switch (o.tense) {
    case YearTense::kCurrent:
      spend = fmt::format("At this rate the council will spend {} on personal budgets this year",
                          FormatPoundsShort(o.forecast));
      break;
    case YearTense::kPast:
      spend = fmt::format("The council's personal budgets cost {} in {}",
                          FormatPoundsShort(o.forecast), fy.Label());
      break;
    case YearTense::kFuture:
      spend = fmt::format(
          "If the budgets in payment carry on, the council will spend {} on personal budgets in "
          "{}",
          FormatPoundsShort(o.forecast), fy.Label());
      break;
  }
  if (o.council_budget) {
    auto over = ToPence(static_cast<Int128>(o.forecast.value()) - o.council_budget->value());
    if (!over) return tl::unexpected(over.error());
    o.forecast_over_budget = *over;
    o.forecast_bps = BasisPoints(o.forecast, *o.council_budget);
    o.committed_bps = BasisPoints(o.committed, *o.council_budget);
    const std::string budget = FormatPoundsShort(*o.council_budget);
    if (over->value() < 0) {
      o.sentences.push_back(fmt::format("{}, {} less than the {} set aside.", spend,
                                        FormatPoundsShort(Pence(-over->value())), budget));
    } else if (over->value() > 0) {
      o.sentences.push_back(fmt::format("{}, {} more than the {} set aside.", spend,
                                        FormatPoundsShort(*over), budget));
    } else {
      o.sentences.push_back(fmt::format("{}, exactly the {} set aside.", spend, budget));
    }
  } else {
    o.sentences.push_back(spend + ".");
    o.sentences.push_back(fmt::format(
        "No budget for personal budgets has been set for {}, so there is nothing to compare "
        "this with.",
        fy.Label()));
  }
  switch (o.tense) {
    case YearTense::kCurrent:
      o.sentences.push_back(fmt::format(
          "{} has been paid so far and {} is still to pay by {}.", FormatPoundsShort(o.paid),
          FormatPoundsShort(o.still_to_pay), FormatLongDate(fy.End())));
      break;
    case YearTense::kPast:
      o.sentences.push_back(
          o.still_to_pay.value() > 0
              ? fmt::format("{} was paid in the year, and {} due in it has not been paid.",
                            FormatPoundsShort(o.paid), FormatPoundsShort(o.still_to_pay))
              : fmt::format("{} was paid in the year.", FormatPoundsShort(o.paid)));
      break;
    case YearTense::kFuture:
      o.sentences.push_back(fmt::format("The year starts on {}, so nothing has been paid yet.",
                                        FormatLongDate(fy.Start())));
      break;
  }
  std::string committed_sentence =
      fmt::format("{} is committed for {} across {}", FormatPoundsShort(o.committed), fy.Label(),
                  Budgets(o.budgets));
  if (o.committed_bps) {
    committed_sentence += fmt::format(": {} of the council's budget", Percent(*o.committed_bps));
  }
  o.sentences.push_back(committed_sentence + ".");

  // Where statement spend went.
  Int128 spent = 0;
  for (const CategorySpend& c : in.spend_by_category) {
    if (!IsMoneyOutCategory(c.category) || c.amount.value() <= 0) continue;
    auto existing =
        std::find_if(o.spend_by_category.begin(), o.spend_by_category.end(),
                     [&](const CategoryFigures& f) { return f.category == c.category; });
    if (existing == o.spend_by_category.end()) {
      o.spend_by_category.push_back({c.category, CategoryLabel(c.category), 0, Pence(0), 0});
      existing = o.spend_by_category.end() - 1;
    }
    auto sum = existing->amount.Plus(c.amount);
    if (!sum) return tl::unexpected(sum.error());
    existing->amount = *sum;
    existing->lines += c.lines;
    spent += c.amount.value();
  }
  auto spent_pence = ToPence(spent);
  if (!spent_pence) return tl::unexpected(spent_pence.error());
  o.statement_spend = *spent_pence;
  for (CategoryFigures& f : o.spend_by_category) {
    f.share_bps = BasisPoints(f.amount, o.statement_spend).value_or(0);
  }
  std::stable_sort(o.spend_by_category.begin(), o.spend_by_category.end(),
                   [](const CategoryFigures& a, const CategoryFigures& b) {
                     return std::tuple(b.amount, static_cast<int>(a.category)) <
                            std::tuple(a.amount, static_cast<int>(b.category));
                   });

  for (const PayeeSpend& p : in.spend_by_payee) {
    if (p.amount.value() > 0) o.top_payees.push_back(p);
  }
  std::sort(o.top_payees.begin(), o.top_payees.end(), [](const PayeeSpend& a, const PayeeSpend& b) {
    return std::tie(b.amount, a.payee) < std::tie(a.amount, b.payee);
  });
  if (o.top_payees.size() > kTopPayees) o.top_payees.resize(kTopPayees);

  Int128 owed = 0;
  for (const ContributionOwed& c : in.contributions) {
    if (c.owed.value() <= 0) continue;
    o.contributions.push_back(c);
    owed += c.owed.value();
  }
  std::sort(o.contributions.begin(), o.contributions.end(),
            [](const ContributionOwed& a, const ContributionOwed& b) {
              return std::tie(b.owed, a.name, a.person) < std::tie(a.owed, b.name, b.person);
            });
  auto owed_pence = ToPence(owed);
  if (!owed_pence) return tl::unexpected(owed_pence.error());
  o.contributions_owed = *owed_pence;
  return o;
}

}  // namespace selfdirect::ledger
