#include "selfdirect/casework/plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::casework {
namespace {

using ::testing::HasSubstr;

PlanRequest Plan() {
  PlanRequest r;
  r.outcomes = {{"o1", "I want to get up and dressed before 9 so I can go to the day centre"},
                {"o2", "I want to keep fit"}};
  r.items = {
      {"Help to get up and dressed",
       "personal_assistant",
       "Sam",
       "hour",
       "20.00",
       "10",
       "per_week",
       "direct_payment",
       {"o1"}},
      {"Gym membership",
       "not_a_care_service",
       "",
       "year",
       "300",
       "1",
       "per_year",
       "direct_payment",
       {"o2"}},
      {"A second-hand laptop",
       "not_a_care_service",
       "",
       "item",
       "450",
       "1",
       "one_off",
       "managed_budget",
       {}},
  };
  r.written_with = {"person", "family"};
  return r;
}

TEST(ValidatePlan, AcceptsAPlanInThePersonsWords) {
  auto plan = ValidatePlan(Plan());
  ASSERT_TRUE(plan.has_value()) << plan.error().fields[0].message;
  EXPECT_EQ(plan->items[0].hundredths, 1000);
  EXPECT_EQ(plan->items[0].supplier, Supplier::kPersonalAssistant);
  EXPECT_EQ(plan->items[2].route, PaymentRoute::kManagedBudget);
}

TEST(ValidatePlan, NamesEveryBadItem) {
  PlanRequest r = Plan();
  r.items[0].unit_price = "-5";
  r.items[1].quantity = "0";
  r.items[2].quantity = "1000000000";
  r.items[2].frequency = "per_week";
  r.items.push_back(
      {"Nights", "provider", "", "hour", "18.50", "200", "per_week", "direct_payment", {"o9"}});
  r.items.push_back({"", "wizard", "", "hour", "abc", "1.234", "", "cash", {}});
  auto plan = ValidatePlan(r);
  ASSERT_FALSE(plan.has_value());
  std::vector<std::string> fields;
  for (const auto& f : plan.error().fields) fields.push_back(f.field + ": " + f.message);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre(
                          "items[0].unit_price: The price must be more than £0",
                          "items[1].quantity: The number must be more than 0",
                          "items[2].quantity: That is more than could be used; check the number",
                          "items[3].quantity: A week has 168 hours; check the number of hours",
                          "items[3].outcomes: \"o9\" is not one of the plan's outcomes",
                          HasSubstr("items[4].what:"), HasSubstr("items[4].supplier:"),
                          HasSubstr("items[4].unit_price:"), HasSubstr("items[4].quantity:"),
                          HasSubstr("items[4].route:")));
  r = Plan();
  r.outcomes.clear();
  r.items.clear();
  EXPECT_EQ(ValidatePlan(r).error().fields[0].field, "outcomes");
}

TEST(CostOf, AddsWeeklyYearlyAndOneOffItemsWithTheSchemesWeeks) {
  auto plan = *ValidatePlan(Plan());
  auto cost = CostOf(plan, WeeksPerYear{52, 1});
  ASSERT_TRUE(cost.has_value());
  EXPECT_EQ(cost->annual, Pence(10'400'00 + 300'00));  // £200 a week × 52 + £300 a year
  EXPECT_EQ(cost->one_off, Pence(450'00));
  EXPECT_EQ(cost->first_year(), Pence(11'150'00));
  // £300 ÷ 52 = £5.769…: a year's amount spread over weeks is rounded down (DefaultRule).
  EXPECT_EQ(cost->weekly, Pence(200'00 + 5'76));
  auto exact_year = CostOf(plan, WeeksPerYear{365, 7});
  EXPECT_EQ(exact_year->annual, Pence(10'428'57 + 300'00));  // £200 × 365/7 = £10,428.571…
}

TEST(AnnualCostOf, IsOneItemsRecurringCostAYearRoundedAsCostOfRoundsIt) {
  // £18.25 × 2.5 hours = £45.625 a week → £45.63 (half up); × 365/7 = £2,379.2786… → £2,379.28.
  EXPECT_EQ(*AnnualCostOf(Pence(18'25), 250, ItemFrequency::kPerWeek, WeeksPerYear{365, 7}),
            Pence(2'379'28));
  EXPECT_EQ(*AnnualCostOf(Pence(300'00), 100, ItemFrequency::kPerYear, WeeksPerYear{52, 1}),
            Pence(300'00));
  EXPECT_EQ(*AnnualCostOf(Pence(450'00), 100, ItemFrequency::kOneOff, WeeksPerYear{52, 1}),
            Pence(0));  // not recurring
}

TEST(AgainstIndicative, SaysPlainlyWhereThePlanStands) {
  EXPECT_EQ(AgainstIndicative(Pence(10'000'00), Pence(12'000'00)),
            "£2,000.00 left to plan with, of the indicative budget of £12,000.00 a year");
  EXPECT_THAT(AgainstIndicative(Pence(12'210'00), Pence(12'000'00)),
              HasSubstr("This plan costs £210.00 a year more than the indicative budget of "
                        "£12,000.00"));
}

}  // namespace
}  // namespace selfdirect::casework
