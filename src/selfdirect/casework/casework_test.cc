#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "selfdirect/casework/case_state.h"
#include "selfdirect/casework/eligibility.h"
#include "selfdirect/casework/nhs_number.h"
#include "selfdirect/casework/person.h"

namespace selfdirect::casework {
namespace {

using ::testing::HasSubstr;

TEST(NhsNumber, AcceptsValidNumbersWithOrWithoutSpaces) {
  EXPECT_EQ(NormaliseNhsNumber("943 476 5919"), "9434765919");
  EXPECT_EQ(NormaliseNhsNumber("4010232137"), "4010232137");
  EXPECT_EQ(FormatNhsNumber("9434765919"), "943 476 5919");
}

TEST(NhsNumber, RefusesAWrongCheckDigitOrShape) {
  EXPECT_FALSE(NormaliseNhsNumber("9434765918"));  // check digit off by one
  EXPECT_FALSE(NormaliseNhsNumber("943476591"));   // nine digits
  EXPECT_FALSE(NormaliseNhsNumber("94347659190"));
  EXPECT_FALSE(NormaliseNhsNumber("943-476-5919"));
  // 1000000010: the weighted sum is 10, 11 − 10 = 1 ≠ 0; and numbers whose check would be 10
  // are never valid.
  EXPECT_FALSE(NormaliseNhsNumber("1000000010"));
  EXPECT_FALSE(NormaliseNhsNumber("0000000060"));  // 6×... gives a check of 10 for some digits
}

RC_GTEST_PROP(NhsNumber, ChangingOneDigitMakesItInvalid, (unsigned seed)) {
  // Build a valid number from nine random digits, then change one digit.
  std::string digits;
  unsigned s = seed;
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    s = s * 1103515245u + 12345u;
    const int d = static_cast<int>((s >> 16) % 10);
    digits.push_back(static_cast<char>('0' + d));
    sum += d * (10 - i);
  }
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  RC_PRE(check != 10);
  digits.push_back(static_cast<char>('0' + check));
  RC_ASSERT(NormaliseNhsNumber(digits).has_value());
  const auto position = *rc::gen::inRange(0, 10);
  const auto delta = *rc::gen::inRange(1, 10);
  std::string changed = digits;
  changed[static_cast<std::size_t>(position)] =
      static_cast<char>('0' + (changed[static_cast<std::size_t>(position)] - '0' + delta) % 10);
  RC_ASSERT(!NormaliseNhsNumber(changed).has_value());
}

const Date kToday = *ParseIsoDate("2026-11-23");

TEST(ValidateNewPerson, CleansAGoodRecord) {
  NewPerson r;
  r.given_name = "  Ada ";
  r.family_name = "Okafor";
  r.date_of_birth = "1948-03-27";
  r.nhs_number = "943 476 5919";
  r.postcode = "sw1a2aa";
  r.primary_support_reason = "physical_personal_care";
  auto p = ValidateNewPerson(r, kToday);
  ASSERT_TRUE(p.has_value()) << p.error().fields[0].message;
  EXPECT_EQ(p->given_name, "Ada");
  EXPECT_EQ(p->nhs_number, "9434765919");
  EXPECT_EQ(p->postcode, "SW1A 2AA");
  EXPECT_EQ(p->gender, "not_known");
  EXPECT_EQ(p->ethnicity, "Z");
  EXPECT_EQ(AgeOn(*p, kToday), 78);
}

TEST(ValidateNewPerson, NamesEveryBadField) {
  NewPerson r;
  r.date_of_birth = "2027-01-01";
  r.nhs_number = "9434765918";
  r.postcode = "not a postcode";
  r.gender = "robot";
  r.email = "nobody";
  auto p = ValidateNewPerson(r, kToday);
  ASSERT_FALSE(p.has_value());
  std::vector<std::string> fields;
  for (const auto& f : p.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("given_name", "family_name", "date_of_birth",
                                                      "nhs_number", "postcode", "gender", "email"));
  EXPECT_THAT(p.error().fields[3].message, HasSubstr("today or in the past"));
}

NewDetermination Adult(int unable, bool impact) {
  NewDetermination d;
  d.kind = "adult";
  d.needs_arise_from_condition = true;
  d.significant_impact_on_wellbeing = impact;
  int n = 0;
  for (const OutcomeArea& a : AdultOutcomes()) {
    OutcomeFinding f{a.code, n >= unable, std::nullopt, ""};
    if (!f.achieved) f.reason = UnableReason::kWithoutAssistance;
    d.outcomes.push_back(f);
    ++n;
  }
  return d;
}

TEST(Determine, AnAdultUnableToAchieveTwoOutcomesWithSignificantImpactIsEligible) {
  auto d = Determine(Adult(2, true));
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->eligible);
  EXPECT_THAT(d->reasoning, HasSubstr("unable to achieve 2 of the ten outcomes"));
  EXPECT_FALSE(Determine(Adult(1, true))->eligible);
  EXPECT_THAT(Determine(Adult(1, true))->reasoning, HasSubstr("two or more"));
  EXPECT_FALSE(Determine(Adult(5, false))->eligible);
}

