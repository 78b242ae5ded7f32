#include "selfdirect/ledger/schedule.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <set>

namespace selfdirect::ledger {
namespace {

using ::testing::HasSubstr;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

// £100.00 a week as a direct payment from Tuesday 1 December 2026, paid four-weekly, 52 weeks.
BudgetInForce Weekly100() {
  BudgetInForce b;
  b.budget = "B1";
  b.start = D("2026-12-01");
  BudgetTerms t;
  t.from = b.start;
  t.direct_payment.per_week = Pence(10000);
  b.terms.push_back(t);
  return b;
}

PaymentSchedule Make(BudgetInForce b) {
  auto s = MakeSchedule(std::move(b));
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
  return *s;
}

std::vector<ScheduledPayment> Owed(const PaymentSchedule& s, const char* through) {
  return OwedThrough(s, D(through)).value();
}

std::vector<std::string> FieldsOf(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(Schedule, DirectPayment_PaidFourWeeklyInAdvance_WithADeterministicKey) {
  const auto owed = Owed(Make(Weekly100()), "2026-12-29");
  ASSERT_EQ(owed.size(), 2u);
  EXPECT_EQ(owed[0].key, "dp:B1:2026-12-01");
  EXPECT_EQ(owed[0].kind, PaymentKind::kDirectPayment);
  EXPECT_EQ(owed[0].payee, Payee::kHoldingAccount);
  EXPECT_EQ(owed[0].due_on, D("2026-12-01"));
  EXPECT_EQ(owed[0].covers_to, D("2026-12-28"));
  EXPECT_EQ(owed[0].amount, Pence(40000));
  EXPECT_EQ(owed[0].explanation,
            "£400.00 into the direct-payment account for 1 December 2026 to 28 December 2026, "
            "paid in advance.");
  EXPECT_EQ(owed[1].key, "dp:B1:2026-12-29");
  EXPECT_EQ(owed[1].covers_to, D("2027-01-25"));
}

TEST(Schedule, AnnualAmount_CarriesTheLeftoverPennyIntoTheYearsLastPayment) {
  BudgetInForce b = Weekly100();
  b.terms[0].direct_payment = {Pence(0), Pence(1'000'000)};  // £10,000.00 a year
  const auto owed = Owed(Make(b), "2027-11-02");             // the 13th period starts then
  ASSERT_EQ(owed.size(), 13u);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < owed.size(); ++i) {
    EXPECT_EQ(owed[i].amount, Pence(i == 12 ? 76924 : 76923)) << i;
    total += owed[i].amount.value();
  }
  EXPECT_EQ(total, 1'000'000);
}

TEST(Schedule, WeeklyLinesStayExactWithThreeSixtyFiveOverSeven) {
  BudgetInForce b = Weekly100();
  b.weeks_per_year = {365, 7};
  for (const auto& p : Owed(Make(b), "2027-12-01")) EXPECT_EQ(p.amount, Pence(40000)) << p.key;
}

TEST(Schedule, MonthlyInterval_FollowsCalendarMonthsFromTheStart) {
  BudgetInForce b = Weekly100();
  b.start = b.terms[0].from = D("2027-01-31");
  b.interval = Period::kMonthly;
  const auto owed = Owed(Make(b), "2027-03-31");
  ASSERT_EQ(owed.size(), 3u);
  EXPECT_EQ(owed[1].due_on, D("2027-02-28"));
  EXPECT_EQ(owed[1].covers_to, D("2027-03-30"));
  EXPECT_EQ(owed[2].due_on, D("2027-03-31"));
  // £5,200.00 a year ÷ 12 = £433.333…: pennies carried forward.
  EXPECT_EQ(owed[0].amount, Pence(43333));
  EXPECT_EQ(owed[1].amount, Pence(43333));
  EXPECT_EQ(owed[2].amount, Pence(43334));
}

TEST(Schedule, NetContribution_IsTakenOffTheDirectPayment) {
  BudgetInForce b = Weekly100();
  b.terms[0].weekly_contribution = Pence(1000);
  const auto owed = Owed(Make(b), "2026-12-01");
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].amount, Pence(36000));
  EXPECT_THAT(owed[0].explanation, HasSubstr("contribution of £10.00 a week has been taken off"));
}

TEST(Schedule, GrossContribution_IsPaidInFullAndCollectedSeparately) {
  BudgetInForce b = Weekly100();
  b.collection = ContributionCollection::kGross;
  b.terms[0].weekly_contribution = Pence(1000);
  const auto owed = Owed(Make(b), "2026-12-01");
  ASSERT_EQ(owed.size(), 2u);
  EXPECT_EQ(owed[0].amount, Pence(40000));
  EXPECT_EQ(owed[1].key, "contribution:B1:2026-12-01");
  EXPECT_EQ(owed[1].payee, Payee::kPerson);
  EXPECT_EQ(owed[1].amount, Pence(4000));
}

