// The ledger in SQLite: accounts with their running totals, immutable transfers.
#pragma once

#include "selfdirect/ledger/repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteLedgerRepository final : public ledger::LedgerRepository {
 public:
  explicit SqliteLedgerRepository(Connection& c) : c_(c) {}

  Status CreateAccount(const ledger::Account& account) override;
  Result<std::optional<ledger::Account>> FindAccount(const CouncilId& council,
                                                     const LedgerAccountId& id) override;
  Result<std::vector<ledger::Account>> FindAccountsByOwner(const CouncilId& council,
                                                           const ledger::Owner& owner) override;
  Status CloseAccount(const CouncilId& council, const LedgerAccountId& id, Timestamp at) override;
  Result<std::vector<ledger::TransferResult>> CreateTransfers(
      std::span<const ledger::Transfer> batch) override;
  Result<std::optional<ledger::Transfer>> FindTransfer(const CouncilId& council,
                                                       const TransferId& id) override;
  Result<std::vector<ledger::Transfer>> TransfersOf(
      const CouncilId& council, const LedgerAccountId& account, int limit,
      const std::optional<TransferId>& after) override;
  Result<ledger::LedgerCheck> Verify(const CouncilId& council) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
