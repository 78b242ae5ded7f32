#include "selfdirect/store/sqlite_ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using ledger::Account;
using ledger::Transfer;

constexpr const char* kAccountColumns =
    "council_id, account_id, type, owner_kind, owner_id, scheme_id, name, "
    "debits_must_not_exceed_credits, credits_must_not_exceed_debits, closed_at, created_at, "
    "debits_posted, credits_posted, debits_pending, credits_pending";

constexpr const char* kTransferColumns =
    "council_id, transfer_id, debit_account_id, credit_account_id, amount, code, reference, "
    "flag, pending_id, corrects, created_at, created_by, value_date";

// The transfer columns with a table alias, for joins ("p.council_id, p.transfer_id, …").
std::string Prefixed(const char* alias, std::string_view columns = kTransferColumns) {
  std::string out;
  while (!columns.empty()) {
    const auto comma = columns.find(", ");
    out += std::string(alias) + "." + std::string(columns.substr(0, comma));
    if (comma == std::string_view::npos) break;
    out += ", ";
    columns.remove_prefix(comma + 2);
  }
  return out;
}

Result<Account> ReadAccount(const Statement& st) {
  Account a;
  a.council = CouncilId(st.Text(0));
  a.id = LedgerAccountId(st.Text(1));
  auto type = ledger::ParseAccountType(st.Text(2));
  auto owner = ledger::ParseOwnerKind(st.Text(3));
  auto created = ParseTimestamp(st.Text(10));
  if (!type || !owner || !created) return tl::unexpected(CorruptValue("ledger_accounts row"));
  a.type = *type;
  a.owner = {*owner, st.Text(4)};
  if (!st.IsNull(5)) a.scheme = SchemeId(st.Text(5));
  a.name = st.Text(6);
  a.flags.debits_must_not_exceed_credits = st.Int(7) != 0;
  a.flags.credits_must_not_exceed_debits = st.Int(8) != 0;
  if (!st.IsNull(9)) {
    auto closed = ParseTimestamp(st.Text(9));
    if (!closed) return tl::unexpected(CorruptValue("ledger_accounts.closed_at"));
    a.closed_at = *closed;
  }
  a.created_at = *created;
  a.balances = {Pence(st.Int(11)), Pence(st.Int(12)), Pence(st.Int(13)), Pence(st.Int(14))};
  return a;
}

// Reads the transfer in columns first … first + 12.
Result<Transfer> ReadTransferAt(const Statement& st, int first) {
  Transfer t;
  t.council = CouncilId(st.Text(first + 0));
  t.id = TransferId(st.Text(first + 1));
  t.debit_account = LedgerAccountId(st.Text(first + 2));
  t.credit_account = LedgerAccountId(st.Text(first + 3));
  t.amount = Pence(st.Int(first + 4));
  auto code = ledger::ParseTransferCode(st.Text(first + 5));
  auto flag = ledger::ParseTransferFlag(st.Text(first + 7));
  auto created = ParseTimestamp(st.Text(first + 10));
  auto value_date = ParseIsoDate(st.Text(first + 12));
  if (!code || !flag || !created || !value_date) {
    return tl::unexpected(CorruptValue("ledger_transfers row"));
  }
  t.code = *code;
  t.reference = st.Text(first + 6);
  t.flag = *flag;
  if (!st.IsNull(first + 8)) t.pending_id = TransferId(st.Text(first + 8));
  if (!st.IsNull(first + 9)) t.corrects = TransferId(st.Text(first + 9));
  t.created_at = *created;
  t.created_by = UserId(st.Text(first + 11));
  t.value_date = *value_date;
  return t;
}

Result<Transfer> ReadTransfer(const Statement& st) { return ReadTransferAt(st, 0); }

std::optional<std::string> OptionalId(const std::optional<TransferId>& id) {
  return id ? std::optional<std::string>(id->str()) : std::nullopt;
}

// The batch's view of the database: each account read once and held; balances written back
// once per account by Flush.
class SqliteKeeper final : public ledger::BookKeeper {
 public:
  explicit SqliteKeeper(Connection& c) : c_(c) {}

  Result<std::optional<Transfer>> FindTransfer(const CouncilId& council,
                                               const TransferId& id) override {
    static const std::string kSql = std::string("SELECT ") + kTransferColumns +
                                    " FROM ledger_transfers WHERE council_id = $1 AND "
                                    "transfer_id = $2";
    auto st = c_.Prepare(kSql);
    if (!st) return tl::unexpected(st.error());
    st->Bind(council.str(), id.str());
    return AtMostOne(Collect<Transfer>(*st, ReadTransfer));
  }

