// The order of a case's steps, as a state machine. Every step a use case takes is checked here
// first; an illegal move is refused with a message that says what must happen first.
#pragma once

#include <string>

#include "selfdirect/core/result.h"

namespace selfdirect::casework {

enum class Stage {
  kContact,          // known to the council; no eligibility decision yet
  kNotEligible,      // the latest determination found no eligible needs
  kAssessment,       // eligible; the indicative budget is not worked out yet
  kPlanning,         // an indicative budget exists; the support plan is being written
  kAwaitingSignOff,  // a plan version is submitted and waits for an approver
  kActive,           // a plan is signed off: the personal budget is in place
  kClosed,           // died, moved away, declined, needs met elsewhere
};

enum class CaseEvent {
  kEligibleDetermination,
  kNotEligibleDetermination,
  kAssessment,  // an indicative budget from the published RAS
  kSubmitPlan,
  kApprovePlan,
  kReturnPlan,  // sent back with comments
  kDeclinePlan,
  kReview,
  kClose,
  kReopen,
};

struct CaseState {
  Stage stage = Stage::kContact;
  bool has_active_plan = false;  // a signed-off plan is in force (it survives a new version)

  friend bool operator==(const CaseState&, const CaseState&) = default;
};

struct CaseRules {
  // Some schemes let a plan be written before the indicative budget (e.g. carers' schemes).
  bool plan_before_indicative_budget = false;
};

// The state after `event`, or kFailedPrecondition with what must happen first.
Result<CaseState> Apply(const CaseState& state, CaseEvent event, const CaseRules& rules = {});

const char* StageName(Stage stage);          // "assessment"
const char* StageLabel(Stage stage);         // "Waiting for the indicative budget"
const char* CaseEventName(CaseEvent event);  // "submit-plan"

}  // namespace selfdirect::casework
