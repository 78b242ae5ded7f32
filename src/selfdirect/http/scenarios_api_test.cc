#include "selfdirect/http/scenarios_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

// An analyst of Westminster runs policy scenarios; a finance officer may not.
class ScenariosApiTest : public ::testing::Test {
 protected:
  ScenariosApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "numbers@westminster.example", {"analyst"});
    t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterScenariosApi(service_->mutable_router(), scenarios_, t_.app().clock());
    analyst_ = SignIn("numbers@westminster.example");
    finance_ = SignIn("money@westminster.example");
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  Response Send(const Session* as, std::string method, std::string target, std::string body = "") {
    return testing::SendTo(*service_, as, std::move(method), std::move(target), std::move(body));
  }

  static std::string RunBody(std::string_view yaml, int people) {
    return json::serialize(json::object{{"scenario", yaml}, {"people", people}});
  }

  testing::TestApp t_;
  Metrics metrics_;
  app::Scenarios scenarios_;
  std::unique_ptr<HttpService> service_;
  Session analyst_, finance_;
};

TEST_F(ScenariosApiTest, Examples_ListsTheFiveWithTheirYaml) {
  auto r = Send(&analyst_, "GET", "/api/scenarios/examples");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto examples = json::parse(r.body).at("examples").as_array();
  ASSERT_EQ(examples.size(), 5u);
  EXPECT_EQ(examples[1].at("id").as_string(), "demand-doubles-in-20-years");
  EXPECT_THAT(std::string(examples[1].at("yaml").as_string()), HasSubstr("horizon_years: 20"));
}

TEST_F(ScenariosApiTest, Run_GivesBandedYearsGroupsAndSufficiencyInPence) {
  auto r =
      Send(&analyst_, "POST", "/api/scenarios/runs", RunBody(app::ScenarioExamples()[0].yaml, 300));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("people").as_int64(), 300);
  const auto& years = body.at("years").as_array();
  ASSERT_EQ(years.size(), 11u);  // today and ten years
  EXPECT_EQ(years[0].at("year").as_int64(), 0);
  const auto& cost = years[1].at("council_cost_pence").as_object();
  EXPECT_LE(cost.at("low").as_int64(), cost.at("central").as_int64());
  EXPECT_LE(cost.at("central").as_int64(), cost.at("high").as_int64());
  EXPECT_FALSE(body.at("groups").as_array().empty());
  const auto& sufficiency = body.at("sufficiency").as_object();
  EXPECT_GT(sufficiency.at("below_plan_cost").as_int64(), 0);
  EXPECT_GT(sufficiency.at("shortfall_pence").as_int64(), 0);
  EXPECT_THAT(std::string(body.at("years_csv").as_string()), HasSubstr("year,people_eligible"));
}

TEST_F(ScenariosApiTest, RunCsv_IsTheYearsAsADownload) {
  auto r = Send(&analyst_, "POST", "/api/scenarios/runs.csv",
                RunBody(app::ScenarioExamples()[3].yaml, 200));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_THAT(r.Header("Content-Disposition"), HasSubstr("attachment"));
  EXPECT_THAT(r.body, HasSubstr("year,people_eligible,people_eligible_low"));
}

TEST_F(ScenariosApiTest, RunXlsx_IsAWorkbookNamedAfterTheScenario) {
  auto r = Send(&analyst_, "POST", "/api/scenarios/runs.xlsx",
                RunBody(app::ScenarioExamples()[0].yaml, 200));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.Header("Content-Disposition"),
            "attachment; filename=\"a-25-cut-in-the-money-for-personal-budgets.xlsx\"");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  ASSERT_GT(r.body.size(), 4u);
  EXPECT_EQ(r.body.substr(0, 4), std::string("PK\x03\x04", 4));
  // About, Years, Groups, Sufficiency: zip keeps the parts' names uncompressed.
  for (const char* part : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                           "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"}) {
    EXPECT_THAT(r.body, HasSubstr(part));
  }
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("xl/worksheets/sheet5.xml")));
}

TEST_F(ScenariosApiTest, RunXlsx_ABadBodyGetsTheCsvsProblems) {
  for (const std::string& body : {RunBody("name: Cut\nfunding_cut_percent: -25\n", 300),
                                  RunBody(app::ScenarioExamples()[0].yaml, 99),
                                  std::string(R"({"scenario":"name: x","x":1})"),
                                  std::string("not json"), std::string("[]")}) {
    auto csv = Send(&analyst_, "POST", "/api/scenarios/runs.csv", body);
    auto xlsx = Send(&analyst_, "POST", "/api/scenarios/runs.xlsx", body);
    EXPECT_GE(xlsx.status, 400) << body;
    EXPECT_EQ(xlsx.status, csv.status) << body;
    EXPECT_EQ(xlsx.content_type, "application/problem+json") << body;
    EXPECT_EQ(xlsx.body, csv.body) << body;
  }
  EXPECT_EQ(Send(&finance_, "POST", "/api/scenarios/runs.xlsx",
                 RunBody(app::ScenarioExamples()[0].yaml, 300))
                .status,
            403);
}

TEST_F(ScenariosApiTest, Run_ABadKeyIs422NamingIt) {
  auto r = Send(&analyst_, "POST", "/api/scenarios/runs",
                RunBody("name: Cut\nfunding_cut_percent: -25\n", 300));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto errors = json::parse(r.body).at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field").as_string(), "scenario.funding_cut_percent");
  EXPECT_THAT(std::string(errors[0].at("message").as_string()), HasSubstr("funding_cut_percent"));
}

TEST_F(ScenariosApiTest, Run_TooManyPeopleAndAnUnknownBodyFieldAre422) {
  auto r = Send(&analyst_, "POST", "/api/scenarios/runs",
                RunBody(app::ScenarioExamples()[0].yaml, 20001));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"field\":\"people\""));
  auto extra = Send(&analyst_, "POST", "/api/scenarios/runs", R"({"scenario":"name: x","x":1})");
  ASSERT_EQ(extra.status, 422) << extra.body;
  EXPECT_THAT(extra.body, HasSubstr("\"field\":\"x\""));
}

TEST_F(ScenariosApiTest, AFinanceOfficerIsRefused) {
  EXPECT_EQ(Send(&finance_, "GET", "/api/scenarios/examples").status, 403);
  EXPECT_EQ(
      Send(&finance_, "POST", "/api/scenarios/runs", RunBody(app::ScenarioExamples()[0].yaml, 300))
          .status,
      403);
  EXPECT_EQ(Send(nullptr, "GET", "/api/scenarios/examples").status, 401);
}

}  // namespace
}  // namespace selfdirect::http
