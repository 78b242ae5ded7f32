// Applying a batch of transfers: the one algorithm both the in-memory Book (book.h) and the
// database (store/sqlite_ledger.cc) run, so that what the property tests prove of one holds of
// the other.
//
// Transfers are applied in order, each on its own: one refused does not stop the others, and a
// later transfer sees the balances the earlier ones left (a batch may create a pending transfer
// and post it). For each one:
//
//   1. its shape (transfer.h, CheckShape), for a post or void the pending transfer, and for a
//      correction the transfer it corrects;
//   2. the two accounts, read once per batch through the keeper and kept;
//   3. ApplyTransfer: councils, closed accounts, overflow, balance rules;
//   4. the keeper records it unless its id is already recorded.
//
// Whenever a check fails, or the id turns out to be recorded already, the stored transfer with
// that id decides: identical content is the original result (already_existed), not an error;
// other content is kConflict. So a retry after a crash or a timeout is always safe, even when
// the balances have moved on since the first attempt.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/ledger/account.h"
#include "selfdirect/ledger/transfer.h"

namespace selfdirect::ledger {

// The result of one transfer of a batch.
struct TransferOutcome {
  Transfer transfer;             // as recorded (accounts and amount filled for a post or void)
  bool already_existed = false;  // a replay: nothing changed, this is the original
};
using TransferResult = Result<TransferOutcome>;

// What the batch needs from wherever the books are kept. A failure of the keeper itself (the
// database) stops the batch.
class BookKeeper {
 public:
  virtual ~BookKeeper() = default;
  virtual Result<std::optional<Transfer>> FindTransfer(const CouncilId& council,
                                                       const TransferId& id) = 0;
  // The transfer with this id (whatever its flag) and whether a post or void names it.
  virtual Result<std::optional<PendingRecord>> FindPending(const CouncilId& council,
                                                           const TransferId& id) = 0;
  // The account, held for the rest of the batch: the batch writes new balances through the
  // pointer and the keeper stores them. nullptr when there is no such account in the council.
  virtual Result<Account*> HoldAccount(const CouncilId& council, const LedgerAccountId& id) = 0;
  // Records a transfer unless one with its id exists: true when recorded, false when not.
  virtual Result<bool> Record(const Transfer& transfer) = 0;
};

// Applies `batch` in order through `keeper`; one result per transfer, in the same order.
Result<std::vector<TransferResult>> CreateTransfers(BookKeeper& keeper,
                                                    std::span<const Transfer> batch);

}  // namespace selfdirect::ledger
