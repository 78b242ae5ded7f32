// The authorization matrix: every registered route × every role × the actor's own council and
// another council, against the expected allow or deny. A route added without a row here fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "selfdirect/http/service.h"
#include "tests/support/test_app.h"

namespace selfdirect {
namespace {

using http::Request;
using http::Response;

// Who may use each route in their own council. "anyone" includes people not signed in;
// "signed-in" is every role. Another council's records are always hidden (404) from everyone.
const std::map<std::string, std::set<std::string>> kMatrix = {
    {"probe.health", {"anyone"}},
    {"probe.ready", {"anyone"}},
    {"probe.metrics", {"anyone"}},
    {"version.get", {"anyone"}},
    {"councils.list", {"anyone"}},
    {"councils.get", {"signed-in"}},
    {"schemes.list",
     {"support-planner", "assessor", "approver", "finance-officer", "commissioner",
      "safeguarding-lead", "analyst", "administrator", "auditor"}},
    {"schemes.create", {"administrator"}},
    {"session.get", {"signed-in"}},
    {"session.create", {"anyone"}},
    {"session.delete", {"signed-in"}},
    {"account.password", {"signed-in"}},
    {"account.set-password", {"anyone"}},
    {"account.totp.begin", {"signed-in"}},
    {"account.totp.confirm", {"signed-in"}},
    {"users.list", {"administrator"}},
    {"users.create", {"administrator"}},
    {"users.disable", {"administrator"}},
    {"users.roles", {"administrator"}},
    {"tokens.list", {"administrator"}},
    {"tokens.create", {"administrator"}},
    {"tokens.revoke", {"administrator"}},
    {"audit.search", {"auditor"}},
};

// Routes whose path names a council: for these, the other council's id is tried too.
bool CouncilScoped(const std::string& pattern) {
  return pattern.find("{council}") != std::string::npos;
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  AccessMatrixTest() {
    home_ = t_.AddCouncil("E09000033", "Home");
    other_ = t_.AddCouncil("E08000025", "Other");
    target_home_ = t_.AddUser(home_, "target@home.example", {"analyst"});
    target_other_ = t_.AddUser(other_, "target@other.example", {"analyst"});
    token_home_ = t_.accounts()
                      .CreateApiToken(app::Context::Operator("t"), home_.id, target_home_.id,
                                      "Reporting", {"analyst"})
                      .value()
                      .token.token_id;
    token_other_ = t_.accounts()
                       .CreateApiToken(app::Context::Operator("t"), other_.id, target_other_.id,
                                       "Reporting", {"analyst"})
                       .value()
                       .token.token_id;
    service_ = std::make_unique<http::HttpService>(t_.app(), t_.accounts(), metrics_,
                                                   http::ServiceOptions{});
  }

  struct Session {
    std::string cookie;
    std::string csrf;
  };

  Session SignInAs(const std::string& role) {
    const std::string email = role + "@home.example";
    t_.AddUser(home_, email, {role});
    Request r;
    r.method = "POST";
    r.target = "/api/session";
    r.headers.emplace("Content-Type", "application/json");
    r.body = R"({"council":"E09000033","email":")" + email +
             R"(","password":"correct horse battery staple"})";
    auto response = service_->Handle(r);
    EXPECT_EQ(response.status, 201) << response.body;
    auto body = boost::json::parse(response.body).as_object();
    const auto cookie = response.Header("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), std::string(body.at("csrf_token").as_string())};
  }

  std::string Fill(const std::string& pattern, bool other) {
    std::string path = pattern;
    auto put = [&](const std::string& name, const std::string& value) {
      const auto at = path.find("{" + name + "}");
      if (at != std::string::npos) path.replace(at, name.size() + 2, value);
    };
    put("council", (other ? other_ : home_).id.str());
    put("user", (other ? target_other_ : target_home_).id.str());
    put("token", other ? token_other_ : token_home_);
    return path;
  }

