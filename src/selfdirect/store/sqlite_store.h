// SqliteStore: the Store over an embedded SQLite database (the default deployment).
#pragma once

#include <memory>

#include "selfdirect/store/sqlite.h"
#include "selfdirect/store/store.h"

namespace selfdirect::store {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Database& db) : db_(db) {}

  Status Write(const std::function<Status(Transaction&)>& fn) override;
  Status Read(const std::function<Status(Transaction&)>& fn) override;
  Result<SchemaState> Schema() override { return InspectSchema(db_); }

 private:
  Database& db_;
};

// The council repository over one SQLite connection inside an open transaction.
class SqliteCouncilRepository final : public CouncilRepository {
 public:
  explicit SqliteCouncilRepository(Connection& c) : c_(c) {}

  Status CreateCouncil(const Council& council) override;
  Result<std::optional<Council>> FindCouncil(const CouncilId& id) override;
  Result<std::optional<Council>> FindCouncilByCode(const std::string& code) override;
  Result<std::vector<Council>> ListCouncils() override;
  Status CreateScheme(const Scheme& scheme) override;
  Result<std::vector<Scheme>> ListSchemes(const CouncilId& council) override;
  Result<std::optional<Scheme>> FindScheme(const CouncilId& council, const SchemeId& id) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