  Result<std::optional<ledger::PendingRecord>> FindPending(const CouncilId& council,
                                                           const TransferId& id) override {
    static const std::string kSql =
        "SELECT " + Prefixed("p") +
        ", r.flag FROM ledger_transfers p LEFT JOIN ledger_transfers r"
        " ON r.council_id = p.council_id AND r.pending_id = p.transfer_id"
        " WHERE p.council_id = $1 AND p.transfer_id = $2";
    auto st = c_.Prepare(kSql);
    if (!st) return tl::unexpected(st.error());
    st->Bind(council.str(), id.str());
    return AtMostOne(Collect<ledger::PendingRecord>(
        *st, [](const Statement& row) -> Result<ledger::PendingRecord> {
          auto t = ReadTransferAt(row, 0);
          if (!t) return tl::unexpected(t.error());
          ledger::PendingRecord record{std::move(*t), ledger::PendingStatus::kPending};
          if (!row.IsNull(13)) {
            record.status = row.Text(13) == "post_pending" ? ledger::PendingStatus::kPosted
                                                           : ledger::PendingStatus::kVoided;
          }
          return record;
        }));
  }

  // Reads the accounts the batch names (both sides of each transfer that names them) in one
  // statement per council and holds them, so that HoldAccount finds them without a query each.
  // Accounts that do not exist are left for HoldAccount to find missing. Each account is listed
  // once, and the statement looks each listed id up in the accounts' primary key (rather than
  // `account_id IN (SELECT value FROM json_each(…))`, which first copied the list into a
  // temporary index: 2% of a payment run's instructions).
  Status HoldAccountsOf(std::span<const Transfer> batch) {
    std::unordered_map<std::string, std::string> ids;  // council → JSON array of account ids
    std::unordered_set<std::string> listed;            // Key(council, id) of those in `ids`
    for (const Transfer& t : batch) {
      for (const LedgerAccountId* id : {&t.debit_account, &t.credit_account}) {
        if (id->empty()) continue;
        std::string key = Key(t.council, *id);
        if (held_.contains(key) || !listed.insert(std::move(key)).second) continue;
        std::string& list = ids[t.council.str()];
        list += list.empty() ? '[' : ',';
        AppendJsonString(list, id->str());
      }
    }
    static const std::string kSql = "SELECT " + Prefixed("a", kAccountColumns) +
                                    ", a.rowid FROM json_each($2) j CROSS JOIN ledger_accounts a "
                                    "ON a.council_id = $1 AND a.account_id = j.value";
    for (auto& [council, list] : ids) {
      list += ']';
      auto st = c_.Prepare(kSql);
      if (!st) return tl::unexpected(st.error());
      st->Bind(council, list);
      while (true) {
        auto row = st->Step();
        if (!row) return tl::unexpected(row.error());
        if (!*row) break;
        auto a = ReadAccount(*st);
        if (!a) return tl::unexpected(a.error());
        Held& held = held_[Key(a->council, a->id)];
        held.read = a->balances;
        held.rowid = st->Int(kRowidColumn);
        held.account = std::move(*a);
      }
    }
    return Ok();
  }

  Result<Account*> HoldAccount(const CouncilId& council, const LedgerAccountId& id) override {
    const std::string key = Key(council, id);
    if (auto held = held_.find(key); held != held_.end()) {
      return held->second.account ? &*held->second.account : nullptr;
    }
    static const std::string kSql = std::string("SELECT ") + kAccountColumns +
                                    ", rowid FROM ledger_accounts WHERE council_id = $1 AND "
                                    "account_id = $2";
    auto st = c_.Prepare(kSql);
    if (!st) return tl::unexpected(st.error());
    st->Bind(council.str(), id.str());
    std::int64_t rowid = 0;
    auto found = AtMostOne(Collect<Account>(*st, [&](const Statement& row) {
      rowid = row.Int(kRowidColumn);
      return ReadAccount(row);
    }));
    if (!found) return tl::unexpected(found.error());
    Held& held = held_[key];
    if (*found) held.read = (*found)->balances;
    held.rowid = rowid;
    held.account = std::move(*found);
    return held.account ? &*held.account : nullptr;
  }

