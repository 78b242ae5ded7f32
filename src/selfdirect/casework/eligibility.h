// Eligibility determinations under the Care and Support (Eligibility Criteria) Regulations 2015
// (../shared/domain/eligibility.md): for an adult (reg 2) or a carer (reg 3).
//
// The assessor records, per outcome, whether it is achieved and, when not, which of the four
// ways of being "unable to achieve" applies; the impact on wellbeing; and their words. The
// result follows from the regulations and is worked out here, never typed in. A determination
// is never edited: a later one supersedes it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

enum class DeterminationKind { kAdult, kCarer };

enum class UnableReason {
  kWithoutAssistance,        // unable without assistance
  kPainDistressAnxiety,      // able, but only with significant pain, distress or anxiety
  kEndangersHealthSafety,    // able, but it endangers their (or others') health or safety
  kTakesSignificantlyLonger  // able, but it takes significantly longer than normal
};

struct OutcomeFinding {
  std::string outcome;  // a code from AdultOutcomes() or CarerOutcomes()
  bool achieved = true;
  std::optional<UnableReason> reason;  // required when not achieved
  std::string notes;                   // the assessor's words
};

struct NewDetermination {
  std::string kind;  // "adult" | "carer"
  // Adult: the needs arise from a physical or mental impairment or illness.
  // Carer: the needs arise from providing necessary care to an adult.
  std::optional<bool> needs_arise_from_condition;
  // Carer only: their physical or mental health is, or is at risk of, deteriorating.
  std::optional<bool> health_deteriorating;
  std::vector<OutcomeFinding> outcomes;
  std::optional<bool> significant_impact_on_wellbeing;
  std::string wellbeing_notes;
  std::string summary;  // the assessor's words on the whole decision
};

struct Determination {
  CouncilId council;
  DeterminationId id;
  PersonId person;
  DeterminationKind kind = DeterminationKind::kAdult;
  bool needs_arise_from_condition = false;
  bool health_deteriorating = false;
  std::vector<OutcomeFinding> outcomes;
  bool significant_impact_on_wellbeing = false;
  std::string wellbeing_notes;
  std::string summary;
  bool eligible = false;
  std::string reasoning;  // the regulation's test, applied, in plain English
  Timestamp decided_at;
  UserId decided_by;
};

struct OutcomeArea {
  const char* code;
  const char* label;
};

std::span<const OutcomeArea> AdultOutcomes();  // the ten of reg 2(2)
std::span<const OutcomeArea> CarerOutcomes();  // the eight of reg 3(2)(b)

const char* UnableReasonCode(UnableReason reason);  // "without_assistance", ...
std::optional<UnableReason> ParseUnableReason(std::string_view code);
const char* UnableReasonLabel(UnableReason reason);
const char* DeterminationKindName(DeterminationKind kind);  // "adult" | "carer"

// Checks the request (every outcome of the kind recorded once, a reason for each one not
// achieved, the yes/no questions answered; all problems at once) and applies the regulation.
Result<Determination> Determine(const NewDetermination& request);

}  // namespace selfdirect::casework
