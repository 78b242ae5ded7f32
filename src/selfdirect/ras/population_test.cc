#include "selfdirect/ras/population.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "selfdirect/ras/compare.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/test_model.h"

namespace selfdirect::ras {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Model& Small() {
  static const auto model = *LoadModel(testing::kSmallModel, "small.yaml");
  return *model;
}

struct Collected : PopulationSink {
  std::vector<std::string> rows;
  void Evaluated(const PopulationRow& row) override {
    std::string line =
        std::to_string(row.row) + " " + std::string(row.id) + " " + std::to_string(row.pence[0]);
    if (row.extras != nullptr) line += " [" + std::string(row.extras[0]) + "]";
    rows.push_back(line);
  }
  void Refused(const RefusedRow& row) override {
    rows.push_back(std::to_string(row.row) + " refused " + std::string(row.id) + ": " + row.reason);
  }
};

constexpr const char* kHeader =
    "id,washing,dressing,going_out,nights,age,living_setting,has_unpaid_carer\n";

TEST(EvaluatePopulation, WorksOutEveryGoodRowAndNamesEachRefusedOne) {
  std::istringstream in(std::string("\xEF\xBB\xBF") + kHeader +
                        "p1,c,b,b,2,45,supported_living,yes\n"
                        "p2,z,b,b,2,45,supported_living,yes\n"
                        "\"p3, with \"\"quotes\"\"\nand a newline\",a,a,a,0,90,residential,no\n"
                        "p4,a,a,a,9,90,residential,no\n"
                        "p5,a,a\n"
                        "p6,c,b,b,2,45,supported_living,yes\r\n");
  Collected sink;
  PopulationOptions options;
  options.threads = 3;
  options.batch_rows = 2;
  auto stats = EvaluatePopulation({&Small()}, in, sink, options);
  ASSERT_TRUE(stats.has_value()) << stats.error().message;
  EXPECT_EQ(stats->rows, 6);
  EXPECT_EQ(stats->evaluated, 3);
  EXPECT_EQ(stats->refused, 3);
  EXPECT_THAT(
      sink.rows,
      ElementsAre("2 p1 16665", "3 refused p2: washing: \"z\" is not one of the answers (a, b, c)",
                  "4 p3, with \"quotes\"\nand a newline 2500",
                  "5 refused p4: nights: 9 is outside the range 0 to 7",
                  "6 refused : row 6 has 3 columns but the header has 8", "7 p6 16665"));
}

TEST(EvaluatePopulation, ListsEveryMissingColumnBeforeEvaluatingAnything) {
  std::istringstream in("id,washing,age\np1,a,40\n");
  Collected sink;
  auto stats = EvaluatePopulation({&Small()}, in, sink, {});
  ASSERT_FALSE(stats.has_value());
  EXPECT_THAT(stats.error().message, HasSubstr("dressing"));
  EXPECT_THAT(stats.error().message, HasSubstr("has_unpaid_carer"));
  EXPECT_TRUE(sink.rows.empty());
}

TEST(EvaluatePopulation, SkipsAnOverlongFieldAndGoesOn) {
  std::string text = std::string(kHeader) + "p1," + std::string(100'000, 'a') +
                     ",b,b,2,45,supported_living,yes\np2,c,b,b,2,45,supported_living,yes\n";
  std::istringstream in(text);
  Collected sink;
  auto stats = EvaluatePopulation({&Small()}, in, sink, {});
  ASSERT_TRUE(stats.has_value());
  ASSERT_EQ(sink.rows.size(), 2u);
  EXPECT_THAT(sink.rows[0], HasSubstr("2 refused : row 2, column 2 (\"washing\"): this field is "
                                      "100,000 characters long"));
  EXPECT_EQ(sink.rows[1], "3 p2 16665");
}

TEST(EvaluatePopulation, StopsAtAnUnterminatedQuoteAfterTheRowsBeforeIt) {
  std::istringstream in(std::string(kHeader) + "p1,c,b,b,2,45,supported_living,yes\n\"p2,a\n");
  Collected sink;
  auto stats = EvaluatePopulation({&Small()}, in, sink, {});
  ASSERT_FALSE(stats.has_value());
  EXPECT_THAT(stats.error().message, HasSubstr("quote"));
  EXPECT_THAT(sink.rows, ElementsAre("2 p1 16665"));
}

TEST(EvaluatePopulation, PassesExtraColumnsWhenPresent) {
  std::istringstream in(
      "support_reason,id,washing,dressing,going_out,nights,age,living_setting,"
      "has_unpaid_carer\nmental_health,p1,c,b,b,2,45,supported_living,yes\n");
  Collected sink;
  PopulationOptions options;
  options.extra_columns = {"support_reason", "colour"};
  ASSERT_TRUE(EvaluatePopulation({&Small()}, in, sink, options).has_value());
  EXPECT_THAT(sink.rows, ElementsAre("2 p1 16665 [mental_health]"));
}

TEST(CompareModels, CountsGainersAndLosersByGroupAndListsLargeFalls) {
  std::vector<PersonChange> people;
  for (int i = 0; i < 20; ++i) {
    // Budgets 1,000p … 20,000p; the top two lose a fifth, everyone else gains 1%.
    const std::int64_t old_pence = 1000 * (i + 1);
    const std::int64_t new_pence = i >= 18 ? old_pence * 4 / 5 : old_pence * 101 / 100;
    people.push_back({"p" + std::to_string(i), old_pence, new_pence, 20 + i * 4,
                      i % 2 == 0 ? "physical_support" : "mental_health"});
  }
  const auto report = CompareModels(people, FallThreshold{});
  EXPECT_EQ(report.everyone.people, 20);
  EXPECT_EQ(report.everyone.gainers, 18);
  EXPECT_EQ(report.everyone.losers, 2);
  ASSERT_EQ(report.by_need_decile.size(), 10u);
  EXPECT_EQ(report.by_need_decile[9].losers, 2);  // the highest budgets now
  EXPECT_EQ(report.by_need_decile[9].largest_loss_pence, 4000);
  EXPECT_EQ(report.by_need_decile[0].losers, 0);
  ASSERT_EQ(report.by_age_band.size(), 5u);
  EXPECT_EQ(report.by_age_band[0].people, 2);  // 20 and 24
  ASSERT_EQ(report.by_support_reason.size(), 2u);
  EXPECT_EQ(report.by_support_reason[0].group, "physical_support");
  ASSERT_EQ(report.large_falls.size(), 2u);
  EXPECT_EQ(report.large_falls[0].id, "p18");

  FallThreshold amount;
  amount.pence = 3900;
  EXPECT_EQ(CompareModels(people, amount).large_falls.size(), 1u);  // only the £40 fall
}

}  // namespace
}  // namespace selfdirect::ras
