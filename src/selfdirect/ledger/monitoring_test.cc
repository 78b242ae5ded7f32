#include "selfdirect/ledger/monitoring.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <limits>

namespace selfdirect::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// £250.00 a week; today is Friday 20 November 2026; the period ends on 1 December.
AccountPosition Position() {
  AccountPosition p;
  p.balance = Pence(150000);
  p.weekly_budget = Pence(25000);
  p.today = D("2026-11-20");
  p.period_end = D("2026-12-01");
  return p;
}

SpendLine Line(const char* id, const char* on, std::int64_t pence, const char* payee) {
  SpendLine l;
  l.id = id;
  l.on = D(on);
  l.amount = Pence(pence);
  l.payee = payee;
  return l;
}

SpendLine Cash(const char* id, const char* on, std::int64_t pence) {
  SpendLine l = Line(id, on, pence, "Cash machine");
  l.category = SpendCategory::kCashWithdrawal;
  return l;
}

std::vector<std::string> FieldsOf(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

std::vector<SignalKind> KindsOf(const std::vector<Signal>& signals) {
  std::vector<SignalKind> out;
  for (const auto& s : signals) out.push_back(s.kind);
  return out;
}

// ---- Surplus ----------------------------------------------------------------------------------

TEST(Surplus, AboveTheThresholdAfterWhatIsOwed_IsAProposalWithTheSumsShown) {
  AccountPosition p = Position();
  p.balance = Pence(420000);
  p.wages_owed = Pence(30000);
  p.invoices_owed = Pence(12000);
  p.contingency = Pence(25000);
  const auto c = CheckSurplus(p, {}).value();
  EXPECT_EQ(c.set_aside, Pence(67000));
  EXPECT_EQ(c.available, Pence(353000));
  EXPECT_EQ(c.threshold, Pence(200000));
  EXPECT_EQ(c.surplus, Pence(153000));
  EXPECT_TRUE(c.propose_recovery);
  EXPECT_THAT(
      c.letter,
      ElementsAre(
          "Your account holds £4,200.00.",
          "We have set aside £300.00 for wages you owe, £120.00 for invoices still to pay and "
          "£250.00 for emergencies, which leaves £3,530.00.",
          "The council expects an account to hold up to 8 weeks of your budget: 8 × £250.00 a "
          "week = £2,000.00.",
          "That leaves £1,530.00 more than you need for now, and a finance officer has agreed "
          "that the council takes it back: it is moved from your account to the council. If "
          "that money was set aside for something in your support plan, tell your social "
          "worker, and the council will look at it again."));
}

TEST(Surplus, ExactlyAtTheThreshold_IsNotASurplus) {
  AccountPosition p = Position();
  p.balance = Pence(200000);
  auto c = CheckSurplus(p, {}).value();
  EXPECT_FALSE(c.propose_recovery);
  EXPECT_EQ(c.surplus, Pence(0));
  EXPECT_EQ(c.letter.back(),
            "This is within what the council expects, so there is nothing to pay back.");
  p.balance = Pence(200001);
  c = CheckSurplus(p, {}).value();
  EXPECT_TRUE(c.propose_recovery);
  EXPECT_EQ(c.surplus, Pence(1));
}

TEST(Surplus, MoneyPaidInAdvanceIsSetAside_AndANegativeAmountIsRefused) {
  AccountPosition p = Position();
  p.balance = Pence(300000);
  p.paid_ahead = Pence(100000);  // the next four weeks, paid before they begin
  auto c = CheckSurplus(p, {}).value();
  EXPECT_EQ(c.set_aside, Pence(100000));
  EXPECT_FALSE(c.propose_recovery);
  EXPECT_EQ(c.letter[1],
            "We have set aside £1,000.00 paid in advance for payment periods still to begin, which "
            "leaves £2,000.00.");
  p.paid_ahead = Pence(-1);
  auto bad = CheckSurplus(p, {});
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(FieldsOf(bad.error()), ElementsAre("paid_ahead"));
}

TEST(Surplus, OwedMoreThanTheBalance_NoSurplus) {
  AccountPosition p = Position();
  p.balance = Pence(10000);
  p.wages_owed = Pence(50000);
  const auto c = CheckSurplus(p, {}).value();
  EXPECT_EQ(c.available, Pence(-40000));
  EXPECT_EQ(c.surplus, Pence(0));
  EXPECT_FALSE(c.propose_recovery);
}

TEST(Surplus, ZeroBudget_SaysSoAndTheSchemesThresholdIsUsed) {
  AccountPosition p = Position();
  p.weekly_budget = Pence(0);
  p.balance = Pence(5000);
  MonitoringSettings s;
  s.surplus_threshold_weeks = 4;
  const auto c = CheckSurplus(p, s).value();
  EXPECT_EQ(c.threshold, Pence(0));
  EXPECT_EQ(c.surplus, Pence(5000));
  EXPECT_THAT(c.letter[1], HasSubstr("not paying anything each week"));
}

TEST(Surplus, AmountsTooLargeToHold_AreAnErrorNotAWrap) {
  AccountPosition p = Position();
  p.weekly_budget = Pence(kMax / 4);
  auto c = CheckSurplus(p, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kOverflow);

  p = Position();
  p.wages_owed = Pence(kMax);
  p.contingency = Pence(1);
  c = CheckSurplus(p, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kOverflow);

  p = Position();
  p.balance = Pence(std::numeric_limits<std::int64_t>::min());
  p.contingency = Pence(1);
  c = CheckSurplus(p, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kOverflow);
}

// ---- Exhaustion forecast ----------------------------------------------------------------------

// £1,200.00 in the 28 days to 20 November (24 October – 20 November), and £5,000.00 the day before
// the window opens, which must not count.
std::vector<SpendLine> FourWeeks() {
  return {Line("s0", "2026-10-23", 500000, "Old bill"), Line("s1", "2026-10-24", 10000, "Sam"),
          Line("s2", "2026-10-31", 30000, "Sam"),       Line("s3", "2026-11-07", 30000, "Sam"),
          Line("s4", "2026-11-14", 30000, "Sam"),       Line("s5", "2026-11-20", 20000, "Sam")};
}

TEST(Forecast, RunsOutBeforeThePeriodEnds_Alerts) {
  AccountPosition p = Position();
  p.balance = Pence(42000);
  p.spend = FourWeeks();
  const auto f = ForecastExhaustion(p, {}).value();
  EXPECT_EQ(f.window_from, D("2026-10-24"));
  EXPECT_EQ(f.window_days, 28);
  EXPECT_EQ(f.spent_in_window, Pence(120000));
  EXPECT_EQ(f.weekly_rate, Pence(30000));
  // £420 at £1,200/28 a day covers 9.8 days: 9 whole days after today; out on the 10th.
  EXPECT_EQ(f.runs_out_on, D("2026-11-30"));
  EXPECT_TRUE(f.alert);
  EXPECT_EQ(f.sentence,
            "At the rate money has gone out over the 28 days to 20 November 2026 (about £300.00 "
            "a week), the £420.00 in the account would run out around 30 November 2026, before "
            "this payment period ends on 1 December 2026.");
  EXPECT_EQ(f.staff_prompt,
            "This is not a judgement: it is a prompt to talk with the person about whether their "
            "support plan and budget still meet their needs.");
}

TEST(Forecast, AtThePeriodBoundary) {
  AccountPosition p = Position();
  p.balance = Pence(42000);
  p.spend = FourWeeks();
  p.period_end = D("2026-11-30");  // runs out on the period's last day: still an alert
  EXPECT_TRUE(ForecastExhaustion(p, {})->alert);
  p.period_end = D("2026-11-29");  // the next payment arrives the day it would run out
  const auto f = ForecastExhaustion(p, {}).value();
  EXPECT_FALSE(f.alert);
  EXPECT_THAT(f.sentence, HasSubstr("after this payment period ends on 29 November 2026."));
  EXPECT_THAT(f.sentence, ::testing::Not(HasSubstr("not a judgement")));
}

TEST(Forecast, NoSpend_NoForecastAndNoAlert) {
  AccountPosition p = Position();
  p.balance = Pence(0);
  p.spend = {Line("s0", "2026-10-01", 500000, "Long ago")};
  const auto f = ForecastExhaustion(p, {}).value();
  EXPECT_FALSE(f.alert);
  EXPECT_FALSE(f.runs_out_on.has_value());
  EXPECT_EQ(f.sentence,
            "No money has gone out of the account in the 28 days to 20 November 2026, so there is "
            "no spending to forecast from. The account holds £0.00.");
}

TEST(Forecast, EmptyAccount_AlertsUnlessTheNextPaymentIsTomorrow) {
  AccountPosition p = Position();
  p.balance = Pence(0);
  p.spend = FourWeeks();
  auto f = ForecastExhaustion(p, {}).value();
  EXPECT_EQ(f.runs_out_on, D("2026-11-21"));
  EXPECT_TRUE(f.alert);
  EXPECT_THAT(f.sentence, HasSubstr("The account has £0.00 left and the next payment is not due "
                                    "until the day after 1 December 2026."));
  p.period_end = p.today;
  f = ForecastExhaustion(p, {}).value();
  EXPECT_FALSE(f.alert);
  EXPECT_EQ(f.sentence, "The account has £0.00 left and the next payment is due tomorrow.");
}

TEST(Forecast, ARecentlyOpenedAccount_UsesTheDaysItHasBeenOpen) {
  AccountPosition p = Position();
  p.balance = Pence(42000);
  p.spend_from = D("2026-11-14");
  p.spend = FourWeeks();
  const auto f = ForecastExhaustion(p, {}).value();
  EXPECT_EQ(f.window_days, 7);
  EXPECT_EQ(f.spent_in_window, Pence(50000));
  EXPECT_EQ(f.weekly_rate, Pence(50000));
  EXPECT_EQ(f.runs_out_on, D("2026-11-26"));  // 420 × 7 / 500 = 5.88 → 5 days
}

TEST(Forecast, AHugeBalance_LastsMoreThanAHundredYearsWithoutOverflow) {
  AccountPosition p = Position();
  p.balance = Pence(kMax);
  p.spend = {Line("s1", "2026-11-20", 1, "Shop")};
  const auto f = ForecastExhaustion(p, {}).value();
  EXPECT_FALSE(f.runs_out_on.has_value());
  EXPECT_FALSE(f.alert);
  EXPECT_THAT(f.sentence, HasSubstr("would last for more than 100 years"));
}

TEST(Forecast, SpendTooLargeToAdd_IsAnError) {
  AccountPosition p = Position();
  p.spend = {Line("s1", "2026-11-19", kMax / 2 + 1, "A"),
             Line("s2", "2026-11-20", kMax / 2 + 1, "B")};
  auto f = ForecastExhaustion(p, {});
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, ErrorCode::kOverflow);
  auto s = SpendSignals(p, {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kOverflow);
}

// ---- Signals ----------------------------------------------------------------------------------

TEST(Signals, EmptySpend_NoSignals) { EXPECT_TRUE(SpendSignals(Position(), {})->empty()); }

TEST(Signals, OrdinarySpendInThePlan_NoSignals) {
  AccountPosition p = Position();
  p.spend = FourWeeks();
  p.spend.push_back(Line("s6", "2026-10-01", 20000, "Sam"));  // Sam is not new
  p.spend.push_back(Cash("c1", "2026-11-18", 24999));         // a penny under the threshold
  EXPECT_TRUE(SpendSignals(p, {})->empty());
}

TEST(Signals, LargeCashWithdrawals_GoToTheSocialWorker) {
  AccountPosition p = Position();
  p.spend = {Cash("c0", "2026-10-23", 90000),  // before the window
             Cash("c1", "2026-10-24", 25000),  // exactly the threshold, first day of the window
             Cash("c2", "2026-11-10", 24999), Cash("c3", "2026-11-20", 50000)};
  const auto signals = SpendSignals(p, {}).value();
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].kind, SignalKind::kLargeCashWithdrawal);
  EXPECT_EQ(signals[0].route_to, Recipient::kSocialWorker);
  EXPECT_THAT(signals[0].evidence, ElementsAre("c1", "c3"));
  EXPECT_EQ(signals[0].amount, Pence(75000));
  EXPECT_EQ(signals[0].sentence,
            "2 cash withdrawals of £250.00 or more in the 28 days to 20 November 2026 (£250.00 on "
            "24 October 2026 and £500.00 on 20 November 2026), £750.00 in all. Cash is allowed; "
            "the social worker may want to check with the person that the money is paying for "
            "their support.");
}