TEST(Schedule, NetContributionLargerThanTheDirectPayment_TheRestIsCollected) {
  BudgetInForce b = Weekly100();
  b.terms[0].direct_payment.per_week = Pence(2000);
  b.terms[0].managed_budget.per_week = Pence(10000);
  b.terms[0].weekly_contribution = Pence(3000);
  const auto owed = Owed(Make(b), "2026-12-01");
  ASSERT_EQ(owed.size(), 2u);  // no direct payment at all
  EXPECT_EQ(owed[0].key, "mb:B1:2026-12-01");
  EXPECT_EQ(owed[0].payee, Payee::kHoldingOrganisation);
  EXPECT_EQ(owed[0].amount, Pence(40000));
  EXPECT_EQ(owed[1].kind, PaymentKind::kContribution);
  EXPECT_EQ(owed[1].amount, Pence(4000));  // (£30 − £20) × 4
}

TEST(Schedule, CouncilArrangedLinesAreNeverScheduledPayments) {
  BudgetInForce b = Weekly100();
  b.terms[0].direct_payment = {};
  b.terms[0].council_arranged.per_week = Pence(50000);
  b.one_offs.push_back({"hoist", "A ceiling hoist", casework::PaymentRoute::kCouncilArranged,
                        Pence(300000), std::nullopt});
  EXPECT_TRUE(Owed(Make(b), "2027-12-01").empty());
}

TEST(DueOn, FirstRunPaysThePeriod_ASecondRunOnTheSameDatePostsNothing) {
  const auto s = Make(Weekly100());
  auto first = DueOn(s, D("2026-12-01"), {});
  ASSERT_TRUE(first);
  ASSERT_EQ(first->payments.size(), 1u);
  std::vector<PaidPayment> paid = {{first->payments[0].key, first->payments[0].amount}};
  auto second = DueOn(s, D("2026-12-01"), paid);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->payments.empty());
  EXPECT_TRUE(second->overpaid.empty());
}

TEST(DueOn, AMissedRunIsCaughtUp_AndNothingIsPaidBeforeItsPeriod) {
  const auto s = Make(Weekly100());
  EXPECT_TRUE(DueOn(s, D("2026-11-30"), {})->payments.empty());
  const auto due = DueOn(s, D("2027-01-26"), {{"dp:B1:2026-12-01", Pence(40000)}}).value();
  ASSERT_EQ(due.payments.size(), 2u);
  EXPECT_EQ(due.payments[0].key, "dp:B1:2026-12-29");
  EXPECT_EQ(due.payments[1].key, "dp:B1:2027-01-26");
  // The day before a period starts, it is not yet due.
  EXPECT_EQ(DueOn(s, D("2027-01-25"), {{"dp:B1:2026-12-01", Pence(40000)}})->payments.size(), 1u);
}

TEST(PaidAheadOf, CountsWhatWasPaidForPeriodsThatBeginAfterToday) {
  const auto s = Make(Weekly100());
  const std::vector<PaidPayment> paid = {{"dp:B1:2026-12-01", Pence(40000)},
                                         {"dp:B1:2026-12-29", Pence(40000)},
                                         {"dp:B1:2026-12-29:adj:1", Pence(500)},
                                         {"dp:B1:2026-12-29:recovery:2", Pence(200)}};
  auto ahead = PaidAheadOf(s, paid, D("2026-12-20"), PaymentKind::kDirectPayment);
  ASSERT_TRUE(ahead) << ahead.error().message;
  EXPECT_EQ(ahead->amount, Pence(40300));  // the period from 29 December, net of its recovery
  EXPECT_EQ(ahead->through, D("2027-01-25"));
  // On the day a period begins it is no longer ahead; a managed budget has nothing paid.
  EXPECT_EQ(PaidAheadOf(s, paid, D("2026-12-29"), PaymentKind::kDirectPayment)->amount, Pence(0));
  EXPECT_FALSE(PaidAheadOf(s, paid, D("2026-12-29"), PaymentKind::kDirectPayment)->through);
  EXPECT_EQ(PaidAheadOf(s, paid, D("2026-12-20"), PaymentKind::kManagedBudget)->amount, Pence(0));
  EXPECT_FALSE(PaidAheadOf(s, {{"dp:B2:2026-12-01", Pence(1)}}, D("2026-12-20"),
                           PaymentKind::kDirectPayment));
}

TEST(DueOn, RefusesPaymentsItDidNotMake) {
  const auto s = Make(Weekly100());
  auto r = DueOn(s, D("2026-12-01"),
                 {{"dp:B2:2026-12-01", Pence(40000)},
                  {"dp:B1:2026-12-02", Pence(40000)},
                  {"dp:B1:2026-12-01", Pence(0)},
                  {"dp:B1:2026-12-01:adj:x", Pence(1)},
                  {"dp:B1:2026-12-01:refund:1", Pence(1)},
                  {"oneoff:B1:nothing", Pence(1)},
                  {"dp:B1:2127-01-14", Pence(1)},  // on the grid, but 100 years on
                  {"dp:B1:2026-12-01:adj:1:2", Pence(1)},
                  {"B1", Pence(1)}});
  ASSERT_FALSE(r);
  EXPECT_THAT(FieldsOf(r.error()),
              ::testing::ElementsAre("paid[0].key", "paid[1].key", "paid[2].amount", "paid[3].key",
                                     "paid[4].key", "paid[5].key", "paid[6].key", "paid[7].key",
                                     "paid[8].key"));
}

