#include "selfdirect/ras/check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/test_model.h"

namespace selfdirect::ras {
namespace {

using ::testing::HasSubstr;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The problems LoadModel reports, as "line:column: message" strings.
std::vector<std::string> ProblemsIn(const std::string& yaml) {
  auto model = LoadModel(yaml, "m.yaml");
  std::vector<std::string> out;
  if (model) return out;
  for (const Problem& p : model.error()) out.push_back(FormatProblem("m.yaml", p));
  return out;
}

int LineOf(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(CheckModel, PassesTheSmallModel) {
  auto model = LoadModel(testing::kSmallModel, "small.yaml");
  ASSERT_TRUE(model.has_value()) << FormatProblem("small.yaml", model.error()[0]);
  EXPECT_EQ((*model)->id, "small");
  EXPECT_EQ((*model)->order.size(), 6u);
}

TEST(CheckModel, NamesAnUnknownNameWithItsLineColumnAndASuggestion) {
  const std::string yaml =
      Replace(testing::kSmallModel, "(care_points + going_out)", "(care_points + going_uot)");
  const auto problems = ProblemsIn(yaml);
  ASSERT_EQ(problems.size(), 1u);
  const int line = LineOf(yaml, "going_uot");
  EXPECT_EQ(problems[0], "m.yaml:" + std::to_string(line) +
                             ":27: There is nothing called \"going_uot\" in this model. Did you "
                             "mean \"going_out\"?");
}

TEST(CheckModel, ReportsEveryProblemAtOnce) {
  std::string yaml = Replace(testing::kSmallModel, "value: min(total(personal_care), 20)",
                             "value: min(total(personal_care), has_unpaid_carer)");
  yaml = Replace(yaml, "{code: b, text: I need some help, score: 4}",
                 "{code: b, text: I need some help}");
  yaml = Replace(yaml, "period: weekly", "period: fortnightly");
  const auto problems = ProblemsIn(yaml);
  ASSERT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("period should be weekly or annual"));
  EXPECT_THAT(problems[1], HasSubstr("Option \"b\" of question \"washing\" has no score"));
  EXPECT_THAT(problems[2], HasSubstr("min() needs a number here, but \"has_unpaid_carer\" is a "
                                     "yes/no value"));
}

TEST(CheckModel, FindsACycleBetweenDerivedValues) {
  const std::string yaml = Replace(testing::kSmallModel, "value: min(total(personal_care), 20)",
                                   "value: min(total(personal_care), needs_points)");
  const auto problems = ProblemsIn(yaml);
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("in a circle: care_points → needs_points → care_points"));
}

TEST(CheckModel, FindsAValueWorkedOutFromItself) {
  const auto problems =
      ProblemsIn(Replace(testing::kSmallModel, "min(total(personal_care), 20)", "care_points + 1"));
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("\"care_points\" is worked out from itself"));
}

TEST(CheckModel, FindsGapsOverlapsAndUncoveredValuesInBands) {
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, "{at_least: 20, below: 25",
                                 "{at_least: 21, below: 25")),
              ::testing::ElementsAre(HasSubstr("There is a gap between bands")));
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, "{at_least: 20, below: 25",
                                 "{at_least: 19, below: 25")),
              ::testing::ElementsAre(HasSubstr("overlaps the one before")));
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, "{below: 20, value: 0, label: No extra}",
                                 "{at_least: 5, below: 20, value: 0, label: No extra}")),
              ::testing::ElementsAre(HasSubstr("can be as low as 0, below the first band")));
}

TEST(CheckModel, FindsDivisionThatCanBeByZero) {
  const auto problems =
      ProblemsIn(Replace(testing::kSmallModel, "nights * night_rate", "night_rate / nights"));
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("This can divide by zero: \"nights\" can be anything from 0 "
                                     "to 7"));
}

TEST(CheckModel, FindsAnAllocationThatCanBeNegative) {
  std::string yaml = Replace(testing::kSmallModel, "nights * night_rate", "nights * -night_rate");
  yaml = Replace(yaml, "  floor: {value: 25, label: Minimum budget}\n", "");
  const auto problems = ProblemsIn(yaml);
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("The allocation can be negative"));
}

TEST(CheckModel, FindsTypeErrorsAndUnknownCategoryValues) {
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, "\"supported_living\": 0.8",
                                 "\"supported_livng\": 0.8")),
              ::testing::ElementsAre(HasSubstr("\"supported_livng\" is not one of the values of "
                                               "\"living_setting\"")));
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, "has_unpaid_carer and age < 80",
                                 "has_unpaid_carer + 1")),
              ::testing::Contains(HasSubstr("\"+\" needs a number here")));
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, ", else: 0.5 }", " }")),
              ::testing::ElementsAre(HasSubstr("no case for residential")));
}

TEST(CheckModel, FindsATableWithAMissingKey) {
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, ", residential: 0}", "}")),
              ::testing::ElementsAre(HasSubstr("Table \"setting_extra\" has no amount for "
                                               "residential")));
}

TEST(LoadModel, RefusesWhatIsNotAModelWithoutCrashing) {
  EXPECT_THAT(ProblemsIn("just some words"), ::testing::ElementsAre(HasSubstr("not a RAS model")));
  EXPECT_THAT(ProblemsIn("a: [1, 2"), ::testing::ElementsAre(HasSubstr("not valid YAML")));
  EXPECT_THAT(ProblemsIn(std::string(2'000'000, '#')),
              ::testing::ElementsAre(HasSubstr("at most 1 MB")));
  EXPECT_THAT(ProblemsIn(std::string(10'000, '[') + std::string(10'000, ']')),
              ::testing::ElementsAre(HasSubstr("not valid YAML")));
  EXPECT_FALSE(ProblemsIn("a: &x [*x]").empty());
  EXPECT_FALSE(ProblemsIn("&a a: *a").empty());
}

TEST(LoadModel, ChecksEveryWorkedExample) {
  const std::string wrong =
      Replace(testing::kSmallModel, "amount_pence: 16665", "amount_pence: 16600");
  const int line = LineOf(wrong, "- description: High needs");
  EXPECT_THAT(ProblemsIn(wrong),
              ::testing::ElementsAre("m.yaml:" + std::to_string(line) +
                                     ":5: Example \"High needs in supported living, with family "
                                     "help\" should give £166.00 a week but the model gives "
                                     "£166.65"));
  EXPECT_THAT(ProblemsIn(Replace(testing::kSmallModel, "nights: 2, age: 45", "nights: 9, age: 45")),
              ::testing::ElementsAre(HasSubstr("nights 9 is outside the range 0 to 7")));
}

TEST(LoadModel, NamesUnknownSettings) {
  EXPECT_THAT(
      ProblemsIn(Replace(testing::kSmallModel, "currency: GBP", "currency: GBP\ncolour: red")),
      ::testing::ElementsAre(HasSubstr("The model has no setting \"colour\"")));
}

}  // namespace
}  // namespace selfdirect::ras