TEST(Signals, SpendOutsideThePlan_GoesToThePlanner) {
  AccountPosition p = Position();
  SpendLine a = Line("s1", "2026-11-02", 4000, "Pottery class");
  a.matches_plan = false;
  SpendLine b = Line("s2", "2026-11-09", 4000, "pottery  CLASS");
  b.matches_plan = false;
  SpendLine c = Line("s3", "2026-11-10", 6000, "Taxi");
  c.matches_plan = false;
  SpendLine cash = Cash("c1", "2026-11-11", 2000);
  cash.matches_plan = false;  // cash is looked at on its own
  p.spend = {Line("s0", "2026-10-01", 20000, "Pottery class"), a, b, c, cash};
  const auto signals = SpendSignals(p, {}).value();
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].kind, SignalKind::kOutsidePlan);
  EXPECT_EQ(signals[0].route_to, Recipient::kPlanner);
  EXPECT_THAT(signals[0].evidence, ElementsAre("s1", "s2", "s3"));
  EXPECT_EQ(signals[0].sentence,
            "3 payments (£140.00) in the 28 days to 20 November 2026 did not match anything in "
            "the support plan: to Pottery class and Taxi. This may simply mean the plan needs "
            "updating; the planner can talk it through with the person.");
}

TEST(Signals, ANewPayeeTakingMostOfTheMoney_GoesToTheSafeguardingLead) {
  AccountPosition p = Position();
  p.spend = {Line("s0", "2026-09-01", 30000, "Sam"), Line("s1", "2026-11-02", 30000, "Sam"),
             Line("n1", "2026-11-05", 40000, "J Smith"),
             Line("n2", "2026-11-12", 40000, "j smith")};
  const auto signals = SpendSignals(p, {}).value();
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].kind, SignalKind::kNewPayeeTakingMost);
  EXPECT_EQ(signals[0].route_to, Recipient::kSafeguardingLead);
  EXPECT_THAT(signals[0].evidence, ElementsAre("n1", "n2"));
  EXPECT_EQ(signals[0].sentence,
            "J Smith, first paid on 5 November 2026, was paid £800.00 of the £1,100.00 that went "
            "out in the 28 days to 20 November 2026: more than half (72%). A new payee taking "
            "most of the money can be a sign that someone is taking advantage; the safeguarding "
            "lead may want to check with the person that all is well.");
}

