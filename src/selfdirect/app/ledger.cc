#include "selfdirect/app/ledger.h"

#include <fmt/format.h>

#include <algorithm>

namespace selfdirect::app {
namespace {

tl::unexpected<Error> NoSuchAccount() {
  return Fail(ErrorCode::kNotFound, "There is no ledger account with this id");
}

}  // namespace

Status Ledger::AuthorizeRead(const Context& ctx, const std::string& resource_id) {
  return Authorize(store_, clock_, ctx, Action::kLedgerRead,
                   Resource::Council(ctx.actor.council_id), "ledger-account", resource_id);
}

Status Ledger::AuditRead(const Context& ctx, const ledger::Account& account,
                         const std::string& what) {
  if (account.owner.kind != ledger::OwnerKind::kPerson) return Ok();
  return store_.Write([&](store::Transaction& tx) {
    AuditEntry e = MakeAuditEntry(ctx, account.council, clock_.Now(), "ledger.read",
                                  "ledger-account", account.id.str(), AuditOutcome::kAllowed, what);
    e.subject_person_id = account.owner.id;
    return tx.Audit().Append(e);
  });
}

Result<ledger::Account> Ledger::OpenAccount(const Context& ctx, const ledger::NewAccount& request) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kLedgerAccountsOpen,
                         Resource::Council(ctx.actor.council_id), "ledger-account", "new");
      !a) {
    return tl::unexpected(a.error());
  }
  auto account = ledger::ValidateNewAccount(request);
  if (!account) return tl::unexpected(account.error());
  account->council = ctx.actor.council_id;
  account->id = LedgerAccountId(ids_.Next());
  account->created_at = clock_.Now();
  if (account->owner.kind == ledger::OwnerKind::kCouncil) {
    account->owner.id = ctx.actor.council_id.str();
  }
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    std::vector<FieldError> errors;
    if (account->owner.kind == ledger::OwnerKind::kPerson) {
      auto person = tx.Casework().FindPerson(account->council, PersonId(account->owner.id));
      if (!person) return tl::unexpected(person.error());
      if (!*person) errors.push_back({"owner_id", "There is no person with this id"});
    }
    if (account->scheme) {
      auto scheme = tx.Councils().FindScheme(account->council, *account->scheme);
      if (!scheme) return tl::unexpected(scheme.error());
      if (!*scheme) errors.push_back({"scheme_id", "There is no scheme with this id"});
    }
    if (!errors.empty()) return FailFields(std::move(errors));
    if (auto created = tx.Ledger().CreateAccount(*account); !created) return created;
    AuditEntry e =
        MakeAuditEntry(ctx, account->council, clock_.Now(), "ledger.account.open", "ledger-account",
                       account->id.str(), AuditOutcome::kAllowed,
                       fmt::format("opened a {} account", ledger::AccountTypeLabel(account->type)));
    if (account->owner.kind == ledger::OwnerKind::kPerson) {
      e.subject_person_id = account->owner.id;
    }
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return account;
}

Result<ledger::TransferOutcome> Ledger::CreateTransfer(const Context& ctx,
                                                       const ledger::TransferRequest& request) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kLedgerTransfersCreate,
                         Resource::Council(ctx.actor.council_id), "transfer", request.id);
      !a) {
    return tl::unexpected(a.error());
  }
  auto transfer = ledger::ParseTransfer(request);
  if (!transfer) return tl::unexpected(transfer.error());
  transfer->council = ctx.actor.council_id;
  transfer->created_at = clock_.Now();
  if (transfer->value_date && clock_.Today() < *transfer->value_date) {
    return FailFields({{"value_date",
                        "The day the money moved cannot be after today: record the transfer on "
                        "the day it moves"}});
  }
  transfer->created_by = ctx.actor.user_id;
  QueuedTransfer mine{&ctx, std::move(*transfer), std::nullopt};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&mine);
  while (!mine.result) {
    if (committing_) {
      queue_done_.wait(lock);
      continue;
    }
    // Lead: write what is waiting (this transfer included, it being the oldest not yet
    // written), at most kMaxBatch, in one transaction.
    committing_ = true;
    const auto take = std::min(queue_.size(), kMaxBatch);
    std::vector<QueuedTransfer*> batch(queue_.begin(), queue_.begin() + take);
    queue_.erase(queue_.begin(), queue_.begin() + take);
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    auto results = CommitTransfers(batch);
    const auto took = std::chrono::steady_clock::now() - started;
    lock.lock();
    ++stats_.commits;
    stats_.transfers += static_cast<std::int64_t>(batch.size());
    stats_.largest = std::max(stats_.largest, static_cast<std::int64_t>(batch.size()));
    stats_.writing += took;
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->result = std::move(results[i]);
    committing_ = false;
    queue_done_.notify_all();
  }
  return std::move(*mine.result);
}

