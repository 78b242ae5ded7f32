// Closing a case: the person died, moved to another council's area, no longer wants support, or
// has their needs met another way. The money consequences (final payments, reclaiming a surplus)
// belong to the ledger; casework records why and when.
#pragma once

#include <string>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

struct Closure {
  CouncilId council;
  PersonId person;
  std::string reason;  // codes.h kClosureReason
  Date effective_on;   // the day support ended (the date of death, of the move, …)
  std::string words;
  Timestamp recorded_at;
  UserId recorded_by;
};

struct ClosureRequest {
  std::string reason;
  std::string effective_on;  // YYYY-MM-DD; today when empty
  std::string words;
};

// Field errors for an unknown reason, a date in the future or before the person was born.
Result<Closure> ValidateClosure(const ClosureRequest& request, Date date_of_birth, Date today);

}  // namespace selfdirect::casework