TEST(Signals, NewPayee_ExactlyHalfIsNotMost_AndAPayeeSeenBeforeIsNotNew) {
  AccountPosition p = Position();
  p.spend = {Line("s1", "2026-11-02", 40000, "Sam"), Line("n1", "2026-11-05", 40000, "New")};
  EXPECT_TRUE(SpendSignals(p, {})->empty());  // 50% is not more than half
  p.spend[1].amount = Pence(40001);
  EXPECT_THAT(KindsOf(SpendSignals(p, {}).value()), ElementsAre(SignalKind::kNewPayeeTakingMost));
  p.spend.push_back(Line("old", "2026-10-23", 100, "NEW"));  // paid the day before the window
  EXPECT_TRUE(SpendSignals(p, {})->empty());
}

TEST(Signals, NewPayee_BelowTheMinimumIsNotRaised) {
  AccountPosition p = Position();
  p.spend = {Line("s1", "2026-11-02", 1000, "Sam"), Line("n1", "2026-11-05", 9999, "Shop")};
  EXPECT_TRUE(SpendSignals(p, {})->empty());
}

TEST(Signals, RapidDepletion_GoesToTheSocialWorker) {
  AccountPosition p = Position();
  // The budget provides £1,000.00 for 28 days; one and a half times that is £1,500.00.
  p.spend = {Line("s1", "2026-11-01", 75000, "Sam"), Line("s2", "2026-11-15", 75000, "Sam"),
             Line("s0", "2026-08-01", 100, "Sam")};
  EXPECT_TRUE(SpendSignals(p, {})->empty());  // exactly 150%: not more
  p.spend[1].amount = Pence(75001);
  const auto signals = SpendSignals(p, {}).value();
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].kind, SignalKind::kRapidDepletion);
  EXPECT_EQ(signals[0].route_to, Recipient::kSocialWorker);
  EXPECT_THAT(signals[0].evidence, ElementsAre("s1", "s2"));
  EXPECT_EQ(signals[0].sentence,
            "£1,500.01 went out in the 28 days to 20 November 2026, more than one and a half "
            "times the £1,000.00 the budget provides for 28 days. Money going out this fast can "
            "mean the person's needs have changed or that someone else is using the account; the "
            "social worker may want to check with the person.");
}

