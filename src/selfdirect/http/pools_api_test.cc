#include "selfdirect/http/pools_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/service.h"
#include "selfdirect/ras/test_model.h"
#include "tests/support/api_client.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

// Ada (£800.00 every 4 weeks by direct payment) and Ben (£400.00), each signed in with an
// account linked to their record, and a finance officer.
class PoolsApiTest : public ::testing::Test {
 protected:
  PoolsApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    const User admin = t_.AddUser(c, "admin@westminster.example", {"administrator"});
    const User worker = t_.AddUser(c, "sw@westminster.example", {"assessor"});
    const User approver = t_.AddUser(c, "approver@westminster.example", {"approver"});
    finance_user_ = t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    t_.AddUser(c, "data@westminster.example", {"analyst"});
    const app::Context as_admin{Actor{c.id, admin.id, admin.roles}, "t", ""};
    EXPECT_TRUE(t_.ras().Publish(as_admin, ras::testing::kSmallModel));
    EXPECT_TRUE(t_.app().CreateScheme(app::Context::Operator("t"), c.id,
                                      {.name = "Adult social care", .kind = "adult-social-care"}));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(as_admin, approver.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker, approver, "Ada", "943 476 5919", "10").str();
    ben_ = testing::SignOffAPlan(t_, worker, approver, "Ben", "401 023 2137", "5").str();
    for (const auto& [email, person] :
         {std::pair{"ada@westminster.example", ada_}, std::pair{"ben@westminster.example", ben_}}) {
      auto added = t_.accounts().AddUser(app::Context::Operator("t"),
                                         {c.id, email, email, {"budget-holder"}, person});
      EXPECT_TRUE(added.has_value()) << added.error().message;
      EXPECT_TRUE(t_.accounts().SetPasswordWithLink({}, c.code, added->password_link_token,
                                                    "correct horse battery staple"));
    }
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterPoolsApi(service_->mutable_router(), t_.pools());
    ada_session_ = SignIn("ada@westminster.example");
    ben_session_ = SignIn("ben@westminster.example");
    finance_ = SignIn("money@westminster.example");
    analyst_ = SignIn("data@westminster.example");
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

  std::string Proposal(const std::string& ben_share, const std::string& extra = "") const {
    return R"({"name":"Tuesday art group","pays_for":"A tutor and the room","cost":"240.00",)"
           R"("leaving_rule":"shared_by_contributions",)" +
           extra + R"("members":[{"person":")" + ada_ +
           R"(","share":"120.00","consent":true},{"person":")" + ben_ + R"(","share":")" +
           ben_share + R"("}]})";
  }

  static std::vector<std::string> Fields(const Response& r) {
    std::vector<std::string> out;
    const json::value body = json::parse(r.body);
    for (const auto& e : body.at("errors").as_array()) {
      out.emplace_back(e.at("field").as_string());
    }
    return out;
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  User finance_user_;
  std::string ada_, ben_;
  Session ada_session_, ben_session_, finance_, analyst_;
};

TEST_F(PoolsApiTest, TwoBudgetHoldersFormAPoolAndEachReadsTheirStatement) {
  auto proposed = Send("POST", "/api/pools", Proposal("120.00"), &ada_session_);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const json::object view = Body(proposed);
  const std::string pool(view.at("id").as_string());
  EXPECT_EQ(view.at("status").as_string(), "proposed");
  // Ben is invited: Ada does not see his name or reference until he consents.
  const auto& invited = view.at("members").as_array().at(1).as_object();
  EXPECT_TRUE(invited.at("name").is_null());
  EXPECT_TRUE(invited.at("person_id").is_null());

  auto bens = Send("GET", "/api/people/" + ben_ + "/pools", "", &ben_session_);
  ASSERT_EQ(bens.status, 200) << bens.body;
  EXPECT_EQ(Body(bens).at("pools").as_array().at(0).at("member_status").as_string(), "proposed");

  auto consented = Send("POST", "/api/pools/" + pool + "/consents",
                        R"({"person":")" + ben_ + R"("})", &ben_session_);
  ASSERT_EQ(consented.status, 200) << consented.body;
  EXPECT_EQ(Body(consented).at("status").as_string(), "active");

  // No money has been paid into the members' accounts yet: collecting is refused, naming the
  // account and both amounts, and nothing moves.
  auto short_money = Send("POST", "/api/pools/" + pool + "/contributions", "", &finance_);
  ASSERT_EQ(short_money.status, 409) << short_money.body;
  EXPECT_THAT(short_money.body, HasSubstr("holds £0.00"));
  EXPECT_THAT(short_money.body, HasSubstr("£120.00"));

  // Finance officers find the pool in the council's list, not yet collected; members may not
  // list the council's pools.
  auto listed = Send("GET", "/api/pools", "", &finance_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json::object all = Body(listed);
  const auto& row = all.at("pools").as_array().at(0).as_object();
  EXPECT_EQ(row.at("id").as_string(), pool);
  EXPECT_EQ(row.at("status").as_string(), "active");
  EXPECT_EQ(row.at("members").as_int64(), 2);
  EXPECT_EQ(row.at("member_id").as_string(), ada_);
  EXPECT_EQ(row.at("shares_pence").as_int64(), 24000);
  EXPECT_FALSE(row.at("collected").as_bool());
  EXPECT_TRUE(row.at("period").is_object());
  EXPECT_EQ(Send("GET", "/api/pools", "", &ada_session_).status, 403);

  auto statement =
      Send("GET", "/api/pools/" + pool + "/statement?person=" + ada_, "", &ada_session_);
  ASSERT_EQ(statement.status, 200) << statement.body;
  auto st = Body(statement);
  EXPECT_EQ(st.at("person_name").as_string(), "Ada Okafor");
  EXPECT_EQ(st.at("pool").at("balance_pence").as_int64(), 0);
  EXPECT_EQ(st.at("share_pence").as_int64(), 12000);
  EXPECT_EQ(st.at("pool").at("members").as_array().at(1).at("name").as_string(), "Ben Okafor");
  // Ada may not read Ben's statement.
  auto not_hers =
      Send("GET", "/api/pools/" + pool + "/statement?person=" + ben_, "", &ada_session_);
  EXPECT_EQ(not_hers.status, 404) << not_hers.body;
}

TEST_F(PoolsApiTest, SharesThatDoNotAddUpAreA422NamingTheFieldAndNothingIsStored) {
  auto r = Send("POST", "/api/pools", Proposal("100.00"), &ada_session_);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(Fields(r), std::vector<std::string>{"cost"});
  EXPECT_THAT(r.body, HasSubstr("£220.00"));
  EXPECT_THAT(r.body, HasSubstr("£240.00"));
  auto list = Send("GET", "/api/people/" + ada_ + "/pools", "", &ada_session_);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Body(list).at("pools").as_array().empty());
}

