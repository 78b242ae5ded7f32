// Personal assistants and employers' duties checklists in SQLite.
#pragma once

#include "selfdirect/casework/personal_assistants_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqlitePersonalAssistantRepository final : public casework::PersonalAssistantRepository {
 public:
  explicit SqlitePersonalAssistantRepository(Connection& c) : c_(c) {}

  Status CreateAssistant(const casework::PersonalAssistant& pa) override;
  Result<std::optional<casework::PersonalAssistant>> FindAssistant(
      const CouncilId& council, const casework::PersonalAssistantId& id) override;
  Status SaveAssistant(const casework::PersonalAssistant& pa,
                       std::int64_t expected_revision) override;
  Result<std::vector<casework::PersonalAssistant>> AssistantsOf(const CouncilId& council,
                                                                const PersonId& employer) override;
  Result<std::vector<casework::PersonalAssistant>> AllAssistants(const CouncilId& council) override;
  Result<std::optional<casework::EmployerDuties>> FindDuties(const CouncilId& council,
                                                             const PersonId& employer) override;
  Status SaveDuties(const casework::EmployerDuties& duties,
                    std::int64_t expected_revision) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
