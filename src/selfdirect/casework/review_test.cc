#include "selfdirect/casework/review.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/casework/budget.h"
#include "selfdirect/casework/closure.h"

namespace selfdirect::casework {
namespace {

using ::testing::HasSubstr;

Date D(const char* text) { return ParseIsoDate(text).value(); }

TEST(NextReview, ALightReviewEightWeeksAfterANewPlan) {
  const ReviewDue due = NextReview({}, D("2026-11-02"), false, std::nullopt);
  EXPECT_EQ(FormatIsoDate(due.due), "2026-12-28");
  EXPECT_EQ(due.kind, ReviewKind::kLight);
  EXPECT_THAT(due.why, HasSubstr("6 to 8 weeks"));
}

TEST(NextReview, DirectPaymentsWithinSixMonthsWhenTheSchemeHasNoLightReview) {
  ReviewRules rules;
  rules.light_review_weeks = 0;
  EXPECT_EQ(FormatIsoDate(NextReview(rules, D("2026-08-31"), true, std::nullopt).due),
            "2027-02-28");
  EXPECT_EQ(NextReview(rules, D("2026-08-31"), true, std::nullopt).kind,
            ReviewKind::kDirectPaymentFirst);
  // Without direct payments, a year.
  EXPECT_EQ(FormatIsoDate(NextReview(rules, D("2026-08-31"), false, std::nullopt).due),
            "2027-08-31");
}

TEST(NextReview, AfterAReviewAtMostTwelveMonthsLater) {
  const ReviewDue due = NextReview({}, D("2026-01-10"), true, D("2026-03-01"));
  EXPECT_EQ(FormatIsoDate(due.due), "2027-03-01");
  EXPECT_EQ(due.kind, ReviewKind::kRegular);
  EXPECT_THAT(due.why, HasSubstr("after the last one"));
}

TEST(NextReview, ANewPlanAfterAReviewGetsItsOwnLightReview) {
  // Reviewed in March; a revised plan signed off in April: light review in June.
  const ReviewDue due = NextReview({}, D("2026-04-01"), false, D("2026-03-01"));
  EXPECT_EQ(FormatIsoDate(due.due), "2026-05-27");
  EXPECT_EQ(due.kind, ReviewKind::kLight);
}

TEST(NextReview, NeverLaterThanTheIntervalFromAnyStart) {
  // Every combination lands no later than the interval after the plan or the last review.
  for (int light : {0, 6, 8}) {
    for (bool dp : {false, true}) {
      ReviewRules rules;
      rules.light_review_weeks = light;
      for (const char* last : {"", "2026-01-01", "2026-06-30"}) {
        std::optional<Date> l;
        if (*last != '\0') l = D(last);
        const Date plan = D("2026-02-15");
        const ReviewDue due = NextReview(rules, plan, dp, l);
        const Date from = l && DaysBetween(plan, *l) >= 0 ? *l : plan;
        EXPECT_LE(DaysBetween(from, due.due), DaysBetween(from, AddMonths(from, 12)));
        EXPECT_GT(DaysBetween(from, due.due), 0);
      }
    }
  }
}

TEST(DescribeDue, SaysDaysLeftOrOverdue) {
  EXPECT_EQ(DescribeDue(D("2026-12-04"), D("2026-11-22")), "Due in 12 days, on 4 December 2026");
  EXPECT_EQ(DescribeDue(D("2026-11-22"), D("2026-11-22")), "Due today");
  EXPECT_EQ(DescribeDue(D("2026-11-21"), D("2026-11-22")),
            "Overdue by 1 day (it was due on 21 November 2026)");
}

PlanContent TwoOutcomes() {
  PlanContent plan;
  plan.outcomes = {{"o1", "Get up and dressed before 9"}, {"o2", "Keep fit"}};
  return plan;
}

ReviewRequest GoodReview() {
  ReviewRequest r;
  r.held_on = "2026-11-20";
  r.reason = "planned";
  r.method = "in_person";
  r.outcomes = {{"o1", "achieved", "Sam comes at 7:30; it works"}, {"o2", "partly", ""}};
  r.persons_view = "Much better than the day centre";
  r.result = "continue";
  return r;
}

TEST(ValidateReview, AcceptsEveryOutcomeRatedOnce) {
  auto review = ValidateReview(GoodReview(), TwoOutcomes(), D("2026-09-01"), D("2026-11-22"));
  ASSERT_TRUE(review.has_value()) << review.error().message;
  ASSERT_EQ(review->outcomes.size(), 2u);
  EXPECT_EQ(review->outcomes[0].words, "Get up and dressed before 9");
  EXPECT_EQ(review->outcomes[1].rating, OutcomeRating::kPartly);
  EXPECT_EQ(FormatIsoDate(review->held_on), "2026-11-20");
}

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(ValidateReview, NamesEveryProblem) {
  ReviewRequest r = GoodReview();
  r.held_on = "2027-01-01";
  r.reason = "whim";
  r.method = "";
  r.outcomes = {{"o1", "brilliant", ""}, {"o9", "achieved", ""}, {"o1", "achieved", ""}};
  r.result = "cut";
  auto review = ValidateReview(r, TwoOutcomes(), D("2026-09-01"), D("2026-11-22"));
  ASSERT_FALSE(review.has_value());
  EXPECT_THAT(Fields(review.error()),
              ::testing::UnorderedElementsAre("held_on", "reason", "method", "outcomes[0].rating",
                                              "outcomes[1].outcome", "outcomes[2].outcome",
                                              "outcomes.o2", "result"));
}

TEST(ValidateReview, RefusesADateBeforeThePlan) {
  ReviewRequest r = GoodReview();
  r.held_on = "2026-08-01";
  auto review = ValidateReview(r, TwoOutcomes(), D("2026-09-01"), D("2026-11-22"));
  ASSERT_FALSE(review.has_value());
  EXPECT_THAT(review.error().fields.at(0).message, HasSubstr("1 September 2026"));
}

TEST(CheckBudgetChange, ABudgetGoesDownOnlyAfterAReassessment) {
  EXPECT_TRUE(CheckBudgetChange(Pence(1'000'000), Pence(1'200'000), false).has_value());
  EXPECT_TRUE(CheckBudgetChange(Pence(1'000'000), Pence(1'000'000), false).has_value());
  auto refused = CheckBudgetChange(Pence(1'000'000), Pence(900'000), false);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at(0).field, "actual_annual");
  EXPECT_THAT(refused.error().fields.at(0).message, HasSubstr("reassessment"));
  EXPECT_TRUE(CheckBudgetChange(Pence(1'000'000), Pence(900'000), true).has_value());
}

PlanContent PlanWithRoutes() {
  PlanContent plan;
  plan.outcomes = {{"o1", "x"}};
  PlanItem pa{"Personal assistant",
              Supplier::kPersonalAssistant,
              "Sam",
              "hour",
              Pence(1500),
              1000,
              ItemFrequency::kPerWeek,
              {"o1"},
              PaymentRoute::kDirectPayment};
  PlanItem day{"Day service",
               Supplier::kProvider,
               "Oaks",
               "day",
               Pence(6000),
               100,
               ItemFrequency::kPerWeek,
               {"o1"},
               PaymentRoute::kCouncilArranged};
  PlanItem laptop{
      "Laptop", Supplier::kNotACareService,  "", "item", Pence(45000), 100, ItemFrequency::kOneOff,
      {"o1"},   PaymentRoute::kDirectPayment};
  plan.items = {pa, day, laptop};
  return plan;
}

TEST(MakeStatement, CostContributionAndCouncilAmountAddUp) {
  Contribution c;
  c.basis = "financial_assessment";
  c.weekly = Pence(2350);
  c.assessed_on = D("2026-11-10");
  auto s = MakeStatement(Pence(1'100'000), D("2026-12-01"), PlanWithRoutes(), c, Pence(1'000'000),
                         WeeksPerYear{52, 1});
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(FormatIsoDate(s->to), "2027-11-30");
  EXPECT_EQ(s->cost_weekly, Pence(21153));  // £11,000 / 52, rounded down
  EXPECT_EQ(s->contribution_weekly, Pence(2350));
  EXPECT_EQ(s->contribution_annual, Pence(122200));
  EXPECT_EQ(s->council_annual.value() + s->contribution_annual.value(), 1'100'000);
  EXPECT_EQ(s->council_weekly.value() + s->contribution_weekly.value(), s->cost_weekly.value());
  ASSERT_EQ(s->by_route.size(), 2u);
  EXPECT_EQ(s->by_route[0].code, "direct_payment");
  EXPECT_EQ(s->by_route[0].annual, Pence(15000 * 52 + 45000));
  EXPECT_EQ(s->by_route[1].annual, Pence(6000 * 52));
  EXPECT_THAT(s->sentences.at(0),
              HasSubstr("£11,000.00 a year (£211.53 a week), from 1 December 2026 to 30 "
                        "November 2027"));
  EXPECT_THAT(s->sentences.at(2), HasSubstr("You pay £23.50 a week (£1,222.00 a year)"));
  EXPECT_THAT(s->sentences.back(), HasSubstr("£1,000.00 more"));
}

TEST(MakeStatement, ContributionNeverAboveTheCost) {
  Contribution c;
  c.basis = "financial_assessment";
  c.weekly = Pence(90000);
  c.assessed_on = D("2026-11-10");
  auto s = MakeStatement(Pence(520000), D("2026-12-01"), PlanWithRoutes(), c, std::nullopt,
                         WeeksPerYear{52, 1});
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->contribution_weekly, Pence(10000));
  EXPECT_EQ(s->council_annual, Pence(0));
  c.basis = "full_cost";
  s = MakeStatement(Pence(520000), D("2026-12-01"), PlanWithRoutes(), c, std::nullopt,
                    WeeksPerYear{52, 1});
  EXPECT_EQ(s->contribution_annual, Pence(520000));
  EXPECT_THAT(s->sentences.at(2), HasSubstr("savings are above the upper limit"));
}

TEST(MakeStatement, SaysPlainlyWhenTheContributionIsNotWorkedOutYet) {
  auto s = MakeStatement(Pence(520000), D("2026-12-01"), PlanWithRoutes(), std::nullopt,
                         Pence(520000), WeeksPerYear{52, 1});
  ASSERT_TRUE(s.has_value());
  EXPECT_FALSE(s->contribution_assessed);
  EXPECT_EQ(s->council_annual, Pence(520000));
  EXPECT_THAT(s->sentences.at(2), HasSubstr("has not been worked out yet"));
  EXPECT_THAT(s->sentences.back(), HasSubstr("the same as the indicative budget"));
}

TEST(ValidateContribution, NamesTheField) {
  auto c = ValidateContribution({"-3", "2027-01-01", "financial_assessment", ""}, D("2026-11-22"));
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().fields.size(), 2u);
  EXPECT_FALSE(ValidateContribution({"", "", "guess", ""}, D("2026-11-22")).has_value());
  auto none = ValidateContribution({"", "", "not_charged", ""}, D("2026-11-22"));
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->weekly, Pence(0));
}

TEST(ValidateClosure, ReasonAndDate) {
  auto ok = ValidateClosure({"moved_away", "2026-11-01", ""}, D("1950-01-01"), D("2026-11-22"));
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(FormatIsoDate(ok->effective_on), "2026-11-01");
  auto bad = ValidateClosure({"bored", "2026-12-01", ""}, D("1950-01-01"), D("2026-11-22"));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields.size(), 2u);
  EXPECT_FALSE(
      ValidateClosure({"died", "1940-01-01", ""}, D("1950-01-01"), D("2026-11-22")).has_value());
}

}  // namespace
}  // namespace selfdirect::casework
