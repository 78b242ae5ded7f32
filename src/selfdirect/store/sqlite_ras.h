// Published RAS model versions in SQLite.
#pragma once

#include "selfdirect/ras/repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteModelRepository final : public ras::ModelRepository {
 public:
  explicit SqliteModelRepository(Connection& c) : c_(c) {}

  Status Publish(const ras::PublishedModel& model) override;
  Result<std::vector<ras::PublishedModel>> ListVersions(const CouncilId& council) override;
  Result<std::optional<ras::PublishedModel>> FindVersion(const CouncilId& council,
                                                         const std::string& model_id,
                                                         std::int64_t version) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
