#include "selfdirect/http/monitoring_api.h"

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

// Ada's direct payment (£200.00 a week) has been paid three times and nothing spent: £2,400.00
// held, a surplus of £800.00 over 8 weeks' budget. A finance officer works through the API.
class MonitoringApiTest : public ::testing::Test {
 protected:
  MonitoringApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    const User admin = t_.AddUser(c, "admin@westminster.example", {"administrator"});
    const User worker = t_.AddUser(c, "sw@westminster.example", {"assessor"});
    const User approver = t_.AddUser(c, "approver@westminster.example", {"approver"});
    const User finance = t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    EXPECT_TRUE(t_.ras().Publish(testing::ActingAs(admin), ras::testing::kSmallModel));
    EXPECT_TRUE(t_.app().CreateScheme(app::Context::Operator("test"), c.id,
                                      {.name = "Adult social care", .kind = "adult-social-care"}));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(testing::ActingAs(admin), approver.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker, approver, "Ada", "943 476 5919", "10");
    EXPECT_TRUE(t_.payments().SetPaymentDetails(
        testing::ActingAs(finance), ada_,
        {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
    for (const char* date : {"2026-11-22", "2026-12-20", "2027-01-17"}) {
      auto run = t_.payments().RunDate(testing::ActingAs(finance), ParseIsoDate(date).value());
      EXPECT_TRUE(run.has_value()) << run.error().message;
    }
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterMonitoringApi(service_->mutable_router(), t_.monitoring());
    // The checks are run on the day of the third payment (they read today's balances).
    t_.clock().Set(ParseTimestamp("2027-01-17T09:00:00.000Z").value());
    finance_ = SignIn("money@westminster.example");
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
  PersonId ada_;
  Session finance_;
};

TEST_F(MonitoringApiTest, BadInputIsAProblemNamingTheFieldAndChangesNothing) {
  auto bad_date = Send(&finance_, "POST", "/api/monitoring/runs", R"({"date":"2027-02-30"})");
  EXPECT_EQ(bad_date.status, 422) << bad_date.body;
  EXPECT_EQ(bad_date.content_type, "application/problem+json");
  EXPECT_THAT(Fields(bad_date), ::testing::ElementsAre("date"));
  auto tomorrow = Send(&finance_, "POST", "/api/monitoring/runs", R"({"date":"2027-01-18"})");
  EXPECT_EQ(tomorrow.status, 422) << tomorrow.body;
  EXPECT_THAT(Fields(tomorrow), ::testing::ElementsAre("date"));
  auto unknown =
      Send(&finance_, "POST", "/api/monitoring/runs", R"({"date":"2027-01-17","dry_run":true})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_THAT(Fields(unknown), ::testing::ElementsAre("dry_run"));
  EXPECT_EQ(Send(&finance_, "GET", "/api/surplus-proposals").body, R"({"proposals":[]})");
  EXPECT_EQ(Send(&finance_, "GET", "/api/alerts").body,
            R"({"alerts":[],"page":1,"pages":1,"per_page":25,"total":0,)"
            R"("counts":{"open":0,"acknowledged":0,"closed":0}})");
  auto closed = Send(&finance_, "GET", "/api/alerts?closed=maybe");
  EXPECT_EQ(closed.status, 422);
  EXPECT_THAT(Fields(closed), ::testing::ElementsAre("closed"));
  for (const char* page : {"0", "-1", "two", "1.5", "3x"}) {
    auto r = Send(&finance_, "GET", std::string("/api/alerts?page=") + page);
    EXPECT_EQ(r.status, 422) << page;
    EXPECT_THAT(Fields(r), ::testing::ElementsAre("page")) << page;
  }
  for (const char* per_page : {"0", "101", "ten"}) {
    auto r = Send(&finance_, "GET", std::string("/api/alerts?per_page=") + per_page);
    EXPECT_EQ(r.status, 422) << per_page;
    EXPECT_THAT(Fields(r), ::testing::ElementsAre("per_page")) << per_page;
  }
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/alerts?page=3&per_page=10")).at("per_page"), 10);

  auto run = Send(&finance_, "POST", "/api/monitoring/runs", R"({"date":"2027-01-17"})");
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_EQ(Body(run).at("proposals").as_int64(), 1);
  EXPECT_EQ(Body(run).at("raised").at("surplus").as_int64(), 1);

  auto listed = Body(Send(&finance_, "GET", "/api/surplus-proposals"));
  ASSERT_EQ(listed.at("proposals").as_array().size(), 1u);
  const std::string id(listed.at("proposals").at(0).at("id").as_string());
  EXPECT_EQ(listed.at("proposals").at(0).at("amount_pence").as_int64(), 80000);
  EXPECT_EQ(listed.at("proposals").at(0).at("account_id").as_string().size(), 26u);  // a ULID
  auto bad = Send(&finance_, "POST", "/api/surplus-proposals/" + id + "/decision",
                  R"({"decision":"yes","reason":" "})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_THAT(Fields(bad), ::testing::ElementsAre("decision", "reason"));
  auto wrong_type = Send(&finance_, "POST", "/api/surplus-proposals/" + id + "/decision",
                         R"({"decision":"approve","reason":7})");
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_THAT(Fields(wrong_type), ::testing::ElementsAre("reason"));
  listed = Body(Send(&finance_, "GET", "/api/surplus-proposals"));
  EXPECT_EQ(listed.at("proposals").at(0).at("status").as_string(), "proposed");
  EXPECT_TRUE(listed.at("proposals").at(0).at("transfer_id").is_null());

  auto alerts = Body(Send(&finance_, "GET", "/api/alerts"));
  ASSERT_EQ(alerts.at("alerts").as_array().size(), 1u);
  const std::string alert(alerts.at("alerts").at(0).at("id").as_string());
  // A surplus quotes no spend lines; a finance officer may open the money, not the case record.
  EXPECT_TRUE(alerts.at("alerts").at(0).at("evidence_lines").as_array().empty());
  EXPECT_TRUE(alerts.at("alerts").at(0).at("may_view_budget").as_bool());
  EXPECT_FALSE(alerts.at("alerts").at(0).at("may_view_record").as_bool());
  auto bad_alert = Send(&finance_, "POST", "/api/alerts/" + alert, R"({"action":"shred"})");
  EXPECT_EQ(bad_alert.status, 422);
  EXPECT_THAT(Fields(bad_alert), ::testing::ElementsAre("action"));
  auto no_notes = Send(&finance_, "POST", "/api/alerts/" + alert, R"({"action":"close"})");
  EXPECT_EQ(no_notes.status, 422);
  EXPECT_THAT(Fields(no_notes), ::testing::ElementsAre("notes"));
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/alerts")).at("alerts").at(0).at("status").as_string(),
            "open");

  auto approved = Send(&finance_, "POST", "/api/surplus-proposals/" + id + "/decision",
                       R"({"decision":"approve","reason":"Ada agreed"})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved).at("transfer_id").as_string(), "clawback:" + id);
  auto again = Send(&finance_, "POST", "/api/surplus-proposals/" + id + "/decision",
                    R"({"decision":"approve","reason":"Ada agreed"})");
  EXPECT_EQ(again.status, 409);
  auto ack = Send(&finance_, "POST", "/api/alerts/" + alert,
                  R"({"action":"acknowledge","notes":"Recovery approved"})");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(Body(ack).at("status").as_string(), "acknowledged");
}

}  // namespace
}  // namespace selfdirect::http
