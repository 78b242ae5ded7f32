// A person taken through casework to a signed-off plan, for tests of what follows sign-off
// (payments, money pages): eligible, assessed on the small test model, and a plan of `hours` a
// week of a personal assistant at £20.00 an hour by direct payment, approved the day it is
// written. Needs the small model published and the approver's limit set.
#pragma once

#include <string>
#include <vector>

#include "selfdirect/ras/test_model.h"
#include "tests/support/test_app.h"

namespace selfdirect::testing {

inline app::Context ActingAs(const User& u) {
  return app::Context{Actor{u.council_id, u.id, u.roles}, "req", ""};
}

// Records the person as eligible (the first three adult outcomes not achieved without help) and
// assessed with an assessor on the small test model (£166.65 a week with its answers here).
inline void RecordEligibleAndAssessed(TestApp& t, const User& worker, const PersonId& id) {
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
  EXPECT_TRUE(t.casework().RecordEligibility(ActingAs(worker), id, d));
  using K = ras::RawAnswer::Kind;
  app::NewAssessment answers{"small",
                             "with_assessor",
                             {{"washing", {K::kText, "c", false}},
                              {"dressing", {K::kText, "b", false}},
                              {"going_out", {K::kText, "b", false}},
                              {"nights", {K::kNumber, "2", false}},
                              {"age", {K::kNumber, "78", false}},
                              {"living_setting", {K::kText, "supported_living", false}},
                              {"has_unpaid_carer", {K::kYesNo, "", true}}}};
  EXPECT_TRUE(t.casework().RecordAssessment(ActingAs(worker), id, answers));
}

// A person taken to a signed-off plan with these items (each serving outcome "o1"). Fails the
// calling test (and returns an empty id) when any step is refused.
inline PersonId SignOffAPlanWith(TestApp& t, const User& worker, const User& approver,
                                 const std::string& given, const std::string& nhs,
                                 std::vector<casework::PlanItemRequest> items,
                                 const User* finance = nullptr,
                                 const std::string& weekly_contribution = "") {
  casework::NewPerson p;
  p.given_name = given;
  p.family_name = "Okafor";
  p.date_of_birth = "1948-03-27";
  p.nhs_number = nhs;
  p.primary_support_reason = "physical_personal_care";
  auto created = t.casework().CreatePerson(ActingAs(worker), p,
                                           {"2026-11-20", "hospital_discharge", "Help", ""});
  EXPECT_TRUE(created.has_value()) << created.error().message;
  if (!created) return PersonId();
  const PersonId id = created->record.person.id;
  RecordEligibleAndAssessed(t, worker, id);
  if (finance != nullptr && !weekly_contribution.empty()) {
    EXPECT_TRUE(t.casework().RecordContribution(
        ActingAs(*finance), id, {weekly_contribution, "", "financial_assessment", ""}));
  }
  casework::PlanRequest r;
  r.outcomes = {{"o1", "Get up and dressed in time for the day centre"}};
  r.items = std::move(items);
  r.written_with = {"person", "social_worker"};
  auto plan = t.casework().CreatePlan(ActingAs(worker), id, r);
  EXPECT_TRUE(plan.has_value()) << plan.error().message;
  if (!plan) return id;
  EXPECT_TRUE(t.casework().SubmitPlan(ActingAs(worker), plan->plan.id, 1));
  app::PlanDecisionRequest approve{"approve", "", "", "persons_choice", "Her choice of assistant",
                                   2};
  auto approved = t.casework().DecidePlan(ActingAs(approver), plan->plan.id, approve);
  EXPECT_TRUE(approved.has_value())
      << approved.error().message
      << (approved.error().fields.empty() ? "" : ": " + approved.error().fields[0].field);
  return id;
}

// The plan of the file comment: `hours` a week of a personal assistant by direct payment.
inline PersonId SignOffAPlan(TestApp& t, const User& worker, const User& approver,
                             const std::string& given, const std::string& nhs,
                             const std::string& hours, const User* finance = nullptr,
                             const std::string& weekly_contribution = "") {
  return SignOffAPlanWith(t, worker, approver, given, nhs,
                          {{"Help to get up and dressed",
                            "personal_assistant",
                            "Sam",
                            "hour",
                            "20.00",
                            hours,
                            "per_week",
                            "direct_payment",
                            {"o1"}}},
                          finance, weekly_contribution);
}

}  // namespace selfdirect::testing
