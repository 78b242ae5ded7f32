// Policy scenarios: reading a scenario file (every problem at once) and running one over a
// small synthetic council (docs/scenarios.md).
#include "selfdirect/simulate/scenario.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "selfdirect/core/pence.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/random.h"
#include "selfdirect/simulate/scenario_run.h"

namespace selfdirect::simulate {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::string> Fields(const Result<Scenario>& s) {
  std::vector<std::string> fields;
  if (!s) {
    for (const FieldError& f : s.error().fields) fields.push_back(f.field);
  }
  return fields;
}

std::string Messages(const Result<Scenario>& s) {
  std::string all;
  if (!s) {
    for (const FieldError& f : s.error().fields) all += f.field + ": " + f.message + "\n";
  }
  return all;
}

// A council of a few hundred people, generated once.
class ScenarioRunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    text_ =
        new std::string(ReadFile(std::string(SELFDIRECT_SOURCE_DIR) + "/models/points-price.yaml"));
    auto model = ras::LoadModel(*text_, "points-price.yaml");
    ASSERT_TRUE(model.has_value());
    model_ = new std::shared_ptr<const ras::Model>(*model);
    CouncilOptions o;
    o.people = 600;
    o.seed = 5;
    o.as_of = ParseIsoDate("2026-11-23").value();
    auto council = GenerateCouncil(**model_, o);
    ASSERT_TRUE(council.has_value());
    auto population = PopulationFromCouncil(*council, **model_);
    ASSERT_TRUE(population.has_value()) << population.error().message;
    population_ = new BaselinePopulation(std::move(*population));
  }
  static void TearDownTestSuite() {
    delete population_;
    delete model_;
    delete text_;
  }

  static Scenario Parse(const std::string& yaml) {
    auto s = ParseScenario(yaml, "test.yaml");
    EXPECT_TRUE(s.has_value()) << Messages(s);
    return s.value_or(Scenario{});
  }
  static Result<ScenarioResult> Run(const Scenario& s) {
    return RunScenario(s, *population_, {model_->get(), *text_});
  }

  static std::string* text_;
  static std::shared_ptr<const ras::Model>* model_;
  static BaselinePopulation* population_;
};
std::string* ScenarioRunTest::text_ = nullptr;
std::shared_ptr<const ras::Model>* ScenarioRunTest::model_ = nullptr;
BaselinePopulation* ScenarioRunTest::population_ = nullptr;

TEST(ParseScenario, ReadsEveryKey) {
  auto s = ParseScenario(
      "name: Everything\n"
      "description: All the keys\n"
      "horizon_years: 20\nseed: 18446744073709551615\nruns: 50\n"
      "price_per_point_change_percent: -12.5\n"
      "eligibility_min_outcomes_not_achieved: 3\n"
      "funding_change_percent: -25\n"
      "demand_growth_percent_a_year: 3.53\ndemand_growth_spread_percent: 1\n"
      "contribution_percent: 10\ntop_up_percent: 30\ndirect_payment_share_percent: 100\n",
      "all.yaml");
  ASSERT_TRUE(s.has_value()) << Messages(s);
  EXPECT_EQ(s->name, "Everything");
  EXPECT_EQ(s->horizon_years, 20);
  EXPECT_EQ(s->seed, UINT64_MAX);
  EXPECT_EQ(s->runs, 50);
  EXPECT_EQ(s->price_per_point_change_bp, -1250);
  EXPECT_EQ(s->eligibility_min_outcomes, 3);
  EXPECT_EQ(s->funding_change_bp, -2500);
  EXPECT_EQ(s->demand_growth_bp, 353);
  EXPECT_EQ(s->demand_growth_spread_bp, 100);
  EXPECT_EQ(s->contribution_bp, 1000);
  EXPECT_EQ(s->top_up_bp, 3000);
  EXPECT_EQ(s->direct_payment_share_bp, 10000);
}

TEST(ParseScenario, AnUnknownKeyIsNamedWithTheKnownOnes) {
  auto s = ParseScenario("name: x\nhorizon: 20\n", "x.yaml");
  ASSERT_EQ(Fields(s), std::vector<std::string>{"horizon"});
  EXPECT_THAT(Messages(s), HasSubstr("no setting \"horizon\""));
  EXPECT_THAT(Messages(s), HasSubstr("horizon_years"));
  EXPECT_THAT(Messages(s), HasSubstr("direct_payment_share_percent"));
}

