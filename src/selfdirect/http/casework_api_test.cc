#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/service.h"
#include "selfdirect/ras/test_model.h"
#include "tests/support/api_client.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class CaseworkApiTest : public ::testing::Test {
 protected:
  CaseworkApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "admin@westminster.example", {"administrator"});
    t_.AddUser(c, "sw@westminster.example", {"assessor"});
    approver_user_ = t_.AddUser(c, "approver@westminster.example", {"approver"});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    admin_ = SignIn("admin@westminster.example");
    worker_ = SignIn("sw@westminster.example");
    approver_ = SignIn("approver@westminster.example");
    auto published =
        Send("POST", "/api/ras/models",
             json::serialize(json::object{{"yaml", ras::testing::kSmallModel}}), &admin_);
    EXPECT_EQ(published.status, 201) << published.body;
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

  static std::string Outcomes(int unable) {
    json::array outcomes;
    int n = 0;
    for (const char* code :
         {"nutrition", "hygiene", "toilet", "clothing", "home_safety", "habitable_home",
          "relationships", "work_learning", "community", "caring_for_child"}) {
      json::object o{{"outcome", code}, {"achieved", n >= unable}};
      if (n < unable) o["reason"] = "without_assistance";
      outcomes.push_back(o);
      ++n;
    }
    return json::serialize(outcomes);
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  Session admin_;
  Session worker_;
  Session approver_;
  User approver_user_;
};