TEST_F(PoolsApiTest, ConsentForAMemberTheProposerCannotActForIsA422AndNothingIsStored) {
  std::string body = Proposal("120.00");
  body.replace(body.rfind(R"("}]})"), 5, R"(","consent":true}]})");
  auto r = Send("POST", "/api/pools", body, &ada_session_);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Fields(r), std::vector<std::string>{"members[1].consent"});
  auto list = Send("GET", "/api/people/" + ben_ + "/pools", "", &ben_session_);
  EXPECT_TRUE(Body(list).at("pools").as_array().empty());
}

TEST_F(PoolsApiTest, BadInputNamesEveryFieldAndNeverA500) {
  auto empty = Send("POST", "/api/pools", R"({"members":"two","colour":"red"})", &ada_session_);
  ASSERT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(Fields(empty), (std::vector<std::string>{"colour", "members"}));
  auto wrong_types = Send("POST", "/api/pools",
                          R"({"name":"x","pays_for":"y","leaving_rule":"stays_with_pool",)"
                          R"("members":[{"person":1,"share":"5"},7]})",
                          &ada_session_);
  ASSERT_EQ(wrong_types.status, 422) << wrong_types.body;
  EXPECT_EQ(Fields(wrong_types), (std::vector<std::string>{"members[0].person", "members[1]"}));
  auto not_json = Send("POST", "/api/pools", "{", &ada_session_);
  EXPECT_EQ(not_json.status, 400);
  auto pay = Send("POST", "/api/pools/01JD000000000000000000P001/payments",
                  R"({"key":"has space","amount":"-1"})", &finance_);
  // The pool does not exist: 404 before the form is looked at.
  EXPECT_EQ(pay.status, 404) << pay.body;
  auto statement =
      Send("GET", "/api/pools/01JD000000000000000000P001/statement", "", &ada_session_);
  EXPECT_EQ(statement.status, 404) << statement.body;
}

TEST_F(PoolsApiTest, JoiningWithoutConsentIsA422AndAnAnalystIsRefused) {
  auto proposed = Send("POST", "/api/pools", Proposal("120.00"), &ada_session_);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string pool(Body(proposed).at("id").as_string());
  auto join = Send("POST", "/api/pools/" + pool + "/members",
                   R"({"person":")" + ben_ + R"(","share":"10.00"})", &ben_session_);
  ASSERT_EQ(join.status, 422) << join.body;
  EXPECT_EQ(Fields(join), std::vector<std::string>{"consent"});
  EXPECT_THAT(join.body, HasSubstr("No one joins a pooled budget without consenting"));
  auto analyst = Send("GET", "/api/pools/" + pool, "", &analyst_);
  EXPECT_EQ(analyst.status, 403) << analyst.body;
  auto collect = Send("POST", "/api/pools/" + pool + "/contributions", "", &ada_session_);
  EXPECT_EQ(collect.status, 403) << collect.body;
  // The pool has not started: a finance officer cannot collect yet.
  auto early = Send("POST", "/api/pools/" + pool + "/contributions", "", &finance_);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_THAT(early.body, HasSubstr("every member must consent first"));
}

}  // namespace
}  // namespace selfdirect::http