TEST(Signals, RapidDepletion_NotRaisedWhenTheBudgetPaysNothing) {
  AccountPosition p = Position();
  p.weekly_budget = Pence(0);
  p.spend = {Line("s1", "2026-11-01", 75000, "Sam"), Line("s0", "2026-08-01", 100, "Sam")};
  EXPECT_TRUE(SpendSignals(p, {})->empty());
}

TEST(Signals, AHouseholdRelativeWithoutARecordedDecision_GoesToTheSocialWorker) {
  AccountPosition p = Position();
  SpendLine a = Line("r1", "2026-08-03", 20000, "Mary Jones");
  a.payee_is_household_relative = true;
  SpendLine b = Line("r2", "2026-11-03", 20000, "MARY JONES");
  b.payee_is_household_relative = true;
  SpendLine allowed = Line("r3", "2026-11-04", 20000, "Tom Jones");
  allowed.payee_is_household_relative = true;
  allowed.relative_decision_recorded = true;
  p.spend = {b, a, allowed, Line("s0", "2026-08-01", 100, "Tom Jones")};
  const auto signals = SpendSignals(p, {}).value();
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].kind, SignalKind::kRelativeWithoutDecision);
  EXPECT_EQ(signals[0].route_to, Recipient::kSocialWorker);
  EXPECT_THAT(signals[0].evidence, ElementsAre("r1", "r2"));  // oldest first, before the window too
  EXPECT_EQ(signals[0].sentence,
            "Mary Jones, a close relative living in the same household, was paid £400.00 in 2 "
            "payments from 3 August 2026 to 3 November 2026. A direct payment can pay a close "
            "relative in the same household only when the council decides it is necessary, and "
            "no decision is recorded. The social worker may want to talk with the person and, if "
            "it is necessary, record the decision.");
}

