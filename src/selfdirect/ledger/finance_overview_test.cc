#include "selfdirect/ledger/finance_overview.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

BudgetRecord Budget(const char* id, const char* start) {
  BudgetRecord b;
  b.council = CouncilId("E06000001");
  b.id = BudgetId(id);
  b.person = PersonId(std::string("01JD0000000000000000PERS") + (id + 24));
  b.scheme = SchemeId("01JD00000000000000000SCHEM");
  b.start = D(start);
  StoredTerms t;
  t.terms.from = b.start;
  b.terms.push_back(t);
  return b;
}

// What a payment run on every due date through `through` would have posted: each period and
// one-off as the schedule then said (contributions included, as runs post them).
std::vector<PaidPayment> PaidThrough(const BudgetRecord& b, const char* through) {
  std::vector<PaidPayment> out;
  auto schedule = MakeSchedule(ToBudgetInForce(b)).value();
  const std::vector<ScheduledPayment> owed = OwedThrough(schedule, D(through)).value();
  for (const ScheduledPayment& p : owed) {
    out.push_back({p.key, p.amount});
  }
  return out;
}

// The financial year 2026-27 on Monday 30 November 2026, with four budgets funding some of it:
//  A — £100 a week direct payment since 1 October 2025 (the year before), paid to date;
//  B — £70 a week managed budget from 1 June 2026, paid to date before a hospital stay from 10 to
//      23 December 2026 was recorded;
//  C — £50 a week direct payment from 1 April 2026 with £10 a week contribution taken off (net),
//      terminated on 31 December 2026;
//  D — £200 a week council-arranged from 1 April 2026 and a £500 council-arranged one-off on 15
//      January 2027;
// and two that do not: E starts next year, F ended last year.
class FinanceOverviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BudgetRecord a = Budget("01JD0000000000000000BUDGTA", "2025-10-01");
    a.terms[0].terms.direct_payment.per_week = Pence(10000);
    paid_[a.id] = PaidThrough(a, "2026-11-30");

    BudgetRecord b = Budget("01JD0000000000000000BUDGTB", "2026-06-01");
    b.terms[0].terms.managed_budget.per_week = Pence(7000);
    paid_[b.id] = PaidThrough(b, "2026-11-30");  // paid before the stay was known
    b.suspensions.push_back({1, {D("2026-12-10"), D("2026-12-23"), "a hospital stay"}, {}, {}});

    BudgetRecord c = Budget("01JD0000000000000000BUDGTC", "2026-04-01");
    c.terms[0].terms.direct_payment.per_week = Pence(5000);
    c.terms[0].terms.weekly_contribution = Pence(1000);
    c.end = D("2026-12-31");
    paid_[c.id] = PaidThrough(c, "2026-11-30");

    BudgetRecord d = Budget("01JD0000000000000000BUDGTD", "2026-04-01");
    d.terms[0].terms.council_arranged.per_week = Pence(20000);
    d.one_offs.push_back({"item2", "A hoist", casework::PaymentRoute::kCouncilArranged,
                          Pence(50000), D("2027-01-15")});

    BudgetRecord e = Budget("01JD0000000000000000BUDGTE", "2027-05-01");
    e.terms[0].terms.direct_payment.per_week = Pence(99900);
    BudgetRecord f = Budget("01JD0000000000000000BUDGTF", "2025-04-01");
    f.terms[0].terms.direct_payment.per_week = Pence(99900);
    f.end = D("2026-02-01");

    budgets_ = {a, b, c, d, e, f};
    in_.year = FinancialYear(2026);
    in_.today = D("2026-11-30");
    in_.budgets = budgets_;
    in_.paid = &paid_;
    in_.paid_this_year = {Pence(500000), Pence(150000), Pence(0), Pence(0)};
  }

  std::vector<BudgetRecord> budgets_;
  std::map<BudgetId, std::vector<PaidPayment>> paid_;
  OverviewInput in_;
};

TEST_F(FinanceOverviewTest, CommittedIsEachBudgetsCostForTheDaysOfTheYearItFunds) {
  const FinanceOverview o = Overview(in_).value();
  EXPECT_EQ(o.budgets, 4);
  ASSERT_EQ(o.by_mechanism.size(), 4u);
  // A: a whole year at £5,200 (it started the year before). C: £40 a week net for 275 days,
  // £2,080 × 275/365 = £1,567.123… → up.
  EXPECT_EQ(o.by_mechanism[0].mechanism, Mechanism::kDirectPayment);
  EXPECT_EQ(o.by_mechanism[0].committed, Pence(520000 + 156713));
  // B: £3,640 a year for 304 days less 14 in hospital: × 290/365 = £2,892.054… → up.
  EXPECT_EQ(o.by_mechanism[1].committed, Pence(289206));
  EXPECT_EQ(o.by_mechanism[2].committed, Pence(1040000));  // D: £200 × 52
  EXPECT_EQ(o.by_mechanism[3].committed, Pence(50000));    // D's hoist
  EXPECT_EQ(o.committed, Pence(676713 + 289206 + 1040000 + 50000));
}