TEST(Suspension, NoPaymentForSuspendedDays_ProRataRoundedDown) {
  BudgetInForce b = Weekly100();
  b.suspensions.push_back({D("2026-12-10"), D("2026-12-21"), "a hospital stay"});
  const auto owed = Owed(Make(b), "2026-12-29");
  ASSERT_EQ(owed.size(), 2u);
  // 16 of 28 days × £400.00 = £228.5714… → £228.57 (down)
  EXPECT_EQ(owed[0].amount, Pence(22857));
  EXPECT_EQ(owed[0].explanation,
            "£228.57 into the direct-payment account for 1 December 2026 to 28 December 2026, "
            "paid in advance: 16 days of the 28 days at £400.00 for a full period and nothing for "
            "12 days when payments were suspended (a hospital stay); worked out to the day and "
            "rounded down to the penny.");
  EXPECT_EQ(owed[1].amount, Pence(40000));  // restarted: a whole period again
}

TEST(Suspension, AWholePeriodSuspended_PaysNothing_OverlappingStaysCountOnce) {
  BudgetInForce b = Weekly100();
  b.suspensions.push_back({D("2026-12-01"), D("2026-12-20"), "a hospital stay"});
  b.suspensions.push_back({D("2026-12-15"), D("2026-12-28"), "a respite stay"});
  const auto owed = Owed(Make(b), "2026-12-29");
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].key, "dp:B1:2026-12-29");
}

TEST(Suspension, EnteredAfterThePeriodWasPaid_IsAProposalToRecover) {
  BudgetInForce b = Weekly100();
  b.suspensions.push_back({D("2026-12-10"), D("2026-12-21"), "a hospital stay"});
  const auto due = DueOn(Make(b), D("2026-12-20"), {{"dp:B1:2026-12-01", Pence(40000)}}).value();
  EXPECT_TRUE(due.payments.empty());
  ASSERT_EQ(due.overpaid.size(), 1u);
  EXPECT_EQ(due.overpaid[0].to_recover, Pence(17143));
  EXPECT_EQ(due.overpaid[0].sentence,
            "£400.00 was paid as a direct payment for 1 December 2026 to 28 December 2026, but "
            "only £228.57 is due because payments were suspended for 12 days. The £171.43 paid "
            "for days not funded may be recovered: a finance officer decides, and the person is "
            "told first.");
}

TEST(ChangeOfPlan, ProRataFromTheChangeDate_AndAnAdjustmentForThePeriodPaidInAdvance) {
  BudgetInForce b = Weekly100();
  BudgetTerms more = b.terms[0];
  more.from = D("2026-12-15");
  more.direct_payment.per_week = Pence(12000);
  b.terms.push_back(more);
  const auto s = Make(b);
  const auto owed = Owed(s, "2026-12-29");
  ASSERT_EQ(owed.size(), 2u);
  EXPECT_EQ(owed[0].amount, Pence(44000));  // 14 days at £400 + 14 days at £480 a period
  EXPECT_THAT(owed[0].explanation, HasSubstr("14 days of the 28 days at £400.00 for a full "
                                             "period and 14 days of the 28 days at £480.00"));
  EXPECT_EQ(owed[1].amount, Pence(48000));

  std::vector<PaidPayment> paid = {{"dp:B1:2026-12-01", Pence(40000)}};
  const auto due = DueOn(s, D("2026-12-15"), paid).value();
  ASSERT_EQ(due.payments.size(), 1u);
  EXPECT_EQ(due.payments[0].key, "dp:B1:2026-12-01:adj:1");
  EXPECT_TRUE(due.payments[0].adjustment);
  EXPECT_EQ(due.payments[0].amount, Pence(4000));
  EXPECT_THAT(due.payments[0].explanation,
              HasSubstr("An extra £40.00 for 1 December 2026 to 28 December 2026: £400.00 was "
                        "paid for it and it is now worth £440.00."));
  paid.push_back({due.payments[0].key, due.payments[0].amount});
  EXPECT_TRUE(DueOn(s, D("2026-12-15"), paid)->payments.empty());
}