TEST_F(CaseworkApiTest, AJourneyFromContactToIndicativeBudget) {
  auto created =
      Send("POST", "/api/people",
           R"({"given_name":"Ada","family_name":"Okafor","date_of_birth":"1948-03-27",)"
           R"("nhs_number":"9434765919","primary_support_reason":"physical_personal_care",)"
           R"("communication":{"large_print":true},)"
           R"("contact":{"route_of_access":"hospital_discharge","asked_for":"Help at home"}})",
           &worker_);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto person = Body(created);
  const std::string id(person.at("id").as_string());
  EXPECT_EQ(person.at("nhs_number").as_string(), "943 476 5919");
  EXPECT_EQ(person.at("stage").as_string(), "contact");
  EXPECT_EQ(created.Header("Location"), "/api/people/" + id);

  auto early = Send("POST", "/api/people/" + id + "/assessments",
                    R"({"model":"small","completed_by":"with_assessor","answers":{}})", &worker_);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_THAT(early.body, HasSubstr("eligibility decision before the assessment"));

  auto decided = Send("POST", "/api/people/" + id + "/eligibility",
                      R"({"kind":"adult","needs_arise_from_condition":true,)"
                      R"("significant_impact_on_wellbeing":true,"outcomes":)" +
                          Outcomes(3) + "}",
                      &worker_);
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_TRUE(Body(decided).at("eligible").as_bool());

  auto assessed = Send("POST", "/api/people/" + id + "/assessments",
                       R"({"model":"small","completed_by":"with_assessor","answers":{)"
                       R"("washing":"c","dressing":"b","going_out":"b","nights":2,"age":78,)"
                       R"("living_setting":"supported_living","has_unpaid_carer":true}})",
                       &worker_);
  ASSERT_EQ(assessed.status, 201) << assessed.body;
  EXPECT_EQ(Body(assessed).at("amount_pence").as_int64(), 16665);

  auto file = Send("GET", "/api/people/" + id, "", &worker_);
  ASSERT_EQ(file.status, 200) << file.body;
  const auto f = Body(file);
  EXPECT_EQ(f.at("stage").as_string(), "planning");
  EXPECT_EQ(f.at("eligibility").at("outcomes").as_array().size(), 10u);
  EXPECT_EQ(f.at("assessment").at("model_version").as_int64(), 1);
  EXPECT_EQ(f.at("events").as_array().size(), 3u);
  EXPECT_TRUE(f.at("communication").at("large_print").as_bool());

  const std::string plan_body =
      R"({"outcomes":[{"id":"o1","words":"Get up in time for the day centre"}],"items":[)"
      R"({"what":"Help to get up","supplier":"personal_assistant","unit":"hour",)"
      R"("unit_price":"20.00","quantity":"10","frequency":"per_week","route":"direct_payment",)"
      R"("outcomes":["o1"]}],"written_with":["person"])";
  auto plan = Send("POST", "/api/people/" + id + "/plans", plan_body + "}", &worker_);
  ASSERT_EQ(plan.status, 201) << plan.body;
  const auto p = Body(plan);
  const std::string plan_id(p.at("id").as_string());
  EXPECT_EQ(p.at("cost").at("annual_pence").as_int64(), 1'040'000);
  EXPECT_THAT(std::string(p.at("against_indicative").as_string()), HasSubstr("more than"));
  auto saved = Send("PUT", "/api/plans/" + plan_id, plan_body + R"(,"revision":1})", &worker_);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto stale = Send("PUT", "/api/plans/" + plan_id, plan_body + R"(,"revision":1})", &worker_);
  EXPECT_EQ(stale.status, 409) << stale.body;
  auto no_revision = Send("PUT", "/api/plans/" + plan_id, plan_body + "}", &worker_);
  EXPECT_EQ(no_revision.status, 422);
  auto submitted = Send("POST", "/api/plans/" + plan_id + "/submit", R"({"revision":2})", &worker_);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Body(submitted).at("status").as_string(), "submitted");

  auto waiting = Send("GET", "/api/queues/awaiting-sign-off", "", &approver_);
  ASSERT_EQ(waiting.status, 200) << waiting.body;
  EXPECT_EQ(Body(waiting).at("plans").as_array().size(), 1u);
  EXPECT_EQ(Send("GET", "/api/queues/awaiting-sign-off", "", &worker_).status, 403);
  auto limit = Send("PUT", "/api/users/" + approver_user_.id.str() + "/approval-limit",
                    R"({"limit":"20000"})", &admin_);
  ASSERT_EQ(limit.status, 200) << limit.body;
  auto no_reason = Send("POST", "/api/plans/" + plan_id + "/decision",
                        R"({"decision":"approve","revision":3})", &approver_);
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_THAT(no_reason.body, HasSubstr("\"field\":\"variance_category\""));
  auto approved = Send("POST", "/api/plans/" + plan_id + "/decision",
                       R"({"decision":"approve","variance_category":"market_prices",)"
                       R"("variance_words":"Local hourly rates are higher","revision":3})",
                       &approver_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved).at("status").as_string(), "approved");

  auto queue = Send("GET", "/api/queues/caseload?stage=active", "", &worker_);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(Body(queue).at("people").as_array().size(), 1u);
  EXPECT_EQ(Send("GET", "/api/queues/nope", "", &worker_).status, 404);
  EXPECT_EQ(Send("GET", "/api/queues/caseload?stage=nope", "", &worker_).status, 422);

  // The record lists the plan's versions; the plan its sign-off rounds.
  const auto after = Body(Send("GET", "/api/people/" + id, "", &worker_));
  ASSERT_EQ(after.at("plans").as_array().size(), 1u);
  EXPECT_EQ(after.at("plans").at(0).at("status").as_string(), "approved");
  EXPECT_EQ(after.at("review_due").as_string(), "2027-01-17");
  EXPECT_FALSE(after.at("review_overdue").as_bool());
  const auto rounds = Body(Send("GET", "/api/plans/" + plan_id, "", &worker_)).at("decisions");
  ASSERT_EQ(rounds.as_array().size(), 1u);
  EXPECT_EQ(rounds.at(0).at("variance_label").as_string(), "What support costs locally");

  // The budget statement, as JSON and as a PDF.
  auto budget = Send("GET", "/api/people/" + id + "/budget", "", &worker_);
  ASSERT_EQ(budget.status, 200) << budget.body;
  const auto b = Body(budget);
  EXPECT_EQ(b.at("statement").at("cost_annual_pence").as_int64(), 1'040'000);
  EXPECT_EQ(b.at("statement").at("cost_annual").as_string(), "£10,400.00");
  EXPECT_EQ(b.at("statement").at("council_annual_pence").as_int64(), 1'040'000);
  EXPECT_FALSE(b.at("statement").at("contribution_assessed").as_bool());
  EXPECT_EQ(b.at("next_review").at("due").as_string(), "2027-01-17");
  EXPECT_FALSE(b.at("next_review").at("overdue").as_bool());
  EXPECT_THAT(std::string(b.at("statement").at("sentences").at(0).as_string()),
              HasSubstr("Your personal budget is £10,400.00 a year"));
  auto pdf = Send("GET", "/api/people/" + id + "/budget/statement.pdf", "", &worker_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");

  // A review: a bad one names its fields and changes nothing; a good one moves the review on.
  auto bad_review = Send("POST", "/api/people/" + id + "/reviews",
                         R"({"reason":"planned","method":"by_pigeon","outcomes":[],)"
                         R"("result":"continue","colour":"blue"})",
                         &worker_);
  EXPECT_EQ(bad_review.status, 422) << bad_review.body;
  EXPECT_THAT(bad_review.body, HasSubstr("\"field\":\"colour\""));
  bad_review = Send(
      "POST", "/api/people/" + id + "/reviews",
      R"({"reason":"planned","method":"by_pigeon","outcomes":[],"result":"continue"})", &worker_);
  EXPECT_EQ(bad_review.status, 422) << bad_review.body;
  EXPECT_THAT(bad_review.body, HasSubstr("\"field\":\"method\""));
  EXPECT_THAT(bad_review.body, HasSubstr("\"field\":\"outcomes.o1\""));
  EXPECT_EQ(Body(Send("GET", "/api/people/" + id + "/budget", "", &worker_))
                .at("reviews")
                .as_array()
                .size(),
            0u);
  auto reviewed = Send("POST", "/api/people/" + id + "/reviews",
                       R"({"reason":"planned","method":"in_person","result":"continue",)"
                       R"("outcomes":[{"outcome":"o1","rating":"achieved",)"
                       R"("persons_view":"I am up by 9 every day"}]})",
                       &worker_);
  ASSERT_EQ(reviewed.status, 201) << reviewed.body;
  EXPECT_EQ(Body(reviewed).at("outcomes").at(0).at("rating_label").as_string(), "Achieved");
  EXPECT_EQ(Body(Send("GET", "/api/people/" + id + "/budget", "", &worker_))
                .at("next_review")
                .at("due")
                .as_string(),
            "2027-11-22");
  EXPECT_EQ(
      Body(Send("GET", "/api/queues/reviews-due", "", &worker_)).at("people").as_array().size(),
      0u);
  EXPECT_EQ(Send("GET", "/api/queues/overdue-reviews?after=nonsense", "", &worker_).status, 422);

  // Closing the case.
  auto closed = Send("POST", "/api/people/" + id + "/closure",
                     R"({"reason":"moved_away","words":"Moved to Leeds"})", &worker_);
  ASSERT_EQ(closed.status, 200) << closed.body;
  const auto closed_file = Body(Send("GET", "/api/people/" + id, "", &worker_));
  EXPECT_EQ(closed_file.at("stage").as_string(), "closed");
  EXPECT_EQ(closed_file.at("closure").at("reason_label").as_string(),
            "Moved to another council's area");
  EXPECT_TRUE(closed_file.at("review_due").is_null());
  EXPECT_EQ(Send("POST", "/api/people/" + id + "/closure", R"({"reason":"died"})", &worker_).status,
            409);
}