std::size_t Ledger::TransfersWaiting() {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

Ledger::GroupCommitStats Ledger::CommitStats() {
  std::lock_guard lock(queue_mutex_);
  return stats_;
}

std::vector<Result<ledger::TransferOutcome>> Ledger::CommitTransfers(
    const std::vector<QueuedTransfer*>& batch) {
  auto results = CommitTogether(batch);
  if (batch.size() < 2 || results.front()) return results;
  // The transaction failed (every result is its error) and nothing in it was kept: one
  // transfer may have caused it, so each is written again in a transaction of its own and only
  // the one that fails again says so.
  for (std::size_t i = 0; i < batch.size(); ++i) {
    results[i] = std::move(CommitTogether({batch[i]}).front());
  }
  return results;
}

std::vector<Result<ledger::TransferOutcome>> Ledger::CommitTogether(
    const std::vector<QueuedTransfer*>& batch) {
  std::vector<ledger::Transfer> transfers;
  transfers.reserve(batch.size());
  for (const QueuedTransfer* q : batch) transfers.push_back(q->transfer);
  std::vector<Result<ledger::TransferOutcome>> results;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    results.clear();
    auto applied = tx.Ledger().CreateTransfers(transfers);
    if (!applied) return tl::unexpected(applied.error());
    for (std::size_t i = 0; i < applied->size(); ++i) {
      auto& result = (*applied)[i];
      if (result && !result->already_existed) {  // a replay changed nothing: nothing to audit
        const ledger::Transfer& t = result->transfer;
        AuditEntry e = MakeAuditEntry(
            *batch[i]->ctx, t.council, clock_.Now(), "ledger.transfer", "transfer", t.id.str(),
            AuditOutcome::kAllowed,
            fmt::format("recorded a transfer of {} ({}, {}) from account {} to account {}",
                        FormatPounds(t.amount), ledger::TransferCodeCode(t.code),
                        ledger::TransferFlagCode(t.flag), t.debit_account.str(),
                        t.credit_account.str()));
        if (auto appended = tx.Audit().Append(e); !appended) return appended;
      }
      results.push_back(std::move(result));
    }
    return Ok();
  });
  if (!s) {
    results.assign(batch.size(), tl::unexpected(s.error()));
  }
  return results;
}

Result<ledger::Account> Ledger::GetAccount(const Context& ctx, const LedgerAccountId& id) {
  if (auto a = AuthorizeRead(ctx, id.str()); !a) return tl::unexpected(a.error());
  std::optional<ledger::Account> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Ledger().FindAccount(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchAccount();
    out = std::move(**found);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (auto audited = AuditRead(ctx, *out, "looked at a ledger account's balance"); !audited) {
    return tl::unexpected(audited.error());
  }
  return std::move(*out);
}

Result<TransferPage> Ledger::TransfersOf(const Context& ctx, const LedgerAccountId& id, int limit,
                                         const std::string& after) {
  if (auto a = AuthorizeRead(ctx, id.str()); !a) return tl::unexpected(a.error());
  std::optional<TransferId> cursor;
  if (!after.empty()) {
    auto parsed = TransferId::Parse(after);
    if (!parsed) return FailFields({{"after", "Enter the id of the last transfer you saw"}});
    cursor = *parsed;
  }
  limit = std::clamp(limit, 1, 200);
  TransferPage page;
  std::optional<ledger::Account> account;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Ledger().FindAccount(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchAccount();
    account = std::move(**found);
    auto transfers = tx.Ledger().TransfersOf(ctx.actor.council_id, id, limit + 1, cursor);
    if (!transfers) return tl::unexpected(transfers.error());
    page.transfers = std::move(*transfers);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (static_cast<int>(page.transfers.size()) > limit) {
    page.transfers.resize(static_cast<std::size_t>(limit));
    page.next_after = page.transfers.back().id;
  }
  if (auto audited = AuditRead(ctx, *account, "looked at a ledger account's transfers"); !audited) {
    return tl::unexpected(audited.error());
  }
  return page;
}

Result<std::vector<ledger::LedgerCheck>> Ledger::Verify(const Context& ctx) {
  if (!ctx.actor.is_operator) {
    return Fail(ErrorCode::kPermissionDenied,
                "The ledger is verified by the operator at the command line");
  }
  std::vector<ledger::LedgerCheck> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto councils = tx.Councils().ListCouncils();
    if (!councils) return tl::unexpected(councils.error());
    for (const Council& c : *councils) {
      auto check = tx.Ledger().Verify(c.id);
      if (!check) return tl::unexpected(check.error());
      out.push_back(std::move(*check));
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<Ledger::BooksChecked> Ledger::CheckBooks(const Context& ctx) {
  if (auto a = AuthorizeRead(ctx, "books"); !a) return tl::unexpected(a.error());
  auto answer = books_checks_.Do(ctx.actor.council_id.str(), [&]() -> Result<BooksChecked> {
    std::optional<BooksChecked> out;
    auto s = store_.Read([&](store::Transaction& tx) -> Status {
      const Timestamp at = clock_.Now();
      auto check = tx.Ledger().Verify(ctx.actor.council_id);
      if (!check) return tl::unexpected(check.error());
      out = BooksChecked{std::move(*check), at};
      return Ok();
    });
    if (!s) return tl::unexpected(s.error());
    return std::move(*out);
  });
  if (!answer.value) return tl::unexpected(answer.value.error());
  BooksChecked& out = *answer.value;
  // Audited for each officer given the answer: it names any account that differs, people's
  // accounts among them.
  auto audited = store_.Write([&](store::Transaction& tx) -> Status {
    AuditEntry e = MakeAuditEntry(
        ctx, ctx.actor.council_id, clock_.Now(), "ledger.books.check", "ledger", "books",
        AuditOutcome::kAllowed,
        fmt::format("checked the books{}: {} accounts, {} transfers, {}",
                    answer.shared ? " (given the answer of a check already running)" : "",
                    out.check.accounts, out.check.transfers,
                    out.check.clean() ? "they balance" : "NOT balanced"));
    return tx.Audit().Append(e);
  });
  if (!audited) return tl::unexpected(audited.error());
  return std::move(out);
}

}  // namespace selfdirect::app
