#include "selfdirect/ledger/batch.h"

namespace selfdirect::ledger {
namespace {

bool Resolves(TransferFlag f) {
  return f == TransferFlag::kPostPending || f == TransferFlag::kVoidPending;
}

// One transfer of a batch. The outer Result fails only when the keeper does.
Result<TransferResult> ApplyOne(BookKeeper& keeper, const Transfer& t) {
  std::optional<PendingRecord> pending;
  bool pending_read = false;
  auto read_pending = [&]() -> Status {
    if (pending_read || !Resolves(t.flag) || !t.pending_id) return Ok();
    auto found = keeper.FindPending(t.council, *t.pending_id);
    if (!found) return tl::unexpected(found.error());
    pending = std::move(*found);
    pending_read = true;
    return Ok();
  };
  // The stored transfer with this id, if any, decides the result.
  auto settle = [&](Error refusal) -> Result<TransferResult> {
    auto stored = keeper.FindTransfer(t.council, t.id);
    if (!stored) return tl::unexpected(stored.error());
    if (!*stored) return TransferResult(tl::unexpected(std::move(refusal)));
    if (auto read = read_pending(); !read) return tl::unexpected(read.error());
    std::optional<Pence> pending_amount;
    if (pending) pending_amount = pending->transfer.amount;
    if (auto replay = CheckReplay(**stored, t, pending_amount); !replay) {
      return TransferResult(tl::unexpected(replay.error()));
    }
    return TransferResult(TransferOutcome{std::move(**stored), true});
  };

  if (auto shape = CheckShape(t); !shape) return settle(shape.error());
  if (auto read = read_pending(); !read) return tl::unexpected(read.error());
  auto resolved = ResolveAgainstPending(t, pending);
  if (!resolved) return settle(resolved.error());
  if (t.corrects) {
    auto corrected = keeper.FindTransfer(t.council, *t.corrects);
    if (!corrected) return tl::unexpected(corrected.error());
    if (!*corrected) {
      return settle(Error{ErrorCode::kInvalidArgument,
                          "There is no transfer with the id " + t.corrects->str() + " to correct",
                          {{"corrects", "There is no transfer with this id to correct"}}});
    }
  }
  auto debit = keeper.HoldAccount(t.council, resolved->debit_account);
  if (!debit) return tl::unexpected(debit.error());
  if (*debit == nullptr) {
    return settle(Error{ErrorCode::kInvalidArgument,
                        "There is no account with the id " + resolved->debit_account.str(),
                        {{"debit_account_id", "There is no account with this id"}}});
  }
  auto credit = keeper.HoldAccount(t.council, resolved->credit_account);
  if (!credit) return tl::unexpected(credit.error());
  if (*credit == nullptr) {
    return settle(Error{ErrorCode::kInvalidArgument,
                        "There is no account with the id " + resolved->credit_account.str(),
                        {{"credit_account_id", "There is no account with this id"}}});
  }
  auto posting = ApplyTransfer(t, **debit, **credit, pending);
  if (!posting) return settle(posting.error());
  posting->transfer.value_date = ValueDate(posting->transfer);
  auto recorded = keeper.Record(posting->transfer);
  if (!recorded) return tl::unexpected(recorded.error());
  if (!*recorded) {
    return settle(Error{ErrorCode::kInternal, "a recorded transfer could not be read back", {}});
  }
  (*debit)->balances = posting->debit;
  (*credit)->balances = posting->credit;
  return TransferResult(TransferOutcome{std::move(posting->transfer), false});
}

}  // namespace

Result<std::vector<TransferResult>> CreateTransfers(BookKeeper& keeper,
                                                    std::span<const Transfer> batch) {
  std::vector<TransferResult> out;
  out.reserve(batch.size());
  for (const Transfer& t : batch) {
    auto one = ApplyOne(keeper, t);
    if (!one) return tl::unexpected(one.error());
    out.push_back(std::move(*one));
  }
  return out;
}

}  // namespace selfdirect::ledger
