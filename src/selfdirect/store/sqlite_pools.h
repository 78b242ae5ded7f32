// Pooled budgets' agreements in SQLite (the money is in the ledger's tables).
#pragma once

#include "selfdirect/market/pools_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqlitePoolRepository final : public market::PoolRepository {
 public:
  explicit SqlitePoolRepository(Connection& c) : c_(c) {}

  Status CreatePool(const market::Pool& pool) override;
  Result<std::optional<market::Pool>> FindPool(const CouncilId& council,
                                               const market::PoolId& id) override;
  Status SavePool(const market::Pool& pool, std::int64_t expected_revision) override;
  Result<std::vector<market::PoolId>> PoolsOf(const CouncilId& council,
                                              const PersonId& person) override;
  Result<std::vector<market::PoolId>> ListPools(const CouncilId& council) override;

 private:
  Status SaveMembers(const market::Pool& pool);
  Connection& c_;
};

}  // namespace selfdirect::store