  // A body that passes the shape checks, so that an allowed request is not refused for its form.
  std::string BodyFor(const std::string& route) const {
    if (route == "tokens.create") {
      return R"({"user_id":")" + target_home_.id.str() +
             R"(","name":"Export","roles":["analyst"]})";
    }
    if (route == "schemes.create") return R"({"name":"Scheme","kind":"carers"})";
    if (route == "users.create") {
      return R"({"email":"made@home.example","display_name":"Made","roles":["analyst"]})";
    }
    if (route == "users.roles") return R"({"roles":["analyst"]})";
    if (route == "account.totp.confirm") return R"({"code":"000000"})";
    if (route == "account.password") {
      return R"({"current_password":"wrong","new_password":"purple kettle river"})";
    }
    if (route == "session.create") {
      return R"({"council":"E09000033","email":"target@home.example",)"
             R"("password":"correct horse battery staple"})";
    }
    if (route == "account.set-password")
      return R"({"council":"E09000033","token":"x","password":"x"})";
    return "";
  }

  Response Call(const http::Route& route, const std::string& path, const Session* session) {
    Request r;
    r.method = route.method;
    r.target = path;
    r.body = BodyFor(route.name);
    if (!r.body.empty()) r.headers.emplace("Content-Type", "application/json");
    if (session) {
      r.headers.emplace("Cookie", session->cookie);
      r.headers.emplace("X-CSRF-Token", session->csrf);
    }
    return service_->Handle(r);
  }

  static bool Denied(int status) { return status == 401 || status == 403 || status == 404; }

  testing::TestApp t_;
  http::Metrics metrics_;
  Council home_, other_;
  User target_home_, target_other_;
  std::string token_home_, token_other_;
  std::unique_ptr<http::HttpService> service_;
};

TEST_F(AccessMatrixTest, EveryRouteIsInTheMatrix) {
  for (const auto& route : service_->router().routes()) {
    EXPECT_TRUE(kMatrix.count(route.name)) << "route " << route.name << " (" << route.method << " "
                                           << route.pattern << ") has no row in the matrix";
  }
}

TEST_F(AccessMatrixTest, EveryRoleGetsExactlyWhatTheMatrixSays) {
  std::map<std::string, Session> sessions;
  for (Role role : kAllRoles) sessions[RoleName(role)] = SignInAs(RoleName(role));

  for (const auto& route : service_->router().routes()) {
    if (route.name == "session.delete") continue;  // would end the session; tested separately
    const auto& allowed = kMatrix.at(route.name);
    const bool anyone = allowed.count("anyone") > 0;
    const bool signed_in = anyone || allowed.count("signed-in") > 0;

    // Not signed in.
    const auto anon = Call(route, Fill(route.pattern, false), nullptr);
    EXPECT_EQ(!Denied(anon.status) || (anyone && anon.status == 404), anyone)
        << "anonymous " << route.name << " → " << anon.status << " " << anon.body;
    if (!anyone) {
      EXPECT_EQ(anon.status, 401) << route.name;
    }

    for (Role role : kAllRoles) {
      const std::string name = RoleName(role);
      const bool expect = signed_in || allowed.count(name) > 0;
      const auto own = Call(route, Fill(route.pattern, false), &sessions[name]);
      if (expect) {
        EXPECT_FALSE(Denied(own.status) && own.status != 404)
            << name << " " << route.name << " own council → " << own.status << " " << own.body;
        EXPECT_NE(own.status, 404) << name << " " << route.name << ": " << own.body;
      } else {
        EXPECT_EQ(own.status, 403)
            << name << " " << route.name << " own council → " << own.status << " " << own.body;
      }
      if (CouncilScoped(route.pattern)) {
        const auto other = Call(route, Fill(route.pattern, true), &sessions[name]);
        EXPECT_EQ(other.status, 404) << name << " " << route.name << " other council → "
                                     << other.status << " " << other.body;
      }
    }
  }
}

TEST_F(AccessMatrixTest, DenialsAreAudited) {
  const auto analyst = SignInAs("analyst");
  for (const auto& route : service_->router().routes()) {
    if (route.name == "users.list") {
      EXPECT_EQ(Call(route, Fill(route.pattern, false), &analyst).status, 403);
      EXPECT_EQ(Call(route, Fill(route.pattern, true), &analyst).status, 404);
    }
  }
  auto entries = t_.accounts().SearchAudit(app::Context::Operator("t"),
                                           {.council_id = home_.id, .action = "users.manage"});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  for (const auto& e : *entries) EXPECT_EQ(e.outcome, AuditOutcome::kDenied);
}

}  // namespace
}  // namespace selfdirect
