#include "selfdirect/app/casework.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/ras/test_model.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

class CaseworkTest : public ::testing::Test {
 protected:
  CaseworkTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  casework::NewPerson Ada() {
    casework::NewPerson p;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = "1948-03-27";
    p.nhs_number = "943 476 5919";
    p.primary_support_reason = "physical_personal_care";
    return p;
  }

  NewContact Referral() { return {"2026-11-20", "hospital_discharge", "Help at home", ""}; }

  casework::NewDetermination Eligible() {
    casework::NewDetermination d;
    d.kind = "adult";
    d.needs_arise_from_condition = true;
    d.significant_impact_on_wellbeing = true;
    int n = 0;
    for (const auto& a : casework::AdultOutcomes()) {
      casework::OutcomeFinding f{a.code, n++ >= 3, std::nullopt, ""};
      if (!f.achieved) f.reason = casework::UnableReason::kWithoutAssistance;
      d.outcomes.push_back(f);
    }
    return d;
  }

  NewAssessment Answers() {
    using K = ras::RawAnswer::Kind;
    return {"small",
            "with_assessor",
            {{"washing", {K::kText, "c", false}},
             {"dressing", {K::kText, "b", false}},
             {"going_out", {K::kText, "b", false}},
             {"nights", {K::kNumber, "2", false}},
             {"age", {K::kNumber, "78", false}},
             {"living_setting", {K::kText, "supported_living", false}},
             {"has_unpaid_carer", {K::kYesNo, "", true}}}};
  }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, finance_;
};

TEST_F(CaseworkTest, FromFirstContactToAnIndicativeBudget) {
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  ASSERT_TRUE(created.has_value()) << created.error().message;
  const PersonId id = created->record.person.id;
  EXPECT_EQ(created->record.state.stage, casework::Stage::kContact);

  auto refused = t_.casework().RecordAssessment(As(worker_), id, Answers());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(refused.error().message, HasSubstr("eligibility decision before the assessment"));

  auto decided = t_.casework().RecordEligibility(As(worker_), id, Eligible());
  ASSERT_TRUE(decided.has_value()) << decided.error().message;
  EXPECT_TRUE(decided->eligible);

  auto assessed = t_.casework().RecordAssessment(As(worker_), id, Answers());
  ASSERT_TRUE(assessed.has_value()) << assessed.error().message;
  EXPECT_EQ(assessed->amount_pence, 16665);
  EXPECT_EQ(assessed->model_version, 1);

  auto file = t_.casework().GetPerson(As(worker_), id);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->record.state.stage, casework::Stage::kPlanning);
  ASSERT_TRUE(file->determination.has_value());
  EXPECT_EQ(file->determination->outcomes.size(), 10u);
  ASSERT_TRUE(file->assessment.has_value());
  EXPECT_EQ(file->assessment->amount_pence, 16665);
  EXPECT_EQ(file->assessment->answers.size(), 7u);
  EXPECT_FALSE(file->assessment->explanation.empty());
  std::int64_t sum = 0;
  for (const auto& line : file->assessment->explanation) sum += line.amount_pence.value_or(0);
  EXPECT_EQ(sum, 16665);
  ASSERT_EQ(file->events.size(), 3u);
  EXPECT_EQ(file->events[0].event, "contact");
  EXPECT_EQ(file->events[2].event, "assessment");
  EXPECT_EQ(file->events[2].stage_after, "planning");
  EXPECT_EQ(file->events[2].by, worker_.id);
}

TEST_F(CaseworkTest, BadRecordsAreRefusedFieldByFieldAndNothingIsSaved) {
  casework::NewPerson p = Ada();
  p.nhs_number = "943 476 5918";
  p.date_of_birth = "2030-01-01";
  NewContact c = Referral();
  c.route_of_access = "teleport";
  auto r = t_.casework().CreatePerson(As(worker_), p, c);
  ASSERT_FALSE(r.has_value());
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("nhs_number", "date_of_birth",
                                                      "contact.route_of_access"));
  EXPECT_TRUE(t_.casework().Caseload(As(worker_), std::nullopt, "", 50)->empty());

  ASSERT_TRUE(t_.casework().CreatePerson(As(worker_), Ada(), Referral()));
  auto twin = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  ASSERT_FALSE(twin.has_value());
  EXPECT_EQ(twin.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twin.error().fields.at(0).field, "nhs_number");
  EXPECT_EQ(t_.casework().Caseload(As(worker_), std::nullopt, "", 50)->size(), 1u);
}

