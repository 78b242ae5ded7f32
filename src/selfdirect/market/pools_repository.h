// What pooled budgets need from the store. Implemented in store/ (SQL lives there only); every
// method runs inside the caller's transaction (store::Transaction::Pools()).
#pragma once

#include <optional>
#include <vector>

#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"
#include "selfdirect/market/pools.h"

namespace selfdirect::market {

class PoolRepository {
 public:
  virtual ~PoolRepository() = default;

  // Stores a new pool with its members (revision 1). kConflict when the id is taken.
  virtual Status CreatePool(const Pool& pool) = 0;
  // The pool with its members, in the order they joined.
  virtual Result<std::optional<Pool>> FindPool(const CouncilId& council, const PoolId& id) = 0;
  // Stores the pool's new state and its members (new ones added, others updated) when its
  // revision is still `expected_revision`; the stored revision goes up by one. kConflict when
  // someone changed it since.
  virtual Status SavePool(const Pool& pool, std::int64_t expected_revision) = 0;
  // The pools a person is or was a member of, newest first.
  virtual Result<std::vector<PoolId>> PoolsOf(const CouncilId& council, const PersonId& person) = 0;
  // Every pool of the council, newest first.
  virtual Result<std::vector<PoolId>> ListPools(const CouncilId& council) = 0;
};

}  // namespace selfdirect::market
