#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/service.h"
#include "selfdirect/ras/test_model.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class RasApiTest : public ::testing::Test {
 protected:
  RasApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "admin@westminster.example", {"administrator"});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    auto r = Send("POST", "/api/session",
                  R"({"council":"E09000033","email":"admin@westminster.example",)"
                  R"("password":"correct horse battery staple"})");
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string set_cookie = r.Header("Set-Cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = std::string(Body(r).at("csrf_token").as_string());
  }

  Response Send(std::string method, std::string target, std::string body = "",
                bool as_admin = false) {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    r.headers.emplace("Content-Type", "application/json");
    if (as_admin) {
      r.headers.emplace("Cookie", cookie_);
      r.headers.emplace("X-CSRF-Token", csrf_);
    }
    return service_->Handle(r);
  }

  static json::object Body(const Response& r) { return json::parse(r.body).as_object(); }

  Response Publish(const std::string& yaml) {
    return Send("POST", "/api/ras/models", json::serialize(json::object{{"yaml", yaml}}), true);
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  std::string cookie_;
  std::string csrf_;
};

TEST_F(RasApiTest, PublishesThenShowsTheModelToAnyone) {
  auto published = Publish(ras::testing::kSmallModel);
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(Body(published).at("version").as_int64(), 1);

  auto list = Send("GET", "/api/ras/models?council=E09000033");
  ASSERT_EQ(list.status, 200) << list.body;
  const auto list_body = Body(list);
  const auto& models = list_body.at("models").as_array();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].at("id").as_string(), "small");
  EXPECT_EQ(models[0].at("current").at("version").as_int64(), 1);

  auto model = Send("GET", "/api/ras/models/small/versions/current?council=E09000033");
  ASSERT_EQ(model.status, 200) << model.body;
  const auto m = Body(model);
  EXPECT_EQ(m.at("period_phrase").as_string(), "a week");
  EXPECT_EQ(m.at("questions").as_array()[0].at("options").as_array()[2].at("score").as_string(),
            "10");
  EXPECT_EQ(m.at("parameters").as_array()[0].at("value").as_string(), "5.1");
  EXPECT_EQ(m.at("bands").as_array()[0].at("bands").as_array()[0].at("at_least"), nullptr);
  EXPECT_EQ(m.at("tables").as_array()[0].at("rows").as_array()[1].at("key_labels").as_array()[0],
            "In supported living");
  EXPECT_EQ(m.at("examples").as_array()[0].at("amount_pence").as_int64(), 16665);

  EXPECT_EQ(Send("GET", "/api/ras/models/small/versions/2?council=E09000033").status, 404);
  EXPECT_EQ(Send("GET", "/api/ras/models/small/versions/x?council=E09000033").status, 404);
}

TEST_F(RasApiTest, EvaluatesForAnyoneAndNamesEveryRefusedAnswer) {
  ASSERT_EQ(Publish(ras::testing::kSmallModel).status, 201);
  auto ok = Send("POST", "/api/ras/evaluate",
                 R"({"council":"E09000033","model":"small","answers":{"washing":"c",)"
                 R"("dressing":"b","going_out":"b","nights":2,"age":45,)"
                 R"("living_setting":"supported_living","has_unpaid_carer":true}})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok).at("amount_pence").as_int64(), 16665);
  EXPECT_EQ(Body(ok).at("amount").as_string(), "£166.65");

  auto bad = Send("POST", "/api/ras/evaluate",
                  R"({"council":"E09000033","model":"small","answers":{"washing":"c",)"
                  R"("nights":"two","age":45.5}})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::vector<std::string> fields;
  const auto problem = Body(bad);
  for (const auto& e : problem.at("errors").as_array()) {
    fields.emplace_back(e.at("field").as_string());
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre(
                          "answers.nights", "answers.age", "answers.dressing", "answers.going_out",
                          "answers.living_setting", "answers.has_unpaid_carer"));
  EXPECT_THAT(bad.body, HasSubstr("should be a number, not the text \\\"two\\\""));

  EXPECT_EQ(
      Send("POST", "/api/ras/evaluate", R"({"council":"E09000033","model":"nope","answers":{}})")
          .status,
      404);
  auto shape = Send("POST", "/api/ras/evaluate", R"({"council":"E09000033","answers":[1]})");
  EXPECT_EQ(shape.status, 422);
  EXPECT_THAT(shape.body, HasSubstr("\"field\":\"model\""));
  EXPECT_THAT(shape.body, HasSubstr("\"field\":\"answers\""));
}

TEST_F(RasApiTest, CheckReportsProblemsWithLinesAndPublishRefusesThem) {
  std::string broken = ras::testing::kSmallModel;
  broken.replace(broken.find("going_out)"), 9, "going_uot");
  auto check =
      Send("POST", "/api/ras/models/check", json::serialize(json::object{{"yaml", broken}}), true);
  ASSERT_EQ(check.status, 200) << check.body;
  const auto report = Body(check);
  EXPECT_FALSE(report.at("ok").as_bool());
  const auto problem = report.at("problems").as_array().at(0).as_object();
  EXPECT_GT(problem.at("line").as_int64(), 1);
  EXPECT_THAT(std::string(problem.at("message").as_string()), HasSubstr("going_uot"));

  auto refused = Publish(broken);
  EXPECT_EQ(refused.status, 422);
  EXPECT_THAT(refused.body, HasSubstr("\"field\":\"yaml\""));
  EXPECT_EQ(Send("GET", "/api/ras/models?council=E09000033").body.find("small"), std::string::npos);

  EXPECT_EQ(Send("POST", "/api/ras/models/check", R"({"yaml":"x"})").status, 401);
  EXPECT_EQ(Send("POST", "/api/ras/models/check", R"({})", true).status, 422);
}

}  // namespace
}  // namespace selfdirect::http
