// Safeguarding concerns in SQLite.
#pragma once

#include "selfdirect/casework/safeguarding_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteSafeguardingRepository final : public casework::SafeguardingRepository {
 public:
  explicit SqliteSafeguardingRepository(Connection& c) : c_(c) {}

  Status CreateConcern(const casework::Concern& concern) override;
  Result<std::optional<casework::Concern>> FindConcern(const CouncilId& council,
                                                       const ConcernId& id) override;
  Status SaveConcern(const casework::Concern& concern, std::int64_t expected_revision) override;
  Result<std::vector<casework::Concern>> OpenConcerns(const CouncilId& council, int limit) override;
  Result<std::vector<casework::Concern>> ConcernsAbout(const CouncilId& council,
                                                       const PersonId& person) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
