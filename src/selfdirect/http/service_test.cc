#include "selfdirect/http/service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class ServiceTest : public ::testing::Test {
 protected:
  ServiceTest() {
    std::filesystem::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>selfdirect</title>";
    std::ofstream(web_ / "404.html") << "<!doctype html><h1>Page not found</h1>";
    std::ofstream(web_ / "sign-in.html") << "<!doctype html><h1>Sign in</h1>";
    std::ofstream(web_ / "assets" / "main-abc123.js") << "console.log(1)";
    std::ofstream(web_ / "assets" / "site.css") << "body{}";
    std::ofstream(t_.dir().File("secret.txt")) << "secret";
    std::filesystem::create_symlink(t_.dir().File("secret.txt"), web_ / "escape.txt");
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{.web_root = web_});
  }

  struct Session {
    std::string cookie;  // "sd_session=…"
    std::string csrf;
  };

  Session SignIn(const std::string& email,
                 const std::string& password = "correct horse battery staple") {
    auto r = Send("POST", "/api/session",
                  R"({"email":")" + email + R"(","password":")" + password + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string set_cookie = r.Header("Set-Cookie");
    return {set_cookie.substr(0, set_cookie.find(';')),
            std::string(Body(r).at("csrf_token").as_string())};
  }

  Response As(const Session& s, std::string method, std::string target, std::string body = "") {
    return Send(std::move(method), std::move(target), std::move(body), "application/json",
                {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
  }

  Response Send(std::string method, std::string target, std::string body = "",
                std::string content_type = "application/json", Headers extra = {}) {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    if (!content_type.empty()) r.headers.emplace("Content-Type", content_type);
    for (auto& h : extra) r.headers.insert(h);
    return service_->Handle(r);
  }

  static json::object Body(const Response& r) { return json::parse(r.body).as_object(); }

  // A council with an administrator signed in.
  std::string CreateCouncil() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "admin@westminster.example", {"administrator"});
    admin_ = SignIn("admin@westminster.example");
    return c.id.str();
  }

  Session admin_;

  testing::TestApp t_;
  std::filesystem::path web_ = t_.dir().path() / "web";
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
};

