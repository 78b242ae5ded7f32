// Carers linked to a person's record: the unpaid carers who look after them (Care Act s10: each
// is owed the offer of a carer's assessment). A carer may have their own record with the council
// (a carer's assessment, a carer's budget), which the link then names; or be known only by
// association, by name.
#pragma once

#include <optional>
#include <string>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

struct CarerLink {
  CouncilId council;
  CarerLinkId id;
  PersonId person;                       // the person cared for
  std::optional<PersonId> carer_person;  // the carer's own record, when they have one
  std::string name;                      // the carer's name (from their record when linked)
  std::string relationship;              // codes.h kCarerRelationship
  bool lives_with = false;               // lives with the person they care for
  std::string phone;
  std::string assessment_offer;  // codes.h kCarerAssessmentOffer
  std::optional<Date> offered_on;
  Timestamp created_at;
  UserId created_by;
  std::optional<Timestamp> ended_at;  // no longer their carer
  UserId ended_by;
};

// What a caller sends, as typed.
struct CarerRequest {
  std::string name;
  std::string nhs_number;  // optional: links the carer's own record when the council has one
  std::string relationship;
  std::string lives_with;  // "yes" | "no"
  std::string phone;
  std::string assessment_offer;
  std::string offered_on;  // YYYY-MM-DD; needed once an assessment has been offered
};

// Checks every field (all problems at once, each named). The NHS number, when given, must be a
// valid one (the caller looks up the record it names); the name is needed unless it is given.
// An offer of a carer's assessment needs the date it was made, not in the future.
Result<CarerLink> ValidateCarer(const CarerRequest& request, Date today);

// "Sam Okafor (son or daughter), lives with them": how the record lists a carer.
std::string DescribeCarer(const CarerLink& carer);

}  // namespace selfdirect::casework
