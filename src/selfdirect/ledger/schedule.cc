#include "selfdirect/ledger/schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

namespace selfdirect::ledger {
namespace {

constexpr std::int64_t kMaxAmount = 100'000'000'000;  // £1,000,000,000 a week, a year or once
constexpr std::int64_t kMaxWeeksPart = std::int64_t{1} << 30;

int DayNumber(Date d) { return date::sys_days{d}.time_since_epoch().count(); }

std::string Span(Date from, Date to) { return FormatLongDate(from) + " to " + FormatLongDate(to); }

std::string Days(int n) { return n == 1 ? "1 day" : fmt::format("{} days", n); }

// A full period is worth R × numerator ÷ denominator, where R is a rate in pence a year × the
// weeks-per-year denominator (see Rates).
struct Share {
  Int128 numerator;
  Int128 denominator;
};

Share PeriodShare(Period interval, WeeksPerYear w) {
  switch (interval) {
    case Period::kWeekly:
      return {1, w.numerator};
    case Period::kFourWeekly:
      return {4, w.numerator};
    case Period::kMonthly:
      return {1, static_cast<Int128>(12) * w.denominator};
    case Period::kAnnual:
      return {1, w.denominator};
  }
  return {1, w.denominator};
}

// R for a recurring cost: pence a year × den = per_year × den + per_week × num (exact).
Int128 RateOf(const RecurringCost& cost, WeeksPerYear w) {
  return static_cast<Int128>(cost.per_year.value()) * w.denominator +
         static_cast<Int128>(cost.per_week.value()) * w.numerator;
}

Date PeriodStart(const BudgetInForce& b, int k) {
  switch (b.interval) {
    case Period::kWeekly:
      return AddDays(b.start, 7 * k);
    case Period::kFourWeekly:
      return AddDays(b.start, 28 * k);
    case Period::kMonthly:
      return AddMonths(b.start, k);
    case Period::kAnnual:
      return AddMonths(b.start, 12 * k);
  }
  return b.start;
}

// Days in a period of a fixed-length interval, or 0 for months and years.
int FixedLength(Period interval) {
  return interval == Period::kWeekly ? 7 : interval == Period::kFourWeekly ? 28 : 0;
}

// The smallest k whose period starts on or after `day` (day on or after the start).
int FirstPeriodOnOrAfter(const BudgetInForce& b, Date day) {
  const int days = DaysBetween(b.start, day);
  if (days <= 0) return 0;
  if (const int length = FixedLength(b.interval); length > 0) return (days + length - 1) / length;
  int k = b.interval == Period::kMonthly ? days / 31 : days / 366;
  while (PeriodStart(b, k) < day) ++k;
  return k;
}

// The largest k whose period starts on or before `day`, or -1 when day is before the start.
int LastPeriodOnOrBefore(const BudgetInForce& b, Date day) {
  if (day < b.start) return -1;
  const int k = FirstPeriodOnOrAfter(b, day);
  return PeriodStart(b, k) == day ? k : k - 1;
}

std::int64_t ClampedCount(int from, int to) { return to >= from ? to - from + 1 : 0; }

// Days of [from, to] (day numbers, inclusive) inside merged suspensions.
int SuspendedDaysIn(const std::vector<std::pair<int, int>>& merged, int from, int to) {
  int n = 0;
  for (const auto& [s, e] : merged) {
    n += static_cast<int>(ClampedCount(std::max(s, from), std::min(e, to)));
  }
  return n;
}

// The schedule's dates as day numbers, worked out once.
struct Derived {
  const BudgetInForce& b;
  const std::vector<PaymentSchedule::Rates>& rates;
  std::vector<std::pair<int, int>> suspended;  // merged, sorted, inclusive day numbers
  Share share;
  int start_day = 0;
  int end_day = INT32_MAX;         // the last funded day
  std::vector<int> terms_from;     // each terms' first day
  std::vector<int> terms_to;       // each terms' last day
  std::vector<int> terms_period0;  // the first period starting on or after each terms' start
};

Derived Derive(const PaymentSchedule& s) {
  const BudgetInForce& b = s.budget();
  Derived d{b, s.rates(), {}, PeriodShare(b.interval, b.weeks_per_year)};
  std::vector<std::pair<int, int>> spans;
  for (const Suspension& x : b.suspensions) {
    spans.emplace_back(DayNumber(x.from), DayNumber(x.to));
  }
  std::sort(spans.begin(), spans.end());
  for (const auto& span : spans) {
    if (!d.suspended.empty() && span.first <= d.suspended.back().second + 1) {
      d.suspended.back().second = std::max(d.suspended.back().second, span.second);
    } else {
      d.suspended.push_back(span);
    }
  }
  d.start_day = DayNumber(b.start);
  if (b.end) d.end_day = DayNumber(*b.end);
  for (std::size_t t = 0; t < b.terms.size(); ++t) {
    d.terms_from.push_back(DayNumber(b.terms[t].from));
    d.terms_to.push_back(t + 1 < b.terms.size() ? DayNumber(b.terms[t + 1].from) - 1 : INT32_MAX);
    d.terms_period0.push_back(FirstPeriodOnOrAfter(b, b.terms[t].from));
  }
  return d;
}

// First day (a day number) of period k.
int StartDay(const Derived& d, int k) {
  if (const int length = FixedLength(d.b.interval); length > 0) return d.start_day + length * k;
  return DayNumber(PeriodStart(d.b, k));
}

// Calls visit(terms index, funded days) for each set of terms funding some of [from, to], and
// returns the suspended days among them.
template <typename Visit>
int ForEachTerms(const Derived& d, int from, int to, Visit visit) {
  const int last_funded = std::min(to, d.end_day);
  int suspended_days = 0;
  for (std::size_t t = 0; t < d.terms_from.size(); ++t) {
    const int s = std::max(from, d.terms_from[t]);
    const int e = std::min(last_funded, d.terms_to[t]);
    if (e < s) continue;
    const int suspended = d.suspended.empty() ? 0 : SuspendedDaysIn(d.suspended, s, e);
    suspended_days += suspended;
    const int funded = e - s + 1 - suspended;
    if (funded > 0) visit(t, funded);
  }
  return suspended_days;
}

// What one period is made of, day by day (for sentences).
struct Composition {
  int period_days = 0;
  std::vector<std::pair<std::size_t, int>> terms_days;  // (terms index, funded days)
  int suspended_days = 0;
  int after_end_days = 0;
  bool whole = false;  // funded every day by one set of terms
};

Composition Compose(const Derived& d, Date start, Date end) {
  Composition c;
  const int from = DayNumber(start);
  const int to = DayNumber(end);
  c.period_days = to - from + 1;
  if (d.end_day < to) {
    c.after_end_days = static_cast<int>(ClampedCount(std::max(from, d.end_day + 1), to));
  }
  c.suspended_days = ForEachTerms(
      d, from, to, [&](std::size_t t, int funded) { c.terms_days.emplace_back(t, funded); });
  c.whole = c.terms_days.size() == 1 && c.terms_days[0].second == c.period_days;
  return c;
}

Int128 FloorDiv(Int128 n, Int128 d) { return RoundDivide(n, d, RoundingRule::kDown); }

Result<Pence> ToPence(Int128 v) {
  if (v > INT64_MAX || v < INT64_MIN) {
    return Fail(ErrorCode::kOverflow, "A payment is too large to hold");
  }
  return Pence(static_cast<std::int64_t>(v));
}

using RateOfKind = Int128 (*)(const PaymentSchedule::Rates&);
Int128 DirectRate(const PaymentSchedule::Rates& r) { return r.direct_payment; }
Int128 ManagedRate(const PaymentSchedule::Rates& r) { return r.managed_budget; }
Int128 ContributionRate(const PaymentSchedule::Rates& r) { return r.contribution; }

// A full period's amount for a rate (rounded down), for sentences.
Int128 FullPeriodFloor(const Derived& d, Int128 rate) {
  return FloorDiv(rate * d.share.numerator, d.share.denominator);
}

constexpr int kPeriodKindCount = 3;
constexpr RateOfKind kRateOf[kPeriodKindCount] = {DirectRate, ManagedRate, ContributionRate};

// The amounts of period k (days [from, to]) for each kind. A whole period (every day funded by
// one set of terms) carries pennies forward within its terms: the running total to its end,
// rounded down, less the running total to its start. A part period is pro rata to the day,
// rounded down.
Result<std::array<Pence, kPeriodKindCount>> PeriodAmounts(const Derived& d, int k, int from,
                                                          int to) {
  const int period_days = to - from + 1;
  Int128 numerators[kPeriodKindCount] = {};
  std::size_t whole_terms = 0;
  int funded_total = 0;
  int sets = 0;
  ForEachTerms(d, from, to, [&](std::size_t t, int funded) {
    for (int kind = 0; kind < kPeriodKindCount; ++kind) {
      numerators[kind] += kRateOf[kind](d.rates[t]) * funded * d.share.numerator;
    }
    whole_terms = t;
    funded_total += funded;
    ++sets;
  });
  std::array<Pence, kPeriodKindCount> out;
  for (int kind = 0; kind < kPeriodKindCount; ++kind) {
    Int128 amount = 0;
    if (sets == 1 && funded_total == period_days) {
      const Int128 rate = kRateOf[kind](d.rates[whole_terms]);
      const Int128 i = k - d.terms_period0[whole_terms];
      amount = FloorDiv(rate * (i + 1) * d.share.numerator, d.share.denominator) -
               FloorDiv(rate * i * d.share.numerator, d.share.denominator);
    } else {
      amount = FloorDiv(numerators[kind], d.share.denominator * period_days);
    }
    auto pence = ToPence(amount);
    if (!pence) return tl::unexpected(pence.error());
    out[static_cast<std::size_t>(kind)] = *pence;
  }
  return out;
}

std::string_view KindKeyPrefix(PaymentKind kind) {
  switch (kind) {
    case PaymentKind::kDirectPayment:
      return "dp";
    case PaymentKind::kManagedBudget:
      return "mb";
    case PaymentKind::kOneOff:
      return "oneoff";
    case PaymentKind::kContribution:
      return "contribution";
  }
  return "dp";
}

std::string PeriodKey(PaymentKind kind, const std::string& budget, Date start) {
  return fmt::format("{}:{}:{}", KindKeyPrefix(kind), budget, FormatIsoDate(start));
}

// Why a part period is worth less than a full one, in words.
std::string PartDetail(const Derived& d, const Composition& c, RateOfKind rate_of, Date start,
                       Date end) {
  std::vector<std::string> parts;
  for (const auto& [t, days] : c.terms_days) {
    parts.push_back(fmt::format(
        "{} of the {} at {} for a full period", Days(days), Days(c.period_days),
        FormatPounds(Pence(static_cast<std::int64_t>(FullPeriodFloor(d, rate_of(d.rates[t])))))));
  }
  if (c.suspended_days > 0) {
    std::string reason;
    for (const Suspension& s : d.b.suspensions) {
      if (!(s.to < start) && !(end < s.from)) {
        reason = s.reason.empty() ? "a suspension" : s.reason;
        break;
      }
    }
    parts.push_back(fmt::format("nothing for {} when payments were suspended ({})",
                                Days(c.suspended_days), reason));
  }
  if (c.after_end_days > 0) {
    parts.push_back(fmt::format("nothing for {} after the budget ended on {}",
                                Days(c.after_end_days), FormatLongDate(*d.b.end)));
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

// Why a period is now worth less than was paid, in words.
std::string ReasonLess(const Derived& d, const Composition& c, Date start, Date end) {
  std::vector<std::string> reasons;
  if (c.after_end_days > 0) {
    reasons.push_back("the budget ended on " + FormatLongDate(*d.b.end));
  }
  if (c.suspended_days > 0) {
    reasons.push_back(fmt::format("payments were suspended for {}", Days(c.suspended_days)));
  }
  if (c.terms_days.size() > 1) {
    for (std::size_t t = 1; t < d.b.terms.size(); ++t) {
      const Date from = d.b.terms[t].from;
      if (!(from < start) && !(end < from)) {
        reasons.push_back("the plan changed on " + FormatLongDate(from));
      }
    }
  }
  if (reasons.empty()) reasons.push_back("the plan changed");
  std::string out;
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    if (i > 0) out += " and ";
    out += reasons[i];
  }
  return out;
}

const char* KindPhrase(PaymentKind kind) {
  switch (kind) {
    case PaymentKind::kDirectPayment:
      return "direct payment";
    case PaymentKind::kManagedBudget:
      return "managed budget payment";
    case PaymentKind::kOneOff:
      return "one-off payment";
    case PaymentKind::kContribution:
      return "contribution";
  }
  return "payment";
}

bool ValidKeyPart(const std::string& s) {
  return !s.empty() && s.find(':') == std::string::npos && s.size() <= 100;
}

void CheckCost(const RecurringCost& cost, const std::string& field,
               std::vector<FieldError>* errors) {
  for (const auto& [value, name] :
       {std::pair{cost.per_week, "per_week"}, std::pair{cost.per_year, "per_year"}}) {
    if (value.value() < 0) {
      errors->push_back({field + "." + name, "The amount cannot be less than £0.00"});
    } else if (value.value() > kMaxAmount) {
      errors->push_back(
          {field + "." + name, "That is more than £1,000,000,000.00; check the figure"});
    }
  }
}

}  // namespace

bool IsContributionKey(std::string_view key) {
  const std::string_view prefix = KindKeyPrefix(PaymentKind::kContribution);
  return key.size() > prefix.size() && key.starts_with(prefix) && key[prefix.size()] == ':';
}

const char* ContributionCollectionName(ContributionCollection c) {
  return c == ContributionCollection::kNet ? "net" : "gross";
}

const char* PaymentKindName(PaymentKind kind) {
  switch (kind) {
    case PaymentKind::kDirectPayment:
      return "direct_payment";
    case PaymentKind::kManagedBudget:
      return "managed_budget";
    case PaymentKind::kOneOff:
      return "one_off";
    case PaymentKind::kContribution:
      return "contribution";
  }
  return "direct_payment";
}

const char* PayeeName(Payee payee) {
  switch (payee) {
    case Payee::kHoldingAccount:
      return "holding_account";
    case Payee::kHoldingOrganisation:
      return "holding_organisation";
    case Payee::kPerson:
      return "person";
  }
  return "holding_account";
}

const char* PaymentKindLabel(PaymentKind kind) {
  switch (kind) {
    case PaymentKind::kDirectPayment:
      return "Direct payment";
    case PaymentKind::kManagedBudget:
      return "Managed budget";
    case PaymentKind::kOneOff:
      return "One-off payment";
    case PaymentKind::kContribution:
      return "Contribution charged";
  }
  return "Direct payment";
}

std::optional<PaymentKind> ParsePaymentKind(std::string_view name) {
  for (auto k : {PaymentKind::kDirectPayment, PaymentKind::kManagedBudget, PaymentKind::kOneOff,
                 PaymentKind::kContribution}) {
    if (name == PaymentKindName(k)) return k;
  }
  return std::nullopt;
}

std::optional<Payee> ParsePayee(std::string_view name) {
  for (auto p : {Payee::kHoldingAccount, Payee::kHoldingOrganisation, Payee::kPerson}) {
    if (name == PayeeName(p)) return p;
  }
  return std::nullopt;
}

Result<PlanRoutes> RoutesOfPlan(const casework::PlanContent& plan) {
  PlanRoutes out;
  Int128 sums[3][2] = {};  // route × (per week, per year)
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const casework::PlanItem& item = plan.items[i];
    auto line = item.unit_price.MulDiv(item.hundredths, 100, RoundingRule::kHalfUp);
    if (!line) return tl::unexpected(line.error());
    const int route = static_cast<int>(item.route);
    switch (item.frequency) {
      case casework::ItemFrequency::kPerWeek:
        sums[route][0] += line->value();
        break;
      case casework::ItemFrequency::kPerYear:
        sums[route][1] += line->value();
        break;
      case casework::ItemFrequency::kOneOff:
        out.one_offs.push_back(
            {fmt::format("item{}", i + 1), item.what, item.route, *line, std::nullopt});
        break;
    }
  }
  RecurringCost* costs[3] = {&out.direct_payment, &out.managed_budget, &out.council_arranged};
  for (int r = 0; r < 3; ++r) {
    for (int f = 0; f < 2; ++f) {
      if (sums[r][f] > INT64_MAX)
        return Fail(ErrorCode::kOverflow, "The plan's total is too large");
    }
    costs[r]->per_week = Pence(static_cast<std::int64_t>(sums[r][0]));
    costs[r]->per_year = Pence(static_cast<std::int64_t>(sums[r][1]));
  }
  return out;
}

Result<PaymentSchedule> MakeSchedule(BudgetInForce budget) {
  std::vector<FieldError> errors;
  if (!ValidKeyPart(budget.budget)) {
    errors.push_back({"budget", "The budget needs an id of 1 to 100 characters with no ':'"});
  }
  const WeeksPerYear w = budget.weeks_per_year;
  if (w.numerator <= 0 || w.denominator <= 0 || w.numerator >= kMaxWeeksPart ||
      w.denominator >= kMaxWeeksPart ||
      static_cast<Int128>(w.numerator) < static_cast<Int128>(52) * w.denominator ||
      static_cast<Int128>(w.numerator) > static_cast<Int128>(53) * w.denominator) {
    errors.push_back({"weeks_per_year", "Weeks per year must be between 52 and 53"});
  }
  if (budget.terms.empty()) {
    errors.push_back({"terms", "The budget needs the amounts it pays from its start date"});
  } else if (budget.terms[0].from != budget.start) {
    errors.push_back({"terms[0].from", "The first terms must start on the budget's start date"});
  }
  for (std::size_t i = 0; i < budget.terms.size(); ++i) {
    const BudgetTerms& t = budget.terms[i];
    const std::string field = fmt::format("terms[{}]", i);
    if (i > 0 && !(budget.terms[i - 1].from < t.from)) {
      errors.push_back({field + ".from", "A change of plan must start after the change before it"});
    }
    CheckCost(t.direct_payment, field + ".direct_payment", &errors);
    CheckCost(t.managed_budget, field + ".managed_budget", &errors);
    CheckCost(t.council_arranged, field + ".council_arranged", &errors);
    if (t.weekly_contribution.value() < 0) {
      errors.push_back(
          {field + ".weekly_contribution", "The contribution cannot be less than £0.00"});
    } else if (t.weekly_contribution.value() > kMaxAmount) {
      errors.push_back({field + ".weekly_contribution",
                        "That is more than £1,000,000,000.00 a week; check the figure"});
    }
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < budget.one_offs.size(); ++i) {
    const OneOffItem& o = budget.one_offs[i];
    const std::string field = fmt::format("one_offs[{}]", i);
    if (!ValidKeyPart(o.id)) {
      errors.push_back({field + ".id",
                        "Each one-off item needs an id of 1 to 100 characters with "
                        "no ':'"});
    } else if (!ids.insert(o.id).second) {
      errors.push_back({field + ".id", "Another one-off item already has the id \"" + o.id + "\""});
    }
    if (o.amount.value() <= 0) {
      errors.push_back({field + ".amount", "The amount must be more than £0.00"});
    } else if (o.amount.value() > kMaxAmount) {
      errors.push_back(
          {field + ".amount", "That is more than £1,000,000,000.00; check the figure"});
    }
    if (o.on && *o.on < budget.start) {
      errors.push_back({field + ".on", "A one-off payment cannot be before the budget starts"});
    }
  }
  for (std::size_t i = 0; i < budget.suspensions.size(); ++i) {
    const Suspension& s = budget.suspensions[i];
    const std::string field = fmt::format("suspensions[{}]", i);
    if (s.to < s.from) {
      errors.push_back({field + ".to", "The suspension must end on or after the day it starts"});
    }
    if (s.from < budget.start) {
      errors.push_back({field + ".from", "A suspension cannot start before the budget starts"});
    }
  }
  if (budget.end && *budget.end < budget.start) {
    errors.push_back({"end", "The budget cannot end before it starts"});
  }
  if (!errors.empty()) return FailFields(std::move(errors), "Check the budget's payment details");

  PaymentSchedule schedule;
  for (const BudgetTerms& t : budget.terms) {
    PaymentSchedule::Rates r;
    const Int128 dp = RateOf(t.direct_payment, w);
    const Int128 contribution = static_cast<Int128>(t.weekly_contribution.value()) * w.numerator;
    r.managed_budget = RateOf(t.managed_budget, w);
    r.council_arranged = RateOf(t.council_arranged, w);
    if (budget.collection == ContributionCollection::kNet) {
      r.contribution_taken_off = std::min(dp, contribution);
    }
    r.direct_payment = dp - r.contribution_taken_off;
    r.contribution = contribution - r.contribution_taken_off;
    schedule.rates_.push_back(r);
  }
  schedule.budget_ = std::move(budget);
  return schedule;
}

std::vector<SchedulePeriod> PeriodsThrough(const PaymentSchedule& schedule, Date through) {
  const BudgetInForce& b = schedule.budget();
  Date last = through;
  if (b.end && *b.end < last) last = *b.end;
  const int n = LastPeriodOnOrBefore(b, last);
  std::vector<SchedulePeriod> out;
  out.reserve(static_cast<std::size_t>(std::max(n + 1, 0)));
  for (int k = 0; k <= n; ++k) {
    out.push_back({k, PeriodStart(b, k), AddDays(PeriodStart(b, k + 1), -1)});
  }
  return out;
}

namespace {

struct KindOf {
  PaymentKind kind;
  Payee payee;
  RateOfKind rate;
};
constexpr KindOf kPeriodKinds[] = {
    {PaymentKind::kDirectPayment, Payee::kHoldingAccount, DirectRate},
    {PaymentKind::kManagedBudget, Payee::kHoldingOrganisation, ManagedRate},
    {PaymentKind::kContribution, Payee::kPerson, ContributionRate},
};

// Where an amount belongs: a kind in a period, or a one-off item (period −1, slot = its index).
struct Slot {
  int period = -1;
  int slot = 0;
};

// One amount owed, before it has a key or words.
struct OwedAmount {
  Slot at;
  Pence amount;
  int due_day = 0;  // a day number
};

Date DateOfDay(int day) { return Date{date::sys_days{date::days{day}}}; }

Result<std::vector<OwedAmount>> OwedAmounts(const Derived& d, Date through) {
  const BudgetInForce& b = d.b;
  std::vector<OwedAmount> out;
  const Date last = b.end && *b.end < through ? *b.end : through;
  const int n = LastPeriodOnOrBefore(b, last);
  int start = d.start_day;
  for (int k = 0; k <= n; ++k) {
    const int next = StartDay(d, k + 1);
    auto amounts = PeriodAmounts(d, k, start, next - 1);
    if (!amounts) return tl::unexpected(amounts.error());
    for (int slot = 0; slot < kPeriodKindCount; ++slot) {
      const Pence amount = (*amounts)[static_cast<std::size_t>(slot)];
      if (amount.value() > 0) out.push_back({{k, slot}, amount, start});
    }
    start = next;
  }
  for (std::size_t j = 0; j < b.one_offs.size(); ++j) {
    const OneOffItem& o = b.one_offs[j];
    if (o.route == casework::PaymentRoute::kCouncilArranged) continue;
    const Date on = o.on.value_or(b.start);
    if (through < on || (b.end && *b.end < on)) continue;
    out.push_back({{-1, static_cast<int>(j)}, o.amount, DayNumber(on)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const OwedAmount& a, const OwedAmount& x) { return a.due_day < x.due_day; });
  return out;
}

PaymentKind KindAt(const Slot& at) {
  return at.period < 0 ? PaymentKind::kOneOff : kPeriodKinds[at.slot].kind;
}

std::string BaseKey(const BudgetInForce& b, const Slot& at) {
  if (at.period < 0) {
    return fmt::format("{}:{}:{}", KindKeyPrefix(PaymentKind::kOneOff), b.budget,
                       b.one_offs[static_cast<std::size_t>(at.slot)].id);
  }
  return PeriodKey(kPeriodKinds[at.slot].kind, b.budget, PeriodStart(b, at.period));
}

std::pair<Date, Date> CoversOf(const BudgetInForce& b, const Slot& at) {
  if (at.period < 0) {
    const Date on = b.one_offs[static_cast<std::size_t>(at.slot)].on.value_or(b.start);
    return {on, on};
  }
  return {PeriodStart(b, at.period), AddDays(PeriodStart(b, at.period + 1), -1)};
}

// The owed amount with its key, payee and explanation.
ScheduledPayment Describe(const Derived& d, const OwedAmount& o) {
  const BudgetInForce& b = d.b;
  ScheduledPayment s;
  s.key = BaseKey(b, o.at);
  s.kind = KindAt(o.at);
  s.due_on = DateOfDay(o.due_day);
  std::tie(s.covers_from, s.covers_to) = CoversOf(b, o.at);
  s.amount = o.amount;
  if (o.at.period < 0) {
    const OneOffItem& item = b.one_offs[static_cast<std::size_t>(o.at.slot)];
    s.payee = item.route == casework::PaymentRoute::kDirectPayment ? Payee::kHoldingAccount
                                                                   : Payee::kHoldingOrganisation;
    s.explanation = fmt::format(
        "{} once, on {}, for {} ({}).", FormatPounds(o.amount), FormatLongDate(s.due_on), item.what,
        s.payee == Payee::kHoldingAccount ? "into the direct-payment account"
                                          : "to the organisation holding the managed budget");
    return s;
  }
  const KindOf& kind = kPeriodKinds[o.at.slot];
  s.payee = kind.payee;
  const std::string span = Span(s.covers_from, s.covers_to);
  std::string text =
      kind.kind == PaymentKind::kContribution
          ? fmt::format("{} is the person's contribution for {}", FormatPounds(o.amount), span)
          : fmt::format("{} {} for {}, paid in advance", FormatPounds(o.amount),
                        kind.kind == PaymentKind::kDirectPayment
                            ? "into the direct-payment account"
                            : "to the organisation holding the managed budget",
                        span);
  const Composition c = Compose(d, s.covers_from, s.covers_to);
  if (!c.whole) {
    text += ": " + PartDetail(d, c, kind.rate, s.covers_from, s.covers_to) +
            "; worked out to the day and rounded down to the penny";
  }
  if (kind.kind == PaymentKind::kDirectPayment) {
    for (const auto& [t, days] : c.terms_days) {
      if (d.rates[t].contribution_taken_off > 0) {
        text += ". The person's contribution of " + FormatPounds(b.terms[t].weekly_contribution) +
                " a week has been taken off";
        break;
      }
    }
  }
  s.explanation = text + ".";
  return s;
}

enum class KeyPart { kPayment, kAdjustment, kRecovery };

struct ParsedKey {
  bool ok = false;
  Slot at;
  KeyPart part = KeyPart::kPayment;
};

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 6 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Recognises a key this schedule makes: a period's or a one-off's base key, or an adjustment or
// recovery of one.
ParsedKey ParseKey(const Derived& d, std::string_view key) {
  const BudgetInForce& b = d.b;
  // "{kind}:{budget}:{period start or one-off id}" and optionally ":adj:{n}" or ":recovery:{n}";
  // neither a budget id nor a one-off id contains ':'.
  std::string_view parts[5];
  std::size_t count = 0;
  while (count < 5) {
    const std::size_t colon = key.find(':');
    parts[count++] = key.substr(0, colon);
    if (colon == std::string_view::npos) break;
    key.remove_prefix(colon + 1);
    if (count == 5) return {};  // too many parts
  }
  ParsedKey out;
  if (count == 5 && AllDigits(parts[4])) {
    if (parts[3] == "adj") {
      out.part = KeyPart::kAdjustment;
    } else if (parts[3] == "recovery") {
      out.part = KeyPart::kRecovery;
    } else {
      return out;
    }
  } else if (count != 3) {
    return out;
  }
  if (parts[1] != b.budget) return out;
  if (parts[0] == KindKeyPrefix(PaymentKind::kOneOff)) {
    for (std::size_t j = 0; j < b.one_offs.size(); ++j) {
      if (b.one_offs[j].id == parts[2]) {
        out.at = {-1, static_cast<int>(j)};
        out.ok = true;
      }
    }
    return out;
  }
  for (int slot = 0; slot < kPeriodKindCount; ++slot) {
    if (parts[0] != KindKeyPrefix(kPeriodKinds[slot].kind)) continue;
    auto day = ParseIsoDate(parts[2]);
    // A period more than a hundred years on cannot have been paid (and would need a huge table).
    if (!day || AddMonths(b.start, 1200) < *day) return out;
    int k = 0;
    if (const int length = FixedLength(b.interval); length > 0) {
      const int days = DayNumber(*day) - d.start_day;
      if (days < 0 || days % length != 0) return out;
      k = days / length;
    } else {
      k = LastPeriodOnOrBefore(b, *day);
      if (k < 0 || PeriodStart(b, k) != *day) return out;
    }
    out.at = {k, slot};
    out.ok = true;
  }
  return out;
}

// What the ledger holds for one slot.
struct Held {
  Pence paid;       // payments and adjustments
  Pence recovered;  // recoveries (credits back, for a contribution)
  int transfers = 0;
  bool owed = false;  // the schedule still owes something for it (set by DueOn)
  Pence net() const { return Pence(paid.value() - recovered.value()); }
};

// What the ledger holds, by slot: periods in a flat array (period × kinds + kind), one-offs by
// index.
class Holdings {
 public:
  explicit Holdings(std::size_t one_offs) : one_offs_(one_offs) {}

  Held& At(const Slot& at) {
    if (at.period < 0) return one_offs_[static_cast<std::size_t>(at.slot)];
    const std::size_t i = Index(at);
    if (i >= periods_.size()) periods_.resize(i + 1);
    return periods_[i];
  }
  Held* Find(const Slot& at) {
    Held* h = nullptr;
    if (at.period < 0) {
      h = &one_offs_[static_cast<std::size_t>(at.slot)];
    } else if (Index(at) < periods_.size()) {
      h = &periods_[Index(at)];
    }
    return h != nullptr && h->transfers > 0 ? h : nullptr;
  }
  template <typename Visit>
  void ForEach(Visit visit) const {
    for (std::size_t i = 0; i < periods_.size(); ++i) {
      if (periods_[i].transfers > 0) {
        visit(Slot{static_cast<int>(i) / kPeriodKindCount, static_cast<int>(i) % kPeriodKindCount},
              periods_[i]);
      }
    }
    for (std::size_t j = 0; j < one_offs_.size(); ++j) {
      if (one_offs_[j].transfers > 0) visit(Slot{-1, static_cast<int>(j)}, one_offs_[j]);
    }
  }
  // The last period anything is held for, or -1.
  int LastPeriod() const {
    return periods_.empty() ? -1 : static_cast<int>(periods_.size() - 1) / kPeriodKindCount;
  }

 private:
  static std::size_t Index(const Slot& at) {
    return static_cast<std::size_t>(at.period) * kPeriodKindCount +
           static_cast<std::size_t>(at.slot);
  }
  std::vector<Held> periods_;
  std::vector<Held> one_offs_;
};

Result<Holdings> Tally(const Derived& d, const std::vector<PaidPayment>& paid) {
  Holdings out(d.b.one_offs.size());
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < paid.size(); ++i) {
    const ParsedKey key = ParseKey(d, paid[i].key);
    if (!key.ok) {
      errors.push_back(
          {fmt::format("paid[{}].key", i),
           "\"" + paid[i].key.substr(0, 120) + "\" is not a payment of this budget's schedule"});
      continue;
    }
    if (paid[i].amount.value() <= 0) {
      errors.push_back(
          {fmt::format("paid[{}].amount", i), "A payment made must be more than £0.00"});
      continue;
    }
    Held& held = out.At(key.at);
    Pence& into = key.part == KeyPart::kRecovery ? held.recovered : held.paid;
    auto sum = into.Plus(paid[i].amount);
    if (!sum) return tl::unexpected(sum.error());
    into = *sum;
    ++held.transfers;
  }
  if (!errors.empty()) return FailFields(std::move(errors), "Check the payments already made");
  std::optional<Slot> too_much;
  out.ForEach([&](const Slot& at, const Held& held) {
    if (held.recovered > held.paid && !too_much) too_much = at;
  });
  if (too_much) {
    return Fail(ErrorCode::kInvalidArgument,
                "More was recovered for " + BaseKey(d.b, *too_much) + " than was paid for it");
  }
  return out;
}

}  // namespace

Result<std::vector<ScheduledPayment>> OwedThrough(const PaymentSchedule& schedule, Date through) {
  const Derived d = Derive(schedule);
  auto owed = OwedAmounts(d, through);
  if (!owed) return tl::unexpected(owed.error());
  std::vector<ScheduledPayment> out;
  out.reserve(owed->size());
  for (const OwedAmount& o : *owed) out.push_back(Describe(d, o));
  return out;
}

Result<DueRun> DueOn(const PaymentSchedule& schedule, Date date,
                     const std::vector<PaidPayment>& paid) {
  const BudgetInForce& b = schedule.budget();
  const Derived d = Derive(schedule);
  auto held = Tally(d, paid);
  if (!held) return tl::unexpected(held.error());
  // Owed amounts are needed up to the latest period anything was paid for.
  const int date_day = DayNumber(date);
  int latest_day = date_day;
  if (held->LastPeriod() >= 0) latest_day = std::max(latest_day, StartDay(d, held->LastPeriod()));
  held->ForEach([&](const Slot& at, const Held&) {
    if (at.period < 0) latest_day = std::max(latest_day, DayNumber(CoversOf(b, at).first));
  });
  const Date latest = DateOfDay(latest_day);
  auto owed = OwedAmounts(d, latest);
  if (!owed) return tl::unexpected(owed.error());

  DueRun run;
  auto overpaid = [&](const Slot& at, const Held& h, Pence now) {
    Overpayment o;
    o.key = BaseKey(b, at);
    o.recovery_key = fmt::format("{}:recovery:{}", o.key, h.transfers);
    o.kind = KindAt(at);
    std::tie(o.covers_from, o.covers_to) = CoversOf(b, at);
    o.paid = h.net();
    o.owed = now;
    o.to_recover = Pence(o.paid.value() - now.value());
    const std::string span = Span(o.covers_from, o.covers_to);
    const std::string why =
        o.kind == PaymentKind::kOneOff
            ? "the budget ended on " + FormatLongDate(*b.end) + ", before the item was due"
            : ReasonLess(d, Compose(d, o.covers_from, o.covers_to), o.covers_from, o.covers_to);
    if (o.kind == PaymentKind::kContribution) {
      o.sentence = fmt::format(
          "A contribution of {} was charged for {}, but only {} is due because {}. Credit the "
          "person with {}.",
          FormatPounds(o.paid), span, FormatPounds(now), why, FormatPounds(o.to_recover));
    } else {
      o.sentence = fmt::format(
          "{} was paid as a {} for {}, but only {} is due because {}. The {} paid for days not "
          "funded may be recovered: a finance officer decides, and the person is told first.",
          FormatPounds(o.paid), KindPhrase(o.kind), span, FormatPounds(now), why,
          FormatPounds(o.to_recover));
    }
    run.overpaid.push_back(std::move(o));
  };
  for (const OwedAmount& o : *owed) {
    Held* h = held->Find(o.at);
    if (h != nullptr) h->owed = true;
    const Pence already = h == nullptr ? Pence(0) : h->net();
    if (already < o.amount) {
      if (date_day < o.due_day) continue;  // not due yet
      ScheduledPayment pay = Describe(d, o);
      if (h != nullptr) {
        pay.key = fmt::format("{}:adj:{}", pay.key, h->transfers);
        pay.amount = Pence(o.amount.value() - already.value());
        pay.adjustment = true;
        pay.explanation =
            pay.kind == PaymentKind::kContribution
                ? fmt::format(
                      "A further {} of contribution for {}: {} was charged for it and it is now "
                      "{}.",
                      FormatPounds(pay.amount), Span(pay.covers_from, pay.covers_to),
                      FormatPounds(already), FormatPounds(o.amount))
                : fmt::format("An extra {} for {}: {} was paid for it and it is now worth {}. {}",
                              FormatPounds(pay.amount), Span(pay.covers_from, pay.covers_to),
                              FormatPounds(already), FormatPounds(o.amount), pay.explanation);
      }
      run.payments.push_back(std::move(pay));
    } else if (o.amount < already) {
      overpaid(o.at, *h, o.amount);
    }
  }
  held->ForEach([&](const Slot& at, const Held& h) {
    // Worth nothing now (wholly suspended, or after the end) but money is still held for it.
    if (!h.owed && h.net().value() > 0) overpaid(at, h, Pence(0));
  });
  std::stable_sort(
      run.overpaid.begin(), run.overpaid.end(),
      [](const Overpayment& a, const Overpayment& x) { return a.covers_from < x.covers_from; });
  return run;
}

Result<PaidAhead> PaidAheadOf(const PaymentSchedule& schedule, const std::vector<PaidPayment>& paid,
                              Date today, PaymentKind kind) {
  const BudgetInForce& b = schedule.budget();
  const Derived d = Derive(schedule);
  auto held = Tally(d, paid);
  if (!held) return tl::unexpected(held.error());
  PaidAhead out;
  bool overflowed = false;
  held->ForEach([&](const Slot& at, const Held& h) {
    if (at.period < 0 || KindAt(at) != kind) return;
    const auto [from, to] = CoversOf(b, at);
    if (!(today < from) || h.net().value() <= 0) return;
    auto sum = out.amount.Plus(h.net());
    if (!sum) {
      overflowed = true;
      return;
    }
    out.amount = *sum;
    if (!out.through || *out.through < to) out.through = to;
  });
  if (overflowed) return Fail(ErrorCode::kOverflow, "The payments made are too large to add up");
  return out;
}

Result<FinalReconciliation> Reconcile(const PaymentSchedule& schedule,
                                      const std::vector<PaidPayment>& paid) {
  const BudgetInForce& b = schedule.budget();
  if (!b.end) {
    return tl::unexpected(Error{ErrorCode::kFailedPrecondition,
                                "The budget has not ended, so there is nothing to reconcile yet",
                                {{"end", "Enter the last day the budget pays for"}}});
  }
  auto run = DueOn(schedule, *b.end, paid);
  if (!run) return tl::unexpected(run.error());
  const Derived d = Derive(schedule);
  auto held = Tally(d, paid);
  if (!held) return tl::unexpected(held.error());
  auto owed = OwedAmounts(d, *b.end);
  if (!owed) return tl::unexpected(owed.error());

  FinalReconciliation r;
  r.ended_on = *b.end;
  Int128 paid_out = 0, owed_sum = 0, recover = 0, to_pay = 0, credit = 0;
  held->ForEach([&](const Slot& at, const Held& h) {
    if (KindAt(at) != PaymentKind::kContribution) paid_out += h.net().value();
  });
  for (const OwedAmount& o : *owed) {
    if (KindAt(o.at) != PaymentKind::kContribution) owed_sum += o.amount.value();
  }
  for (const Overpayment& o : run->overpaid) {
    (o.kind == PaymentKind::kContribution ? credit : recover) += o.to_recover.value();
  }
  for (const ScheduledPayment& s : run->payments) {
    if (s.kind != PaymentKind::kContribution) to_pay += s.amount.value();
  }
  for (auto [value, out] : {std::pair{paid_out, &r.paid_out}, std::pair{owed_sum, &r.owed},
                            std::pair{recover, &r.to_recover}, std::pair{to_pay, &r.still_to_pay},
                            std::pair{credit, &r.contribution_overcharged}}) {
    auto pence = ToPence(value);
    if (!pence) return tl::unexpected(pence.error());
    *out = *pence;
  }
  r.overpaid = run->overpaid;
  r.unpaid = run->payments;

  r.sentences.push_back("The budget ended on " + FormatLongDate(*b.end) + ".");
  r.sentences.push_back(
      fmt::format("{} was paid in all, and the budget up to the day it ended was worth {}.",
                  FormatPounds(r.paid_out), FormatPounds(r.owed)));
  if (r.to_recover.value() > 0) {
    r.sentences.push_back(fmt::format(
        "{} was paid in advance for days the budget did not cover. A finance officer will decide "
        "whether to ask for it back, after taking account of any bills still to pay; nothing is "
        "taken without the person being told first.",
        FormatPounds(r.to_recover)));
  } else {
    r.sentences.push_back(
        "Nothing was paid for days the budget did not cover, so there is "
        "nothing to recover.");
  }
  if (r.still_to_pay.value() > 0) {
    r.sentences.push_back(
        fmt::format("{} is still owed for days before the budget ended and "
                    "should be paid.",
                    FormatPounds(r.still_to_pay)));
  }
  if (r.contribution_overcharged.value() > 0) {
    r.sentences.push_back(fmt::format(
        "{} of contribution was charged for days the budget did not cover and should be "
        "credited back to the person.",
        FormatPounds(r.contribution_overcharged)));
  }
  return r;
}

namespace {

// The cost of [from, to] (within the budget) at `year_days` days to the year: YearCommitment's
// and CostOver's arithmetic.
Result<Commitment> CostOfDays(const PaymentSchedule& schedule, Date from, Date to, int year_days) {
  const BudgetInForce& b = schedule.budget();
  const Derived d = Derive(schedule);
  Commitment c;
  c.from = from;
  c.to = to;

  const Composition days = Compose(d, c.from, c.to);
  Int128 dp = 0, dp_net = 0, mb = 0, ca = 0, contribution = 0;
  for (const auto& [t, n] : days.terms_days) {
    const PaymentSchedule::Rates& r = d.rates[t];
    dp += (r.direct_payment + r.contribution_taken_off) * n;
    dp_net += r.direct_payment * n;
    mb += r.managed_budget * n;
    ca += r.council_arranged * n;
    contribution += (r.contribution + r.contribution_taken_off) * n;
  }
  const Int128 denominator = static_cast<Int128>(b.weeks_per_year.denominator) * year_days;
  Int128 one_off = 0;
  for (const OneOffItem& o : b.one_offs) {
    const Date on = o.on.value_or(b.start);
    if (!(on < c.from) && !(c.to < on)) one_off += o.amount.value();
  }
  Int128 gross = 0;
  for (auto [value, out] :
       {std::pair{RoundDivide(dp, denominator, RoundingRule::kUp), &c.direct_payment},
        std::pair{RoundDivide(mb, denominator, RoundingRule::kUp), &c.managed_budget},
        std::pair{RoundDivide(ca, denominator, RoundingRule::kUp), &c.council_arranged},
        std::pair{one_off, &c.one_off}}) {
    auto pence = ToPence(value);
    if (!pence) return tl::unexpected(pence.error());
    *out = *pence;
    gross += value;
  }
  auto total = ToPence(gross);
  if (!total) return tl::unexpected(total.error());
  c.gross = *total;
  auto net = ToPence(RoundDivide(dp_net, denominator, RoundingRule::kUp));
  if (!net) return tl::unexpected(net.error());
  c.direct_payment_net = *net;
  const Int128 person =
      std::min(RoundDivide(contribution, denominator, RoundingRule::kDown), gross);
  c.contribution = Pence(static_cast<std::int64_t>(person));
  c.council = Pence(static_cast<std::int64_t>(gross - person));

  std::vector<std::string> parts;
  for (auto [amount, label] : {std::pair{c.direct_payment, "in direct payments"},
                               std::pair{c.managed_budget, "in a managed budget"},
                               std::pair{c.council_arranged, "in council-arranged support"},
                               std::pair{c.one_off, "for one-off items"}}) {
    if (amount.value() > 0) parts.push_back(FormatPounds(amount) + " " + label);
  }
  std::string listed;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) listed += i + 1 == parts.size() ? " and " : ", ";
    listed += parts[i];
  }
  c.sentence = fmt::format("Commit {} for {} ({}): {}", FormatPounds(c.council), Span(c.from, c.to),
                           Days(DaysBetween(c.from, c.to) + 1),
                           listed.empty() ? "nothing is planned" : listed);
  if (c.contribution.value() > 0) {
    c.sentence +=
        fmt::format(", less {} the person is expected to pay", FormatPounds(c.contribution));
  }
  c.sentence += ".";
  return c;
}

}  // namespace

