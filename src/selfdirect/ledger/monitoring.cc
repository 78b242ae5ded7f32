#include "selfdirect/ledger/monitoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace selfdirect::ledger {
namespace {

constexpr int kMaxForecastDays = 36'500;  // 100 years

// Sums amounts, failing with kOverflow rather than wrapping.
Result<Pence> Sum(const std::vector<const SpendLine*>& lines) {
  Pence total;
  for (const SpendLine* line : lines) {
    auto next = total.Plus(line->amount);
    if (!next) return tl::unexpected(next.error());
    total = *next;
  }
  return total;
}

std::string Normalised(const std::string& payee) {
  std::string out;
  bool space = false;
  for (char c : payee) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string Listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string Count(std::size_t n, const char* one, const char* many) {
  return n == 1 ? fmt::format("1 {}", one) : fmt::format("{} {}", n, many);
}

std::string WindowPhrase(const ExhaustionForecast& f) {
  return fmt::format("the {} days to {}", f.window_days, FormatLongDate(f.window_to));
}

// "more than half", "more than 60%"
std::string MoreThanShare(int percent) {
  return percent == 50 ? "more than half" : fmt::format("more than {}%", percent);
}

// "one and a half times", "twice", "2.5 times" for a percentage of 100 or more.
std::string Times(int percent) {
  if (percent == 100) return "all of";
  if (percent == 150) return "one and a half times";
  if (percent == 200) return "twice";
  if (percent % 100 == 0) return fmt::format("{} times", percent / 100);
  return fmt::format("{}% of", percent);
}

struct SpendWindow {
  Date from, to;
  int days;
};

SpendWindow WindowOf(const AccountPosition& p, const MonitoringSettings& s) {
  Date from = AddDays(p.today, -(s.window_days - 1));
  if (p.spend_from && from < *p.spend_from) from = *p.spend_from;
  if (p.today < from) from = p.today;  // spend_from in the future: a window of today only
  return {from, p.today, DaysBetween(from, p.today) + 1};
}

bool InWindow(const SpendWindow& w, Date day) { return !(day < w.from) && !(w.to < day); }

}  // namespace

const char* SignalKindName(SignalKind kind) {
  switch (kind) {
    case SignalKind::kOutsidePlan:
      return "outside_plan";
    case SignalKind::kLargeCashWithdrawal:
      return "large_cash_withdrawal";
    case SignalKind::kNewPayeeTakingMost:
      return "new_payee_taking_most";
    case SignalKind::kRapidDepletion:
      return "rapid_depletion";
    case SignalKind::kRelativeWithoutDecision:
      return "relative_without_decision";
  }
  return "outside_plan";
}

const char* RecipientName(Recipient r) {
  switch (r) {
    case Recipient::kPlanner:
      return "planner";
    case Recipient::kSocialWorker:
      return "social_worker";
    case Recipient::kSafeguardingLead:
      return "safeguarding_lead";
  }
  return "planner";
}

Status ValidatePosition(const AccountPosition& p, const MonitoringSettings& s) {
  std::vector<FieldError> errors;
  for (const auto& [amount, field] :
       {std::pair{p.weekly_budget, "weekly_budget"}, std::pair{p.wages_owed, "wages_owed"},
        std::pair{p.invoices_owed, "invoices_owed"}, std::pair{p.contingency, "contingency"},
        std::pair{p.paid_ahead, "paid_ahead"}}) {
    if (amount.value() < 0) errors.push_back({field, "The amount cannot be less than £0.00"});
  }
  if (p.period_end < p.today) {
    errors.push_back({"period_end", "The payment period must end today or later"});
  }
  for (std::size_t i = 0; i < p.spend.size(); ++i) {
    const SpendLine& line = p.spend[i];
    const std::string field = fmt::format("spend[{}]", i);
    if (line.id.empty()) errors.push_back({field + ".id", "Each spend line needs its id"});
    if (line.amount.value() <= 0) {
      errors.push_back({field + ".amount", "Money spent must be more than £0.00"});
    }
    if (p.today < line.on) {
      errors.push_back({field + ".on", "Money cannot have been spent after today"});
    }
  }
  if (s.surplus_threshold_weeks < 0 || s.surplus_threshold_weeks > 52) {
    errors.push_back({"settings.surplus_threshold_weeks", "Enter a number of weeks from 0 to 52"});
  }
  if (s.window_days < 7 || s.window_days > 365) {
    errors.push_back({"settings.window_days", "Enter a number of days from 7 to 365"});
  }
  if (s.most_percent < 1 || s.most_percent > 99) {
    errors.push_back({"settings.most_percent", "Enter a percentage from 1 to 99"});
  }
  if (s.rapid_depletion_percent < 100 || s.rapid_depletion_percent > 1000) {
    errors.push_back({"settings.rapid_depletion_percent", "Enter a percentage from 100 to 1000"});
  }
  if (s.large_cash_withdrawal.value() < 0) {
    errors.push_back({"settings.large_cash_withdrawal", "The amount cannot be less than £0.00"});
  }
  if (s.new_payee_minimum.value() < 0) {
    errors.push_back({"settings.new_payee_minimum", "The amount cannot be less than £0.00"});
  }
  if (!errors.empty()) return FailFields(std::move(errors), "Check the account's figures");
  return Ok();
}

Result<SurplusCheck> CheckSurplus(const AccountPosition& p, const MonitoringSettings& s) {
  if (auto ok = ValidatePosition(p, s); !ok) return tl::unexpected(ok.error());
  SurplusCheck c;
  c.balance = p.balance;
  auto owed = p.wages_owed.Plus(p.invoices_owed);
  if (!owed) return tl::unexpected(owed.error());
  auto set_aside =
      owed->Plus(p.contingency).and_then([&](Pence x) { return x.Plus(p.paid_ahead); });
  if (!set_aside) return tl::unexpected(set_aside.error());
  c.set_aside = *set_aside;
  auto available = p.balance.Minus(c.set_aside);
  if (!available) return tl::unexpected(available.error());
  c.available = *available;
  auto threshold = p.weekly_budget.Times(s.surplus_threshold_weeks);
  if (!threshold) return tl::unexpected(threshold.error());
  c.threshold = *threshold;
  auto above = c.available.Minus(c.threshold);
  if (!above) return tl::unexpected(above.error());
  c.surplus = std::max(*above, Pence(0));
  c.propose_recovery = c.surplus.value() > 0;

  c.letter.push_back(fmt::format("Your account holds {}.", FormatPounds(p.balance)));
  std::vector<std::string> kept;
  if (p.wages_owed.value() > 0) {
    kept.push_back(FormatPounds(p.wages_owed) + " for wages you owe");
  }
  if (p.invoices_owed.value() > 0) {
    kept.push_back(FormatPounds(p.invoices_owed) + " for invoices still to pay");
  }
  if (p.contingency.value() > 0) {
    kept.push_back(FormatPounds(p.contingency) + " for emergencies");
  }
  if (p.paid_ahead.value() > 0) {
    kept.push_back(FormatPounds(p.paid_ahead) +
                   " paid in advance for payment periods still to begin");
  }
  if (!kept.empty()) {
    c.letter.push_back(fmt::format("We have set aside {}, which leaves {}.", Listed(kept),
                                   FormatPounds(c.available)));
  }
  if (p.weekly_budget.value() == 0) {
    c.letter.push_back(
        "Your budget is not paying anything each week at the moment, so the council does not "
        "expect the account to hold any money beyond what is set aside.");
  } else {
    c.letter.push_back(fmt::format(
        "The council expects an account to hold up to {} of your budget: {} × {} a week = {}.",
        Count(static_cast<std::size_t>(s.surplus_threshold_weeks), "week", "weeks"),
        s.surplus_threshold_weeks, FormatPounds(p.weekly_budget), FormatPounds(c.threshold)));
  }
  if (c.propose_recovery) {
    c.letter.push_back(fmt::format(
        "That leaves {} more than you need for now, and a finance officer has agreed that the "
        "council takes it back: it is moved from your account to the council. If that money "
        "was set aside for something in your support plan, tell your social worker, and the "
        "council will look at it again.",
        FormatPounds(c.surplus)));
  } else {
    c.letter.push_back("This is within what the council expects, so there is nothing to pay back.");
  }
  return c;
}

Result<ExhaustionForecast> ForecastExhaustion(const AccountPosition& p,
                                              const MonitoringSettings& s) {
  if (auto ok = ValidatePosition(p, s); !ok) return tl::unexpected(ok.error());
  ExhaustionForecast f;
  const SpendWindow w = WindowOf(p, s);
  f.window_from = w.from;
  f.window_to = w.to;
  f.window_days = w.days;
  std::vector<const SpendLine*> recent;
  for (const SpendLine& line : p.spend) {
    if (InWindow(w, line.on)) recent.push_back(&line);
  }
  auto spent = Sum(recent);
  if (!spent) return tl::unexpected(spent.error());
  f.spent_in_window = *spent;
  auto weekly = spent->MulDiv(7, w.days, RoundingRule::kHalfUp);
  if (!weekly) return tl::unexpected(weekly.error());
  f.weekly_rate = *weekly;

  const std::string period_end = FormatLongDate(p.period_end);
  if (spent->value() == 0) {
    f.sentence = fmt::format(
        "No money has gone out of the account in {}, so there is no spending to forecast from. "
        "The account holds {}.",
        WindowPhrase(f), FormatPounds(p.balance));
    return f;
  }
  // Whole days after today the balance covers at spent ÷ days a day, rounded down.
  Int128 covered = 0;
  if (p.balance.value() > 0) {
    covered = RoundDivide(static_cast<Int128>(p.balance.value()) * w.days, spent->value(),
                          RoundingRule::kDown);
  }
  const std::string rate = fmt::format("At the rate money has gone out over {} (about {} a week)",
                                       WindowPhrase(f), FormatPounds(f.weekly_rate));
  if (covered >= kMaxForecastDays) {
    f.sentence = fmt::format("{}, the {} in the account would last for more than 100 years.", rate,
                             FormatPounds(p.balance));
    return f;
  }
  f.runs_out_on = AddDays(p.today, static_cast<int>(covered) + 1);
  f.alert = !(p.period_end < *f.runs_out_on);
  if (p.balance.value() <= 0) {
    f.sentence = fmt::format("The account has {} left", FormatPounds(p.balance));
    f.sentence += f.alert ? fmt::format(" and the next payment is not due until the day after {}.",
                                        period_end)
                          : " and the next payment is due tomorrow.";
  } else {
    f.sentence = fmt::format("{}, the {} in the account would run out around {}", rate,
                             FormatPounds(p.balance), FormatLongDate(*f.runs_out_on));
    f.sentence += f.alert ? fmt::format(", before this payment period ends on {}.", period_end)
                          : fmt::format(", after this payment period ends on {}.", period_end);
  }
  if (f.alert) {
    f.staff_prompt =
        "This is not a judgement: it is a prompt to talk with the person about whether their "
        "support plan and budget still meet their needs.";
  }
  return f;
}

Result<std::vector<Signal>> SpendSignals(const AccountPosition& p, const MonitoringSettings& s) {
  if (auto ok = ValidatePosition(p, s); !ok) return tl::unexpected(ok.error());
  const SpendWindow w = WindowOf(p, s);
  const std::string window = fmt::format("the {} days to {}", w.days, FormatLongDate(w.to));
  std::vector<const SpendLine*> lines;
  for (const SpendLine& line : p.spend) lines.push_back(&line);
  std::stable_sort(lines.begin(), lines.end(),
                   [](const SpendLine* a, const SpendLine* b) { return a->on < b->on; });
  std::vector<const SpendLine*> recent;
  for (const SpendLine* line : lines) {
    if (InWindow(w, line->on)) recent.push_back(line);
  }
  auto recent_total = Sum(recent);
  if (!recent_total) return tl::unexpected(recent_total.error());

  std::vector<Signal> out;
  auto signal = [&](SignalKind kind, Recipient to, const std::vector<const SpendLine*>& evidence,
                    Pence amount, std::string sentence) {
    Signal sig{kind, to, {}, amount, std::move(sentence)};
    for (const SpendLine* line : evidence) sig.evidence.push_back(line->id);
    out.push_back(std::move(sig));
  };

  // Spend outside the plan (cash is looked at on its own below).
  {
    std::vector<const SpendLine*> outside;
    std::vector<std::string> payees;
    std::map<std::string, bool> named;
    for (const SpendLine* line : recent) {
      if (line->category == SpendCategory::kCashWithdrawal || line->matches_plan) continue;
      outside.push_back(line);
      if (!named[Normalised(line->payee)]) {
        named[Normalised(line->payee)] = true;
        payees.push_back(line->payee.empty() ? "an unnamed payee" : line->payee);
      }
    }
    if (!outside.empty()) {
      auto total = Sum(outside);
      if (!total) return tl::unexpected(total.error());
      signal(SignalKind::kOutsidePlan, Recipient::kPlanner, outside, *total,
             fmt::format("{} ({}) in {} did not match anything in the support plan: to {}. This "
                         "may simply mean the plan needs updating; the planner can talk it "
                         "through with the person.",
                         Count(outside.size(), "payment", "payments"), FormatPounds(*total), window,
                         Listed(payees)));
    }
  }

  // Large cash withdrawals.
  {
    std::vector<const SpendLine*> cash;
    std::vector<std::string> each;
    for (const SpendLine* line : recent) {
      if (line->category == SpendCategory::kCashWithdrawal &&
          line->amount >= s.large_cash_withdrawal) {
        cash.push_back(line);
        each.push_back(FormatPounds(line->amount) + " on " + FormatLongDate(line->on));
      }
    }
    if (!cash.empty()) {
      auto total = Sum(cash);
      if (!total) return tl::unexpected(total.error());
      signal(SignalKind::kLargeCashWithdrawal, Recipient::kSocialWorker, cash, *total,
             fmt::format("{} of {} or more in {} ({}), {} in all. Cash is allowed; the social "
                         "worker may want to check with the person that the money is paying for "
                         "their support.",
                         Count(cash.size(), "cash withdrawal", "cash withdrawals"),
                         FormatPounds(s.large_cash_withdrawal), window, Listed(each),
                         FormatPounds(*total)));
    }
  }

  // One new payee taking most of the money.
  if (recent_total->value() > 0) {
    std::map<std::string, Date> first_paid;
    for (const SpendLine* line : lines) {
      const std::string key = Normalised(line->payee);
      if (line->category == SpendCategory::kCashWithdrawal || key.empty()) continue;
      if (first_paid.find(key) == first_paid.end()) first_paid[key] = line->on;
    }
    std::map<std::string, std::vector<const SpendLine*>> by_payee;
    std::vector<std::string> order;
    for (const SpendLine* line : recent) {
      const std::string key = Normalised(line->payee);
      if (line->category == SpendCategory::kCashWithdrawal || key.empty()) continue;
      if (!InWindow(w, first_paid[key])) continue;  // paid before the window: not new
      if (by_payee[key].empty()) order.push_back(key);
      by_payee[key].push_back(line);
    }
    for (const std::string& key : order) {
      const auto& payee_lines = by_payee[key];
      auto total = Sum(payee_lines);
      if (!total) return tl::unexpected(total.error());
      const Int128 share = static_cast<Int128>(total->value()) * 100;
      const Int128 most = static_cast<Int128>(recent_total->value()) * s.most_percent;
      if (share <= most || *total < s.new_payee_minimum) continue;
      const auto percent = static_cast<int>(share / recent_total->value());
      signal(SignalKind::kNewPayeeTakingMost, Recipient::kSafeguardingLead, payee_lines, *total,
             fmt::format("{}, first paid on {}, was paid {} of the {} that went out in {}: {} "
                         "({}%). A new payee taking most of the money can be a sign that someone "
                         "is taking advantage; the safeguarding lead may want to check with the "
                         "person that all is well.",
                         payee_lines.front()->payee, FormatLongDate(first_paid[key]),
                         FormatPounds(*total), FormatPounds(*recent_total), window,
                         MoreThanShare(s.most_percent), percent));
    }
  }

  // Rapid depletion: spend in the window against what the budget provides for it.
  if (p.weekly_budget.value() > 0 && recent_total->value() > 0) {
    // spent × 100 × 7 > percent × weekly × days, exactly.
    const Int128 spent = static_cast<Int128>(recent_total->value()) * 100 * 7;
    const Int128 limit =
        static_cast<Int128>(p.weekly_budget.value()) * s.rapid_depletion_percent * w.days;
    if (spent > limit) {
      auto provided = p.weekly_budget.MulDiv(w.days, 7, RoundingRule::kHalfUp);
      if (!provided) return tl::unexpected(provided.error());
      signal(SignalKind::kRapidDepletion, Recipient::kSocialWorker, recent, *recent_total,
             fmt::format("{} went out in {}, more than {} the {} the budget provides for {} days. "
                         "Money going out this fast can mean the person's needs have changed or "
                         "that someone else is using the account; the social worker may want to "
                         "check with the person.",
                         FormatPounds(*recent_total), window, Times(s.rapid_depletion_percent),
                         FormatPounds(*provided), w.days));
    }
  }

  // A close relative in the same household paid without a recorded decision (all lines given).
  {
    std::map<std::string, std::vector<const SpendLine*>> by_payee;
    std::vector<std::string> order;
    for (const SpendLine* line : lines) {
      if (!line->payee_is_household_relative || line->relative_decision_recorded) continue;
      const std::string key = Normalised(line->payee);
      if (by_payee[key].empty()) order.push_back(key);
      by_payee[key].push_back(line);
    }
    for (const std::string& key : order) {
      const auto& payee_lines = by_payee[key];
      auto total = Sum(payee_lines);
      if (!total) return tl::unexpected(total.error());
      const std::string when = payee_lines.size() == 1
                                   ? "on " + FormatLongDate(payee_lines.front()->on)
                                   : fmt::format("in {} payments from {} to {}", payee_lines.size(),
                                                 FormatLongDate(payee_lines.front()->on),
                                                 FormatLongDate(payee_lines.back()->on));
      signal(SignalKind::kRelativeWithoutDecision, Recipient::kSocialWorker, payee_lines, *total,
             fmt::format(
                 "{}, a close relative living in the same household, was paid {} {}. A "
                 "direct payment can pay a close relative in the same household only when "
                 "the council decides it is necessary, and no decision is recorded. The "
                 "social worker may want to talk with the person and, if it is necessary, "
                 "record the decision.",
                 payee_lines.front()->payee.empty() ? "A relative" : payee_lines.front()->payee,
                 FormatPounds(*total), when));
    }
  }
  return out;
}

Result<MonitoringReport> Monitor(const AccountPosition& position,
                                 const MonitoringSettings& settings) {
  MonitoringReport report;
  auto surplus = CheckSurplus(position, settings);
  if (!surplus) return tl::unexpected(surplus.error());
  auto forecast = ForecastExhaustion(position, settings);
  if (!forecast) return tl::unexpected(forecast.error());
  auto signals = SpendSignals(position, settings);
  if (!signals) return tl::unexpected(signals.error());
  report.surplus = std::move(*surplus);
  report.forecast = std::move(*forecast);
  report.signals = std::move(*signals);
  return report;
}

}  // namespace selfdirect::ledger
