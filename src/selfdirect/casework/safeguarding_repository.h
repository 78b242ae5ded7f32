// What safeguarding needs from the store. Implemented in store/ (SQL lives there only).
#pragma once

#include <optional>
#include <vector>

#include "selfdirect/casework/safeguarding.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

class SafeguardingRepository {
 public:
  virtual ~SafeguardingRepository() = default;
  virtual Status CreateConcern(const Concern& concern) = 0;
  virtual Result<std::optional<Concern>> FindConcern(const CouncilId& council,
                                                     const ConcernId& id) = 0;
  // Stores a step (status, triage, enquiry, closure, each with who and when) and increments the
  // revision; kConflict when the concern's revision is no longer `expected_revision`.
  virtual Status SaveConcern(const Concern& concern, std::int64_t expected_revision) = 0;
  // Concerns not yet closed: immediate risk first, then the oldest first (the lead's queue).
  virtual Result<std::vector<Concern>> OpenConcerns(const CouncilId& council, int limit) = 0;
  // Every concern about the person, newest first.
  virtual Result<std::vector<Concern>> ConcernsAbout(const CouncilId& council,
                                                     const PersonId& person) = 0;
};

}  // namespace selfdirect::casework