TEST(ParseScenario, EveryBadValueIsNamedAtOnce) {
  auto s = ParseScenario(
      "name: bad\n"
      "horizon_years: 10000\nseed: forty-two\nruns: 0\n"
      "demand_growth_percent_a_year: -150\n"
      "contribution_percent: 101\ntop_up_percent: 12.345\n"
      "direct_payment_share_percent: 50%\n"
      "eligibility_min_outcomes_not_achieved: 11\n"
      "funding_change_percent: -100\n",
      "bad.yaml");
  EXPECT_EQ(Fields(s), (std::vector<std::string>{
                           "horizon_years", "seed", "runs", "demand_growth_percent_a_year",
                           "contribution_percent", "top_up_percent", "direct_payment_share_percent",
                           "eligibility_min_outcomes_not_achieved", "funding_change_percent"}));
  const std::string m = Messages(s);
  EXPECT_THAT(m, HasSubstr("from 1 to 100"));
  EXPECT_THAT(m, HasSubstr("(it was \"10000\")"));
  EXPECT_THAT(m, HasSubstr("(it was \"forty-two\")"));
  EXPECT_THAT(m, HasSubstr("above -100%"));
  EXPECT_THAT(s.error().message, HasSubstr("bad.yaml has 9 problems"));
}

TEST(ParseScenario, NameIsNeededAndAKeyMayNotRepeat) {
  auto s = ParseScenario("runs: 5\nruns: 6\n", "x.yaml");
  EXPECT_EQ(Fields(s), (std::vector<std::string>{"runs", "name"}));
}

TEST(ParseScenario, NotYamlOrNotAMapIsOneProblem) {
  EXPECT_EQ(Fields(ParseScenario("name: [unclosed\n", "x.yaml")), std::vector<std::string>{""});
  EXPECT_EQ(Fields(ParseScenario("- a list\n", "x.yaml")), std::vector<std::string>{""});
  EXPECT_EQ(Fields(ParseScenario("", "x.yaml")), std::vector<std::string>{""});
}

TEST(ParseScenario, GrowthThatExplodesOverTheHorizonIsRefused) {
  auto s = ParseScenario("name: x\nhorizon_years: 100\ndemand_growth_percent_a_year: 100\n", "x");
  EXPECT_EQ(Fields(s), std::vector<std::string>{"demand_growth_percent_a_year"});
  EXPECT_THAT(Messages(s), HasSubstr("million-fold"));
  EXPECT_TRUE(
      ParseScenario("name: x\nhorizon_years: 19\ndemand_growth_percent_a_year: 100\n", "x"));
  auto spread = ParseScenario(
      "name: x\ndemand_growth_percent_a_year: -60\ndemand_growth_spread_percent: 40\n", "x");
  EXPECT_EQ(Fields(spread), std::vector<std::string>{"demand_growth_spread_percent"});
}

TEST(ParsePercent, TwoPlacesAtMost) {
  EXPECT_EQ(ParsePercentBp("25"), 2500);
  EXPECT_EQ(ParsePercentBp("-0.5"), -50);
  EXPECT_EQ(ParsePercentBp("3.53"), 353);
  EXPECT_EQ(ParsePercentBp("0.125"), std::nullopt);
  EXPECT_EQ(ParsePercentBp("1e3"), std::nullopt);
  EXPECT_EQ(ParsePercentBp("25%"), std::nullopt);
  EXPECT_EQ(ParsePercentBp("+3"), std::nullopt);
  EXPECT_EQ(ParsePercentBp("3."), std::nullopt);
  EXPECT_EQ(ParsePercentBp(""), std::nullopt);
  EXPECT_EQ(FormatPercentBp(-2500), "-25%");
  EXPECT_EQ(FormatPercentBp(353), "3.53%");
  EXPECT_EQ(FormatPercentBp(350), "3.5%");
  EXPECT_EQ(FormatPercentBp(-5), "-0.05%");
}

TEST(ScaleToFit, SumsExactlyWithTheLeftoverPenceToTheLargestRemainders) {
  std::vector<std::int64_t> a = {100, 100, 100};
  ASSERT_TRUE(ScaleToFit(a, 200));
  EXPECT_EQ(a, (std::vector<std::int64_t>{67, 67, 66}));  // ties: the earlier amount
  std::vector<std::int64_t> b = {1, 2, 0, 7};
  ASSERT_TRUE(ScaleToFit(b, 15));  // 1.5, 3, 0, 10.5
  EXPECT_EQ(b, (std::vector<std::int64_t>{2, 3, 0, 10}));
  std::vector<std::int64_t> zeros = {0, 0};
  ASSERT_TRUE(ScaleToFit(zeros, 10));
  EXPECT_EQ(zeros, (std::vector<std::int64_t>{0, 0}));
  std::vector<std::int64_t> big = {INT64_MAX / 4, INT64_MAX / 4, 3};
  ASSERT_TRUE(ScaleToFit(big, INT64_MAX / 2));
  EXPECT_EQ(big[0] + big[1] + big[2], INT64_MAX / 2);
}