Result<Commitment> YearCommitment(const PaymentSchedule& schedule, CommitmentWindow window) {
  const BudgetInForce& b = schedule.budget();
  Date to;
  int year_days = 0;
  if (window == CommitmentWindow::kTwelveMonths) {
    const Date next = AddMonths(b.start, 12);
    to = AddDays(next, -1);
    year_days = DaysBetween(b.start, next);
  } else {
    const FinancialYear fy = FinancialYearOf(b.start);
    to = fy.End();
    year_days = fy.Days();
  }
  if (b.end && *b.end < to) to = *b.end;
  return CostOfDays(schedule, b.start, to, year_days);
}

Result<Commitment> CostOver(const PaymentSchedule& schedule, Date from, Date to) {
  if (to < from) {
    return FailFields({{"to", "The window must end on or after the day it starts"}});
  }
  const FinancialYear fy = FinancialYearOf(from);
  if (!fy.Contains(to)) {
    return FailFields({{"to", fmt::format("The window must end by {}, the end of the {} "
                                          "financial year",
                                          FormatLongDate(fy.End()), fy.Label())}});
  }
  const BudgetInForce& b = schedule.budget();
  Date first = std::max(from, b.start);
  Date last = to;
  if (b.end && *b.end < last) last = *b.end;
  if (last < first) {
    Commitment nothing;
    nothing.from = from;
    nothing.to = to;
    nothing.sentence =
        fmt::format("Nothing for {}: the budget does not pay for those days.", Span(from, to));
    return nothing;
  }
  return CostOfDays(schedule, first, last, fy.Days());
}

}  // namespace selfdirect::ledger
