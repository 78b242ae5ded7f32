// What personal assistants need from the store. Implemented in store/ (SQL lives there only).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "selfdirect/casework/personal_assistants.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

class PersonalAssistantRepository {
 public:
  virtual ~PersonalAssistantRepository() = default;
  virtual Status CreateAssistant(const PersonalAssistant& pa) = 0;
  virtual Result<std::optional<PersonalAssistant>> FindAssistant(const CouncilId& council,
                                                                 const PersonalAssistantId& id) = 0;
  // Stores every field of `pa` (the stored revision is incremented); kConflict when the stored
  // revision is no longer `expected_revision`.
  virtual Status SaveAssistant(const PersonalAssistant& pa, std::int64_t expected_revision) = 0;
  // The person's PAs, current ones first, then by start date and name.
  virtual Result<std::vector<PersonalAssistant>> AssistantsOf(const CouncilId& council,
                                                              const PersonId& employer) = 0;
  // Every PA in the council (for aggregates: callers must not pass names on).
  virtual Result<std::vector<PersonalAssistant>> AllAssistants(const CouncilId& council) = 0;
  // The employer's checklist; nothing when it has never been saved.
  virtual Result<std::optional<EmployerDuties>> FindDuties(const CouncilId& council,
                                                           const PersonId& employer) = 0;
  // Creates the checklist (expected_revision 0) or replaces it; kConflict when the stored
  // revision is no longer `expected_revision`.
  virtual Status SaveDuties(const EmployerDuties& duties, std::int64_t expected_revision) = 0;
};

}  // namespace selfdirect::casework
