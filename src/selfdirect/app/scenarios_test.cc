#include "selfdirect/app/scenarios.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

Context As(Role role) {
  return Context{
      Actor{CouncilId("01JD0000000000000000C0UNC1"), UserId("01JD00000000000000000USER1"), {role}},
      "t", ""};
}

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const FieldError& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(ScenariosTest, Examples_AreTheFiveShippedFilesInTheDocumentsOrder) {
  auto examples = Scenarios().Examples(As(Role::kAnalyst));
  ASSERT_TRUE(examples) << examples.error().message;
  ASSERT_EQ(examples->size(), 5u);
  EXPECT_EQ((*examples)[0].id, "25-percent-cut");
  EXPECT_EQ((*examples)[0].name, "A 25% cut in the money for personal budgets");
  EXPECT_THAT(std::string((*examples)[0].yaml), HasSubstr("funding_change_percent: -25"));
  EXPECT_EQ((*examples)[4].id, "responsibility-shift");
  for (const ScenarioExample& e : *examples) {
    EXPECT_FALSE(e.description.empty()) << e.id;
  }
}

TEST(ScenariosTest, Run_GivesTheYearsGroupsAndSufficiency_ForACut) {
  const auto& cut = ScenarioExamples()[0];
  auto run = Scenarios().Run(As(Role::kCommissioner), cut.yaml, 300);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->people, 300);
  EXPECT_EQ(run->result.years.size(), 10u);
  EXPECT_GT(run->result.baseline_budgets, 0);
  // A 25% cut at once: year 1's budgets are three quarters of today's, to the penny.
  EXPECT_EQ(run->result.years[0].budgets.central * 4, run->result.baseline_budgets * 3);
  EXPECT_EQ(run->result.sufficiency.below_plan_cost, run->result.baseline_people_with_budget);
  EXPECT_THAT(run->changes.at(0), HasSubstr("changes by -25%"));
  const std::string csv = ScenarioYearsCsv(run->result);
  EXPECT_THAT(csv, HasSubstr("year,people_eligible,"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 12);  // header, year 0, years 1-10
}

TEST(ScenariosTest, Run_NamesEveryBadKeyAndThePeople_AndRunsNothing) {
  auto run =
      Scenarios().Run(As(Role::kAnalyst), "name: x\nfunding_cut: 3\nhorizon_years: 500\n", 99);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(run.error()), ::testing::UnorderedElementsAre(
                                       "scenario.funding_cut", "scenario.horizon_years", "people"));
}

TEST(ScenariosTest, Run_RefusesAnEmptyScenarioAndYamlThatIsNotAMap) {
  auto empty = Scenarios().Run(As(Role::kAnalyst), "  \n", 5000);
  ASSERT_FALSE(empty);
  EXPECT_THAT(Fields(empty.error()), ::testing::ElementsAre("scenario"));
  auto junk = Scenarios().Run(As(Role::kAnalyst), "[1, 2", 5000);
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(junk.error().fields.empty());
}

TEST(ScenariosTest, RunAndExamples_AreRefusedToRolesWithoutTheAction) {
  for (Role role :
       {Role::kFinanceOfficer, Role::kAssessor, Role::kBudgetHolder, Role::kAdministrator}) {
    auto run = Scenarios().Run(As(role), ScenarioExamples()[0].yaml, 300);
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, ErrorCode::kPermissionDenied);
    EXPECT_FALSE(Scenarios().Examples(As(role)));
  }
  EXPECT_TRUE(Scenarios().Examples(As(Role::kCommissioner)));
}

}  // namespace
}  // namespace selfdirect::app
