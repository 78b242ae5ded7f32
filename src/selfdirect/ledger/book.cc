#include "selfdirect/ledger/book.h"

namespace selfdirect::ledger {

class Book::Keeper final : public BookKeeper {
 public:
  explicit Keeper(Book& book) : book_(book) {}

  Result<std::optional<Transfer>> FindTransfer(const CouncilId& council,
                                               const TransferId& id) override {
    const Transfer* t = book_.FindTransfer(council, id);
    return t ? std::optional<Transfer>(*t) : std::nullopt;
  }

  Result<std::optional<PendingRecord>> FindPending(const CouncilId& council,
                                                   const TransferId& id) override {
    const Transfer* t = book_.FindTransfer(council, id);
    if (t == nullptr) return std::optional<PendingRecord>{};
    PendingRecord record{*t, PendingStatus::kPending};
    if (auto r = book_.resolutions_.find({council.str(), id.str()});
        r != book_.resolutions_.end()) {
      record.status =
          r->second == TransferFlag::kPostPending ? PendingStatus::kPosted : PendingStatus::kVoided;
    }
    return std::optional<PendingRecord>(std::move(record));
  }

  Result<Account*> HoldAccount(const CouncilId& council, const LedgerAccountId& id) override {
    auto found = book_.accounts_.find({council.str(), id.str()});
    return found == book_.accounts_.end() ? nullptr : &found->second;
  }

  Result<bool> Record(const Transfer& t) override {
    Key key{t.council.str(), t.id.str()};
    if (book_.transfers_.contains(key)) return false;
    if (t.pending_id) {
      // Exactly once, as the database's unique index on (council, pending id) holds it.
      Key pending{t.council.str(), t.pending_id->str()};
      if (!book_.resolutions_.emplace(pending, t.flag).second) {
        return Fail(ErrorCode::kInternal, "a pending transfer was resolved twice");
      }
    }
    book_.transfers_.emplace(key, t);
    book_.order_.push_back(std::move(key));
    return true;
  }

 private:
  Book& book_;
};

Status Book::OpenAccount(const Account& account) {
  if (!accounts_.emplace(Key{account.council.str(), account.id.str()}, account).second) {
    return Fail(ErrorCode::kConflict,
                "An account with the id " + account.id.str() + " already exists");
  }
  return Ok();
}

Status Book::CloseAccount(const CouncilId& council, const LedgerAccountId& id, Timestamp at) {
  auto found = accounts_.find({council.str(), id.str()});
  if (found == accounts_.end()) return Fail(ErrorCode::kNotFound, "There is no such account");
  auto closed = ledger::CloseAccount(found->second, at);
  if (!closed) return tl::unexpected(closed.error());
  found->second = std::move(*closed);
  return Ok();
}

const Account* Book::FindAccount(const CouncilId& council, const LedgerAccountId& id) const {
  auto found = accounts_.find({council.str(), id.str()});
  return found == accounts_.end() ? nullptr : &found->second;
}

const Transfer* Book::FindTransfer(const CouncilId& council, const TransferId& id) const {
  auto found = transfers_.find({council.str(), id.str()});
  return found == transfers_.end() ? nullptr : &found->second;
}

std::vector<TransferResult> Book::CreateTransfers(std::span<const Transfer> batch) {
  Keeper keeper(*this);
  auto results = ledger::CreateTransfers(keeper, batch);
  // The keeper above never fails; a failure here is a bug in the batch algorithm.
  if (!results) {
    std::vector<TransferResult> failed(batch.size(), tl::unexpected(results.error()));
    return failed;
  }
  return std::move(*results);
}

std::vector<Account> Book::Accounts(const CouncilId& council) const {
  std::vector<Account> out;
  for (const auto& [key, account] : accounts_) {
    if (key.first == council.str()) out.push_back(account);
  }
  return out;
}

std::vector<Transfer> Book::Transfers(const CouncilId& council) const {
  std::vector<Transfer> out;
  for (const Key& key : order_) {
    if (key.first == council.str()) out.push_back(transfers_.at(key));
  }
  return out;
}

LedgerCheck Book::Verify(const CouncilId& council) const {
  Reconciliation r(council);
  for (const Transfer& t : Transfers(council)) r.Add(t);
  const auto accounts = Accounts(council);
  return r.Compare(accounts);
}

}  // namespace selfdirect::ledger
