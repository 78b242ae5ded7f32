#include "selfdirect/ras/calibrate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"
#include "selfdirect/ras/test_model.h"

namespace selfdirect::ras {
namespace {

using ::testing::HasSubstr;

std::shared_ptr<const Model> Small() {
  static const auto model = *LoadModel(testing::kSmallModel, "small.yaml");
  return model;
}

// Packages for the small model: random answers, costing what the model would give with
// price_per_point = `price` and night_rate = `night`, times (1 + noise).
CalibrationData Packages(const LinearModel& linear, int n, double price, double night, double noise,
                         std::uint64_t seed = 1) {
  const Model& model = *Small();
  const Program program = CompileFeatures(model, linear);
  Evaluator evaluator(program);
  std::mt19937_64 random(seed);
  CalibrationData data;
  data.parameters = linear.parameters.size();
  for (int i = 0; i < n; ++i) {
    Inputs in{static_cast<std::int64_t>(random() % 3),
              static_cast<std::int64_t>(random() % 2),
              static_cast<std::int64_t>(random() % 2),
              static_cast<std::int64_t>(random() % 8) * kMicros,
              static_cast<std::int64_t>(18 + random() % 90) * kMicros,
              static_cast<std::int64_t>(random() % 3),
              static_cast<std::int64_t>(random() % 2)};
    evaluator.Run(in.data());
    const double constant = static_cast<double>(evaluator.Output(0)) / kMicros;
    const double f_price = static_cast<double>(evaluator.Output(1)) / kMicros;
    const double f_night = static_cast<double>(evaluator.Output(2)) / kMicros;
    const double add_ons = static_cast<double>(evaluator.Output(3)) / kMicros;
    const double core = constant + price * f_price + night * f_night;
    const double e = std::uniform_real_distribution<double>(-noise, noise)(random);
    data.ids.push_back("P" + std::to_string(i));
    data.constant.push_back(constant);
    data.features.push_back(f_price);
    data.features.push_back(f_night);
    data.add_ons.push_back(add_ons);
    data.scale.push_back(1);
    data.cost.push_back((core + add_ons) * (1 + e));
    data.weight.push_back(1);
    data.age.push_back(static_cast<int>(in[4] / kMicros));
    data.support_reason.push_back(i % 2 == 0 ? "physical_support" : "mental_health");
  }
  return data;
}

TEST(Calibrate, RecoversTheParametersThatMadeThePackages) {
  auto linear = Linearize(*Small());
  ASSERT_TRUE(linear.has_value());
  const auto data = Packages(*linear, 2000, 6.25, 17.5, 0.0);
  auto report = Calibrate(*Small(), *linear, data, {});
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_EQ(report->parameters.size(), 2u);
  EXPECT_EQ(report->parameters[0].name, "price_per_point");
  EXPECT_NEAR(report->parameters[0].after, 6.25, 1e-6);
  EXPECT_NEAR(report->parameters[1].after, 17.5, 1e-6);
  EXPECT_NEAR(report->r2_transformed, 1.0, 1e-9);
  EXPECT_TRUE(report->outliers.empty());
}

TEST(Calibrate, RemovesOutliersAndSaysWhoTheyAre) {
  auto linear = Linearize(*Small());
  auto data = Packages(*linear, 2000, 6.25, 17.5, 0.02);
  data.cost[7] *= 5;  // one package far more costly than its needs suggest
  data.cost[9] = 0.5;
  CalibrationOptions options;
  options.robust = true;
  auto report = Calibrate(*Small(), *linear, data, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(report->outliers, ::testing::IsSupersetOf({std::size_t{7}, std::size_t{9}}));
  EXPECT_NEAR(report->parameters[0].after, 6.25, 0.15);
  EXPECT_GT(report->r2_pounds, 0.95);
  std::int64_t counted = 0;
  for (const auto& g : report->outliers_by_support_reason) counted += g.packages;
  EXPECT_EQ(counted, static_cast<std::int64_t>(report->outliers.size()));

  CalibrationOptions keep_all;
  keep_all.outlier_limit = 0;
  EXPECT_TRUE(Calibrate(*Small(), *linear, data, keep_all)->outliers.empty());
}

TEST(Calibrate, MeasuresOnTheHeldOutShareWhenAsked) {
  auto linear = Linearize(*Small());
  const auto data = Packages(*linear, 3000, 6.25, 17.5, 0.05);
  CalibrationOptions options;
  options.holdout = 0.25;
  auto report = Calibrate(*Small(), *linear, data, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->measured_on, "the held-out packages");
  EXPECT_NEAR(static_cast<double>(report->held_out), 750, 100);
  EXPECT_EQ(
      report->fitted_on + report->held_out + static_cast<std::int64_t>(report->outliers.size()),
      3000);
  ASSERT_EQ(report->by_age_band.size(), 5u);
  EXPECT_FALSE(report->plot.empty());
  EXPECT_THAT(PredictedAgainstActualSvg(*report, "a week"),
              HasSubstr("<title id=\"title\">Predicted against actual cost"));
  // The same ids are held out on every run.
  EXPECT_EQ(Calibrate(*Small(), *linear, data, options)->held_out, report->held_out);
}

TEST(Calibrate, RefusesTooFewPackages) {
  auto linear = Linearize(*Small());
  const auto data = Packages(*linear, 3, 6.25, 17.5, 0);
  EXPECT_THAT(Calibrate(*Small(), *linear, data, {}).error().message, HasSubstr("too few"));
}

TEST(WriteCalibratedModel, WritesANewCheckedVersionKeepingTheLayout) {
  std::string source = std::string("# A comment that must survive\n") + testing::kSmallModel;
  auto model = LoadModel(source, "small.yaml");
  ASSERT_TRUE(model.has_value());
  auto linear = Linearize(**model);
  const auto data = Packages(*linear, 2000, 6.25, 17.5, 0.0);
  auto report = Calibrate(**model, *linear, data, {});
  auto written = WriteCalibratedModel(source, **model, *linear, *report, "2026-11-23");
  ASSERT_TRUE(written.has_value()) << written.error().message;
  EXPECT_THAT(*written, ::testing::StartsWith("# A comment that must survive\n"));
  EXPECT_THAT(*written, HasSubstr("version: 2\n"));
  EXPECT_THAT(*written, HasSubstr("value: 6.25, fit: true}"));
  EXPECT_THAT(*written, HasSubstr("fit:\n  fitted_on: 2026-11-23\n  from_version: 1\n"));
  auto again = LoadModel(*written, "small.yaml");  // examples updated, so the check passes
  ASSERT_TRUE(again.has_value()) << FormatProblem("small.yaml", again.error()[0]);
  EXPECT_EQ((*again)->version, 2);
  EXPECT_NE((*again)->examples[0].amount_pence, 16665);
  // Calibrating the new version replaces its fit section rather than adding a second one.
  auto report2 = Calibrate(**again, *Linearize(**again), data, {});
  auto third = WriteCalibratedModel(*written, **again, *Linearize(**again), *report2, "2026-11-24");
  ASSERT_TRUE(third.has_value()) << third.error().message;
  EXPECT_EQ(third->find("fit:\n"), third->rfind("fit:\n"));
  EXPECT_THAT(*third, HasSubstr("from_version: 2"));
}

}  // namespace
}  // namespace selfdirect::ras
