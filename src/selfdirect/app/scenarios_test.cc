#include "selfdirect/app/scenarios.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "selfdirect/core/csv.h"
#include "selfdirect/core/pence.h"

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

// The CSV's records, each as its fields.
std::vector<std::vector<std::string>> CsvRecords(const std::string& csv) {
  std::istringstream in(csv);
  CsvReader reader(in);
  CsvRecord record;
  std::vector<std::vector<std::string>> out;
  while (true) {
    auto got = reader.Next(record);
    EXPECT_TRUE(got) << got.error().message;
    if (!got || !*got) break;
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < record.size(); ++i) fields.emplace_back(record[i]);
    out.push_back(std::move(fields));
  }
  return out;
}

// Each cell against the CSV's field in the same place: counts as the same whole number, money
// as the same pence (the CSV in pounds with two decimals), text as the same text.
void ExpectSheetIsTheCsv(const documents::Sheet& sheet, const std::string& csv) {
  const auto records = CsvRecords(csv);
  ASSERT_EQ(records.size(), sheet.rows.size() + 1) << sheet.name;
  ASSERT_EQ(records[0].size(), sheet.columns.size()) << sheet.name;
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    EXPECT_EQ(sheet.columns[c].key, records[0][c]) << sheet.name;
    EXPECT_FALSE(sheet.columns[c].heading.empty()) << sheet.name;
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto& fields = records[r + 1];
    ASSERT_EQ(fields.size(), sheet.columns.size()) << sheet.name << " row " << r;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const documents::Cell cell =
          c < sheet.rows[r].size() ? sheet.rows[r][c] : documents::EmptyCell();
      const std::string where = sheet.name + " row " + std::to_string(r) + " " + records[0][c];
      switch (cell.kind) {
        case documents::Cell::Kind::kPence: {
          auto pounds = ParsePounds(fields[c]);
          ASSERT_TRUE(pounds) << where << ": " << fields[c];
          EXPECT_EQ(pounds->value(), cell.number) << where;
          break;
        }
        case documents::Cell::Kind::kWhole:
          EXPECT_EQ(fields[c], std::to_string(cell.number)) << where;
          break;
        case documents::Cell::Kind::kText:
          EXPECT_EQ(fields[c], cell.text) << where;
          break;
        case documents::Cell::Kind::kEmpty:
          EXPECT_EQ(fields[c], "") << where;
          break;
      }
    }
  }
}

TEST(ScenariosTest, Workbook_IsAboutThenTheCsvsSheetsWithTheCsvsFigures) {
  const auto& shift = ScenarioExamples()[4];
  auto run = Scenarios().Run(As(Role::kAnalyst), shift.yaml, 300);
  ASSERT_TRUE(run) << run.error().message;
  const simulate::ScenarioResult& r = run->result;
  const auto book = ScenarioWorkbook(*run, *ParseIsoDate("2026-11-24"));
  EXPECT_EQ(book.title, "Responsibility shifts to the individual");
  ASSERT_EQ(book.sheets.size(), 4u);
  EXPECT_EQ(book.sheets[0].name, "About");
  EXPECT_FALSE(book.sheets[0].header);
  ExpectSheetIsTheCsv(book.sheets[1], ScenarioYearsCsv(r));
  ExpectSheetIsTheCsv(book.sheets[2], ScenarioGroupsCsv(r));
  ExpectSheetIsTheCsv(book.sheets[3], ScenarioSufficiencyCsv(r));
  EXPECT_EQ(book.sheets[1].name, "Years");
  EXPECT_EQ(book.sheets[2].name, "Groups");
  EXPECT_EQ(book.sheets[3].name, "Sufficiency");

  // The figures themselves, in pence, where the CSVs' documented columns put them.
  const auto& years = book.sheets[1].rows;
  ASSERT_EQ(years.size(), 11u);
  EXPECT_EQ(years[0][4].kind, documents::Cell::Kind::kPence);
  EXPECT_EQ(years[0][4].number, r.baseline_budgets);
  EXPECT_EQ(years[10][0].number, 10);
  EXPECT_EQ(years[1][7].number, r.years[0].council_cost.central);
  EXPECT_EQ(years[1][8].number, r.years[0].council_cost.low);
  EXPECT_EQ(years[1][9].number, r.years[0].council_cost.high);
  EXPECT_EQ(years[1][10].kind, documents::Cell::Kind::kWhole);
  EXPECT_EQ(book.sheets[3].rows[0][4].number, r.sufficiency.shortfall);
  EXPECT_EQ(book.sheets[3].rows[0][9].number, r.sufficiency.topped_up.low);
  EXPECT_THAT(ScenarioGroupsCsv(r),
              ::testing::StartsWith("dimension,group,people,better_off,worse_off,unchanged,gained,"
                                    "lost,no_longer_eligible,newly_eligible,below_plan_cost,"
                                    "shortfall\n"));
  EXPECT_THAT(ScenarioSufficiencyCsv(r),
              ::testing::StartsWith("dimension,group,people_with_plan,below_plan_cost,shortfall,"
                                    "people_topping_up,people_topping_up_low,people_topping_up_"
                                    "high,topped_up,topped_up_low,topped_up_high\n"));

  // About: the scenario, what changes and the parameters used.
  std::map<std::string, documents::Cell> about;
  for (const auto& row : book.sheets[0].rows) {
    if (!row[0].text.empty()) about.emplace(row[0].text, row[1]);
  }
  EXPECT_EQ(about["Policy scenario"].text, "Responsibility shifts to the individual");
  EXPECT_EQ(about["Description"].text, r.scenario.description);
  EXPECT_EQ(about["What changes"].text,
            "The price per point goes from £4.35 to £3.70 a week (-15%)");
  EXPECT_EQ(about["People in the synthetic council"].number, 300);
  EXPECT_EQ(about["The synthetic council's seed"].text, "1");
  EXPECT_EQ(about["Runs"].number, r.scenario.runs);
  EXPECT_EQ(about["The runs' seed"].text, std::to_string(r.scenario.seed));
  EXPECT_EQ(about["Years projected"].number, 10);
  EXPECT_EQ(about["Made on"].text, "24 November 2026");
  EXPECT_THAT(about["How to read the bands"].text, HasSubstr("5th and 95th percentile"));
  std::size_t change_rows = 0;
  for (const auto& row : book.sheets[0].rows) {
    const bool is_change = row[0].text == "What changes" || row[0].text.empty();
    change_rows += is_change ? 1 : 0;
  }
  EXPECT_EQ(change_rows, run->changes.size());
}

TEST(ScenariosTest, FileStem_IsTheNameInLowerCaseWordsJoinedByHyphens) {
  EXPECT_EQ(ScenarioFileStem("A 25% cut in the money for personal budgets"),
            "a-25-cut-in-the-money-for-personal-budgets");
  EXPECT_EQ(ScenarioFileStem("  Demand doubles — in 20 years!  "), "demand-doubles-in-20-years");
  EXPECT_EQ(ScenarioFileStem("\"%%\" / ***"), "scenario");
  EXPECT_EQ(ScenarioFileStem("Café"), "caf");
  const std::string stem = ScenarioFileStem(std::string(100, 'a') + " b");
  EXPECT_EQ(stem, std::string(60, 'a'));
  EXPECT_EQ(ScenarioFileStem(std::string(59, 'a') + " bcd"), std::string(59, 'a'));
}

}  // namespace
}  // namespace selfdirect::app