TEST(Suspension, ARecoveryUnderItsKeySettlesTheOverpayment) {
  BudgetInForce b = Weekly100();
  b.suspensions.push_back({D("2026-12-10"), D("2026-12-21"), "a hospital stay"});
  const auto s = Make(b);
  std::vector<PaidPayment> paid = {{"dp:B1:2026-12-01", Pence(40000)}};
  const auto due = DueOn(s, D("2026-12-20"), paid).value();
  ASSERT_EQ(due.overpaid.size(), 1u);
  EXPECT_EQ(due.overpaid[0].recovery_key, "dp:B1:2026-12-01:recovery:1");
  paid.push_back({due.overpaid[0].recovery_key, due.overpaid[0].to_recover});
  const auto after = DueOn(s, D("2026-12-20"), paid).value();
  EXPECT_TRUE(after.overpaid.empty());
  EXPECT_TRUE(after.payments.empty());
  // Recovering more than was paid cannot be right.
  paid.push_back({"dp:B1:2026-12-01:recovery:2", Pence(40000)});
  auto r = DueOn(s, D("2026-12-20"), paid);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(ChangeOfPlan, ALowerPlanAfterPayment_IsOverpaidNotANegativePayment) {
  BudgetInForce b = Weekly100();
  BudgetTerms less = b.terms[0];
  less.from = D("2026-12-15");
  less.direct_payment.per_week = Pence(5000);
  b.terms.push_back(less);
  const auto due = DueOn(Make(b), D("2026-12-15"), {{"dp:B1:2026-12-01", Pence(40000)}}).value();
  EXPECT_TRUE(due.payments.empty());
  ASSERT_EQ(due.overpaid.size(), 1u);
  EXPECT_EQ(due.overpaid[0].owed, Pence(30000));
  EXPECT_THAT(due.overpaid[0].sentence, HasSubstr("because the plan changed on 15 December 2026"));
}

TEST(OneOff, PaidOnceOnItsDateThroughItsRoute) {
  BudgetInForce b = Weekly100();
  b.one_offs.push_back({"chair", "A riser-recliner chair", casework::PaymentRoute::kManagedBudget,
                        Pence(45000), D("2026-12-10")});
  const auto s = Make(b);
  EXPECT_EQ(DueOn(s, D("2026-12-09"), {{"dp:B1:2026-12-01", Pence(40000)}})->payments.size(), 0u);
  const auto due = DueOn(s, D("2026-12-10"), {{"dp:B1:2026-12-01", Pence(40000)}}).value();
  ASSERT_EQ(due.payments.size(), 1u);
  EXPECT_EQ(due.payments[0].key, "oneoff:B1:chair");
  EXPECT_EQ(due.payments[0].payee, Payee::kHoldingOrganisation);
  EXPECT_EQ(due.payments[0].explanation,
            "£450.00 once, on 10 December 2026, for A riser-recliner chair (to the organisation "
            "holding the managed budget).");
  const auto later = DueOn(s, D("2027-06-01"), {{"oneoff:B1:chair", Pence(45000)}}).value();
  for (const auto& p : later.payments) EXPECT_NE(p.kind, PaymentKind::kOneOff) << p.key;
  EXPECT_TRUE(later.overpaid.empty());
}

TEST(Termination, FinalReconciliation_RecoversWhatWasPaidBeyondTheEnd) {
  BudgetInForce b = Weekly100();
  b.end = D("2027-01-09");  // 12 days into the second period
  const auto s = Make(b);
  const auto owed = Owed(s, "2027-12-01");
  ASSERT_EQ(owed.size(), 2u);
  EXPECT_EQ(owed[1].amount, Pence(17142));  // 12/28 × £400 = £171.428… → down
  const auto r = Reconcile(s, {{"dp:B1:2026-12-01", Pence(40000)},
                               {"dp:B1:2026-12-29", Pence(40000)},
                               {"dp:B1:2027-01-26", Pence(40000)}})
                     .value();
  EXPECT_EQ(r.paid_out, Pence(120000));
  EXPECT_EQ(r.owed, Pence(57142));
  EXPECT_EQ(r.to_recover, Pence(62858));
  EXPECT_EQ(r.still_to_pay, Pence(0));
  ASSERT_EQ(r.overpaid.size(), 2u);
  EXPECT_EQ(r.overpaid[1].owed, Pence(0));
  EXPECT_THAT(r.overpaid[1].sentence, HasSubstr("because the budget ended on 9 January 2027"));
  EXPECT_EQ(r.sentences[0], "The budget ended on 9 January 2027.");
  EXPECT_EQ(r.sentences[1],
            "£1,200.00 was paid in all, and the budget up to the day it ended was worth £571.42.");
  EXPECT_THAT(r.sentences[2], HasSubstr("£628.58 was paid in advance for days the budget did not "
                                        "cover"));
}

TEST(Termination, NothingToRecover_AndAMissedPaymentIsStillOwed) {
  BudgetInForce b = Weekly100();
  b.end = D("2026-12-28");
  const auto r = Reconcile(Make(b), {}).value();
  EXPECT_EQ(r.to_recover, Pence(0));
  EXPECT_EQ(r.still_to_pay, Pence(40000));
  EXPECT_EQ(r.sentences[2],
            "Nothing was paid for days the budget did not cover, so there is nothing to recover.");
  EXPECT_EQ(r.sentences[3],
            "£400.00 is still owed for days before the budget ended and should be paid.");
}

TEST(Termination, ReconcileNeedsAnEndDate) {
  auto r = Reconcile(Make(Weekly100()), {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(FieldsOf(r.error()), ::testing::ElementsAre("end"));
}

TEST(Commitment, TwelveMonthsIsTheAnnualAmount_TheFinancialYearIsProRata) {
  BudgetInForce b = Weekly100();
  b.terms[0].weekly_contribution = Pence(1000);
  b.one_offs.push_back(
      {"chair", "A chair", casework::PaymentRoute::kDirectPayment, Pence(45000), std::nullopt});
  b.one_offs.push_back({"rail", "A grab rail", casework::PaymentRoute::kCouncilArranged,
                        Pence(5000), D("2027-05-01")});
  const auto s = Make(b);
  const auto year = YearCommitment(s, CommitmentWindow::kTwelveMonths).value();
  EXPECT_EQ(year.to, D("2027-11-30"));
  EXPECT_EQ(year.direct_payment, Pence(520000));  // gross of the contribution
  EXPECT_EQ(year.one_off, Pence(50000));
  EXPECT_EQ(year.gross, Pence(570000));
  EXPECT_EQ(year.contribution, Pence(52000));
  EXPECT_EQ(year.council, Pence(518000));
  EXPECT_EQ(year.sentence,
            "Commit £5,180.00 for 1 December 2026 to 30 November 2027 (365 days): £5,200.00 in "
            "direct payments and £500.00 for one-off items, less £520.00 the person is expected "
            "to pay.");
  const auto fy = YearCommitment(s, CommitmentWindow::kFinancialYear).value();
  EXPECT_EQ(fy.to, D("2027-03-31"));
  // £5,200 × 121/365 = £1,723.8356… → up; contribution £520 × 121/365 = £172.3835… → down
  EXPECT_EQ(fy.direct_payment, Pence(172384));
  EXPECT_EQ(fy.one_off, Pence(45000));  // the rail is dated after 31 March
  EXPECT_EQ(fy.contribution, Pence(17238));
  EXPECT_EQ(fy.council, Pence(172384 + 45000 - 17238));
}

TEST(Commitment, StopsAtTheEndDate) {
  BudgetInForce b = Weekly100();
  b.end = D("2026-12-07");
  const auto c = YearCommitment(Make(b), CommitmentWindow::kTwelveMonths).value();
  EXPECT_EQ(c.to, D("2026-12-07"));
  EXPECT_EQ(c.direct_payment, Pence(10000 * 52 * 7 / 365 + 1));  // £99.726… → up
}

TEST(CostOver, AWindowFromTheStartToTheYearsEndIsTheFinancialYearsCommitment) {
  BudgetInForce b = Weekly100();
  b.terms[0].weekly_contribution = Pence(1000);
  b.terms[0].managed_budget.per_year = Pence(365'000);
  b.one_offs.push_back(
      {"chair", "A chair", casework::PaymentRoute::kDirectPayment, Pence(45000), std::nullopt});
  const auto s = Make(b);
  const auto year = YearCommitment(s, CommitmentWindow::kFinancialYear).value();
  // Asking from before the start clips the window to the start.
  const auto c = CostOver(s, D("2026-04-01"), D("2027-03-31")).value();
  EXPECT_EQ(c.from, D("2026-12-01"));
  EXPECT_EQ(c.to, D("2027-03-31"));
  EXPECT_EQ(c.direct_payment, year.direct_payment);
  EXPECT_EQ(c.managed_budget, year.managed_budget);
  EXPECT_EQ(c.managed_budget, Pence(121'000));  // £3,650 × 121/365 exactly
  EXPECT_EQ(c.one_off, Pence(45000));
  EXPECT_EQ(c.gross, year.gross);
  EXPECT_EQ(c.contribution, year.contribution);
  EXPECT_EQ(c.council, year.council);
  // Net collection: £90 a week reaches the holding account. £4,680 × 121/365 = £1,551.45… → up
  EXPECT_EQ(c.direct_payment_net, Pence(155146));
}

TEST(CostOver, AWindowInsideTheYearCostsItsOwnDays_LessSuspensionsAndAfterTheEnd) {
  BudgetInForce b = Weekly100();
  b.collection = ContributionCollection::kGross;
  b.suspensions.push_back({D("2027-01-01"), D("2027-01-10"), "a hospital stay"});
  b.end = D("2027-01-31");
  const auto s = Make(b);
  // 1–31 January: 31 days, 10 suspended → 21 funded days of £5,200 a year.
  const auto c = CostOver(s, D("2027-01-01"), D("2027-03-31")).value();
  EXPECT_EQ(c.from, D("2027-01-01"));
  EXPECT_EQ(c.to, D("2027-01-31"));
  EXPECT_EQ(c.direct_payment, Pence(29918));          // 520000 × 21 / 365 = 29917.8… → up
  EXPECT_EQ(c.direct_payment_net, c.direct_payment);  // gross collection: nothing taken off
  // A window after the end costs nothing.
  const auto after = CostOver(s, D("2027-02-01"), D("2027-03-31")).value();
  EXPECT_EQ(after.gross, Pence(0));
  EXPECT_EQ(after.from, D("2027-02-01"));
  EXPECT_THAT(after.sentence, HasSubstr("Nothing for 1 February 2027 to 31 March 2027"));
}

TEST(CostOver, RefusesAWindowBackwardsOrAcrossTwoFinancialYears) {
  const auto s = Make(Weekly100());
  auto backwards = CostOver(s, D("2027-01-10"), D("2027-01-09"));
  ASSERT_FALSE(backwards);
  EXPECT_THAT(FieldsOf(backwards.error()), ::testing::ElementsAre("to"));
  auto across = CostOver(s, D("2027-03-01"), D("2027-04-01"));
  ASSERT_FALSE(across);
  EXPECT_THAT(FieldsOf(across.error()), ::testing::ElementsAre("to"));
  EXPECT_THAT(across.error().fields[0].message, HasSubstr("31 March 2027"));
}

TEST(CostOver, SplitWindowsAddUpToTheWholeWithinAPennyARoute) {
  const auto s = Make(Weekly100());
  const auto whole = CostOver(s, D("2026-12-01"), D("2027-03-31")).value();
  const auto first = CostOver(s, D("2026-12-01"), D("2027-01-15")).value();
  const auto second = CostOver(s, D("2027-01-16"), D("2027-03-31")).value();
  const std::int64_t sum = first.direct_payment.value() + second.direct_payment.value();
  EXPECT_GE(sum, whole.direct_payment.value());
  EXPECT_LE(sum, whole.direct_payment.value() + 1);
}

TEST(MakeSchedule, NamesEveryBadField) {
  BudgetInForce b = Weekly100();
  b.budget = "a:b";
  b.weeks_per_year = {51, 1};
  b.terms[0].from = D("2026-12-02");
  b.terms[0].managed_budget.per_week = Pence(-1);
  b.terms[0].weekly_contribution = Pence(100'000'000'001);
  BudgetTerms again = b.terms[0];
  again.managed_budget = {};
  again.weekly_contribution = {};
  b.terms.push_back(again);
  b.one_offs = {{"x", "A", casework::PaymentRoute::kDirectPayment, Pence(0), D("2026-11-01")},
                {"x", "B", casework::PaymentRoute::kDirectPayment, Pence(1), std::nullopt}};
  b.suspensions = {{D("2026-12-10"), D("2026-12-09"), ""}};
  b.end = D("2026-11-30");
  auto r = MakeSchedule(b);
  ASSERT_FALSE(r);
  EXPECT_THAT(FieldsOf(r.error()),
              ::testing::ElementsAre(
                  "budget", "weeks_per_year", "terms[0].from", "terms[0].managed_budget.per_week",
                  "terms[0].weekly_contribution", "terms[1].from", "one_offs[0].amount",
                  "one_offs[0].on", "one_offs[1].id", "suspensions[0].to", "end"));
  b = Weekly100();
  b.terms.clear();
  EXPECT_THAT(FieldsOf(MakeSchedule(b).error()), ::testing::ElementsAre("terms"));
}

TEST(RoutesOfPlan, SplitsThePlanByRouteAndFrequency) {
  casework::PlanContent plan;
  plan.items = {
      {"Help to get up",
       casework::Supplier::kPersonalAssistant,
       "Sam",
       "hour",
       Pence(1550),
       1050,
       casework::ItemFrequency::kPerWeek,
       {},
       casework::PaymentRoute::kDirectPayment},
      {"Gym",
       casework::Supplier::kNotACareService,
       "",
       "year",
       Pence(30000),
       100,
       casework::ItemFrequency::kPerYear,
       {},
       casework::PaymentRoute::kDirectPayment},
      {"Day centre",
       casework::Supplier::kProvider,
       "",
       "day",
       Pence(4500),
       200,
       casework::ItemFrequency::kPerWeek,
       {},
       casework::PaymentRoute::kCouncilArranged},
      {"Laptop",
       casework::Supplier::kNotACareService,
       "",
       "item",
       Pence(45000),
       100,
       casework::ItemFrequency::kOneOff,
       {},
       casework::PaymentRoute::kManagedBudget},
  };
  const auto r = RoutesOfPlan(plan).value();
  EXPECT_EQ(r.direct_payment, (RecurringCost{Pence(16275), Pence(30000)}));  // 15.50 × 10.5
  EXPECT_EQ(r.council_arranged, (RecurringCost{Pence(9000), Pence(0)}));
  EXPECT_EQ(r.managed_budget, (RecurringCost{}));
  ASSERT_EQ(r.one_offs.size(), 1u);
  EXPECT_EQ(r.one_offs[0].id, "item4");
  EXPECT_EQ(r.one_offs[0].route, casework::PaymentRoute::kManagedBudget);
}

// ---- Properties -------------------------------------------------------------------------------

rc::Gen<WeeksPerYear> AnyWeeksPerYear() {
  return rc::gen::element(WeeksPerYear{52, 1}, WeeksPerYear{365, 7}, WeeksPerYear{2607, 50},
                          WeeksPerYear{53, 1});
}

rc::Gen<Period> AnyInterval() {
  return rc::gen::element(Period::kWeekly, Period::kFourWeekly, Period::kMonthly, Period::kAnnual);
}

Date AnyDateFrom(Date from, int days) { return AddDays(from, *rc::gen::inRange(0, days)); }

// Suspensions, perhaps a change of plan, perhaps an end, on an existing budget.
void Disrupt(BudgetInForce& b, bool with_changes) {
  const int suspensions = *rc::gen::inRange(0, 4);
  for (int i = 0; i < suspensions; ++i) {
    const Date from = AnyDateFrom(b.start, 400);
    b.suspensions.push_back({from, AnyDateFrom(from, 60), "a hospital stay"});
  }
  if (with_changes && *rc::gen::arbitrary<bool>()) {
    BudgetTerms change = b.terms[0];
    change.from = AnyDateFrom(AddDays(b.start, 1), 300);
    change.direct_payment.per_week = Pence(*rc::gen::inRange<std::int64_t>(0, 500'000));
    change.weekly_contribution = Pence(*rc::gen::inRange<std::int64_t>(0, 30'000));
    b.terms.push_back(change);
  }
  if (*rc::gen::arbitrary<bool>()) b.end = AnyDateFrom(b.start, 500);
}

BudgetInForce AnyBudget(bool with_changes) {
  BudgetInForce b;
  b.budget = "B" + std::to_string(*rc::gen::inRange(1, 1000));
  b.start = AnyDateFrom(D("2025-01-01"), 2000);
  b.interval = *AnyInterval();
  b.weeks_per_year = *AnyWeeksPerYear();
  b.collection = *rc::gen::element(ContributionCollection::kNet, ContributionCollection::kGross);
  BudgetTerms t;
  t.from = b.start;
  t.direct_payment = {Pence(*rc::gen::inRange<std::int64_t>(0, 500'000)),
                      Pence(*rc::gen::inRange<std::int64_t>(0, 5'000'000))};
  t.managed_budget = {Pence(*rc::gen::inRange<std::int64_t>(0, 100'000)), Pence(0)};
  t.weekly_contribution = Pence(*rc::gen::inRange<std::int64_t>(0, 30'000));
  b.terms.push_back(t);
  Disrupt(b, with_changes);
  return b;
}

// The exact value of a whole period of the direct payment (after any net contribution), as a
// fraction of pence, computed independently of the schedule.
std::pair<Int128, Int128> ExactPeriod(const BudgetInForce& b, const BudgetTerms& t) {
  const WeeksPerYear w = b.weeks_per_year;
  Int128 weekly_dp = t.direct_payment.per_week.value();
  Int128 n = static_cast<Int128>(t.direct_payment.per_year.value()) * w.denominator +
             weekly_dp * w.numerator;  // pence a year × den
  if (b.collection == ContributionCollection::kNet) {
    n = std::max<Int128>(0, n - static_cast<Int128>(t.weekly_contribution.value()) * w.numerator);
  }
  switch (b.interval) {
    case Period::kWeekly:
      return {n, w.numerator};
    case Period::kFourWeekly:
      return {4 * n, w.numerator};
    case Period::kMonthly:
      return {n, static_cast<Int128>(12) * w.denominator};
    case Period::kAnnual:
      return {n, w.denominator};
  }
  return {n, 1};
}

std::vector<ScheduledPayment> OfKind(const std::vector<ScheduledPayment>& all, PaymentKind kind) {
  std::vector<ScheduledPayment> out;
  for (const auto& p : all) {
    if (p.kind == kind) out.push_back(p);
  }
  return out;
}

// Over any run of periods (a whole year or longer), with random suspensions and an end date, the
// direct payments never exceed the exact amount by more than a penny a period, and never go
// negative. Without suspensions or an end, they never exceed it at all and fall short by less
// than a penny.
RC_GTEST_PROP(ScheduleProperty, PaymentsNeverExceedTheExactAmountByMoreThanAPennyAPeriod, ()) {
  const BudgetInForce b = AnyBudget(false);
  const auto s = MakeSchedule(b).value();
  const Date through = AddMonths(b.start, *rc::gen::inRange(12, 30));
  const auto periods = PeriodsThrough(s, through);
  const auto dp = OfKind(OwedThrough(s, through).value(), PaymentKind::kDirectPayment);
  Int128 total = 0;
  for (const auto& p : dp) {
    RC_ASSERT(p.amount.value() > 0);
    total += p.amount.value();
  }
  const auto [num, den] = ExactPeriod(b, b.terms[0]);
  const Int128 n = static_cast<Int128>(periods.size());
  RC_ASSERT((total - n) * den <= n * num);  // total ≤ n × exact + n pennies
  // Each payment, day by day: a part period never pays more than its exact share; a whole
  // period at most the exact period amount rounded up (the carried penny).
  std::map<std::string, Pence> by_key;
  for (const auto& p : dp) by_key[p.key] = p.amount;
  for (const auto& period : periods) {
    int funded = 0;
    const int days = DaysBetween(period.start, period.end) + 1;
    for (int i = 0; i < days; ++i) {
      const Date day = AddDays(period.start, i);
      bool paid = !(b.end && *b.end < day);
      for (const auto& x : b.suspensions) {
        if (!(day < x.from) && !(x.to < day)) paid = false;
      }
      funded += paid ? 1 : 0;
    }
    const auto it = by_key.find("dp:" + b.budget + ":" + FormatIsoDate(period.start));
    const Int128 amount = it == by_key.end() ? 0 : it->second.value();
    if (funded < days) {
      RC_ASSERT(amount * den * days <= num * funded);
    } else {
      RC_ASSERT((amount - 1) * den < num);
    }
  }
  if (b.suspensions.empty() && !b.end) {
    RC_ASSERT(dp.size() == periods.size() || num == 0);
    RC_ASSERT(total * den <= n * num);       // never more than exact
    RC_ASSERT((total + 1) * den > n * num);  // short by less than a penny
  }
}

// A year of four-weekly payments at 52 weeks is exactly 13 periods: they add up to the annual
// amount to the penny.
RC_GTEST_PROP(ScheduleProperty, ThirteenFourWeeklyPaymentsAreTheAnnualAmountExactly, ()) {
  BudgetInForce b = Weekly100();
  b.terms[0].direct_payment = {Pence(*rc::gen::inRange<std::int64_t>(0, 1'000'000)),
                               Pence(*rc::gen::inRange<std::int64_t>(0, 100'000'000))};
  const auto s = MakeSchedule(b).value();
  Int128 total = 0;
  const auto owed = OwedThrough(s, AddDays(b.start, 12 * 28)).value();
  for (const auto& p : owed) {
    total += p.amount.value();
  }
  RC_ASSERT(total == static_cast<Int128>(b.terms[0].direct_payment.per_year.value()) +
                         static_cast<Int128>(b.terms[0].direct_payment.per_week.value()) * 52);
}

RC_GTEST_PROP(ScheduleProperty, IsDeterministicAndKeysAreUnique, ()) {
  const BudgetInForce b = AnyBudget(true);
  const Date through = AnyDateFrom(b.start, 900);
  const auto one = OwedThrough(MakeSchedule(b).value(), through).value();
  const auto two = OwedThrough(MakeSchedule(b).value(), through).value();
  RC_ASSERT(one.size() == two.size());
  std::set<std::string> keys;
  for (std::size_t i = 0; i < one.size(); ++i) {
    RC_ASSERT(one[i].key == two[i].key);
    RC_ASSERT(one[i].amount == two[i].amount);
    RC_ASSERT(one[i].explanation == two[i].explanation);
    RC_ASSERT(keys.insert(one[i].key).second);
    RC_ASSERT(one[i].amount.value() > 0);
  }
}

// Payment runs on every period's first day post each payment once; running any date again posts
// nothing new. Then a change (a suspension, a change of plan, an end) entered afterwards is
// settled by adjustments and overpayment proposals, after which the books match the schedule.
RC_GTEST_PROP(ScheduleProperty, RunsAreIdempotentAndSettleToTheSchedule, ()) {
  BudgetInForce b = AnyBudget(false);
  b.suspensions.clear();
  b.end.reset();
  const auto before = MakeSchedule(b).value();
  const Date last = AddMonths(b.start, 14);
  std::vector<PaidPayment> paid;
  std::set<std::string> keys;
  for (const auto& p : PeriodsThrough(before, last)) {
    const auto due = DueOn(before, p.start, paid).value();
    for (const auto& pay : due.payments) {
      RC_ASSERT(keys.insert(pay.key).second);
      paid.push_back({pay.key, pay.amount});
    }
    RC_ASSERT(DueOn(before, p.start, paid)->payments.empty());
  }
  // Now something changes after the money went out.
  BudgetInForce changed = b;
  Disrupt(changed, true);
  const auto after = MakeSchedule(changed).value();
  auto settle = DueOn(after, last, paid);
  RC_ASSERT(settle.has_value());
  for (const auto& pay : settle->payments) {
    RC_ASSERT(keys.insert(pay.key).second);  // an adjustment never reuses a key
    RC_ASSERT(pay.amount.value() > 0);
    paid.push_back({pay.key, pay.amount});
  }
  auto again = DueOn(after, last, paid).value();
  RC_ASSERT(again.payments.empty());
  // What is paid per period is now at least what it is worth; any excess is proposed back.
  std::map<std::string, std::int64_t> by_base;
  for (const auto& p : paid) by_base[p.key.substr(0, p.key.find(":adj:"))] += p.amount.value();
  std::int64_t excess = 0;
  for (const auto& o : again.overpaid) {
    RC_ASSERT(o.to_recover.value() > 0);
    RC_ASSERT(by_base[o.key] == o.paid.value());
    excess += o.to_recover.value();
  }
  std::int64_t owed = 0, total = 0;
  const auto owed_after = OwedThrough(after, last).value();
  for (const auto& p : owed_after) {
    if (p.due_on <= last) owed += p.amount.value();
  }
  for (const auto& [base, amount] : by_base) total += amount;
  RC_ASSERT(total - excess == owed);
  // Recovering every proposal under its own key leaves the books exactly matching the schedule.
  for (const auto& o : again.overpaid) {
    RC_ASSERT(keys.insert(o.recovery_key).second);
    paid.push_back({o.recovery_key, o.to_recover});
  }
  again = DueOn(after, last, paid).value();
  RC_ASSERT(again.payments.empty());
  RC_ASSERT(again.overpaid.empty());
}

}  // namespace
}  // namespace selfdirect::ledger

namespace selfdirect::ledger {
namespace {

TEST(Schedule, AContributionsKeyAndItsRecoveryKeyAreKnownAsContributions) {
  EXPECT_TRUE(IsContributionKey("contribution:01JD3Q7Z8M0000000000000000:2026-11-22"));
  EXPECT_TRUE(IsContributionKey("contribution:01JD3Q7Z8M0000000000000000:2026-11-22:recovery:1"));
  EXPECT_FALSE(IsContributionKey("dp:01JD3Q7Z8M0000000000000000:2026-11-22:recovery:1"));
  EXPECT_FALSE(IsContributionKey("contribution-paid:01JD3Q7Z8M0000000000000000"));
  EXPECT_FALSE(IsContributionKey("contribution"));
}

}  // namespace
}  // namespace selfdirect::ledger
