#include "selfdirect/ledger/schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
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

// The smallest k whose period starts on or after `day` (day on or after the start).
int FirstPeriodOnOrAfter(const BudgetInForce& b, Date day) {
  const int days = DaysBetween(b.start, day);
  if (days <= 0) return 0;
  int k = 0;
  switch (b.interval) {
    case Period::kWeekly:
      return (days + 6) / 7;
    case Period::kFourWeekly:
      return (days + 27) / 28;
    case Period::kMonthly:
      k = days / 31;
      break;
    case Period::kAnnual:
      k = days / 366;
      break;
  }
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

// What one period is made of, day by day.
struct Composition {
  int period_days = 0;
  std::vector<std::pair<std::size_t, int>> terms_days;  // (terms index, funded days)
  int suspended_days = 0;
  int after_end_days = 0;
  bool whole = false;  // funded every day by one set of terms
};

struct Derived {
  const BudgetInForce& b;
  const std::vector<PaymentSchedule::Rates>& rates;
  std::vector<std::pair<int, int>> suspended;  // merged, sorted, inclusive day numbers
  Share share;
};

Derived Derive(const PaymentSchedule& s) {
  Derived d{s.budget(), s.rates(), {}, PeriodShare(s.budget().interval, s.budget().weeks_per_year)};
  std::vector<std::pair<int, int>> spans;
  for (const Suspension& x : s.budget().suspensions) {
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
  return d;
}

// The day the terms at index t stop (inclusive), as a day number.
int TermsEnd(const BudgetInForce& b, std::size_t t) {
  if (t + 1 < b.terms.size()) return DayNumber(b.terms[t + 1].from) - 1;
  return INT32_MAX;
}

Composition Compose(const Derived& d, Date start, Date end) {
  Composition c;
  const int from = DayNumber(start);
  const int to = DayNumber(end);
  c.period_days = to - from + 1;
  int last_funded = to;
  if (d.b.end) {
    last_funded = std::min(to, DayNumber(*d.b.end));
    c.after_end_days = static_cast<int>(ClampedCount(std::max(from, last_funded + 1), to));
  }
  for (std::size_t t = 0; t < d.b.terms.size(); ++t) {
    const int s = std::max(from, DayNumber(d.b.terms[t].from));
    const int e = std::min(last_funded, TermsEnd(d.b, t));
    if (e < s) continue;
    const int suspended = SuspendedDaysIn(d.suspended, s, e);
    c.suspended_days += suspended;
    const int funded = e - s + 1 - suspended;
    if (funded > 0) c.terms_days.emplace_back(t, funded);
  }
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

// The amount of period k for one kind. A whole period carries pennies forward within its terms;
// a part period is pro rata to the day, rounded down.
Result<Pence> PeriodAmount(const Derived& d, int k, const Composition& c, RateOfKind rate_of) {
  if (c.whole) {
    const std::size_t t = c.terms_days[0].first;
    const Int128 rate = rate_of(d.rates[t]);
    const Int128 i = k - FirstPeriodOnOrAfter(d.b, d.b.terms[t].from);
    const Int128 to_end = FloorDiv(rate * (i + 1) * d.share.numerator, d.share.denominator);
    const Int128 to_start = FloorDiv(rate * i * d.share.numerator, d.share.denominator);
    return ToPence(to_end - to_start);
  }
  Int128 numerator = 0;
  for (const auto& [t, days] : c.terms_days) {
    numerator += rate_of(d.rates[t]) * days * d.share.numerator;
  }
  return ToPence(FloorDiv(numerator, d.share.denominator * c.period_days));
}

std::string KindKeyPrefix(PaymentKind kind) {
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
  return KindKeyPrefix(kind) + ":" + budget + ":" + FormatIsoDate(start);
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

Result<std::vector<ScheduledPayment>> OwedThrough(const PaymentSchedule& schedule, Date through) {
  const Derived d = Derive(schedule);
  const BudgetInForce& b = schedule.budget();
  std::vector<ScheduledPayment> out;
  struct KindOf {
    PaymentKind kind;
    Payee payee;
    RateOfKind rate;
  };
  static constexpr KindOf kKinds[] = {
      {PaymentKind::kDirectPayment, Payee::kHoldingAccount, DirectRate},
      {PaymentKind::kManagedBudget, Payee::kHoldingOrganisation, ManagedRate},
      {PaymentKind::kContribution, Payee::kPerson, ContributionRate},
  };
  for (const SchedulePeriod& p : PeriodsThrough(schedule, through)) {
    const Composition c = Compose(d, p.start, p.end);
    for (const KindOf& kind : kKinds) {
      auto amount = PeriodAmount(d, p.index, c, kind.rate);
      if (!amount) return tl::unexpected(amount.error());
      if (amount->value() <= 0) continue;
      ScheduledPayment s;
      s.key = PeriodKey(kind.kind, b.budget, p.start);
      s.kind = kind.kind;
      s.payee = kind.payee;
      s.due_on = p.start;
      s.covers_from = p.start;
      s.covers_to = p.end;
      s.amount = *amount;
      const std::string what =
          kind.kind == PaymentKind::kContribution
              ? fmt::format("{} is the person's contribution for {}", FormatPounds(*amount),
                            Span(p.start, p.end))
              : fmt::format("{} {} for {}, paid in advance", FormatPounds(*amount),
                            kind.kind == PaymentKind::kDirectPayment
                                ? "into the direct-payment account"
                                : "to the organisation holding the managed budget",
                            Span(p.start, p.end));
      std::string detail;
      if (!c.whole) {
        detail = ": " + PartDetail(d, c, kind.rate, p.start, p.end) +
                 "; worked out to the day and rounded down to the penny";
      }
      std::string net;
      if (kind.kind == PaymentKind::kDirectPayment) {
        for (const auto& [t, days] : c.terms_days) {
          if (d.rates[t].contribution_taken_off > 0) {
            net = ". The person's contribution of " + FormatPounds(b.terms[t].weekly_contribution) +
                  " a week has been taken off";
            break;
          }
        }
      }
      s.explanation = what + detail + net + ".";
      out.push_back(std::move(s));
    }
  }
  for (const OneOffItem& o : b.one_offs) {
    if (o.route == casework::PaymentRoute::kCouncilArranged) continue;
    const Date on = o.on.value_or(b.start);
    if (through < on) continue;
    if (b.end && *b.end < on) continue;
    ScheduledPayment s;
    s.key = KindKeyPrefix(PaymentKind::kOneOff) + ":" + b.budget + ":" + o.id;
    s.kind = PaymentKind::kOneOff;
    s.payee = o.route == casework::PaymentRoute::kDirectPayment ? Payee::kHoldingAccount
                                                                : Payee::kHoldingOrganisation;
    s.due_on = s.covers_from = s.covers_to = on;
    s.amount = o.amount;
    s.explanation = fmt::format(
        "{} once, on {}, for {} ({}).", FormatPounds(o.amount), FormatLongDate(on), o.what,
        s.payee == Payee::kHoldingAccount ? "into the direct-payment account"
                                          : "to the organisation holding the managed budget");
    out.push_back(std::move(s));
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const ScheduledPayment& a, const ScheduledPayment& x) { return a.due_on < x.due_on; });
  return out;
}

namespace {

// Strips ":adj:{n}" from an adjustment key.
std::string BaseKeyOf(const std::string& key) {
  const std::size_t at = key.rfind(":adj:");
  if (at == std::string::npos) return key;
  const std::string n = key.substr(at + 5);
  if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos) {
    return key;
  }
  return key.substr(0, at);
}

struct BaseInfo {
  PaymentKind kind = PaymentKind::kDirectPayment;
  Date covers_from, covers_to, due_on;
  bool recognised = false;
};

// Recognises a base key this schedule makes (for any period on its grid or any one-off).
BaseInfo Recognise(const BudgetInForce& b, const std::string& base) {
  BaseInfo info;
  for (PaymentKind kind :
       {PaymentKind::kDirectPayment, PaymentKind::kManagedBudget, PaymentKind::kContribution}) {
    const std::string prefix = KindKeyPrefix(kind) + ":" + b.budget + ":";
    if (!base.starts_with(prefix)) continue;
    auto day = ParseIsoDate(base.substr(prefix.size()));
    if (!day || *day < b.start) return info;
    const int k = LastPeriodOnOrBefore(b, *day);
    if (k < 0 || PeriodStart(b, k) != *day) return info;
    info = {kind, *day, AddDays(PeriodStart(b, k + 1), -1), *day, true};
    return info;
  }
  const std::string prefix = KindKeyPrefix(PaymentKind::kOneOff) + ":" + b.budget + ":";
  if (base.starts_with(prefix)) {
    const std::string id = base.substr(prefix.size());
    for (const OneOffItem& o : b.one_offs) {
      if (o.id == id) {
        const Date on = o.on.value_or(b.start);
        info = {PaymentKind::kOneOff, on, on, on, true};
      }
    }
  }
  return info;
}

}  // namespace

Result<DueRun> DueOn(const PaymentSchedule& schedule, Date date,
                     const std::vector<PaidPayment>& paid) {
  const BudgetInForce& b = schedule.budget();
  struct Paid {
    Pence sum;
    int transfers = 0;
    BaseInfo info;
  };
  std::map<std::string, Paid> by_base;
  std::vector<FieldError> errors;
  Date latest = date;
  for (std::size_t i = 0; i < paid.size(); ++i) {
    const std::string field = fmt::format("paid[{}]", i);
    const std::string base = BaseKeyOf(paid[i].key);
    const BaseInfo info = Recognise(b, base);
    if (!info.recognised) {
      errors.push_back({field + ".key", "\"" + paid[i].key.substr(0, 120) +
                                            "\" is not a payment of this budget's schedule"});
      continue;
    }
    if (paid[i].amount.value() <= 0) {
      errors.push_back({field + ".amount", "A payment made must be more than £0.00"});
      continue;
    }
    Paid& entry = by_base[base];
    auto sum = entry.sum.Plus(paid[i].amount);
    if (!sum) return tl::unexpected(sum.error());
    entry.sum = *sum;
    ++entry.transfers;
    entry.info = info;
    if (latest < info.due_on) latest = info.due_on;
  }
  if (!errors.empty()) return FailFields(std::move(errors), "Check the payments already made");

  auto owed = OwedThrough(schedule, latest);
  if (!owed) return tl::unexpected(owed.error());
  const Derived d = Derive(schedule);
  DueRun run;
  std::set<std::string> seen;
  auto overpaid = [&](const std::string& base, PaymentKind kind, Date from, Date to, Pence was,
                      Pence now) {
    Overpayment o;
    o.key = base;
    o.kind = kind;
    o.covers_from = from;
    o.covers_to = to;
    o.paid = was;
    o.owed = now;
    o.to_recover = Pence(was.value() - now.value());
    std::string why;
    if (kind == PaymentKind::kOneOff) {
      why = "the budget ended on " + FormatLongDate(*b.end) + ", before the item was due";
    } else {
      why = ReasonLess(d, Compose(d, from, to), from, to);
    }
    if (kind == PaymentKind::kContribution) {
      o.sentence = fmt::format(
          "A contribution of {} was charged for {}, but only {} is due because {}. Credit the "
          "person with {}.",
          FormatPounds(was), Span(from, to), FormatPounds(now), why, FormatPounds(o.to_recover));
    } else {
      o.sentence = fmt::format(
          "{} was paid as a {} for {}, but only {} is due because {}. The {} paid for days not "
          "funded may be recovered: a finance officer decides, and the person is told first.",
          FormatPounds(was), KindPhrase(kind), Span(from, to), FormatPounds(now), why,
          FormatPounds(o.to_recover));
    }
    run.overpaid.push_back(std::move(o));
  };
  for (const ScheduledPayment& s : *owed) {
    seen.insert(s.key);
    const auto it = by_base.find(s.key);
    const Pence already = it == by_base.end() ? Pence(0) : it->second.sum;
    if (already < s.amount) {
      if (date < s.due_on) continue;  // not due yet
      ScheduledPayment pay = s;
      if (it != by_base.end()) {
        pay.key = fmt::format("{}:adj:{}", s.key, it->second.transfers);
        pay.amount = Pence(s.amount.value() - already.value());
        pay.adjustment = true;
        pay.explanation =
            s.kind == PaymentKind::kContribution
                ? fmt::format(
                      "A further {} of contribution for {}: {} was charged for it and it "
                      "is now {}.",
                      FormatPounds(pay.amount), Span(s.covers_from, s.covers_to),
                      FormatPounds(already), FormatPounds(s.amount))
                : fmt::format(
                      "An extra {} for {}: {} was paid for it in advance and it is now "
                      "worth {}. {}",
                      FormatPounds(pay.amount), Span(s.covers_from, s.covers_to),
                      FormatPounds(already), FormatPounds(s.amount), s.explanation);
      }
      run.payments.push_back(std::move(pay));
    } else if (s.amount < already) {
      overpaid(s.key, s.kind, s.covers_from, s.covers_to, already, s.amount);
    }
  }
  for (const auto& [base, entry] : by_base) {
    if (seen.count(base) > 0) continue;  // worth nothing now: wholly suspended, after the end
    overpaid(base, entry.info.kind, entry.info.covers_from, entry.info.covers_to, entry.sum,
             Pence(0));
  }
  std::stable_sort(
      run.overpaid.begin(), run.overpaid.end(),
      [](const Overpayment& a, const Overpayment& x) { return a.covers_from < x.covers_from; });
  return run;
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
  auto owed = OwedThrough(schedule, *b.end);
  if (!owed) return tl::unexpected(owed.error());

  FinalReconciliation r;
  r.ended_on = *b.end;
  Int128 paid_out = 0, owed_sum = 0, recover = 0, to_pay = 0, credit = 0;
  for (const PaidPayment& p : paid) {
    if (!BaseKeyOf(p.key).starts_with(KindKeyPrefix(PaymentKind::kContribution) + ":")) {
      paid_out += p.amount.value();
    }
  }
  for (const ScheduledPayment& s : *owed) {
    if (s.kind != PaymentKind::kContribution) owed_sum += s.amount.value();
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

Result<Commitment> YearCommitment(const PaymentSchedule& schedule, CommitmentWindow window) {
  const BudgetInForce& b = schedule.budget();
  const Derived d = Derive(schedule);
  Commitment c;
  c.from = b.start;
  int year_days = 0;
  if (window == CommitmentWindow::kTwelveMonths) {
    const Date next = AddMonths(b.start, 12);
    c.to = AddDays(next, -1);
    year_days = DaysBetween(b.start, next);
  } else {
    const FinancialYear fy = FinancialYearOf(b.start);
    c.to = fy.End();
    year_days = fy.Days();
  }
  if (b.end && *b.end < c.to) c.to = *b.end;

  const Composition days = Compose(d, c.from, c.to);
  Int128 dp = 0, mb = 0, ca = 0, contribution = 0;
  for (const auto& [t, n] : days.terms_days) {
    const PaymentSchedule::Rates& r = d.rates[t];
    dp += (r.direct_payment + r.contribution_taken_off) * n;
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

}  // namespace selfdirect::ledger