TEST_F(ServiceTest, Healthz_AnswersOk) {
  auto r = Send("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r).at("status").as_string(), "ok");
}

TEST_F(ServiceTest, Readyz_ReportsSchemaVersion) {
  auto r = Send("GET", "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("status").as_string(), "ready");
}

TEST_F(ServiceTest, EveryResponseCarriesSecurityHeadersAndARequestId) {
  for (const char* target : {"/healthz", "/", "/nothing-here", "/../etc/passwd", "/api/x"}) {
    auto r = Send("GET", target);
    EXPECT_THAT(r.Header("Content-Security-Policy"), HasSubstr("frame-ancestors 'none'")) << target;
    EXPECT_THAT(r.Header("Content-Security-Policy"), HasSubstr("script-src 'self'")) << target;
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(r.Header("Referrer-Policy"), "same-origin") << target;
    EXPECT_EQ(r.Header("X-Request-Id").size(), 26u) << target;
  }
}

TEST_F(ServiceTest, RequestId_IsEchoedWhenWellFormedAndReplacedOtherwise) {
  auto ok = Send("GET", "/healthz", "", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(ok.Header("X-Request-Id"), "abc-123");
  auto bad = Send("GET", "/healthz", "", "", {{"X-Request-Id", "<script>"}});
  EXPECT_NE(bad.Header("X-Request-Id"), "<script>");
}

TEST_F(ServiceTest, PathTraversal_IsRefusedWithProblemJson) {
  for (const char* target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                             "/assets/..%2f..%2fsecret.txt", "/a/./b", "/..\\etc", "/%00"}) {
    auto r = Send("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.content_type, "application/problem+json") << target;
    EXPECT_EQ(Body(r).at("status").as_int64(), 400);
  }
}

TEST_F(ServiceTest, StaticFiles_ServeIndexWithTypesAndCaching) {
  auto index = Send("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("Cache-Control"), "no-cache");
  auto js = Send("GET", "/assets/main-abc123.js");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_THAT(js.Header("Cache-Control"), HasSubstr("immutable"));
  auto again =
      Send("GET", "/assets/main-abc123.js", "", "", {{"If-None-Match", js.Header("ETag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  auto page = Send("GET", "/sign-in");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("Sign in"));
  EXPECT_EQ(Send("GET", "/sign-in.html").status, 200);
}

TEST_F(ServiceTest, StaticFiles_NoListingsAndNoEscapeThroughSymlinks) {
  EXPECT_EQ(Send("GET", "/assets").status, 404);
  EXPECT_EQ(Send("GET", "/assets/").status, 404);
  auto escape = Send("GET", "/escape.txt");
  EXPECT_EQ(escape.status, 404);
  EXPECT_THAT(escape.body, ::testing::Not(HasSubstr("secret")));
}

TEST_F(ServiceTest, UnknownPage_IsA404PageForBrowsersAndProblemJsonOtherwise) {
  auto page = Send("GET", "/no-such-page", "", "", {{"Accept", "text/html"}});
  EXPECT_EQ(page.status, 404);
  EXPECT_THAT(page.body, HasSubstr("Page not found"));
  auto api = Send("GET", "/api/no-such-thing", "", "", {{"Accept", "text/html"}});
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.content_type, "application/problem+json");
}

TEST_F(ServiceTest, WrongMethod_Is405WithAllow) {
  auto r = Send("DELETE", "/api/councils");
  EXPECT_EQ(r.status, 405);
  EXPECT_THAT(r.Header("Allow"), HasSubstr("GET"));
  EXPECT_EQ(Send("POST", "/index.html").status, 404);
}

TEST_F(ServiceTest, BadJson_Is400ProblemAndChangesNothing) {
  for (const char* body : {"{", "[1,2]", "\"text\"", "{\"code\": }", "",
                           "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":"
                           "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":"
                           "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":"
                           "{\"a\":{\"a\":{\"a\":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}"}) {
    auto r = Send("POST", "/api/session", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_EQ(Body(r).at("type").as_string(), "/problems/invalid-json") << r.body;
  }
  const auto councils = Send("GET", "/api/councils");
  ASSERT_EQ(councils.status, 200) << councils.body;
  EXPECT_EQ(Body(councils).at("councils").as_array().size(), 0u);
}

TEST_F(ServiceTest, WrongMediaTypeAndEncodedBodies_AreRefused) {
  EXPECT_EQ(Send("POST", "/api/session", "email=1", "application/x-www-form-urlencoded").status,
            415);
  auto gz =
      Send("POST", "/api/session", "\x1f\x8b", "application/json", {{"Content-Encoding", "gzip"}});
  EXPECT_EQ(gz.status, 415);
  EXPECT_EQ(gz.content_type, "application/problem+json");
}

TEST_F(ServiceTest, Validation_NamesEachFieldAndUnknownFields) {
  const std::string council = CreateCouncil();
  auto r = As(admin_, "POST", "/api/councils/" + council + "/schemes",
              R"({"name": 12, "kind": "carers", "colour": "red"})");
  EXPECT_EQ(r.status, 422);
  const auto body = Body(r);
  const auto& errors = body.at("errors").as_array();
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.emplace_back(e.at("field").as_string());
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("name", "colour"));
  EXPECT_EQ(Body(As(admin_, "GET", "/api/councils/" + council + "/schemes"))
                .at("schemes")
                .as_array()
                .size(),
            0u);
}

TEST_F(ServiceTest, Schemes_CreateListAndRejectBadSettings) {
  const std::string council = CreateCouncil();
  const std::string path = "/api/councils/" + council + "/schemes";
  auto created = As(admin_, "POST", path,
                    R"({"name":"Personal budgets","kind":"adult-social-care",
                          "settings":{"weeks_per_year":"365/7","payment_interval":"four-weekly"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto created_body = Body(created);
  EXPECT_EQ(created_body.at("settings").at("weeks_per_year").as_string(), "365/7");
  EXPECT_THAT(created.Header("Location"), HasSubstr(council));

  auto bad = As(admin_, "POST", path,
                R"({"name":"Carers","kind":"carers","settings":{"weeks_per_year":"fifty",
                      "surplus_threshold_weeks":"8","extra":1}})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::vector<std::string> fields;
  const auto bad_body = Body(bad);
  for (const auto& e : bad_body.at("errors").as_array())
    fields.emplace_back(e.at("field").as_string());
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("settings.surplus_threshold_weeks",
                                                      "settings.extra"));

  auto dup = As(admin_, "POST", path, R"({"name":"Personal budgets","kind":"carers"})");
  EXPECT_EQ(dup.status, 409);

  auto list = As(admin_, "GET", path);
  EXPECT_EQ(Body(list).at("schemes").as_array().size(), 1u);
}

TEST_F(ServiceTest, UnknownOrMalformedCouncilIds_Are404) {
  CreateCouncil();
  EXPECT_EQ(As(admin_, "GET", "/api/councils/not-an-id/schemes").status, 404);
  EXPECT_EQ(As(admin_, "GET", "/api/councils/01ARZ3NDEKTSV4RRFFQ69G5FAV").status, 404);
}

TEST_F(ServiceTest, Metrics_CountRequestsByRoute) {
  Send("GET", "/healthz");
  Send("GET", "/healthz");
  auto r = Send("GET", "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.content_type, HasSubstr("text/plain"));
  EXPECT_THAT(
      r.body,
      HasSubstr(
          R"(selfdirect_http_requests_total{method="GET",route="probe.health",status="200"} 2)"));
  EXPECT_THAT(r.body, HasSubstr("selfdirect_http_request_duration_seconds_bucket"));
}

TEST_F(ServiceTest, SignIn_SetsAStrictHttpOnlyCookieAndSignOutEndsIt) {
  CreateCouncil();
  auto r =
      Send("POST", "/api/session",
           R"({"email":"admin@westminster.example","password":"correct horse battery staple"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string cookie = r.Header("Set-Cookie");
  EXPECT_THAT(cookie, HasSubstr("sd_session="));
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(cookie, HasSubstr("Path=/"));
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("argon2")));  // never the hash

  auto session = As(admin_, "GET", "/api/session");
  EXPECT_EQ(session.status, 200);
  EXPECT_FALSE(Body(session).at("must_set_up_totp").as_bool());
  auto out = As(admin_, "DELETE", "/api/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_THAT(out.Header("Set-Cookie"), HasSubstr("Max-Age=0"));
  auto after = As(admin_, "GET", "/api/session");
  EXPECT_EQ(after.status, 401);
}

TEST_F(ServiceTest, StateChanges_NeedTheSessionsCsrfToken) {
  const std::string council = CreateCouncil();
  const std::string path = "/api/councils/" + council + "/schemes";
  const std::string body = R"({"name":"Carers","kind":"carers"})";
  auto missing = Send("POST", path, body, "application/json", {{"Cookie", admin_.cookie}});
  EXPECT_EQ(missing.status, 403);
  EXPECT_THAT(missing.body, HasSubstr("csrf"));
  auto wrong = Send("POST", path, body, "application/json",
                    {{"Cookie", admin_.cookie}, {"X-CSRF-Token", "guess"}});
  EXPECT_EQ(wrong.status, 403);
  auto cross = Send("POST", path, body, "application/json",
                    {{"Cookie", admin_.cookie},
                     {"X-CSRF-Token", admin_.csrf},
                     {"Origin", "https://evil.example"},
                     {"Host", "selfdirect.example"}});
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(Body(As(admin_, "GET", path)).at("schemes").as_array().size(), 0u)
      << "refused requests changed nothing";
  EXPECT_EQ(As(admin_, "POST", path, body).status, 201);
}

TEST_F(ServiceTest, SigningInAgainWhileSignedIn_NeedsNoCsrfToken) {
  CreateCouncil();
  auto again =
      Send("POST", "/api/session",
           R"({"email":"admin@westminster.example","password":"correct horse battery staple"})",
           "application/json", {{"Cookie", admin_.cookie}});
  EXPECT_EQ(again.status, 201) << again.body;
  // ...but a public route is still refused from another site.
  auto cross =
      Send("POST", "/api/session",
           R"({"email":"admin@westminster.example","password":"correct horse battery staple"})",
           "application/json",
           {{"Cookie", admin_.cookie}, {"Origin", "https://evil.example"}, {"Host", "x"}});
  EXPECT_EQ(cross.status, 403);
}

TEST_F(ServiceTest, SignIn_NeverAdoptsASessionIdTheClientOffered) {
  CreateCouncil();
  const std::string planted = "sd_session=" + t_.app().ListCouncils({}).value().front().id.str() +
                              "." + std::string(43, 'A');
  auto r =
      Send("POST", "/api/session",
           R"({"email":"admin@westminster.example","password":"correct horse battery staple"})",
           "application/json", {{"Cookie", planted}});
  ASSERT_EQ(r.status, 201);
  EXPECT_THAT(r.Header("Set-Cookie"), ::testing::Not(HasSubstr(std::string(43, 'A'))));
  EXPECT_EQ(Send("GET", "/api/session", "", "", {{"Cookie", planted}}).status, 401);
}

TEST_F(ServiceTest, ProtectedRoutes_Answer401WithoutASession) {
  const std::string council = CreateCouncil();
  auto r = Send("GET", "/api/councils/" + council + "/schemes");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto expired = Send("GET", "/api/councils/" + council + "/schemes", "", "",
                      {{"Cookie", "sd_session=garbage"}});
  EXPECT_EQ(expired.status, 401);
  EXPECT_THAT(expired.Header("Set-Cookie"), HasSubstr("Max-Age=0"));
}

TEST_F(ServiceTest, ApiTokens_AreShownOnceActWithTheirRolesAndCanBeRevoked) {
  const std::string council = CreateCouncil();
  const Council c = t_.app().GetCouncil(app::Context::Operator("t"), CouncilId(council)).value();
  const User robot =
      t_.AddUser(c, "finance-system@westminster.example", {"finance-officer", "analyst"});
  auto issued =
      As(admin_, "POST", "/api/councils/" + council + "/tokens",
         R"({"user_id":")" + robot.id.str() + R"(","name":"Nightly export","roles":["analyst"]})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const auto body = Body(issued);
  const std::string value(body.at("value").as_string());
  const std::string id(body.at("id").as_string());
  EXPECT_EQ(value.rfind("sdt.", 0), 0u);
  // Listing never shows the value again.
  EXPECT_THAT(As(admin_, "GET", "/api/councils/" + council + "/tokens").body,
              ::testing::Not(HasSubstr(value.substr(30))));

  auto bearer = [&](const std::string& path) {
    return Send("GET", path, "", "", {{"Authorization", "Bearer " + value}});
  };
  EXPECT_EQ(bearer("/api/councils/" + council + "/schemes").status, 200);  // analyst may read
  EXPECT_EQ(bearer("/api/councils/" + council + "/users").status, 403);    // not an admin
  EXPECT_EQ(Send("GET", "/api/councils/" + council + "/schemes", "", "",
                 {{"Authorization", "Bearer sdt.nonsense"}})
                .status,
            401);
  // A role the user does not hold cannot be put on a token.
  auto too_much =
      As(admin_, "POST", "/api/councils/" + council + "/tokens",
         R"({"user_id":")" + robot.id.str() + R"(","name":"X","roles":["administrator"]})");
  EXPECT_EQ(too_much.status, 422);

  EXPECT_EQ(As(admin_, "DELETE", "/api/councils/" + council + "/tokens/" + id).status, 204);
  EXPECT_EQ(bearer("/api/councils/" + council + "/schemes").status, 401);
}

TEST_F(ServiceTest, HandlerExceptions_BecomeABare500WithoutDetails) {
  service_->mutable_router().Add("GET", "/api/boom", "test.boom", Action::kPublic,
                                 [](const Request&, const PathParams&) -> Response {
                                   throw std::runtime_error("sqlite: disk I/O error in /secret");
                                 });
  auto r = Send("GET", "/api/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("sqlite")));
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("secret")));
  EXPECT_FALSE(r.Header("X-Request-Id").empty());
}

}  // namespace
}  // namespace selfdirect::http
