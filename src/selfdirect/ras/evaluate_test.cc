#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"
#include "selfdirect/ras/test_model.h"

namespace selfdirect::ras {
namespace {

using ::testing::HasSubstr;

std::shared_ptr<const Model> SmallModel() {
  static const auto model = *LoadModel(testing::kSmallModel, "small.yaml");
  return model;
}

RawAnswer Code(const std::string& code) { return {RawAnswer::Kind::kText, code, false}; }
RawAnswer Number(const std::string& number) { return {RawAnswer::Kind::kNumber, number, false}; }
RawAnswer YesNo(bool yes) { return {RawAnswer::Kind::kYesNo, "", yes}; }

RawAnswers HighNeeds() {
  return {{"washing", Code("c")},
          {"dressing", Code("b")},
          {"going_out", Code("b")},
          {"nights", Number("2")},
          {"age", Number("45")},
          {"living_setting", Code("supported_living")},
          {"has_unpaid_carer", YesNo(true)}};
}

std::int64_t Sum(const Explanation& e) {
  std::int64_t total = 0;
  for (const auto& line : e.lines) total += line.amount_pence.value_or(0);
  return total;
}

TEST(Explain, WorksOutTheAmountTermByTerm) {
  auto inputs = ValidateAnswers(*SmallModel(), HighNeeds());
  ASSERT_TRUE(inputs.has_value());
  auto e = Explain(*SmallModel(), *inputs);
  ASSERT_TRUE(e.has_value()) << e.error().message;
  // care 20 (capped from 22); (20 + 7.5) × 0.75 = 20.625 points; × £5.10 × 0.8 = £84.15;
  // + 2 nights × £20 + £12.50 for supported living + £30 upper band 1 = £166.65.
  EXPECT_EQ(e->amount_pence, 16665);
  EXPECT_EQ(Sum(*e), 16665);
  std::vector<std::string> texts;
  for (const auto& line : e->lines) texts.push_back(line.text);
  EXPECT_THAT(texts, ::testing::Contains(HasSubstr("Personal care: 20 (the most this part can "
                                                   "count; it came to 22)")));
  EXPECT_THAT(texts, ::testing::Contains(HasSubstr("Because \"Someone in your family helps "
                                                   "without being paid\" is yes and Age (45) is "
                                                   "less than 80")));
  EXPECT_THAT(texts, ::testing::Contains(HasSubstr("Where you live: In supported living")));
  EXPECT_THAT(texts,
              ::testing::Contains(HasSubstr("is in \"Upper band 1\" (from 20 to below 25)")));
  EXPECT_THAT(texts, ::testing::Contains("Extra for very high needs — £30.00 a week"));
  EXPECT_THAT(texts, ::testing::Contains("Extra for where you live (In supported living) — £12.50 "
                                         "a week"));
  EXPECT_THAT(texts, ::testing::Contains(HasSubstr("Getting washed: I need help with all of it "
                                                   "every day — 10 points, £")));
}

TEST(Explain, ShowsTheFloorWhenItApplies) {
  RawAnswers answers = {{"washing", Code("a")},
                        {"dressing", Code("a")},
                        {"going_out", Code("a")},
                        {"nights", Number("0")},
                        {"age", Number("90")},
                        {"living_setting", Code("residential")},
                        {"has_unpaid_carer", YesNo(false)}};
  auto e = Explain(*SmallModel(), *ValidateAnswers(*SmallModel(), answers));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->amount_pence, 2500);
  ASSERT_EQ(Sum(*e), 2500);
  const auto floor = std::find_if(e->lines.begin(), e->lines.end(), [](const auto& line) {
    return line.kind == ExplanationLine::Kind::kAdjustment;
  });
  ASSERT_NE(floor, e->lines.end());
  EXPECT_EQ(floor->text, "Minimum budget: raised to £25.00 — £25.00 a week");
  EXPECT_EQ(floor->amount_pence, 2500);
}

TEST(ValidateAnswers, ListsEveryProblemAndComputesNothing) {
  RawAnswers answers = {{"washing", Code("z")},
                        {"dressing", Number("1")},
                        {"nights", Number("8")},
                        {"age", Code("45")},
                        {"living_setting", Code("castle")},
                        {"has_unpaid_carer", Number("1")},
                        {"shoe_size", Number("9")},
                        {"washing", Code("a")}};
  auto inputs = ValidateAnswers(*SmallModel(), answers);
  ASSERT_FALSE(inputs.has_value());
  std::vector<std::string> shown;
  for (const auto& f : inputs.error().fields) shown.push_back(f.field + ": " + f.message);
  EXPECT_THAT(shown, ::testing::UnorderedElementsAre(
                         "washing: \"z\" is not one of the answers (a, b, c)",
                         "dressing: should be one of the codes in quotes",
                         "nights: 8 is outside the range 0 to 7",
                         "age: should be a number, not the text \"45\"",
                         "living_setting: \"castle\" is not one of the values (own_home, "
                         "supported_living, residential)",
                         "has_unpaid_carer: should be true or false",
                         "shoe_size: \"shoe_size\" is not a question or attribute of this model",
                         "washing: is answered twice", "going_out: has no answer"));
}

TEST(ValidateAnswers, ReadsCellsAsTheInputExpects) {
  const Model& model = *SmallModel();
  std::int64_t out = 0;
  std::string why;
  EXPECT_TRUE(ParseInputCell(model, 3, "7", &out, &why));
  EXPECT_EQ(out, 7'000'000);
  EXPECT_FALSE(ParseInputCell(model, 3, "2.5", &out, &why));
  EXPECT_EQ(why, "2.5 should be a whole number");
  EXPECT_TRUE(ParseInputCell(model, 6, "yes", &out, &why));
  EXPECT_EQ(out, 1);
  EXPECT_TRUE(ParseInputCell(model, 5, "residential", &out, &why));
  EXPECT_EQ(out, 2);
}

// Any valid answers: the compiled program and the explaining evaluator agree to the penny, and
// the explanation adds up.
RC_GTEST_PROP(Evaluate, CompiledProgramAgreesWithTheExplanation, ()) {
  const Model& model = *SmallModel();
  Inputs inputs(static_cast<std::size_t>(model.input_count()));
  inputs[0] = *rc::gen::inRange(0, 3);
  inputs[1] = *rc::gen::inRange(0, 2);
  inputs[2] = *rc::gen::inRange(0, 2);
  inputs[3] = *rc::gen::inRange(0, 8) * kMicros;
  inputs[4] = *rc::gen::inRange(18, 121) * kMicros;
  inputs[5] = *rc::gen::inRange(0, 3);
  inputs[6] = *rc::gen::inRange(0, 2);
  const Program program = Compile(model);
  Evaluator evaluator(program);
  const auto outcome = evaluator.Run(inputs.data());
  auto e = Explain(model, inputs);
  RC_ASSERT(outcome.ok);
  RC_ASSERT(e.has_value());
  RC_ASSERT(e->amount_pence == outcome.pence);
  RC_ASSERT(Sum(*e) == e->amount_pence);
  RC_ASSERT(outcome.pence >= 2500);
  RC_ASSERT(outcome.pence <= 40000);
}

TEST(Evaluate, IsTheSameEveryRun) {
  const Program program = Compile(*SmallModel());
  auto inputs = *ValidateAnswers(*SmallModel(), HighNeeds());
  Evaluator a(program);
  Evaluator b(program);
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(a.Run(inputs.data()).pence, 16665);
    ASSERT_EQ(b.Run(inputs.data()).pence, 16665);
  }
}

}  // namespace
}  // namespace selfdirect::ras
