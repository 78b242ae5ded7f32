// What the ledger needs from the store. Implemented in store/ (SQL lives there only); every
// method runs inside the caller's transaction (store::Transaction::Ledger()).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/account.h"
#include "selfdirect/ledger/batch.h"
#include "selfdirect/ledger/transfer.h"

namespace selfdirect::ledger {

class LedgerRepository {
 public:
  virtual ~LedgerRepository() = default;

  // Stores a new account (balances as given: zero for a new one). kConflict when the id is
  // taken; kNotFound when its council or scheme does not exist.
  virtual Status CreateAccount(const Account& account) = 0;
  virtual Result<std::optional<Account>> FindAccount(const CouncilId& council,
                                                     const LedgerAccountId& id) = 0;
  // The owner's accounts, oldest first.
  virtual Result<std::vector<Account>> FindAccountsByOwner(const CouncilId& council,
                                                           const Owner& owner) = 0;
  // Closes an account (ledger::CloseAccount's rules); kNotFound when there is none.
  virtual Status CloseAccount(const CouncilId& council, const LedgerAccountId& id,
                              Timestamp at) = 0;

  // Applies a batch (batch.h): one result per transfer, in order, each either the transfer as
  // recorded (already_existed for a replay) or why it was refused. Each account the batch
  // touches is read once and written once. Fails as a whole only when the database does; the
  // caller's transaction then rolls back.
  virtual Result<std::vector<TransferResult>> CreateTransfers(std::span<const Transfer> batch) = 0;
  virtual Result<std::optional<Transfer>> FindTransfer(const CouncilId& council,
                                                       const TransferId& id) = 0;
  // An account's transfers (either side) in the order they were made, at most `limit`, starting
  // after the transfer `after` when given (a page's last id is the next page's cursor).
  virtual Result<std::vector<Transfer>> TransfersOf(const CouncilId& council,
                                                    const LedgerAccountId& account, int limit,
                                                    const std::optional<TransferId>& after) = 0;

  // Recomputes every account's balances from its transfers and compares them with the stored
  // ones (Reconciliation), with the council-wide sums.
  virtual Result<LedgerCheck> Verify(const CouncilId& council) = 0;
};

}  // namespace selfdirect::ledger
