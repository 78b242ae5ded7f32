// Use cases for a council's Resource Allocation System: the published models (public), working
// out an estimate (public, nothing stored), checking a draft against the current version, and
// publishing a new version (administrators).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/council/council.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model.h"
#include "selfdirect/ras/repository.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// A published version with its parsed model.
struct LoadedModel {
  ras::PublishedModel record;
  std::shared_ptr<const ras::Model> model;
};

struct ModelVersions {
  Council council;
  std::vector<ras::PublishedModel> versions;  // newest first within each model, no source
};

struct ExampleResult {
  std::string description;
  std::int64_t expected_pence = 0;
  std::optional<std::int64_t> amount_pence;  // empty when the answers are refused
  bool passed = false;
};

struct ComparisonRow {
  std::string description;                    // the example
  std::optional<std::int64_t> current_pence;  // empty when the current model refuses its answers
  std::int64_t new_pence = 0;
};

struct CheckReport {
  ras::Problems problems;                   // empty when the draft passes
  std::shared_ptr<const ras::Model> model;  // set when it passes
  std::vector<ExampleResult> examples;
  std::optional<LoadedModel> current;     // the council's current version of the same id
  std::vector<ComparisonRow> comparison;  // the draft's and current's examples under both
};

class RasModels {
 public:
  RasModels(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The council named by `council_code`, or the signed-in actor's own when it is empty.
  // kInvalidArgument (field "council") when neither; kNotFound when there is no such council.
  Result<Council> ResolveCouncil(const Context& ctx, const std::string& council_code);

  Result<ModelVersions> List(const Context& ctx, const std::string& council_code);

  // One version (0: the current one). kNotFound when the council has no such model or version.
  Result<LoadedModel> Get(const Context& ctx, const std::string& council_code,
                          const std::string& model_id, std::int64_t version);

  // Works out an estimate with a published model; stores nothing. Invalid answers fail with
  // kInvalidArgument and one field error per answer, named "answers.<id>".
  Result<ras::Explanation> Evaluate(const Context& ctx, const std::string& council_code,
                                    const std::string& model_id, std::int64_t version,
                                    const ras::RawAnswers& answers, LoadedModel* used = nullptr);

  // Checks a draft model file (administrators and analysts); the report is the result, so a
  // draft with problems is still a success of this call.
  Result<CheckReport> Check(const Context& ctx, const std::string& source);

  // Publishes a draft as a new version (administrators). kInvalidArgument (field "yaml") when
  // it fails the check; kConflict when its version is not newer than the current one.
  Result<ras::PublishedModel> Publish(const Context& ctx, const std::string& source);

 private:
  Result<std::shared_ptr<const ras::Model>> Parse(const ras::PublishedModel& record);

  store::Store& store_;
  const Clock& clock_;
  std::mutex cache_mutex_;
  // Parsed models by council, id and version: a published version never changes.
  std::map<std::string, std::shared_ptr<const ras::Model>> cache_;
};

}  // namespace selfdirect::app
