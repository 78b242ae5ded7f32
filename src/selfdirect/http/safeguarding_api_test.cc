#include "selfdirect/http/safeguarding_api.h"

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

class SafeguardingApiTest : public ::testing::Test {
 protected:
  SafeguardingApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "sw@westminster.example", {"assessor"});
    t_.AddUser(c, "lead@westminster.example", {"safeguarding-lead"});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterSafeguardingApi(service_->mutable_router(), t_.safeguarding());
    worker_ = SignIn("sw@westminster.example");
    lead_ = SignIn("lead@westminster.example");
    auto created =
        Send("POST", "/api/people",
             R"({"given_name":"Ada","family_name":"Okafor","date_of_birth":"1948-03-27",)"
             R"("contact":{"route_of_access":"community"}})",
             &worker_);
    EXPECT_EQ(created.status, 201) << created.body;
    person_ = std::string(Body(created).at("id").as_string());
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  Response Send(std::string method, std::string target, std::string body = "",
                const Session* as = nullptr) {
    return testing::SendTo(*service_, as, std::move(method), std::move(target), std::move(body));
  }

  static json::object Body(const Response& r) { return testing::BodyOf(r); }

  std::string Raise(bool immediate_risk) {
    auto r = Send("POST", "/api/people/" + person_ + "/concerns",
                  std::string(R"({"category":"financial","what_happened":"Pension taken",)") +
                      R"("immediate_risk":)" + (immediate_risk ? "true" : "false") + "}",
                  &worker_);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(Body(r).at("id").as_string());
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  Session worker_, lead_;
  std::string person_;
};

TEST_F(SafeguardingApiTest, FromRaisedToClosedWithThePersonsView) {
  Raise(false);
  const std::string id = Raise(true);

  auto queue = Send("GET", "/api/concerns", "", &lead_);
  ASSERT_EQ(queue.status, 200) << queue.body;
  const auto items = Body(queue).at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("id").as_string(), id);  // immediate risk first
  EXPECT_EQ(items[0].at("person_name").as_string(), "Ada Okafor");
  EXPECT_EQ(items[0].at("raiser").as_string(), "staff");
  EXPECT_EQ(items[0].at("category_label").as_string(), "Financial or material abuse");

  auto triaged =
      Send("POST", "/api/concerns/" + id + "/triage",
           R"({"decision":"section_42_enquiry","reasons":"Repeated","revision":1})", &lead_);
  ASSERT_EQ(triaged.status, 200) << triaged.body;
  EXPECT_EQ(Body(triaged).at("status").as_string(), "triaged");

  auto too_soon = Send("POST", "/api/concerns/" + id + "/close",
                       R"({"risk":"reduced","actions_taken":"x","outcomes_met":"fully",)"
                       R"("persons_view":"ok","revision":2})",
                       &lead_);
  EXPECT_EQ(too_soon.status, 409) << too_soon.body;
  EXPECT_THAT(too_soon.body, HasSubstr("section 42 enquiry before closing"));

  auto enquiry = Send("POST", "/api/concerns/" + id + "/enquiry",
                      R"({"led_by":"Sam Reid, social worker","started_on":"2026-11-21",)"
                      R"("revision":2})",
                      &lead_);
  ASSERT_EQ(enquiry.status, 200) << enquiry.body;
  EXPECT_EQ(Body(enquiry).at("enquiry").at("started_on").as_string(), "2026-11-21");

  auto closed = Send("POST", "/api/concerns/" + id + "/close",
                     R"({"risk":"removed","actions_taken":"Appointee arranged",)"
                     R"("outcomes_met":"partly","persons_view":"Safer now","revision":3})",
                     &lead_);
  ASSERT_EQ(closed.status, 200) << closed.body;
  const auto c = Body(closed);
  EXPECT_EQ(c.at("status").as_string(), "closed");
  EXPECT_EQ(c.at("closure").at("persons_view").as_string(), "Safer now");
  EXPECT_EQ(c.at("closure").at("outcomes_met_label").as_string(), "Partly met");

  auto of_person = Send("GET", "/api/people/" + person_ + "/concerns", "", &lead_);
  ASSERT_EQ(of_person.status, 200) << of_person.body;
  EXPECT_EQ(Body(of_person).at("items").as_array().size(), 2u);
  auto one = Send("GET", "/api/concerns/" + id, "", &lead_);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Body(one).at("revision").as_int64(), 4);
}

TEST_F(SafeguardingApiTest, ABadConcernNamesEachFieldAndStoresNothing) {
  auto bad = Send("POST", "/api/people/" + person_ + "/concerns",
                  R"({"category":"theft","what_happened":"","colour":"red"})", &worker_);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.content_type, "application/problem+json");
  EXPECT_THAT(bad.body, HasSubstr("\"colour\""));
  EXPECT_THAT(bad.body, HasSubstr("immediate_risk"));
  auto domain =
      Send("POST", "/api/people/" + person_ + "/concerns",
           R"({"category":"theft","what_happened":" ","immediate_risk":"yes"})", &worker_);
  ASSERT_EQ(domain.status, 422) << domain.body;
  EXPECT_THAT(domain.body, HasSubstr("Answer yes (true) or no (false)"));
  auto fields =
      Send("POST", "/api/people/" + person_ + "/concerns",
           R"({"category":"theft","what_happened":" ","immediate_risk":false})", &worker_);
  ASSERT_EQ(fields.status, 422) << fields.body;
  EXPECT_THAT(fields.body, HasSubstr("Choose one of the kinds of abuse or neglect"));
  EXPECT_THAT(fields.body, HasSubstr("Describe what happened"));
  auto queue = Send("GET", "/api/concerns", "", &lead_);
  EXPECT_TRUE(Body(queue).at("items").as_array().empty());
}

TEST_F(SafeguardingApiTest, AStepWithoutARevisionOrWithAStaleOneIsRefused) {
  const std::string id = Raise(false);
  auto missing = Send("POST", "/api/concerns/" + id + "/triage",
                      R"({"decision":"other_action","reasons":"x"})", &lead_);
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_THAT(missing.body, HasSubstr("revision"));
  auto stale = Send("POST", "/api/concerns/" + id + "/triage",
                    R"({"decision":"other_action","reasons":"x","revision":5})", &lead_);
  EXPECT_EQ(stale.status, 409) << stale.body;
  auto empty = Send("POST", "/api/concerns/" + id + "/triage", R"({"revision":1})", &lead_);
  ASSERT_EQ(empty.status, 422) << empty.body;
  EXPECT_THAT(empty.body, HasSubstr("Give the reasons for the decision"));
}

TEST_F(SafeguardingApiTest, TheSocialWorkerRaisesButCannotReadTheQueue) {
  const std::string id = Raise(false);
  EXPECT_EQ(Send("GET", "/api/concerns", "", &worker_).status, 403);
  EXPECT_EQ(Send("GET", "/api/concerns/" + id, "", &worker_).status, 403);
  EXPECT_EQ(Send("GET", "/api/concerns/NOT-AN-ID", "", &lead_).status, 404);
  EXPECT_EQ(Send("GET", "/api/concerns/01JD0000000000000000C0NC99", "", &lead_).status, 404);
  auto codes = Send("GET", "/api/safeguarding/codes");
  ASSERT_EQ(codes.status, 200);
  EXPECT_EQ(Body(codes).at("categories").as_array().size(), 10u);
}

}  // namespace
}  // namespace selfdirect::http
