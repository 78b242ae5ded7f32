#include "selfdirect/http/personal_assistants_api.h"

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

class PersonalAssistantsApiTest : public ::testing::Test {
 protected:
  PersonalAssistantsApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "sw@westminster.example", {"assessor"});
    t_.AddUser(c, "market@westminster.example", {"commissioner"});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterPersonalAssistantsApi(service_->mutable_router(), t_.personal_assistants());
    worker_ = SignIn("sw@westminster.example");
    commissioner_ = SignIn("market@westminster.example");
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

  std::string Path() const { return "/api/people/" + person_ + "/personal-assistants"; }

  static std::string Sam(const std::string& rate) {
    return R"({"name":"Sam Patel","hourly_rate":")" + rate +
           R"(","hours_per_week":"12.5","starts_on":"2026-05-01",)"
           R"("right_to_work_checked_on":"2026-04-20","close_relative_in_household":false})";
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  Session worker_, commissioner_;
  std::string person_;
};

TEST_F(PersonalAssistantsApiTest, AddAPaBelowTheMinimumWageThenRaiseTheirPayAndEnd) {
  auto added = Send("POST", Path(), Sam("11.00"), &worker_);
  ASSERT_EQ(added.status, 201) << added.body;
  auto view = Body(added);
  const auto& pa = view.at("assistants").as_array().at(0).as_object();
  EXPECT_EQ(pa.at("hourly_rate_pence").as_int64(), 1100);
  EXPECT_EQ(pa.at("hours_per_week").as_string(), "12.5");
  EXPECT_EQ(view.at("minimum_wage").at("hourly_pence").as_int64(), 1271);
  bool warned = false;
  for (const auto& a : view.at("attention").as_array()) {
    if (a.at("code").as_string() == "below_minimum_wage") {
      warned = true;
      EXPECT_EQ(a.at("level").as_string(), "warning");
      EXPECT_THAT(std::string(a.at("message").as_string()), HasSubstr("£11.00 an hour"));
    }
  }
  EXPECT_TRUE(warned) << added.body;

  const std::string id(pa.at("id").as_string());
  auto updated =
      Send("PUT", Path() + "/" + id,
           Sam("13.00").substr(0, Sam("13.00").size() - 1) + R"(,"revision":1})", &worker_);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_THAT(updated.body, ::testing::Not(HasSubstr("below_minimum_wage")));

  auto ended = Send("POST", Path() + "/" + id + "/end", R"({"ends_on":"2026-12-31","revision":2})",
                    &worker_);
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(Body(ended).at("assistants").at(0).at("ends_on").as_string(), "2026-12-31");
}

TEST_F(PersonalAssistantsApiTest, BadInputIsAProblemNamingEachFieldAndChangesNothing) {
  auto bad = Send("POST", Path(),
                  R"({"name":"","hourly_rate":12.71,"hours_per_week":"0","starts_on":"soon",)"
                  R"("close_relative_in_household":"no","colour":"blue"})",
                  &worker_);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.content_type, "application/problem+json");
  for (const char* field : {"hourly_rate", "close_relative_in_household", "colour"}) {
    EXPECT_THAT(bad.body, HasSubstr(std::string("\"") + field + "\"")) << field;
  }
  auto list = Send("GET", Path(), "", &worker_);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(Body(list).at("assistants").as_array().empty());

  auto domain = Send("POST", Path(),
                     R"({"name":"","hourly_rate":"12.71","hours_per_week":"0",)"
                     R"("starts_on":"soon","close_relative_in_household":true})",
                     &worker_);
  ASSERT_EQ(domain.status, 422) << domain.body;
  for (const char* field :
       {"name", "hours_per_week", "starts_on", "council_decision", "council_decision_on"}) {
    EXPECT_THAT(domain.body, HasSubstr(std::string("\"") + field + "\"")) << field;
  }
}

TEST_F(PersonalAssistantsApiTest, TheChecklistIsSavedWithItsRevision) {
  ASSERT_EQ(Send("POST", Path(), Sam("12.71"), &worker_).status, 201);
  const std::string duties = "/api/people/" + person_ + "/employer-duties";
  auto no_revision = Send("PUT", duties, R"({"insurer":"Acme"})", &worker_);
  ASSERT_EQ(no_revision.status, 422) << no_revision.body;
  EXPECT_THAT(no_revision.body, HasSubstr("\"revision\""));
  auto missing = Send("PUT", duties, R"({"insurer":"Acme","revision":0})", &worker_);
  ASSERT_EQ(missing.status, 422) << missing.body;
  EXPECT_THAT(missing.body, HasSubstr("\"insurance_cover\""));
  EXPECT_THAT(missing.body, HasSubstr("\"insurance_expires_on\""));
  auto saved = Send("PUT", duties,
                    R"({"insurer":"Acme","insurance_cover":"1000000",)"
                    R"("insurance_expires_on":"2026-12-01","revision":0})",
                    &worker_);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto body = Body(saved);
  EXPECT_EQ(body.at("duties").at("revision").as_int64(), 1);
  EXPECT_EQ(body.at("duties").at("insurance_cover_pence").as_int64(), 100'000'000);
  EXPECT_THAT(saved.body, HasSubstr("insurance_cover_low"));
  EXPECT_THAT(saved.body, HasSubstr("insurance_expiring"));
  auto stale = Send("PUT", duties, R"({"revision":0})", &worker_);
  EXPECT_EQ(stale.status, 409) << stale.body;
}

TEST_F(PersonalAssistantsApiTest, TheWorkforceHidesSmallCounts) {
  ASSERT_EQ(Send("POST", Path(), Sam("12.71"), &worker_).status, 201);
  auto small = Send("GET", "/api/pa-workforce", "", &commissioner_);
  ASSERT_EQ(small.status, 200) << small.body;
  EXPECT_TRUE(Body(small).at("suppressed").as_bool());
  EXPECT_TRUE(Body(small).at("count").is_null());
  EXPECT_THAT(small.body, ::testing::Not(HasSubstr("Sam")));
  for (int i = 0; i < 4; ++i) ASSERT_EQ(Send("POST", Path(), Sam("12.71"), &worker_).status, 201);
  auto counted = Send("GET", "/api/pa-workforce", "", &commissioner_);
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(Body(counted).at("count").as_int64(), 5);
  EXPECT_EQ(Body(counted).at("hours_per_week").as_string(), "62.5");
  EXPECT_EQ(Send("GET", "/api/pa-workforce", "", &worker_).status, 403);
}

}  // namespace
}  // namespace selfdirect::http