TEST(ScaleToFit, AnyAmountsAndTargetSumExactlyAndEachIsWithinAPennyOfItsShare) {
  Random random(2026);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<std::int64_t> amounts(static_cast<std::size_t>(random.Between(1, 40)));
    for (std::int64_t& a : amounts) a = random.Between(0, 5'000'000);
    const std::vector<std::int64_t> before = amounts;
    const std::int64_t target = random.Between(0, 100'000'000);
    ASSERT_TRUE(ScaleToFit(amounts, target));
    Int128 sum = 0, scaled = 0;
    for (std::int64_t a : before) sum += a;
    for (std::int64_t a : amounts) scaled += a;
    if (sum == 0) {
      EXPECT_EQ(amounts, before);
      continue;
    }
    EXPECT_EQ(static_cast<std::int64_t>(scaled), target) << "trial " << trial;
    for (std::size_t i = 0; i < amounts.size(); ++i) {
      const auto floor = static_cast<std::int64_t>(static_cast<Int128>(before[i]) * target / sum);
      EXPECT_TRUE(amounts[i] == floor || amounts[i] == floor + 1) << "trial " << trial;
    }
  }
}

TEST(Compound, RoundsHalfUpEachYear) {
  EXPECT_EQ(Compound(10'000, 1000, 2).value(), 12'100);
  EXPECT_EQ(Compound(1, 5000, 1).value(), 2);  // 1.5 rounds up
  EXPECT_EQ(Compound(3, 5000, 2).value(), 8);  // 4.5 → 5, then 7.5 → 8
}

TEST_F(ScenarioRunTest, NoChangeLeavesEveryBudgetAsItIs) {
  auto r = Run(Parse("name: nothing\nhorizon_years: 3\nruns: 5\n"));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  const ScenarioGroup& all = r->groups.back();
  EXPECT_EQ(all.group, "all");
  EXPECT_GT(all.people, 100);
  EXPECT_EQ(all.winners + all.losers, 0);
  EXPECT_EQ(all.unchanged, all.people);
  ASSERT_EQ(r->years.size(), 3u);
  EXPECT_EQ(r->years[0].budgets.central, r->baseline_budgets);
  EXPECT_EQ(r->years[2].people_eligible.central, r->baseline_people_eligible);
}

TEST_F(ScenarioRunTest, FundingCutScalesBudgetsToTheTargetToThePenny) {
  auto r = Run(Parse("name: cut\nfunding_change_percent: -25\nhorizon_years: 1\nruns: 1\n"));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->funding_target, (r->baseline_budgets * 3 + 2) / 4);
  EXPECT_EQ(r->years[0].budgets.central, r->funding_target);
  const ScenarioGroup& all = r->groups.back();
  EXPECT_EQ(all.losers, all.people);
  EXPECT_EQ(all.money_down, r->baseline_budgets - r->funding_target);
  // Plans were built to cost no more than the budget: a quarter less leaves most short.
  EXPECT_GT(r->sufficiency.below_plan_cost, r->sufficiency.people_with_plan / 2);
  EXPECT_GT(r->sufficiency.shortfall, 0);
}

TEST_F(ScenarioRunTest, APriceCutLowersBudgetsInProportionToTheModelsAmount) {
  auto r = Run(Parse("name: price\nprice_per_point_change_percent: -10\nruns: 1\n"));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->price_per_point_before, 4'350'000);
  EXPECT_EQ(r->price_per_point_after, 3'915'000);
  const ScenarioGroup& all = r->groups.back();
  EXPECT_GT(all.losers, 0);
  EXPECT_EQ(all.winners, 0);  // floors and bands keep some the same; none gains
  EXPECT_LT(r->years[0].budgets.central, r->baseline_budgets);
}

TEST_F(ScenarioRunTest, ARaisedThresholdTakesPeopleOutAndALowerOneBringsThemIn) {
  auto raised = Run(Parse("name: t\neligibility_min_outcomes_not_achieved: 4\nruns: 1\n"));
  ASSERT_TRUE(raised.has_value());
  EXPECT_GT(raised->groups.back().no_longer_eligible, 0);
  EXPECT_LT(raised->years[0].people_eligible.central, raised->baseline_people_eligible);
  auto lowered = Run(Parse("name: t\neligibility_min_outcomes_not_achieved: 1\nruns: 1\n"));
  ASSERT_TRUE(lowered.has_value());
  EXPECT_GE(lowered->years[0].people_eligible.central, lowered->baseline_people_eligible);
  EXPECT_EQ(lowered->groups.back().no_longer_eligible, 0);
}