TEST_F(CaseworkTest, OnlySocialWorkersRecordAndOthersCannotSeeTheRecord) {
  EXPECT_EQ(t_.casework().CreatePerson(As(finance_), Ada(), Referral()).error().code,
            ErrorCode::kPermissionDenied);
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  // Finance officers handle the money of the council's people, not their case notes.
  EXPECT_EQ(t_.casework().GetPerson(As(finance_), id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(t_.casework().RecordEligibility(As(admin_), id, Eligible()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(t_.casework().Caseload(As(finance_), std::nullopt, "", 50).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(CaseworkTest, AnIncompleteDeterminationChangesNothing) {
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  auto d = Eligible();
  d.outcomes.pop_back();
  EXPECT_FALSE(t_.casework().RecordEligibility(As(worker_), id, d).has_value());
  auto file = t_.casework().GetPerson(As(worker_), id);
  EXPECT_FALSE(file->determination.has_value());
  EXPECT_EQ(file->record.state.stage, casework::Stage::kContact);
  EXPECT_EQ(file->events.size(), 1u);
}

TEST_F(CaseworkTest, RefusedAnswersAreNamedAndNothingIsRecorded) {
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  ASSERT_TRUE(t_.casework().RecordEligibility(As(worker_), id, Eligible()));
  auto answers = Answers();
  answers.answers.pop_back();
  auto r = t_.casework().RecordAssessment(As(worker_), id, answers);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.at(0).field, "answers.has_unpaid_carer");
  answers = Answers();
  answers.model_id = "nope";
  EXPECT_EQ(t_.casework().RecordAssessment(As(worker_), id, answers).error().fields.at(0).field,
            "model");
  EXPECT_FALSE(t_.casework().GetPerson(As(worker_), id)->assessment.has_value());
}

casework::PlanRequest APlan(const std::string& hours = "10") {
  casework::PlanRequest r;
  r.outcomes = {{"o1", "Get up and dressed in time for the day centre"}};
  r.items = {{"Help to get up and dressed",
              "personal_assistant",
              "Sam",
              "hour",
              "20.00",
              hours,
              "per_week",
              "direct_payment",
              {"o1"}}};
  r.written_with = {"person", "social_worker"};
  return r;
}

TEST_F(CaseworkTest, PlansAreWrittenAfterTheIndicativeBudgetAndFrozenOnceSubmitted) {
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  auto early = t_.casework().CreatePlan(As(worker_), id, APlan());
  ASSERT_FALSE(early.has_value());
  EXPECT_THAT(early.error().message, HasSubstr("once the indicative budget is worked out"));
  ASSERT_TRUE(t_.casework().RecordEligibility(As(worker_), id, Eligible()));
  ASSERT_TRUE(t_.casework().RecordAssessment(As(worker_), id, Answers()));

  auto plan = t_.casework().CreatePlan(As(worker_), id, APlan());
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  EXPECT_EQ(plan->plan.version, 1);
  EXPECT_EQ(plan->plan.cost.annual, Pence(10'400'00));
  // £166.65 a week × 52 = £8,665.80 a year; the plan costs £10,400.
  EXPECT_EQ(plan->indicative_annual, Pence(8'665'80));
  EXPECT_THAT(plan->against_indicative, HasSubstr("costs £1,734.20 a year more"));

  auto twin = t_.casework().CreatePlan(As(worker_), id, APlan());
  EXPECT_EQ(twin.error().code, ErrorCode::kConflict);

  const PlanId plan_id = plan->plan.id;
  auto saved = t_.casework().UpdatePlan(As(worker_), plan_id, APlan("8"), 1);
  ASSERT_TRUE(saved.has_value()) << saved.error().message;
  EXPECT_EQ(saved->plan.revision, 2);
  EXPECT_EQ(saved->plan.cost.annual, Pence(8'320'00));
  // A second person saving the version they read before is told to reload.
  auto stale = t_.casework().UpdatePlan(As(worker_), plan_id, APlan("12"), 1);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_THAT(stale.error().message, HasSubstr("Reload the page"));
  EXPECT_EQ(t_.casework().GetPlan(As(worker_), plan_id)->plan.cost.annual, Pence(8'320'00));

  auto submitted = t_.casework().SubmitPlan(As(worker_), plan_id, 2);
  ASSERT_TRUE(submitted.has_value()) << submitted.error().message;
  EXPECT_EQ(submitted->plan.status, casework::PlanStatus::kSubmitted);
  EXPECT_EQ(t_.casework().GetPerson(As(worker_), id)->record.state.stage,
            casework::Stage::kAwaitingSignOff);
  auto frozen = t_.casework().UpdatePlan(As(worker_), plan_id, APlan("9"), 3);
  ASSERT_FALSE(frozen.has_value());
  EXPECT_THAT(frozen.error().message, HasSubstr("cannot be changed"));
}

TEST_F(CaseworkTest, ABadPlanIsRefusedItemByItem) {
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  ASSERT_TRUE(t_.casework().RecordEligibility(As(worker_), id, Eligible()));
  ASSERT_TRUE(t_.casework().RecordAssessment(As(worker_), id, Answers()));
  auto plan = APlan("1000000000");
  plan.items[0].unit_price = "0";
  auto r = t_.casework().CreatePlan(As(worker_), id, plan);
  ASSERT_FALSE(r.has_value());
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("items[0].unit_price", "items[0].quantity"));
  EXPECT_EQ(t_.casework().CreatePlan(As(finance_), id, APlan()).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(CaseworkTest, AnApproverSignsOffWithinTheirLimitAndExplainsTheVariance) {
  const User approver = t_.AddUser(council_, "approver@hartlepool.example", {"approver"});
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  ASSERT_TRUE(t_.casework().RecordEligibility(As(worker_), id, Eligible()));
  ASSERT_TRUE(t_.casework().RecordAssessment(As(worker_), id, Answers()));
  auto plan = t_.casework().CreatePlan(As(worker_), id, APlan());
  const PlanId plan_id = plan->plan.id;
  ASSERT_TRUE(t_.casework().SubmitPlan(As(worker_), plan_id, 1));

  auto queue = t_.casework().SignOffQueue(As(approver));
  ASSERT_TRUE(queue.has_value()) << queue.error().message;
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(t_.casework().SignOffQueue(As(worker_)).error().code, ErrorCode::kPermissionDenied);

  PlanDecisionRequest approve{"approve", "", "", "", "", 2};
  auto no_reason = t_.casework().DecidePlan(As(approver), plan_id, approve);
  ASSERT_FALSE(no_reason.has_value());
  std::vector<std::string> fields;
  for (const auto& f : no_reason.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("variance_category", "variance_words"));

  approve.variance_category = "persons_choice";
  approve.variance_words = "She chose a personal assistant she knows, who charges more";
  auto no_limit = t_.casework().DecidePlan(As(approver), plan_id, approve);
  EXPECT_THAT(no_limit.error().message, HasSubstr("no approval limit yet"));
  ASSERT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver.id, "5000"));
  auto above = t_.casework().DecidePlan(As(approver), plan_id, approve);
  EXPECT_THAT(above.error().message,
              HasSubstr("(£10,400.00 a year) is above your approval limit (£5,000.00)"));

  PlanDecisionRequest refer{"refer", "To the panel: above my limit", "", "", "", 2};
  ASSERT_TRUE(t_.casework().DecidePlan(As(approver), plan_id, refer));
  ASSERT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver.id, "25000"));
  auto approved = t_.casework().DecidePlan(As(approver), plan_id, approve);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->plan.status, casework::PlanStatus::kApproved);
  auto file = t_.casework().GetPerson(As(worker_), id);
  EXPECT_EQ(file->record.state.stage, casework::Stage::kActive);
  EXPECT_TRUE(file->record.state.has_active_plan);
  auto rounds = t_.casework().PlanDecisions(As(worker_), plan_id);
  ASSERT_EQ(rounds->size(), 2u);
  EXPECT_EQ((*rounds)[0].decision, "refer");
  EXPECT_EQ((*rounds)[1].actual_annual, Pence(10'400'00));
  EXPECT_EQ((*rounds)[1].indicative_annual, Pence(8'665'80));
  EXPECT_EQ((*rounds)[1].variance_category, "persons_choice");
  EXPECT_THAT(t_.casework().DecidePlan(As(approver), plan_id, approve).error().message,
              HasSubstr("not waiting for sign-off"));
  EXPECT_EQ(t_.casework().DecidePlan(As(worker_), plan_id, approve).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(CaseworkTest, TheSignOffQueueShowsEachPlanAsItsOwnPageDoes) {
  const User approver = t_.AddUser(council_, "approver@hartlepool.example", {"approver"});
  // Three people, three plans of different sizes; one referred once already, one whose
  // latest assessment is a second, lower one.
  std::vector<PlanId> plans;
  int n = 0;
  for (const std::string given : {"Ada", "Bo", "Cai"}) {
    casework::NewPerson p = Ada();
    p.given_name = given;
    p.nhs_number = "";
    const PersonId id = t_.casework().CreatePerson(As(worker_), p, Referral())->record.person.id;
    ASSERT_TRUE(t_.casework().RecordEligibility(As(worker_), id, Eligible()));
    ASSERT_TRUE(t_.casework().RecordAssessment(As(worker_), id, Answers()));
    if (given == "Cai") {
      NewAssessment lower = Answers();
      lower.answers[0].second = {ras::RawAnswer::Kind::kText, "a", false};  // washing
      ASSERT_TRUE(t_.casework().RecordAssessment(As(worker_), id, lower));
    }
    casework::PlanRequest request = APlan(std::to_string(8 + 2 * n));
    for (int extra = 0; extra < n; ++extra) {
      const std::string o = "o" + std::to_string(extra + 2);
      request.outcomes.push_back({o, "See friends on " + std::to_string(extra + 1) + " days"});
      request.items.push_back({"Day centre",
                               "provider",
                               "Acme",
                               "session",
                               "35.50",
                               "1",
                               "per_week",
                               "managed_budget",
                               {o}});
      request.risks.push_back({"Falls", "A pendant alarm"});
    }
    auto plan = t_.casework().CreatePlan(As(worker_), id, request);
    ASSERT_TRUE(plan.has_value()) << plan.error().message;
    ASSERT_TRUE(t_.casework().SubmitPlan(As(worker_), plan->plan.id, 1));
    plans.push_back(plan->plan.id);
    ++n;
  }
  ASSERT_TRUE(t_.casework().DecidePlan(As(approver), plans[1],
                                       {"refer", "To the panel: above my limit", "", "", "", 2}));

  auto queue = t_.casework().SignOffQueue(As(approver));
  ASSERT_TRUE(queue.has_value()) << queue.error().message;
  ASSERT_EQ(queue->size(), 3u);
  for (std::size_t i = 0; i < queue->size(); ++i) {
    const PlanView& listed = (*queue)[i];
    EXPECT_EQ(listed.plan.id, plans[i]);  // oldest submission first
    auto alone = t_.casework().GetPlan(As(approver), listed.plan.id);
    ASSERT_TRUE(alone.has_value()) << alone.error().message;
    EXPECT_EQ(listed.person_name, alone->person_name);
    EXPECT_EQ(listed.indicative_annual, alone->indicative_annual);
    EXPECT_EQ(listed.against_indicative, alone->against_indicative);
    EXPECT_EQ(listed.weeks_per_year, alone->weeks_per_year);
    EXPECT_EQ(listed.plan.person, alone->plan.person);
    EXPECT_EQ(listed.plan.revision, alone->plan.revision);
    EXPECT_EQ(listed.plan.cost.annual, alone->plan.cost.annual);
    ASSERT_EQ(listed.plan.content.items.size(), alone->plan.content.items.size());
    ASSERT_EQ(listed.plan.content.items.size(), i + 1);
    for (std::size_t k = 0; k < listed.plan.content.items.size(); ++k) {
      EXPECT_EQ(listed.plan.content.items[k].what, alone->plan.content.items[k].what);
      EXPECT_EQ(listed.plan.content.items[k].outcomes, alone->plan.content.items[k].outcomes);
    }
    EXPECT_EQ(listed.plan.content.outcomes.size(), i + 1);
    EXPECT_EQ(listed.plan.content.risks.size(), i);
    ASSERT_EQ(listed.decisions.size(), alone->decisions.size());
    for (std::size_t k = 0; k < listed.decisions.size(); ++k) {
      EXPECT_EQ(listed.decisions[k].round, alone->decisions[k].round);
      EXPECT_EQ(listed.decisions[k].decision, alone->decisions[k].decision);
      EXPECT_EQ(listed.decisions[k].comments, alone->decisions[k].comments);
    }
  }
  EXPECT_EQ((*queue)[0].person_name, "Ada Okafor");
  EXPECT_EQ((*queue)[2].person_name, "Cai Okafor");
  EXPECT_EQ((*queue)[1].decisions.size(), 1u);
  EXPECT_TRUE((*queue)[0].decisions.empty());
  // Cai's second assessment is the one the queue sets the plan beside.
  ASSERT_TRUE((*queue)[0].indicative_annual && (*queue)[2].indicative_annual);
  EXPECT_LT(*(*queue)[2].indicative_annual, *(*queue)[0].indicative_annual);
}

TEST_F(CaseworkTest, AReturnedPlanCanBeChangedAndSubmittedAgain) {
  const User approver = t_.AddUser(council_, "approver@hartlepool.example", {"approver"});
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  ASSERT_TRUE(t_.casework().RecordEligibility(As(worker_), id, Eligible()));
  ASSERT_TRUE(t_.casework().RecordAssessment(As(worker_), id, Answers()));
  const PlanId plan_id = t_.casework().CreatePlan(As(worker_), id, APlan())->plan.id;
  ASSERT_TRUE(t_.casework().SubmitPlan(As(worker_), plan_id, 1));
  EXPECT_EQ(t_.casework()
                .DecidePlan(As(approver), plan_id, {"return", "", "", "", "", 2})
                .error()
                .fields.at(0)
                .field,
            "comments");
  auto returned = t_.casework().DecidePlan(
      As(approver), plan_id,
      {"return", "Ten hours is more than the assessment found", "", "", "", 2});
  ASSERT_TRUE(returned.has_value()) << returned.error().message;
  EXPECT_EQ(returned->plan.status, casework::PlanStatus::kReturned);
  EXPECT_EQ(t_.casework().GetPerson(As(worker_), id)->record.state.stage,
            casework::Stage::kPlanning);
  auto changed = t_.casework().UpdatePlan(As(worker_), plan_id, APlan("8"), 3);
  ASSERT_TRUE(changed.has_value()) << changed.error().message;
  ASSERT_TRUE(t_.casework().SubmitPlan(As(worker_), plan_id, 4));
}

TEST_F(CaseworkTest, AfterSignOffTheBudgetStatementReviewsAndClosure) {
  const User approver = t_.AddUser(council_, "approver@hartlepool.example", {"approver"});
  ASSERT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver.id, "25000"));
  auto created = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  const PersonId id = created->record.person.id;
  ASSERT_TRUE(t_.casework().RecordEligibility(As(worker_), id, Eligible()));
  ASSERT_TRUE(t_.casework().RecordAssessment(As(worker_), id, Answers()));
  EXPECT_THAT(t_.casework().Budget(As(worker_), id).error().message,
              HasSubstr("no personal budget in place yet"));
  casework::ReviewRequest review;
  review.reason = "planned";
  review.method = "in_person";
  review.outcomes = {{"o1", "achieved", "Sam is great"}};
  review.result = "continue";
  EXPECT_THAT(t_.casework().RecordReview(As(worker_), id, review).error().message,
              HasSubstr("signed-off plan; there is none yet"));

  const PlanId plan_id = t_.casework().CreatePlan(As(worker_), id, APlan())->plan.id;
  ASSERT_TRUE(t_.casework().SubmitPlan(As(worker_), plan_id, 1));
  ASSERT_TRUE(t_.casework().DecidePlan(
      As(approver), plan_id,
      {"approve", "", "", "persons_choice", "A personal assistant she knows", 2}));

  // The statement: the whole budget from the council until the contribution is assessed.
  auto budget = t_.casework().Budget(As(worker_), id);
  ASSERT_TRUE(budget.has_value()) << budget.error().message;
  EXPECT_EQ(budget->statement.cost_annual, Pence(10'400'00));
  EXPECT_EQ(budget->statement.council_annual, Pence(10'400'00));
  EXPECT_FALSE(budget->statement.contribution_assessed);
  EXPECT_EQ(FormatIsoDate(budget->statement.from), "2026-11-22");
  // A direct payment: the light review at 8 weeks comes first.
  EXPECT_EQ(FormatIsoDate(budget->next_review->due), "2027-01-17");
  EXPECT_EQ(budget->next_review_words, "Due in 56 days, on 17 January 2027");
  EXPECT_EQ(t_.casework().Budget(As(finance_), id).has_value(), true);

  // Finance records the contribution; only finance may.
  EXPECT_EQ(t_.casework()
                .RecordContribution(As(worker_), id, {"20", "", "financial_assessment", ""})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(
      t_.casework().RecordContribution(As(finance_), id, {"20", "", "financial_assessment", ""}));
  budget = t_.casework().Budget(As(worker_), id);
  EXPECT_EQ(budget->statement.contribution_weekly, Pence(20'00));
  EXPECT_EQ(budget->statement.council_annual, Pence(10'400'00 - 20'00 * 52));

  // The reviews queue: not due yet; 8 weeks on it is due; a day later overdue.
  auto queue = t_.casework().ReviewsQueue(As(worker_), ReviewQueue::kDue, "", 50);
  ASSERT_TRUE(queue.has_value()) << queue.error().message;
  EXPECT_TRUE(queue->empty());
  t_.clock().Advance(std::chrono::days(40));
  queue = t_.casework().ReviewsQueue(As(worker_), ReviewQueue::kDue, "", 50);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->at(0).due_words, "Due in 16 days, on 17 January 2027");
  t_.clock().Advance(std::chrono::days(17));
  auto overdue = t_.casework().ReviewsQueue(As(worker_), ReviewQueue::kOverdue, "", 50);
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ(overdue->at(0).due_words, "Overdue by 1 day (it was due on 17 January 2027)");
  EXPECT_EQ(t_.casework().ReviewsQueue(As(approver), ReviewQueue::kDue, "", 50).error().code,
            ErrorCode::kPermissionDenied);

  // A bad review changes nothing; a good one moves the next review a year on.
  review.outcomes = {};
  auto bad = t_.casework().RecordReview(As(worker_), id, review);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields.at(0).field, "outcomes.o1");
  review.outcomes = {{"o1", "partly", "Mornings are rushed"}};
  review.result = "revise_plan";
  auto held = t_.casework().RecordReview(As(worker_), id, review);
  ASSERT_TRUE(held.has_value()) << held.error().message;
  budget = t_.casework().Budget(As(worker_), id);
  ASSERT_EQ(budget->reviews.size(), 1u);
  EXPECT_EQ(budget->reviews[0].content.outcomes[0].words,
            "Get up and dressed in time for the day centre");
  EXPECT_EQ(FormatIsoDate(budget->next_review->due), "2028-01-18");
  EXPECT_TRUE(t_.casework().ReviewsQueue(As(worker_), ReviewQueue::kOverdue, "", 50)->empty());

  // Revising the plan after the review may not lower the budget without a reassessment.
  auto v2 = t_.casework().CreatePlan(As(worker_), id, APlan("8"));
  ASSERT_TRUE(v2.has_value()) << v2.error().message;
  ASSERT_TRUE(t_.casework().SubmitPlan(As(worker_), v2->plan.id, 1));
  PlanDecisionRequest lower{"approve", "", "", "needs_changed", "Fewer hours needed", 2};
  auto refused = t_.casework().DecidePlan(As(approver), v2->plan.id, lower);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at(0).field, "actual_annual");
  EXPECT_THAT(refused.error().fields.at(0).message, HasSubstr("after a reassessment"));
  EXPECT_EQ(t_.casework().Budget(As(worker_), id)->statement.cost_annual, Pence(10'400'00));
  // Keeping the budget where it is needs no reassessment.
  lower.actual_annual = "10400";
  lower.variance_category = "persons_choice";
  auto kept = t_.casework().DecidePlan(As(approver), v2->plan.id, lower);
  ASSERT_TRUE(kept.has_value()) << kept.error().message;

  // Closing: no review is due any more, and nothing new can be recorded.
  EXPECT_EQ(
      t_.casework().CloseCase(As(worker_), id, {"retired", "", ""}).error().fields.at(0).field,
      "reason");
  auto closed = t_.casework().CloseCase(As(worker_), id, {"moved_away", "", "Moved to Leeds"});
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  EXPECT_EQ(t_.casework().GetPerson(As(worker_), id)->record.state.stage, casework::Stage::kClosed);
  EXPECT_TRUE(t_.casework().ReviewsQueue(As(worker_), ReviewQueue::kDue, "", 50, 3650)->empty());
  EXPECT_THAT(t_.casework().RecordReview(As(worker_), id, review).error().message,
              HasSubstr("closed"));
}

TEST_F(CaseworkTest, ASocialWorkerSeesTheirTeamsCaseloadAndTheUnallocated) {
  // Before any team: one caseload for the council.
  const PersonId before =
      t_.casework().CreatePerson(As(worker_), Ada(), Referral())->record.person.id;
  const User north_worker = t_.AddUser(council_, "north@hartlepool.example", {"assessor"});
  const User south_worker = t_.AddUser(council_, "south@hartlepool.example", {"assessor"});
  EXPECT_EQ(t_.casework().CreateTeam(As(worker_), "North").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(t_.casework().CreateTeam(As(admin_), "  ").error().fields.at(0).field, "name");
  auto north = t_.casework().CreateTeam(As(admin_), " North locality ");
  ASSERT_TRUE(north.has_value()) << north.error().message;
  EXPECT_EQ(north->name, "North locality");
  auto south = t_.casework().CreateTeam(As(admin_), "South locality");
  EXPECT_EQ(t_.casework().CreateTeam(As(admin_), "south LOCALITY").error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(t_.casework().SetTeamMember(As(admin_), north->id, north_worker.id, true));
  ASSERT_TRUE(t_.casework().SetTeamMember(As(admin_), south->id, south_worker.id, true));
  auto teams = t_.casework().Teams(As(worker_));
  ASSERT_EQ(teams->size(), 2u);
  EXPECT_EQ(teams->at(0).members, std::vector<UserId>{north_worker.id});

  // A person recorded by the north team's worker is on the north team's caseload.
  casework::NewPerson bo = Ada();
  bo.given_name = "Bo";
  bo.nhs_number = "";
  auto created = t_.casework().CreatePerson(As(north_worker), bo, Referral());
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(created->record.team, north->id);
  const PersonId id = created->record.person.id;
  auto names = [&](const User& u) {
    std::vector<std::string> out;
    for (const auto& r : *t_.casework().Caseload(As(u), std::nullopt, "", 50)) {
      out.push_back(r.person.given_name);
    }
    return out;
  };
  EXPECT_THAT(names(north_worker), ::testing::UnorderedElementsAre("Ada", "Bo"));
  EXPECT_THAT(names(south_worker), ::testing::UnorderedElementsAre("Ada"));  // unallocated only
  EXPECT_EQ(t_.casework().GetPerson(As(south_worker), id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(t_.casework().GetPerson(As(north_worker), id).has_value());
  EXPECT_TRUE(t_.casework().GetPerson(As(south_worker), before).has_value());

  // Transferred to the south team: the caseloads follow.
  EXPECT_EQ(t_.casework().AllocatePerson(As(south_worker), id, south->id).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(t_.casework()
                .AllocatePerson(As(north_worker), id, TeamId("01JD00000000000000000TEAM1"))
                .error()
                .fields.at(0)
                .field,
            "team_id");
  ASSERT_TRUE(t_.casework().AllocatePerson(As(north_worker), id, south->id));
  EXPECT_THAT(names(south_worker), ::testing::UnorderedElementsAre("Ada", "Bo"));
  EXPECT_THAT(names(north_worker), ::testing::UnorderedElementsAre("Ada"));
  EXPECT_EQ(t_.casework().GetPerson(As(north_worker), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(t_.casework().GetPerson(As(south_worker), id)->events.back().event, "allocate");
}

TEST_F(CaseworkTest, CarersAreLinkedToThePersonAndTheirOwnRecord) {
  auto ada = t_.casework().CreatePerson(As(worker_), Ada(), Referral());
  ASSERT_TRUE(ada) << ada.error().message;
  const PersonId ada_id = ada->record.person.id;
  EXPECT_EQ(ada->record.person.has_unpaid_carer, "not_known");
  casework::NewPerson sam = Ada();
  sam.given_name = "Sam";
  sam.date_of_birth = "1975-06-01";
  sam.nhs_number = "485 777 3457";
  auto sam_record = t_.casework().CreatePerson(As(worker_), sam, Referral());
  ASSERT_TRUE(sam_record) << sam_record.error().message;
  const PersonId sam_id = sam_record->record.person.id;

  // Known by association only: a name.
  casework::CarerRequest neighbour{"Jo Bell",         "", "friend_or_neighbour", "no", "",
                                   "not_yet_offered", ""};
  auto jo = t_.casework().AddCarer(As(worker_), ada_id, neighbour);
  ASSERT_TRUE(jo) << jo.error().message;
  EXPECT_FALSE(jo->carer_person);
  // With their own record, found by NHS number and named from it.
  casework::CarerRequest son{"",        "4857773457", "son_or_daughter", "yes", "07700 900123",
                             "offered", "2026-11-20"};
  auto linked = t_.casework().AddCarer(As(worker_), ada_id, son);
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(linked->carer_person, sam_id);
  EXPECT_EQ(linked->name, "Sam Okafor");
  // Linking the same record twice is refused, naming the field.
  auto again = t_.casework().AddCarer(As(worker_), ada_id, son);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // The person's own NHS number, and an unknown one without a name, are refused.
  casework::CarerRequest self = son;
  self.nhs_number = "943 476 5919";
  EXPECT_EQ(t_.casework().AddCarer(As(worker_), ada_id, self).error().fields.at(0).field,
            "nhs_number");
  casework::CarerRequest unknown = son;
  unknown.nhs_number = "401 023 2137";
  auto refused = t_.casework().AddCarer(As(worker_), ada_id, unknown);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "name");
  // Others may not record carers.
  EXPECT_EQ(t_.casework().AddCarer(As(finance_), ada_id, neighbour).error().code,
            ErrorCode::kPermissionDenied);

  auto file = t_.casework().GetPerson(As(worker_), ada_id);
  ASSERT_TRUE(file);
  ASSERT_EQ(file->carers.size(), 2U);
  EXPECT_EQ(file->record.person.has_unpaid_carer, "yes");
  auto sams = t_.casework().GetPerson(As(worker_), sam_id);
  ASSERT_EQ(sams->cares_for.size(), 1U);
  EXPECT_EQ(sams->cares_for[0].person_name, "Ada Okafor");

  // Ending a link keeps it on the record as past; ending it twice is refused.
  ASSERT_TRUE(t_.casework().EndCarer(As(worker_), ada_id, jo->id));
  EXPECT_EQ(t_.casework().EndCarer(As(worker_), ada_id, jo->id).error().code, ErrorCode::kNotFound);
  file = t_.casework().GetPerson(As(worker_), ada_id);
  ASSERT_EQ(file->carers.size(), 2U);
  EXPECT_FALSE(file->carers[0].ended_at);
  EXPECT_TRUE(file->carers[1].ended_at);
  EXPECT_EQ(file->carers[1].name, "Jo Bell");
}

}  // namespace
}  // namespace selfdirect::app
