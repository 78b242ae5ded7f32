// Ledger use cases: opening accounts in the council's books, recording a transfer, reading an
// account's balance and its transfers, and verifying the books. The rules are the ledger's
// (src/selfdirect/ledger/); these functions ask the policy, run one transaction and write the
// audit entry in it.
//
//   app::Ledger books(store, clock, ids);
//   auto fund = books.OpenAccount(ctx, {.type = "council_fund", .owner_kind = "council",
//                                       .name = "Adult social care"});
//   auto paid = books.CreateTransfer(ctx, {.id = "run:2026-11-30:1", ...});
//   // paid->already_existed: this id was recorded before with the same content
//
// Payment runs, schedules and statement imports build on the repository (tx.Ledger()) inside
// their own use cases; they are not here.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/single_flight.h"
#include "selfdirect/ledger/batch.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// One page of an account's transfers, oldest first.
struct TransferPage {
  std::vector<ledger::Transfer> transfers;
  std::optional<TransferId> next_after;  // the cursor for the next page, when there is one
};

class Ledger {
 public:
  Ledger(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Opens an account in the actor's council (finance officers). A person's account must name a
  // person on the council's records, and a scheme must be one of the council's; field errors
  // otherwise. A council account is owned by the council itself.
  Result<ledger::Account> OpenAccount(const Context& ctx, const ledger::NewAccount& request);

  // Records one transfer (finance officers), stamped with now and the actor. A replay of an id
  // already recorded with the same content returns the original (already_existed) and changes
  // nothing; other content under that id is kConflict; a refused transfer changes nothing and
  // says why, naming the field.
  //
  // Group commit: transfers that arrive while another is being written wait and are written
  // together in the next transaction, each with its own result and audit entry, so that many
  // clients share one commit (one fsync) instead of queueing for one each. Each transfer is
  // still applied on its own and in arrival order: a refused one does not affect the others.
  // A transaction holds at most kMaxBatch transfers; when one fails to commit, its transfers
  // are written again one per transaction, so that a failure is only the failing one's.
  // Answered only after the commit that holds the transfer (durability is unchanged).
  Result<ledger::TransferOutcome> CreateTransfer(const Context& ctx,
                                                 const ledger::TransferRequest& request);

  // How many transfers are waiting for the next commit (for monitoring and tests).
  std::size_t TransfersWaiting();

  // What group commit has done since the ledger was made: how many commits, how many
  // transfers they wrote, and the time spent writing them (for the benchmark and monitoring).
  struct GroupCommitStats {
    std::int64_t commits = 0;
    std::int64_t transfers = 0;
    std::int64_t largest = 0;
    std::chrono::nanoseconds writing{0};
  };
  GroupCommitStats CommitStats();

  static constexpr std::size_t kMaxBatch = 256;

  // An account with its balances (finance officers). The read is audited when the account
  // belongs to a person.
  Result<ledger::Account> GetAccount(const Context& ctx, const LedgerAccountId& id);

  // An account's transfers, oldest first: at most `limit` (1–200) after the transfer `after`
  // ("" for the first page).
  Result<TransferPage> TransfersOf(const Context& ctx, const LedgerAccountId& id, int limit,
                                   const std::string& after);

  // Recomputes every council's balances from its transfers (the operator, from the CLI).
  Result<std::vector<ledger::LedgerCheck>> Verify(const Context& ctx);

  // Recomputes the actor's council's balances from its transfers, as `selfdirect ledger verify`
  // does for every council (finance officers: "Check the books" on the finance overview). Nothing
  // in the ledger changes; the check is audited ("ledger.books.check"). At the size of a large
  // council it takes seconds, so one check runs at a time for each council: an officer who asks
  // while one is running waits for it and is given its answer (and its time).
  struct BooksChecked {
    ledger::LedgerCheck check;
    Timestamp at;  // when the check read the books
  };
  Result<BooksChecked> CheckBooks(const Context& ctx);

 private:
  // Whether the actor may read the ledger's accounts: finance officers. This is the hook for
  // "My money": when budget holders and their representatives read their own accounts, an
  // account owned by a person will be decided here with Action::kBudgetRead on
  // Resource::Person (RelationshipTo), after the council-wide rule has said no.
  Status AuthorizeRead(const Context& ctx, const std::string& resource_id);
  Status AuditRead(const Context& ctx, const ledger::Account& account, const std::string& what);

  struct QueuedTransfer {
    const Context* ctx = nullptr;
    ledger::Transfer transfer;
    std::optional<Result<ledger::TransferOutcome>> result;
  };
  // Writes `batch`: each one's result, in order. Reads the batch; the caller stores the
  // results. One transaction, or one per transfer when the batch's fails to commit.
  std::vector<Result<ledger::TransferOutcome>> CommitTransfers(
      const std::vector<QueuedTransfer*>& batch);
  // Writes `batch` in one transaction: each one's result, in order (all the database's error
  // when the transaction fails).
  std::vector<Result<ledger::TransferOutcome>> CommitTogether(
      const std::vector<QueuedTransfer*>& batch);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
  SingleFlight<Result<BooksChecked>> books_checks_;  // by council

  std::mutex queue_mutex_;
  std::condition_variable queue_done_;
  std::vector<QueuedTransfer*> queue_;  // waiting for the next commit
  bool committing_ = false;             // a caller is writing a batch
  GroupCommitStats stats_;              // under queue_mutex_
};

}  // namespace selfdirect::app