TEST(Determine, ACarerIsEligibleWhenCaringHarmsTheirHealthWithSignificantImpact) {
  NewDetermination d;
  d.kind = "carer";
  d.needs_arise_from_condition = true;
  d.health_deteriorating = true;
  d.significant_impact_on_wellbeing = true;
  for (const OutcomeArea& a : CarerOutcomes()) d.outcomes.push_back({a.code, true, {}, ""});
  auto result = Determine(d);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->eligible);
  d.health_deteriorating = false;
  EXPECT_FALSE(Determine(d)->eligible);
  d.outcomes[0].achieved = false;
  d.outcomes[0].reason = UnableReason::kTakesSignificantlyLonger;
  EXPECT_TRUE(Determine(d)->eligible);
}

TEST(Determine, RefusesAnIncompleteRecord) {
  NewDetermination d = Adult(3, true);
  d.outcomes.pop_back();
  d.outcomes[0].reason.reset();
  d.significant_impact_on_wellbeing.reset();
  d.outcomes.push_back({"flying", false, UnableReason::kWithoutAssistance, ""});
  auto result = Determine(d);
  ASSERT_FALSE(result.has_value());
  std::vector<std::string> fields;
  for (const auto& f : result.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("significant_impact_on_wellbeing",
                                                      "outcomes.nutrition", "outcomes[9]",
                                                      "outcomes.caring_for_child"));
}

TEST(CaseState, RefusesStepsOutOfOrderSayingWhatComesFirst) {
  CaseState s;
  EXPECT_THAT(Apply(s, CaseEvent::kAssessment).error().message,
              HasSubstr("eligibility decision before the assessment"));
  EXPECT_THAT(Apply(s, CaseEvent::kSubmitPlan).error().message,
              HasSubstr("eligibility decision and an indicative budget"));
  s = *Apply(s, CaseEvent::kEligibleDetermination);
  EXPECT_EQ(s.stage, Stage::kAssessment);
  EXPECT_THAT(Apply(s, CaseEvent::kSubmitPlan).error().message,
              HasSubstr("indicative budget (the assessment) before"));
  EXPECT_TRUE(Apply(s, CaseEvent::kSubmitPlan, {.plan_before_indicative_budget = true}));
  s = *Apply(s, CaseEvent::kAssessment);
  s = *Apply(s, CaseEvent::kSubmitPlan);
  EXPECT_THAT(Apply(s, CaseEvent::kAssessment).error().message, HasSubstr("waiting for sign-off"));
  EXPECT_THAT(Apply(s, CaseEvent::kReview).error().message, HasSubstr("there is none yet"));
  s = *Apply(s, CaseEvent::kApprovePlan);
  EXPECT_EQ(s, (CaseState{Stage::kActive, true}));
  EXPECT_THAT(Apply(s, CaseEvent::kApprovePlan).error().message,
              HasSubstr("no plan waiting for sign-off"));
  s = *Apply(s, CaseEvent::kClose);
  EXPECT_THAT(Apply(s, CaseEvent::kReview).error().message, HasSubstr("closed"));
}

// No sequence of steps, accepted or refused, reaches a state the rules forbid.
RC_GTEST_PROP(CaseState, NoSequenceOfStepsReachesAnIllegalState, ()) {
  const auto events = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 10));
  CaseState s;
  bool eligible_since_open = false;
  bool assessed_since_eligible = false;
  bool approved_since_open = false;
  for (int e : events) {
    const auto event = static_cast<CaseEvent>(e);
    auto next = Apply(s, event);
    if (!next) {
      RC_ASSERT(!next.error().message.empty());
      RC_ASSERT(next.error().code == ErrorCode::kFailedPrecondition);
      continue;
    }
    switch (event) {
      case CaseEvent::kEligibleDetermination:
        if (!eligible_since_open) assessed_since_eligible = false;
        eligible_since_open = true;
        break;
      case CaseEvent::kNotEligibleDetermination:
        if (!next->has_active_plan) eligible_since_open = false;
        break;
      case CaseEvent::kAssessment:
        RC_ASSERT(eligible_since_open);
        assessed_since_eligible = true;
        break;
      case CaseEvent::kApprovePlan:
        approved_since_open = true;
        break;
      case CaseEvent::kClose:
      case CaseEvent::kReopen:
        eligible_since_open = assessed_since_eligible = approved_since_open = false;
        break;
      default:
        break;
    }
    s = *next;
    if (s.stage == Stage::kActive) RC_ASSERT(s.has_active_plan);
    if (s.has_active_plan) RC_ASSERT(approved_since_open);
    if (s.stage == Stage::kPlanning || s.stage == Stage::kAwaitingSignOff) {
      RC_ASSERT(eligible_since_open);
      RC_ASSERT(assessed_since_eligible || s.has_active_plan);
    }
    if (s.stage == Stage::kClosed) RC_ASSERT(!s.has_active_plan);
  }
}

}  // namespace
}  // namespace selfdirect::casework