  Result<bool> Record(const Transfer& t) override {
    static const std::string kSql =
        std::string("INSERT INTO ledger_transfers (") + kTransferColumns +
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        " ON CONFLICT (council_id, transfer_id) DO NOTHING";
    auto st = c_.Prepare(kSql);
    if (!st) return tl::unexpected(st.error());
    // A payment run records a transfer per payment: its text is bound without copies
    // (Borrowed), from `t`, static names and the locals here, all of which outlive the Run.
    const std::string created_at = FormatTimestamp(t.created_at);
    const std::string value_date = FormatIsoDate(ledger::ValueDate(t));
    auto s = st->Bind(Borrowed{t.council.str()}, Borrowed{t.id.str()},
                      Borrowed{t.debit_account.str()}, Borrowed{t.credit_account.str()},
                      t.amount.value(), Borrowed{ledger::TransferCodeCode(t.code)},
                      Borrowed{t.reference}, Borrowed{ledger::TransferFlagCode(t.flag)},
                      OptionalId(t.pending_id), OptionalId(t.corrects), Borrowed{created_at},
                      Borrowed{t.created_by.str()}, Borrowed{value_date})
                 .Run();
    if (!s) {
      if (s.error().code == ErrorCode::kConflict) {
        // Only the exactly-once index can clash here: the batch's own checks let a second
        // post or void of one pending transfer through, which is a bug.
        return Fail(ErrorCode::kInternal,
                    "the database refused a second post or void of pending transfer " +
                        (t.pending_id ? t.pending_id->str() : std::string("?")));
      }
      return tl::unexpected(s.error());
    }
    return c_.Changes() == 1;
  }

  // Writes back the balances of every account the batch changed, once each, by the rowid it
  // was read with (the write transaction holds the database, so the row has not moved): one
  // b-tree search a write rather than two. The account's id is compared too, so that a row
  // that had moved is an error rather than another account's balances.
  Status Flush() {
    for (auto& [key, held] : held_) {
      if (!held.account || held.account->balances == held.read) continue;
      const Account& a = *held.account;
      auto st = c_.Prepare(
          "UPDATE ledger_accounts SET debits_posted = $2, credits_posted = $3, "
          "debits_pending = $4, credits_pending = $5 WHERE rowid = $1 AND account_id = $6");
      if (!st) return tl::unexpected(st.error());
      const ledger::Balances& b = a.balances;
      auto s = st->Bind(held.rowid, b.debits_posted.value(), b.credits_posted.value(),
                        b.debits_pending.value(), b.credits_pending.value(),
                        Borrowed{a.id.str()})  // the held account outlives the Run
                   .Run();
      if (s && c_.Changes() != 1) {
        return Fail(ErrorCode::kInternal, "the balances of account " + a.id.str() +
                                              " could not be written back: its row has moved");
      }
      if (!s) return s;
      held.read = b;
    }
    return Ok();
  }

 private:
  static std::string Key(const CouncilId& council, const LedgerAccountId& id) {
    return council.str() + "/" + id.str();
  }
  // `text` as a JSON string (for json_each).
  static void AppendJsonString(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      } else {
        out += c;
      }
    }
    out += '"';
  }
  // The column after kAccountColumns in the keeper's reads.
  static constexpr int kRowidColumn = 15;
  struct Held {
    std::optional<Account> account;  // none: no such account
    ledger::Balances read;           // the balances as read, to write back only what changed
    std::int64_t rowid = 0;          // the row it was read from
  };
  Connection& c_;
  std::unordered_map<std::string, Held> held_;
};

}  // namespace

Status SqliteLedgerRepository::CreateAccount(const Account& a) {
  auto st = c_.Prepare(std::string("INSERT INTO ledger_accounts (") + kAccountColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                       "$15)");
  if (!st) return tl::unexpected(st.error());
  const ledger::Balances& b = a.balances;
  auto s = st->Bind(a.council.str(), a.id.str(), ledger::AccountTypeCode(a.type),
                    ledger::OwnerKindCode(a.owner.kind), a.owner.id,
                    a.scheme ? std::optional<std::string>(a.scheme->str()) : std::nullopt, a.name,
                    a.flags.debits_must_not_exceed_credits ? 1 : 0,
                    a.flags.credits_must_not_exceed_debits ? 1 : 0,
                    a.closed_at ? std::optional<std::string>(FormatTimestamp(*a.closed_at))
                                : std::nullopt,
                    FormatTimestamp(a.created_at), b.debits_posted.value(),
                    b.credits_posted.value(), b.debits_pending.value(), b.credits_pending.value())
               .Run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "An account with the id " + a.id.str() + " already exists");
  }
  if (!s && s.error().code == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kNotFound,
                a.scheme ? "There is no such council or scheme" : "There is no such council");
  }
  return s;
}

