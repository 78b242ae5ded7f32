#include "selfdirect/casework/case_state.h"

namespace selfdirect::casework {
namespace {

tl::unexpected<Error> Refuse(const char* message) {
  return Fail(ErrorCode::kFailedPrecondition, message);
}

}  // namespace

Result<CaseState> Apply(const CaseState& s, CaseEvent event, const CaseRules& rules) {
  if (s.stage == Stage::kClosed && event != CaseEvent::kReopen) {
    return Refuse("This case is closed. Reopen it before recording anything new");
  }
  CaseState next = s;
  switch (event) {
    case CaseEvent::kEligibleDetermination:
    case CaseEvent::kNotEligibleDetermination:
      if (s.stage == Stage::kAwaitingSignOff) {
        return Refuse(
            "A support plan is waiting for sign-off. The approver must decide it before "
            "a new eligibility decision is recorded");
      }
      if (event == CaseEvent::kNotEligibleDetermination) {
        // Support already in place continues until it is ended through closure.
        next.stage = s.has_active_plan ? Stage::kActive : Stage::kNotEligible;
      } else if (s.stage == Stage::kContact || s.stage == Stage::kNotEligible) {
        next.stage = Stage::kAssessment;
      }
      return next;
    case CaseEvent::kAssessment:
      switch (s.stage) {
        case Stage::kContact:
          return Refuse("Record the eligibility decision before the assessment");
        case Stage::kNotEligible:
          return Refuse(
              "The latest eligibility decision found no eligible needs. If their needs "
              "have changed, record a new eligibility decision first");
        case Stage::kAwaitingSignOff:
          return Refuse(
              "A support plan is waiting for sign-off. The approver must decide it "
              "before a new assessment");
        case Stage::kAssessment:
          next.stage = Stage::kPlanning;
          return next;
        default:
          return next;  // a reassessment: a new indicative budget for the next plan
      }
    case CaseEvent::kSubmitPlan:
      if (s.stage == Stage::kPlanning || s.stage == Stage::kActive ||
          (s.stage == Stage::kAssessment && rules.plan_before_indicative_budget)) {
        next.stage = Stage::kAwaitingSignOff;
        return next;
      }
      if (s.stage == Stage::kAssessment) {
        return Refuse("Work out the indicative budget (the assessment) before submitting a plan");
      }
      if (s.stage == Stage::kAwaitingSignOff) {
        return Refuse("A plan is already waiting for sign-off");
      }
      return Refuse(
          "The person needs an eligibility decision and an indicative budget before a "
          "plan can be submitted");
    case CaseEvent::kApprovePlan:
      if (s.stage != Stage::kAwaitingSignOff) {
        return Refuse("There is no plan waiting for sign-off");
      }
      next.stage = Stage::kActive;
      next.has_active_plan = true;
      return next;
    case CaseEvent::kReturnPlan:
    case CaseEvent::kDeclinePlan:
      if (s.stage != Stage::kAwaitingSignOff) {
        return Refuse("There is no plan waiting for sign-off");
      }
      next.stage = s.has_active_plan ? Stage::kActive : Stage::kPlanning;
      return next;
    case CaseEvent::kReview:
      if (!s.has_active_plan) {
        return Refuse("A review looks at a signed-off plan; there is none yet");
      }
      return next;
    case CaseEvent::kClose:
      next.stage = Stage::kClosed;
      next.has_active_plan = false;
      return next;
    case CaseEvent::kReopen:
      if (s.stage != Stage::kClosed) return Refuse("This case is open");
      next.stage = Stage::kContact;
      return next;
  }
  return Refuse("Unknown step");
}

const char* StageName(Stage stage) {
  switch (stage) {
    case Stage::kContact:
      return "contact";
    case Stage::kNotEligible:
      return "not-eligible";
    case Stage::kAssessment:
      return "assessment";
    case Stage::kPlanning:
      return "planning";
    case Stage::kAwaitingSignOff:
      return "awaiting-sign-off";
    case Stage::kActive:
      return "active";
    case Stage::kClosed:
      return "closed";
  }
  return "";
}

const char* StageLabel(Stage stage) {
  switch (stage) {
    case Stage::kContact:
      return "Waiting for an eligibility decision";
    case Stage::kNotEligible:
      return "Not eligible";
    case Stage::kAssessment:
      return "Waiting for the indicative budget";
    case Stage::kPlanning:
      return "Writing the support plan";
    case Stage::kAwaitingSignOff:
      return "Plan waiting for sign-off";
    case Stage::kActive:
      return "Personal budget in place";
    case Stage::kClosed:
      return "Closed";
  }
  return "";
}

const char* CaseEventName(CaseEvent event) {
  switch (event) {
    case CaseEvent::kEligibleDetermination:
      return "eligible-determination";
    case CaseEvent::kNotEligibleDetermination:
      return "not-eligible-determination";
    case CaseEvent::kAssessment:
      return "assessment";
    case CaseEvent::kSubmitPlan:
      return "submit-plan";
    case CaseEvent::kApprovePlan:
      return "approve-plan";
    case CaseEvent::kReturnPlan:
      return "return-plan";
    case CaseEvent::kDeclinePlan:
      return "decline-plan";
    case CaseEvent::kReview:
      return "review";
    case CaseEvent::kClose:
      return "close";
    case CaseEvent::kReopen:
      return "reopen";
  }
  return "";
}

}  // namespace selfdirect::casework
