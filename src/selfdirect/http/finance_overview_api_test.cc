#include "selfdirect/http/finance_overview_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Ada's direct payment (£200.00 a week from 22 November 2026) has been paid once. A finance
// officer works through the API.
class FinanceOverviewApiTest : public ::testing::Test {
 protected:
  FinanceOverviewApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    const User admin = t_.AddUser(c, "admin@westminster.example", {"administrator"});
    const User worker = t_.AddUser(c, "sw@westminster.example", {"assessor"});
    const User approver = t_.AddUser(c, "approver@westminster.example", {"approver"});
    const User finance = t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    t_.AddUser(c, "market@westminster.example", {"commissioner"});
    EXPECT_TRUE(t_.ras().Publish(testing::ActingAs(admin), ras::testing::kSmallModel));
    EXPECT_TRUE(t_.app().CreateScheme(app::Context::Operator("test"), c.id,
                                      {.name = "Adult social care", .kind = "adult-social-care"}));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(testing::ActingAs(admin), approver.id, "100000"));
    const PersonId ada = testing::SignOffAPlan(t_, worker, approver, "Ada", "943 476 5919", "10");
    EXPECT_TRUE(t_.payments().SetPaymentDetails(
        testing::ActingAs(finance), ada,
        {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
    auto run =
        t_.payments().RunDate(testing::ActingAs(finance), ParseIsoDate("2026-11-22").value());
    EXPECT_TRUE(run.has_value()) << run.error().message;
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterFinanceOverviewApi(service_->mutable_router(), t_.finance_overview());
    finance_ = SignIn("money@westminster.example");
    commissioner_ = SignIn("market@westminster.example");
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  Response Send(const Session* as, std::string method, std::string target, std::string body = "") {
    return testing::SendTo(*service_, as, std::move(method), std::move(target), std::move(body));
  }

  static json::object Body(const Response& r) { return testing::BodyOf(r); }

  static std::vector<std::string> Fields(const Response& r) {
    std::vector<std::string> out;
    const json::object body = Body(r);
    for (const auto& e : body.at("errors").as_array()) out.emplace_back(e.at("field").as_string());
    return out;
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  Session finance_, commissioner_;
};

TEST_F(FinanceOverviewApiTest, TheOverviewOfAYear_WithTheForecastOnceABudgetIsSet) {
  auto r = Send(&finance_, "GET", "/api/finance/overview?year=2026");
  ASSERT_EQ(r.status, 200) << r.body;
  json::object o = Body(r);
  EXPECT_EQ(o.at("label").as_string(), "2026-27");
  EXPECT_EQ(o.at("tense").as_string(), "current");
  const auto& dp = o.at("by_mechanism").at(0).as_object();
  EXPECT_EQ(dp.at("mechanism").as_string(), "direct_payment");
  EXPECT_EQ(dp.at("committed_pence").as_int64(), 370411);
  EXPECT_EQ(dp.at("paid_pence").as_int64(), 80000);
  EXPECT_EQ(dp.at("still_to_pay_pence").as_int64(), 320000);
  EXPECT_EQ(o.at("totals").at("forecast_pence").as_int64(), 400000);
  EXPECT_TRUE(o.at("council_budget").is_null());
  EXPECT_TRUE(o.at("may_set_budget").as_bool());

  auto set =
      Send(&finance_, "PUT", "/api/finance/council-budgets/2026", R"({"amount":"1300000.00"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Body(set).at("amount_pence").as_int64(), 130'000'000);
  o = Body(Send(&finance_, "GET", "/api/finance/overview"));  // the current year by default
  EXPECT_EQ(o.at("council_budget_pence").as_int64(), 130'000'000);
  EXPECT_EQ(o.at("forecast_over_budget_pence").as_int64(), 400000 - 130'000'000);
  EXPECT_EQ(o.at("sentences").at(0).as_string(),
            "At this rate the council will spend £4,000 on personal budgets this year, "
            "£1,296,000 less than the £1,300,000 set aside.");
  EXPECT_EQ(o.at("council_budget").at("updated_by").as_string(), "Test money@westminster.example");
}

TEST_F(FinanceOverviewApiTest, BadInputIsAProblemNamingTheFieldAndChangesNothing) {
  auto year = Send(&finance_, "GET", "/api/finance/overview?year=26");
  EXPECT_EQ(year.status, 422) << year.body;
  EXPECT_EQ(year.content_type, "application/problem+json");
  EXPECT_THAT(Fields(year), ElementsAre("year"));

  for (const char* body :
       {R"({"amount":"-1.00"})", R"({"amount":"1300000.005"})", R"({"amount":""})"}) {
    auto r = Send(&finance_, "PUT", "/api/finance/council-budgets/2026", body);
    EXPECT_EQ(r.status, 422) << body << " " << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_THAT(Fields(r), ElementsAre("amount")) << body;
  }
  auto number = Send(&finance_, "PUT", "/api/finance/council-budgets/2026", R"({"amount":5})");
  EXPECT_EQ(number.status, 422);
  EXPECT_THAT(Fields(number), ElementsAre("amount"));
  auto unknown = Send(&finance_, "PUT", "/api/finance/council-budgets/2026",
                      R"({"amount":"5.00","pence":500})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_THAT(Fields(unknown), ElementsAre("pence"));
  auto bad_year =
      Send(&finance_, "PUT", "/api/finance/council-budgets/20x6", R"({"amount":"5.00"})");
  EXPECT_EQ(bad_year.status, 422);
  EXPECT_THAT(Fields(bad_year), ElementsAre("year"));

  EXPECT_TRUE(Body(Send(&finance_, "GET", "/api/finance/overview?year=2026"))
                  .at("council_budget")
                  .is_null());
}

TEST_F(FinanceOverviewApiTest, TheCsvForASpreadsheet_AndACommissionerSeesNoNames) {
  auto csv = Send(&finance_, "GET", "/api/finance/overview.csv?year=2026");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("Content-Disposition"),
            "attachment; filename=\"finance-overview-2026-27.csv\"");
  EXPECT_THAT(csv.body, HasSubstr("By mechanism,Direct payments,3704.11,800.00,3200.00,4000.00"));

  auto seen = Send(&commissioner_, "GET", "/api/finance/overview?year=2026");
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_FALSE(Body(seen).at("contributions").at("named").as_bool());
  EXPECT_FALSE(Body(seen).at("may_set_budget").as_bool());
  auto refused =
      Send(&commissioner_, "PUT", "/api/finance/council-budgets/2026", R"({"amount":"5.00"})");
  EXPECT_EQ(refused.status, 403);
}

}  // namespace
}  // namespace selfdirect::http