TEST_F(FinanceOverviewTest, StillToPayIsWhatTheSchedulesOweBy31March_NotPaidTwice) {
  const FinanceOverview o = Overview(in_).value();
  // A: periods from 23 December, 20 January, 17 February and 17 March, £400 each (the one from
  // 25 November is paid in advance). C: the period from 9 December pays 23 of its 28 days before
  // the end: £160 × 23/28 = £131.428… → down; nothing after.
  EXPECT_EQ(o.by_mechanism[0].still_to_pay, Pence(4 * 40000 + 13142));
  // B: the period from 14 December pays 18 of 28 days (10 in hospital), then three whole periods
  // of £280. The period paid from 16 November is overpaid by the stay: a proposal for a finance
  // officer, not money to pay.
  EXPECT_EQ(o.by_mechanism[1].still_to_pay, Pence(18000 + 3 * 28000));
  // D: £10,400 a year for the 121 days from 1 December: £3,447.671… → up.
  EXPECT_EQ(o.by_mechanism[2].still_to_pay, Pence(344768));
  EXPECT_EQ(o.by_mechanism[3].still_to_pay, Pence(50000));
  EXPECT_EQ(o.by_mechanism[0].paid, Pence(500000));
  EXPECT_EQ(o.by_mechanism[0].forecast, Pence(500000 + 173142));
  EXPECT_EQ(o.still_to_pay, Pence(173142 + 102000 + 344768 + 50000));
  EXPECT_EQ(o.paid, Pence(650000));
  EXPECT_EQ(o.forecast, Pence(650000 + 669910));
  EXPECT_EQ(o.paid_to, D("2026-11-30"));
}

TEST_F(FinanceOverviewTest, ForecastAgainstTheCouncilsBudget_InPoundsAndBasisPoints) {
  in_.council_budget = Pence(1'350'000);  // £13,500.00
  const FinanceOverview o = Overview(in_).value();
  ASSERT_TRUE(o.forecast_over_budget.has_value());
  EXPECT_EQ(*o.forecast_over_budget, Pence(1'319'910 - 1'350'000));
  EXPECT_EQ(o.forecast_bps, 9777);    // 1,319,910 / 1,350,000 = 0.97771…
  EXPECT_EQ(o.committed_bps, 15229);  // 2,055,919 / 1,350,000 = 1.52290…
  EXPECT_THAT(o.sentences,
              ElementsAre("At this rate the council will spend £13,199.10 on personal budgets "
                          "this year, £300.90 less than the £13,500 set aside.",
                          "£6,500 has been paid so far and £6,699.10 is still to pay by 31 March "
                          "2027.",
                          "£20,559.19 is committed for 2026-27 across 4 budgets: 152.2% of the "
                          "council's budget."));

  in_.council_budget = Pence(1'300'000);
  EXPECT_EQ(Overview(in_).value().sentences[0],
            "At this rate the council will spend £13,199.10 on personal budgets this year, "
            "£199.10 more than the £13,000 set aside.");
  in_.council_budget = Pence(1'319'910);
  EXPECT_THAT(Overview(in_).value().sentences[0], HasSubstr(", exactly the £13,199.10 set aside."));
}

TEST_F(FinanceOverviewTest, AYearWithNoCouncilBudgetSaysSo) {
  const FinanceOverview o = Overview(in_).value();
  EXPECT_FALSE(o.forecast_over_budget.has_value());
  EXPECT_FALSE(o.forecast_bps.has_value());
  EXPECT_EQ(o.sentences[0],
            "At this rate the council will spend £13,199.10 on personal budgets this year.");
  EXPECT_EQ(o.sentences[1],
            "No budget for personal budgets has been set for 2026-27, so there is nothing to "
            "compare this with.");
  EXPECT_EQ(o.sentences.back(), "£20,559.19 is committed for 2026-27 across 4 budgets.");
}