TEST_F(ScenarioRunTest, GrowthCompoundsAndTheBandHoldsTheCentralValue) {
  auto r =
      Run(Parse("name: g\nhorizon_years: 20\nruns: 200\ndemand_growth_percent_a_year: 3.53\n"
                "demand_growth_spread_percent: 2\ncontribution_percent: 10\n"));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (const ScenarioYear& y : r->years) {
    for (const Band& b : {y.people_eligible, y.budgets, y.council_cost, y.direct_payments}) {
      EXPECT_LE(b.low, b.central);
      EXPECT_LE(b.central, b.high);
    }
  }
  const ScenarioYear& last = r->years.back();
  EXPECT_LT(last.budgets.low, last.budgets.high);  // the spread makes the runs differ
  // Doubling in 20 years, give or take the spread's median.
  EXPECT_NEAR(static_cast<double>(last.budgets.central) / r->baseline_budgets, 2.0, 0.15);
  // A tenth is the people's contribution.
  EXPECT_NEAR(static_cast<double>(r->years[0].council_cost.central) / r->years[0].budgets.central,
              0.9, 0.001);
  auto flat = Run(Parse("name: g\nhorizon_years: 2\nruns: 1\ndemand_growth_percent_a_year: 10\n"));
  EXPECT_EQ(flat->years[1].budgets.central, Compound(flat->baseline_budgets, 1000, 2).value());
}

TEST_F(ScenarioRunTest, TheSameSeedGivesTheSameResultAndAnotherSeedAnother) {
  const std::string yaml =
      "name: s\nhorizon_years: 5\nruns: 20\ndemand_growth_percent_a_year: 2\n"
      "demand_growth_spread_percent: 3\nfunding_change_percent: -10\ntop_up_percent: 40\n";
  auto a = Run(Parse(yaml + "seed: 7\n"));
  auto b = Run(Parse(yaml + "seed: 7\n"));
  auto c = Run(Parse(yaml + "seed: 8\n"));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->years.back().budgets.central, b->years.back().budgets.central);
  EXPECT_EQ(a->years.back().budgets.high, b->years.back().budgets.high);
  EXPECT_EQ(a->sufficiency.topped_up.central, b->sufficiency.topped_up.central);
  EXPECT_NE(a->years.back().budgets.high, c->years.back().budgets.high);
  EXPECT_GT(a->sufficiency.people_topping_up.central, 0);
  EXPECT_LT(a->sufficiency.people_topping_up.central, a->sufficiency.below_plan_cost);
}

TEST_F(ScenarioRunTest, ADirectPaymentShareSetsThePeopleWithADirectPayment) {
  auto r = Run(Parse("name: dp\ndirect_payment_share_percent: 100\nruns: 1\nhorizon_years: 1\n"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->years[0].direct_payments.central, r->baseline_people_with_budget);
  EXPECT_LT(r->baseline_direct_payments, r->baseline_people_with_budget);
}

TEST_F(ScenarioRunTest, RepricingAModelWithoutAPricePerPointIsRefused) {
  const std::string levels = ReadFile(std::string(SELFDIRECT_SOURCE_DIR) + "/models/levels.yaml");
  auto model = ras::LoadModel(levels, "levels.yaml");
  ASSERT_TRUE(model.has_value());
  auto r = RunScenario(Parse("name: p\nprice_per_point_change_percent: 5\n"), *population_,
                       {model->get(), levels});
  ASSERT_FALSE(r.has_value());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "price_per_point_change_percent");
}

TEST_F(ScenarioRunTest, EachExampleScenarioParsesAndRuns) {
  const std::string dir = std::string(SELFDIRECT_SOURCE_DIR) + "/scenarios";
  int examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++examples;
    SCOPED_TRACE(entry.path().filename().string());
    auto s = ParseScenario(ReadFile(entry.path().string()), entry.path().filename().string());
    ASSERT_TRUE(s.has_value()) << Messages(s);
    auto r = Run(*s);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(static_cast<int>(r->years.size()), s->horizon_years);
    EXPECT_GT(r->years.back().council_cost.central, 0);
  }
  EXPECT_EQ(examples, 5);
}

}  // namespace
}  // namespace selfdirect::simulate
