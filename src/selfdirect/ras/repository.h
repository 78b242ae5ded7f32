// Published RAS model versions, as the store keeps them. A council publishes a model file; each
// version is kept for ever (an indicative budget names the version it came from) and the
// highest version of a model is its current one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::ras {

struct PublishedModel {
  CouncilId council;
  std::string model_id;
  std::int64_t version = 0;
  std::string title;
  std::string period;  // "weekly" | "annual"
  std::string effective_from;
  std::string source;  // the model file exactly as published
  Timestamp published_at;
  std::string published_by;       // the user's id, or "operator" for the command line
  std::string published_by_name;  // as shown in lists
};

class ModelRepository {
 public:
  virtual ~ModelRepository() = default;
  // Adds a version. kConflict when that council already has that model version.
  virtual Status Publish(const PublishedModel& model) = 0;
  // Every version of every model of a council, newest first within each model; `source` is
  // left empty.
  virtual Result<std::vector<PublishedModel>> ListVersions(const CouncilId& council) = 0;
  // One version with its source; version 0 means the current (highest) one.
  virtual Result<std::optional<PublishedModel>> FindVersion(const CouncilId& council,
                                                            const std::string& model_id,
                                                            std::int64_t version) = 0;
};

}  // namespace selfdirect::ras