TEST_F(FinanceOverviewTest, AYearPastCountsWhatWasNotPaid_AYearToComeNothingYet) {
  in_.today = D("2027-06-01");  // after the year: nothing more was paid
  FinanceOverview past = Overview(in_).value();
  EXPECT_EQ(past.tense, YearTense::kPast);
  EXPECT_EQ(past.paid_to, D("2027-03-31"));
  // No council-arranged days are left; the runs not made since 30 November are unpaid.
  EXPECT_EQ(past.by_mechanism[2].still_to_pay, Pence(0));
  EXPECT_EQ(past.by_mechanism[0].still_to_pay, Pence(173142));
  EXPECT_THAT(past.sentences[0], HasSubstr("The council's personal budgets cost"));

  in_.year = FinancialYear(2027);
  in_.today = D("2026-11-30");
  in_.paid_this_year = {};
  FinanceOverview next = Overview(in_).value();
  EXPECT_EQ(next.tense, YearTense::kFuture);
  // A carries on all year, E starts in May; C and F have ended; B and D carry on.
  EXPECT_EQ(next.budgets, 4);
  // Only periods due in 2027-28: A's thirteen of £400 (every 28 days from 1 October 2025; the
  // ones due before April are not this year's) and E's twelve of £3,996 from 1 May 2027.
  EXPECT_EQ(next.by_mechanism[0].still_to_pay, Pence(13 * 40000 + 12 * 399600));
  EXPECT_THAT(next.sentences[0], HasSubstr("If the budgets in payment carry on"));
  EXPECT_THAT(next.sentences[2], HasSubstr("nothing has been paid yet"));
}

TEST_F(FinanceOverviewTest, StatementSpendByCategoryLargestFirst_AndTheTenPayeesTakingTheMost) {
  in_.spend_by_category = {{LineCategory::kPlanItem, 10, Pence(90000)},
                           {LineCategory::kCashWithdrawal, 2, Pence(5000)},
                           {LineCategory::kUnknownPayee, 1, Pence(5000)},
                           {LineCategory::kCouncilPayment, 3, Pence(999999)}};  // money in
  for (int i = 0; i < 12; ++i) {
    in_.spend_by_payee.push_back({"Payee " + std::to_string(i), 1, Pence(1000 * (i + 1))});
  }
  in_.spend_by_payee.push_back({"Same as 11", 1, Pence(12000)});
  const FinanceOverview o = Overview(in_).value();
  ASSERT_EQ(o.spend_by_category.size(), 3u);
  EXPECT_EQ(o.spend_by_category[0].label, "Plan items");
  EXPECT_EQ(o.spend_by_category[0].share_bps, 9000);
  // Equal amounts keep the category order: unknown payees before cash withdrawals.
  EXPECT_EQ(o.spend_by_category[1].category, LineCategory::kUnknownPayee);
  EXPECT_EQ(o.spend_by_category[2].label, "Cash withdrawals");
  EXPECT_EQ(o.statement_spend, Pence(100000));
  ASSERT_EQ(o.top_payees.size(), 10u);
  EXPECT_EQ(o.top_payees[0].payee, "Payee 11");  // ties by name
  EXPECT_EQ(o.top_payees[1].payee, "Same as 11");
  EXPECT_EQ(o.top_payees[9].payee, "Payee 3");
}

TEST_F(FinanceOverviewTest, ContributionsOwedPerPersonWithATotal) {
  in_.contributions = {{PersonId("01JD00000000000000000PERS1"), "Ada Okafor", Pence(4000)},
                       {PersonId("01JD00000000000000000PERS2"), "Ben Shah", Pence(12000)},
                       {PersonId("01JD00000000000000000PERS3"), "Cy Lee", Pence(0)}};
  const FinanceOverview o = Overview(in_).value();
  ASSERT_EQ(o.contributions.size(), 2u);
  EXPECT_EQ(o.contributions[0].name, "Ben Shah");
  EXPECT_EQ(o.contributions_owed, Pence(16000));
}

TEST_F(FinanceOverviewTest, RefusesANegativeCouncilBudget_AndABudgetThatMakesNoSchedule) {
  in_.council_budget = Pence(-1);
  auto r = Overview(in_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields[0].field, "council_budget");

  in_.council_budget.reset();
  budgets_[0].terms.clear();
  in_.budgets = budgets_;
  EXPECT_FALSE(Overview(in_));
}

TEST(FinanceOverview, NoBudgetsAtAll_IsAllZeroesAndStillSaysSo) {
  OverviewInput in;
  in.year = FinancialYear(2026);
  in.today = D("2026-04-01");
  const FinanceOverview o = Overview(in).value();
  EXPECT_EQ(o.budgets, 0);
  EXPECT_EQ(o.forecast, Pence(0));
  EXPECT_EQ(o.sentences[0],
            "At this rate the council will spend £0 on personal budgets this year.");
}

TEST(FinanceOverview, PoundsShortDropsOnlyZeroPence) {
  EXPECT_EQ(FormatPoundsShort(Pence(123400000)), "£1,234,000");
  EXPECT_EQ(FormatPoundsShort(Pence(123400050)), "£1,234,000.50");
  EXPECT_EQ(FormatPoundsShort(Pence(-500)), "-£5");
}

}  // namespace
}  // namespace selfdirect::ledger