TEST(Signals, SettingsChangeWhatCounts) {
  AccountPosition p = Position();
  p.spend = {Cash("c1", "2026-11-20", 10000), Line("s0", "2026-08-01", 100, "Cash machine")};
  MonitoringSettings s;
  EXPECT_TRUE(SpendSignals(p, s)->empty());
  s.large_cash_withdrawal = Pence(10000);
  EXPECT_THAT(KindsOf(SpendSignals(p, s).value()), ElementsAre(SignalKind::kLargeCashWithdrawal));
  s.window_days = 7;
  p.today = D("2026-11-27");  // the withdrawal was 8 days ago
  p.period_end = D("2026-11-30");
  EXPECT_TRUE(SpendSignals(p, s)->empty());
}

TEST(Monitor, NamesEveryBadField_AndAnswersNothing) {
  AccountPosition p = Position();
  p.weekly_budget = Pence(-1);
  p.contingency = Pence(-5);
  p.period_end = D("2026-11-19");
  p.spend = {Line("", "2026-11-21", 0, "Shop")};
  MonitoringSettings s;
  s.window_days = 6;
  s.most_percent = 100;
  s.surplus_threshold_weeks = -1;
  s.rapid_depletion_percent = 99;
  auto r = Monitor(p, s);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(
      FieldsOf(r.error()),
      ElementsAre("weekly_budget", "contingency", "period_end", "spend[0].id", "spend[0].amount",
                  "spend[0].on", "settings.surplus_threshold_weeks", "settings.window_days",
                  "settings.most_percent", "settings.rapid_depletion_percent"));
}

