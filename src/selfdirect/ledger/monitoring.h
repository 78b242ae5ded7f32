// Proportionate monitoring of money held for a person: surpluses, money running out, and spend
// that someone should ask about — never a sanction.
//
// Councils used to chase every receipt. This module instead looks at the holding account as a
// whole and raises a few questions, each with the sums and the evidence, addressed to the person
// who should ask them (the planner, the social worker or the safeguarding lead). Nothing here
// stops, reduces or recovers a payment: a surplus is a *proposal* a finance officer approves, and
// a signal is a prompt for a conversation.
//
//   AccountPosition position{.balance = Pence(420000), .weekly_budget = Pence(25000), ...};
//   auto report = Monitor(position, MonitoringSettings{});   // Result<MonitoringReport>
//   report->surplus.letter;        // "Your account holds £4,200.00. …"
//   report->forecast.alert;        // the money would run out before the period ends
//   report->signals;               // each with a kind, a recipient, evidence and a sentence
//
// Integer pence only; sums are checked (an amount too large to hold is a kOverflow error, never a
// wrapped number). Rounding: the weekly spending rate quoted in sentences is half-up to the penny
// (it is shown, never paid); the days the money lasts are whole days rounded down (the forecast
// never promises a day the money does not cover). Pure domain: no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect::ledger {

enum class SpendCategory {
  kPayment,         // a card payment, transfer or direct debit to a payee
  kCashWithdrawal,  // cash taken out (allowed: no blanket ban on cash)
};

// One line of money going out of the holding account (from a bank or prepaid-card statement).
struct SpendLine {
  std::string id;  // the statement line's id; quoted as evidence
  Date on;
  Pence amount;  // money out, more than £0.00
  std::string payee;
  SpendCategory category = SpendCategory::kPayment;
  bool matches_plan = true;                  // matched to a plan item by payee or provider
  bool payee_is_household_relative = false;  // a close relative living in the same household
  bool relative_decision_recorded = false;   // the council decided paying them is necessary
};

// Where the account stands today.
struct AccountPosition {
  Pence balance;
  Pence weekly_budget;  // what the budget pays in a week
  Pence wages_owed;     // wages earned but not yet paid (a personal assistant's, say)
  Pence invoices_owed;  // invoices received but not yet paid
  Pence contingency;    // kept for emergencies, by local policy
  // Paid already for periods that begin after today (runs pay in advance): for days to come,
  // so set aside, never a surplus (DirectPaymentsPaidAhead).
  Pence paid_ahead;
  // The last day the payments received cover: the current period's, or a later one's when it
  // was paid in advance (the next payment arrives by the day after).
  Date period_end;
  Date today;
  std::optional<Date> spend_from;  // the first day the lines cover (an account opened recently)
  std::vector<SpendLine> spend;
};

// Thresholds, each a scheme or local policy setting.
struct MonitoringSettings {
  int surplus_threshold_weeks = 8;     // SchemeSettings::surplus_threshold_weeks
  int window_days = 28;                // recent spend: four weeks cover one payment cycle
  Pence large_cash_withdrawal{25000};  // a single cash withdrawal of this much or more
  int most_percent = 50;               // "most of the money": more than this share
  Pence new_payee_minimum{10000};      // a new payee taking less than this is not raised
  int rapid_depletion_percent = 150;   // spend over this share of the budget for the window
};

// Checks every field (each problem named: "spend[2].amount", "settings.window_days"). Refused: a
// negative budget, wage, invoice or contingency amount; a spend line with no id, an amount of
// £0.00 or less, or a date after today; a period that ended before today; settings out of range
// (threshold 0–52 weeks, window 7–365 days, most 1–99%, rapid depletion 100–1000%, cash and new
// payee thresholds not negative).
Status ValidatePosition(const AccountPosition& position, const MonitoringSettings& settings);

// A surplus is the balance above the scheme's threshold (so many weeks of budget) after setting
// aside wages and invoices owed, a contingency and what was paid in advance for periods still to
// begin. A proposal, never automatic.
struct SurplusCheck {
  Pence balance;
  Pence set_aside;  // wages + invoices + contingency + paid ahead
  Pence available;  // balance − set_aside
  Pence threshold;  // weeks × weekly budget
  Pence surplus;    // available − threshold when positive; otherwise £0.00
  bool propose_recovery = false;
  std::vector<std::string> letter;  // letter-ready, showing the sums
};
Result<SurplusCheck> CheckSurplus(const AccountPosition& position,
                                  const MonitoringSettings& settings);

// When the money would run out at the rate it has gone out recently.
struct ExhaustionForecast {
  Date window_from, window_to;  // the days whose spend set the rate
  int window_days = 0;
  Pence spent_in_window;
  Pence weekly_rate;  // spent × 7 ÷ window days, half-up (for sentences)
  // The first day the balance would not cover, counting from tomorrow; unset when nothing went
  // out (no rate to forecast from) or when the money would last more than 100 years.
  std::optional<Date> runs_out_on;
  bool alert = false;  // runs out on or before the period's last day
  std::string sentence;
  // For the staff an alert goes to, when `alert`: what the forecast is for. Not for the budget
  // holder, who is told in their own words ("My money").
  std::string staff_prompt;
};
Result<ExhaustionForecast> ForecastExhaustion(const AccountPosition& position,
                                              const MonitoringSettings& settings);

enum class SignalKind {
  kOutsidePlan,              // payments that match nothing in the support plan
  kLargeCashWithdrawal,      // cash withdrawals at or over the threshold
  kNewPayeeTakingMost,       // one payee, first paid in the window, taking most of the money
  kRapidDepletion,           // far more going out than the budget provides
  kRelativeWithoutDecision,  // a household relative paid with no recorded decision
};
const char* SignalKindName(SignalKind kind);  // "outside_plan", "large_cash_withdrawal", …

enum class Recipient { kPlanner, kSocialWorker, kSafeguardingLead };
const char* RecipientName(Recipient r);  // "planner" | "social_worker" | "safeguarding_lead"

struct Signal {
  SignalKind kind = SignalKind::kOutsidePlan;
  Recipient route_to = Recipient::kPlanner;
  std::vector<std::string> evidence;  // the spend line ids, oldest first
  Pence amount;                       // the money those lines moved
  std::string sentence;               // plain English, with the sums; never a sanction
};

// The signals in the window (today and the window_days − 1 days before it), except payments to a
// household relative, which are raised from every line given. A payee is "new" when none of the
// lines given pays them before the window. Payees are compared ignoring case and spacing.
Result<std::vector<Signal>> SpendSignals(const AccountPosition& position,
                                         const MonitoringSettings& settings);

struct MonitoringReport {
  SurplusCheck surplus;
  ExhaustionForecast forecast;
  std::vector<Signal> signals;
};
Result<MonitoringReport> Monitor(const AccountPosition& position,
                                 const MonitoringSettings& settings);

}  // namespace selfdirect::ledger