Result<std::optional<Account>> SqliteLedgerRepository::FindAccount(const CouncilId& council,
                                                                   const LedgerAccountId& id) {
  auto st = c_.Prepare(std::string("SELECT ") + kAccountColumns +
                       " FROM ledger_accounts WHERE council_id = $1 AND account_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<Account>(*st, ReadAccount));
}

Result<std::vector<Account>> SqliteLedgerRepository::FindAccountsByOwner(
    const CouncilId& council, const ledger::Owner& owner) {
  auto st = c_.Prepare(std::string("SELECT ") + kAccountColumns +
                       " FROM ledger_accounts WHERE council_id = $1 AND owner_kind = $2 AND "
                       "owner_id = $3 ORDER BY created_at, account_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), ledger::OwnerKindCode(owner.kind), owner.id);
  return Collect<Account>(*st, ReadAccount);
}

Status SqliteLedgerRepository::CloseAccount(const CouncilId& council, const LedgerAccountId& id,
                                            Timestamp at) {
  auto found = FindAccount(council, id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "There is no ledger account with this id");
  auto closed = ledger::CloseAccount(**found, at);
  if (!closed) return tl::unexpected(closed.error());
  auto st = c_.Prepare(
      "UPDATE ledger_accounts SET closed_at = $3 WHERE council_id = $1 AND account_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), id.str(), FormatTimestamp(at)).Run();
}

Result<std::vector<ledger::TransferResult>> SqliteLedgerRepository::CreateTransfers(
    std::span<const Transfer> batch) {
  SqliteKeeper keeper(c_);
  if (auto held = keeper.HoldAccountsOf(batch); !held) return tl::unexpected(held.error());
  auto results = ledger::CreateTransfers(keeper, batch);
  if (!results) return results;
  if (auto flushed = keeper.Flush(); !flushed) return tl::unexpected(flushed.error());
  return results;
}

Result<std::optional<Transfer>> SqliteLedgerRepository::FindTransfer(const CouncilId& council,
                                                                     const TransferId& id) {
  SqliteKeeper keeper(c_);
  return keeper.FindTransfer(council, id);
}

Result<std::vector<Transfer>> SqliteLedgerRepository::TransfersOf(
    const CouncilId& council, const LedgerAccountId& account, int limit,
    const std::optional<TransferId>& after) {
  std::string after_at, after_id;
  if (after) {
    auto st = c_.Prepare(
        "SELECT created_at FROM ledger_transfers WHERE council_id = $1 AND transfer_id = $2");
    if (!st) return tl::unexpected(st.error());
    st->Bind(council.str(), after->str());
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
      return FailFields({{"after", "There is no transfer with this id to continue after"}});
    }
    after_at = st->Text(0);
    after_id = after->str();
  }
  // Each side through its own index, at most `limit` from each, then merged.
  static const std::string kSide =
      std::string("SELECT ") + kTransferColumns +
      " FROM ledger_transfers WHERE council_id = $1 AND {side} = $2"
      " AND (created_at > $3 OR (created_at = $3 AND transfer_id > $4))"
      " ORDER BY created_at, transfer_id LIMIT $5";
  auto side = [](const char* column) {
    std::string sql = kSide;
    sql.replace(sql.find("{side}"), 6, column);
    return sql;
  };
  static const std::string kSql = "SELECT * FROM (" + side("debit_account_id") +
                                  ") AS d UNION ALL SELECT * FROM (" + side("credit_account_id") +
                                  ") AS c ORDER BY created_at, transfer_id LIMIT $5";
  auto st = c_.Prepare(kSql);
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), account.str(), after_at, after_id, std::clamp(limit, 1, 1000));
  return Collect<Transfer>(*st, ReadTransfer);
}

Result<ledger::LedgerCheck> SqliteLedgerRepository::Verify(const CouncilId& council) {
  ledger::Reconciliation reconciliation(council);
  {
    auto st = c_.Prepare(std::string("SELECT ") + kTransferColumns +
                         " FROM ledger_transfers WHERE council_id = $1");
    if (!st) return tl::unexpected(st.error());
    st->Bind(council.str());
    for (;;) {
      auto row = st->Step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      auto t = ReadTransfer(*st);
      if (!t) return tl::unexpected(t.error());
      reconciliation.Add(*t);
    }
  }
  auto st = c_.Prepare(std::string("SELECT ") + kAccountColumns +
                       " FROM ledger_accounts WHERE council_id = $1 ORDER BY account_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  auto accounts = Collect<Account>(*st, ReadAccount);
  if (!accounts) return tl::unexpected(accounts.error());
  return reconciliation.Compare(*accounts);
}

}  // namespace selfdirect::store