TEST_F(CaseworkApiTest, BadInputIsRefusedFieldByFieldAndNothingIsSaved) {
  auto bad = Send("POST", "/api/people",
                  R"({"given_name":"","family_name":"Okafor","date_of_birth":"2099-01-01",)"
                  R"("nhs_number":"9434765918","contact":{"route_of_access":"community"}})",
                  &worker_);
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::vector<std::string> fields;
  const auto problem = Body(bad);
  for (const auto& e : problem.at("errors").as_array())
    fields.emplace_back(e.at("field").as_string());
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("given_name", "date_of_birth", "nhs_number"));
  EXPECT_TRUE(
      Body(Send("GET", "/api/queues/caseload", "", &worker_)).at("people").as_array().empty());

  auto wrong_type =
      Send("POST", "/api/people",
           R"({"given_name":7,"family_name":"O","date_of_birth":"1948-03-27",)"
           R"("contact":{"route_of_access":"community"},"communication":{"easy_read":"yes"}})",
           &worker_);
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_THAT(wrong_type.body, HasSubstr("\"field\":\"given_name\""));
  EXPECT_THAT(wrong_type.body, HasSubstr("\"field\":\"communication.easy_read\""));
  EXPECT_EQ(Send("GET", "/api/people/01JD00000000000000000PER51", "", &worker_).status, 404);
  EXPECT_EQ(Send("GET", "/api/people/not-an-id", "", &worker_).status, 404);
}

TEST_F(CaseworkApiTest, CarersAreLinkedAndEnded) {
  auto created = Send("POST", "/api/people",
                      R"({"given_name":"Ada","family_name":"Okafor","date_of_birth":"1948-03-27",)"
                      R"("contact":{"route_of_access":"community"}})",
                      &worker_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(Body(created).at("id").as_string());
  const std::string carers = "/api/people/" + id + "/carers";

  // Bad input: every field named, nothing saved.
  auto bad = Send("POST", carers,
                  R"({"name":"","nhs_number":"123","relationship":"cousin","lives_with":"x",)"
                  R"("assessment_offer":"offered","offered_on":"2099-01-01"})",
                  &worker_);
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"nhs_number", "relationship", "lives_with", "offered_on"}) {
    EXPECT_THAT(bad.body, HasSubstr(std::string("\"field\":\"") + field + "\""));
  }
  EXPECT_TRUE(Body(Send("GET", "/api/people/" + id, "", &worker_)).at("carers").as_array().empty());

  auto added = Send("POST", carers,
                    R"({"name":"Sam Okafor","relationship":"son_or_daughter","lives_with":"yes",)"
                    R"("assessment_offer":"accepted","offered_on":"2026-11-20"})",
                    &worker_);
  ASSERT_EQ(added.status, 201) << added.body;
  const auto carer = Body(added);
  EXPECT_EQ(carer.at("description").as_string(), "Sam Okafor (son or daughter), lives with them");
  EXPECT_TRUE(carer.at("carer_person_id").is_null());
  auto file = Body(Send("GET", "/api/people/" + id, "", &worker_));
  EXPECT_EQ(file.at("has_unpaid_carer").as_string(), "yes");
  ASSERT_EQ(file.at("carers").as_array().size(), 1u);
  EXPECT_EQ(file.at("carers").at(0).at("assessment_offer_label").as_string(), "Accepted");

  const std::string end = carers + "/" + std::string(carer.at("id").as_string()) + "/end";
  EXPECT_EQ(Send("POST", end, "", &worker_).status, 204);
  EXPECT_EQ(Send("POST", end, "", &worker_).status, 404);
  file = Body(Send("GET", "/api/people/" + id, "", &worker_));
  EXPECT_FALSE(file.at("carers").at(0).at("ended_at").is_null());
}

}  // namespace
}  // namespace selfdirect::http
