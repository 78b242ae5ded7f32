#include "selfdirect/ras/linear.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/test_model.h"

namespace selfdirect::ras {
namespace {

using ::testing::HasSubstr;

std::shared_ptr<const Model> Shipped(const std::string& name) {
  std::ifstream in(std::string(SELFDIRECT_SOURCE_DIR) + "/models/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return *LoadModel(text.str(), name);
}

Inputs RandomInputs(const Model& model, std::mt19937_64& random) {
  Inputs inputs(static_cast<std::size_t>(model.input_count()));
  const int nq = static_cast<int>(model.questions.size());
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(random);
  };
  for (int i = 0; i < model.input_count(); ++i) {
    if (i < nq) {
      const Question& q = model.questions[i];
      inputs[i] = q.is_number ? pick(q.min / kMicros, q.max / kMicros) * kMicros
                              : pick(0, static_cast<std::int64_t>(q.options.size()) - 1);
    } else {
      const Attribute& a = model.attributes[i - nq];
      inputs[i] = a.type == AttributeType::kNumber
                      ? pick(a.min / kMicros, a.max / kMicros) * kMicros
                  : a.type == AttributeType::kCategory
                      ? pick(0, static_cast<std::int64_t>(a.values.size()) - 1)
                      : pick(0, 1);
    }
  }
  return inputs;
}

// constant + Σ p_j × feature_j, transformed, plus add-ons, scaled, floored and ceilinged, must
// give the model's own amount (to within rounding: the features are rounded separately).
void ExpectFeaturesReproduceTheModel(const Model& model, std::size_t parameters) {
  auto linear = Linearize(model);
  ASSERT_TRUE(linear.has_value()) << linear.error().message;
  ASSERT_EQ(linear->parameters.size(), parameters);
  const Program features = CompileFeatures(model, *linear);
  const Program full = Compile(model);
  Evaluator f(features);
  Evaluator e(full);
  const double floor =
      model.allocation.floor
          ? static_cast<double>(*EvaluateConstant(model, *model.allocation.floor->value))
          : -1e300;
  const double ceiling =
      model.allocation.ceiling
          ? static_cast<double>(*EvaluateConstant(model, *model.allocation.ceiling->value))
          : 1e300;
  std::mt19937_64 random(7);
  for (int n = 0; n < 2000; ++n) {
    const Inputs inputs = RandomInputs(model, random);
    ASSERT_TRUE(f.Run(inputs.data()).ok);
    const auto expected = e.Run(inputs.data());
    ASSERT_TRUE(expected.ok);
    double core = static_cast<double>(f.Output(0)) / kMicros;
    for (std::size_t j = 0; j < parameters; ++j) {
      core += static_cast<double>(linear->parameters[j].value) / kMicros *
              static_cast<double>(f.Output(1 + j)) / kMicros;
    }
    if (model.allocation.transform == Transform::kSquare) core *= core;
    double amount = (core + static_cast<double>(f.Output(1 + parameters)) / kMicros) *
                    static_cast<double>(f.Output(2 + parameters)) / kMicros;
    amount = std::min(std::max(amount * kMicros, floor), ceiling) / kMicros;
    ASSERT_NEAR(amount * 100, static_cast<double>(expected.pence), 2.0) << "person " << n;
  }
}

TEST(Linearize, PointsModelIsLinearInItsPrice) {
  ExpectFeaturesReproduceTheModel(*Shipped("points-price.yaml"), 1);
}

TEST(Linearize, RegressionModelIsLinearInItsCoefficients) {
  ExpectFeaturesReproduceTheModel(*Shipped("regression.yaml"), 14);
}

TEST(Linearize, LevelsModelIsLinearInItsTableAmounts) {
  ExpectFeaturesReproduceTheModel(*Shipped("levels.yaml"), 20);
}

TEST(Linearize, RefusesAParameterUsedNonLinearly) {
  std::string text = testing::kSmallModel;
  text.replace(text.find("value: min(total(personal_care), 20)"), 36,
               "value: min(total(personal_care), night_rate)");
  auto model = LoadModel(text, "m.yaml");
  ASSERT_TRUE(model.has_value()) << model.error()[0].message;
  auto linear = Linearize(**model);
  ASSERT_FALSE(linear.has_value());
  EXPECT_THAT(linear.error().message, HasSubstr("min() of a parameter being fitted is not linear"));
  EXPECT_THAT(linear.error().message, ::testing::StartsWith("m.yaml:"));
}

TEST(Linearize, SaysWhenThereIsNothingToFit) {
  std::string text = testing::kSmallModel;
  for (auto at = text.find("fit: true"); at != std::string::npos; at = text.find("fit: true")) {
    text.replace(at, 9, "fit: false");
  }
  auto model = LoadModel(text, "m.yaml");
  ASSERT_TRUE(model.has_value());
  EXPECT_THAT(Linearize(**model).error().message, HasSubstr("nothing to fit"));
}

}  // namespace
}  // namespace selfdirect::ras
