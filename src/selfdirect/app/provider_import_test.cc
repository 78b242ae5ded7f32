#include "selfdirect/app/provider_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class ProviderImportTest : public ::testing::Test {
 protected:
  ProviderImportTest() : council_(t_.AddCouncil("E06000001", "Hartlepool")) {}

  Context Operator() {
    Context ctx = Context::Operator("providers import");
    ctx.actor.council_id = council_.id;
    return ctx;
  }

  Result<ProviderImportReport> Import(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in);
    ProviderImport import(t_.store(), t_.clock(), t_.ids());
    return import.Import(Operator(), reader, {.source_name = "providers.csv"});
  }

  std::int64_t Providers() {
    auto list = t_.market().ListProviders(Operator());
    EXPECT_TRUE(list);
    return list ? static_cast<std::int64_t>(list->size()) : -1;
  }

  testing::TestApp t_;
  Council council_;
};

constexpr const char* kHeader =
    "provider_name,cqc_location_id,cqc_rating,cqc_rated_on,areas,phone,contract,"
    "insurance_expires_on,service_what,unit,price,days,need_areas,service_type,approved\n";

TEST_F(ProviderImportTest, ImportsProvidersWithTheirServices_GroupedByCqcId) {
  auto report = Import(std::string(kHeader) +
                       "Acorn Home Care,1-100,good,2025-06-01,north central,01632 960001,"
                       "framework,2027-01-31,Help at home,hour,21.50,mon tue,hygiene;nutrition,"
                       "home_care,yes\n"
                       "Acorn Home Care,1-100,good,2025-06-01,north central,01632 960001,"
                       "framework,2027-01-31,Night sitting,hour,19.00,,home_safety,home_care,no\n"
                       "Town Gym,,,,north,01632 960002,spot,,Gym pass,week,5,,recreation,"
                       "community_activity,\n");
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->problems.empty()) << report->problems[0].ToString();
  EXPECT_EQ(report->providers, 2);
  EXPECT_EQ(report->services, 3);
  auto found = t_.market().Search(Context{}, "E06000001", {.q = "acorn"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->results.total, 2);
}

TEST_F(ProviderImportTest, ReportsEveryBadRow_AndImportsNothing) {
  auto report = Import(std::string(kHeader) +
                       "Acorn Home Care,1-100,good,2025-06-01,north,01632 960001,framework,,"
                       "Help at home,hour,21.50,,hygiene,home_care,yes\n"
                       "Birch,12345,,,north,01632 960002,spot,,Club,session,0,,community,"
                       "community_activity,\n"
                       "Cedar,,,,north,,spot,,Club,fortnight,10,,flying,block,maybe\n"
                       "Acorn Home Care,1-100,good,2025-06-01,south,01632 960001,framework,,"
                       "Lunch,item,4,,nutrition,other,\n");
  ASSERT_TRUE(report) << report.error().message;
  std::vector<std::string> lines;
  for (const auto& p : report->problems) lines.push_back(p.ToString());
  EXPECT_THAT(lines, ::testing::Contains(HasSubstr("line 3, column cqc_location_id")));
  EXPECT_THAT(lines, ::testing::Contains(HasSubstr("line 3, column price")));
  EXPECT_THAT(lines, ::testing::Contains(HasSubstr("line 4, column phone")));
  EXPECT_THAT(lines, ::testing::Contains(HasSubstr("line 4, column approved")));
  EXPECT_THAT(lines, ::testing::Contains(HasSubstr("line 5: The provider's columns differ from "
                                                   "line 2")));
  EXPECT_EQ(Providers(), 0);
}

TEST_F(ProviderImportTest, ProvidersAlreadyInTheRegisterAreProblems) {
  ASSERT_TRUE(Import(std::string(kHeader) +
                     "Acorn Home Care,1-100,good,2025-06-01,north,01632 960001,framework,,,,,,,,"
                     "\n"));
  auto again = Import(std::string(kHeader) +
                      "Acorn Again,1-100,good,2025-06-01,north,01632 960001,framework,,,,,,,,\n"
                      "acorn  home care,,,,north,01632 960001,spot,,,,,,,,\n");
  ASSERT_TRUE(again);
  ASSERT_THAT(again->problems, SizeIs(2));
  EXPECT_EQ(again->problems[0].column, "cqc_location_id");
  EXPECT_EQ(again->problems[1].column, "provider_name");
  EXPECT_EQ(Providers(), 1);
}

TEST_F(ProviderImportTest, AnUnknownColumnStopsTheCheck) {
  auto report = Import("provider_name,colour\nAcorn,red\n");
  ASSERT_TRUE(report);
  ASSERT_THAT(report->problems, SizeIs(1));
  EXPECT_EQ(report->problems[0].column, "colour");
  EXPECT_EQ(Providers(), 0);
}

TEST_F(ProviderImportTest, TheSampleFileImports) {
  std::ifstream file(std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/providers.csv",
                     std::ios::binary);
  ASSERT_TRUE(file);
  CsvReader reader(file);
  ProviderImport import(t_.store(), t_.clock(), t_.ids());
  auto report = import.Import(Operator(), reader, {});
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->problems.empty()) << report->problems[0].ToString();
  EXPECT_GT(report->services, 5);
}

TEST_F(ProviderImportTest, OnlyCommissionersAndTheOperatorImport) {
  const User finance = t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"});
  std::istringstream in{std::string(kHeader)};
  CsvReader reader(in);
  ProviderImport import(t_.store(), t_.clock(), t_.ids());
  auto refused = import.Import(
      Context{Actor{finance.council_id, finance.id, finance.roles}, "r", ""}, reader, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace selfdirect::app
