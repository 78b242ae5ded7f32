// The code lists a person's record uses: our stable codes, the words people read, and the text
// the national Client Level Data return expects (../shared/domain/reporting.md). Kept as tables
// so that a new release of the return is a change of data, not of logic.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace selfdirect::casework {

struct Code {
  const char* code;   // stored and sent in the API: "learning_disability"
  const char* label;  // what people read: "Learning disability support"
  const char* cld;    // the Client Level Data value ("" when the return has none)
};

enum class CodeList {
  kGender,
  kEthnicity,
  kPrimarySupportReason,
  kAccommodation,
  kEmployment,
  kRouteOfAccess,
  kContactOutcome,
  kReviewReason,
  kReviewMethod,
  kClosureReason,
  kContributionBasis,
  kCarerRelationship,
  kCarerAssessmentOffer,
};

std::span<const Code> Codes(CodeList list);
const Code* FindCode(CodeList list, std::string_view code);
// The code's label, or "" when the list has no such code.
const char* LabelOf(CodeList list, std::string_view code);
// "gender", "ethnicity", ... for messages.
const char* CodeListName(CodeList list);

}  // namespace selfdirect::casework
