#include "selfdirect/http/money_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/payments_api.h"
#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

// Ada's plan is signed off (£800.00 every four weeks by direct payment) and her first payment
// run released; she signs in to see her money.
class MoneyApiTest : public ::testing::Test {
 protected:
  MoneyApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    const User admin = t_.AddUser(c, "admin@westminster.example", {"administrator"});
    const User worker = t_.AddUser(c, "sw@westminster.example", {"assessor"});
    const User approver = t_.AddUser(c, "approver@westminster.example", {"approver"});
    const User finance = t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    t_.AddUser(c, "rep@westminster.example", {"representative"});
    EXPECT_TRUE(t_.ras().Publish(testing::ActingAs(admin), ras::testing::kSmallModel));
    EXPECT_TRUE(t_.app().CreateScheme(app::Context::Operator("test"), c.id,
                                      {.name = "Adult social care", .kind = "adult-social-care"}));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(testing::ActingAs(admin), approver.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker, approver, "Ada", "943 476 5919", "10");
    EXPECT_TRUE(t_.payments().SetPaymentDetails(
        testing::ActingAs(finance), ada_,
        {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
    auto run = t_.payments().Start(testing::ActingAs(finance), *ParseIsoDate("2026-11-22"));
    EXPECT_TRUE(run.has_value());
    EXPECT_TRUE(t_.payments().Release(testing::ActingAs(finance), run->run->id));
    auto holder = t_.accounts().AddUser(
        app::Context::Operator("t"),
        {c.id, "ada@westminster.example", "Ada", {"budget-holder"}, ada_.str()});
    EXPECT_TRUE(holder.has_value());
    EXPECT_TRUE(t_.accounts().SetPasswordWithLink(app::Context::Operator("t"), c.code,
                                                  holder->password_link_token,
                                                  "correct horse battery staple"));
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterMoneyApi(service_->mutable_router(), t_.money());
    ada_session_ = SignIn("ada@westminster.example");
    rep_ = SignIn("rep@westminster.example");
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  Response Send(const Session* as, std::string method, std::string target, std::string body) {
    return testing::SendTo(*service_, as, std::move(method), std::move(target), std::move(body));
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  PersonId ada_;
  Session ada_session_, rep_;
};

TEST_F(MoneyApiTest, TheBudgetHolderSeesTheirMoneyAndDownloadsIt) {
  auto r = Send(&ada_session_, "GET", "/api/people/" + ada_.str() + "/money", "");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object o = json::parse(r.body).as_object();
  EXPECT_EQ(o.at("balance_pence").as_int64(), 80000);
  EXPECT_TRUE(o.at("contribution_owed_pence").is_null());
  EXPECT_EQ(o.at("person_name").as_string(), "Ada Okafor");
  ASSERT_EQ(o.at("lines").as_array().size(), 1u);
  EXPECT_EQ(o.at("lines").at(0).at("description").as_string(),
            "Payment from the council for 22 November to 19 December 2026");
  EXPECT_EQ(o.at("upcoming").as_array().size(), 3u);
  EXPECT_EQ(o.at("upcoming").at(0).at("on").as_string(), "2026-12-20");
  EXPECT_EQ(o.at("burn_down").at(0).at("planned_spend_pence").as_int64(), 2857);
  EXPECT_THAT(std::string(o.at("forecast").as_string()), HasSubstr("20 December 2026"));

  auto csv = Send(&ada_session_, "GET", "/api/people/" + ada_.str() + "/money.csv", "");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("Content-Disposition"), "attachment; filename=\"my-money-2026-11-22.csv\"");
  EXPECT_THAT(csv.body, HasSubstr("2026-11-22,Payment from the council"));
}

TEST_F(MoneyApiTest, BadPageIsAProblemAndOthersAreKeptOut) {
  auto bad = Send(&ada_session_, "GET", "/api/people/" + ada_.str() + "/money?page=two", "");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(json::parse(bad.body).at("errors").at(0).at("field").as_string(), "page");
  EXPECT_EQ(Send(nullptr, "GET", "/api/people/" + ada_.str() + "/money", "").status, 401);
  // A representative Ada has not let in learns nothing, as for her budget statement.
  EXPECT_EQ(Send(&rep_, "GET", "/api/people/" + ada_.str() + "/money", "").status, 404);
  EXPECT_EQ(Send(&rep_, "GET", "/api/people/" + ada_.str() + "/money.csv", "").status, 404);
}

}  // namespace
}  // namespace selfdirect::http