TEST(Monitor, PutsTheThreeTogether) {
  AccountPosition p = Position();
  p.balance = Pence(420000);
  p.spend = FourWeeks();
  p.spend.push_back(Line("s6", "2026-09-01", 30000, "Sam"));  // Sam is not new
  const auto r = Monitor(p, {}).value();
  EXPECT_TRUE(r.surplus.propose_recovery);
  EXPECT_FALSE(r.forecast.alert);
  EXPECT_TRUE(r.signals.empty());
}

// Whatever the spend, monitoring answers or fails with a named reason; it never wraps, every
// signal's evidence is a line it was given and its amount is the sum of that evidence.
RC_GTEST_PROP(MonitoringProperty, SignalsAreBackedByTheirEvidence, ()) {
  AccountPosition p = Position();
  p.balance = Pence(*rc::gen::inRange<std::int64_t>(-100'000, 10'000'000));
  p.weekly_budget = Pence(*rc::gen::inRange<std::int64_t>(0, 100'000));
  const int n = *rc::gen::inRange(0, 30);
  std::map<std::string, SpendLine> by_id;
  for (int i = 0; i < n; ++i) {
    SpendLine l;
    l.id = "l" + std::to_string(i);
    l.on = AddDays(p.today, -*rc::gen::inRange(0, 90));
    l.amount = Pence(*rc::gen::inRange<std::int64_t>(1, 200'000));
    l.payee = *rc::gen::element<std::string>("Sam", "sam", "Shop", "J Smith", "Mary");
    l.category = *rc::gen::element(SpendCategory::kPayment, SpendCategory::kCashWithdrawal);
    l.matches_plan = *rc::gen::arbitrary<bool>();
    l.payee_is_household_relative = *rc::gen::arbitrary<bool>();
    l.relative_decision_recorded = *rc::gen::arbitrary<bool>();
    by_id[l.id] = l;
    p.spend.push_back(l);
  }
  const auto r = Monitor(p, {});
  RC_ASSERT(r.has_value());
  for (const Signal& s : r->signals) {
    RC_ASSERT(!s.evidence.empty());
    std::int64_t total = 0;
    for (const auto& id : s.evidence) {
      RC_ASSERT(by_id.count(id) == 1u);
      total += by_id[id].amount.value();
    }
    RC_ASSERT(total == s.amount.value());
    RC_ASSERT(!s.sentence.empty());
  }
  RC_ASSERT(r->surplus.surplus.value() >= 0);
  if (r->forecast.runs_out_on) RC_ASSERT(p.today < *r->forecast.runs_out_on);
  if (r->forecast.spent_in_window.value() == 0) RC_ASSERT(!r->forecast.alert);
}

}  // namespace
}  // namespace selfdirect::ledger
