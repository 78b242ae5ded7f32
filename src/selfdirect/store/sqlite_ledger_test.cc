#include "selfdirect/store/sqlite_ledger.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <atomic>
#include <thread>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/ledger_properties.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using ledger::Account;
using ledger::Transfer;
using ledger::TransferFlag;
using ledger::TransferResult;
using selfdirect::testing::TempDir;

const Timestamp kNow = ParseTimestamp("2026-11-23T09:00:00.000Z").value();

// A temporary folder in memory (/dev/shm) when there is one: the property test
// opens a hundred databases and commits thousands of times, and is about the
// books, not about durability.
class FastDir {
 public:
  FastDir() {
    std::error_code ec;
    const std::filesystem::path shm = "/dev/shm";
    std::string pattern =
        ((std::filesystem::is_directory(shm, ec) ? shm : std::filesystem::temp_directory_path()) /
         "selfdirect-ledger-XXXXXX");
    path_ = mkdtemp(pattern.data());
  }
  ~FastDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string &name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A migrated database in a temporary folder with one council.
struct LedgerDb {
  explicit LedgerDb(bool in_memory_folder = false) {
    const std::string path = in_memory_folder ? fast.File("ledger.db") : dir.File("ledger.db");
    db = std::move(*Database::Open({.path = path, .readers = 2}));
    if (!Migrate(*db, clock)) throw std::runtime_error("migrate");
    store = std::make_unique<SqliteStore>(*db);
    council = CouncilId("01JD0000000000000000C0NC11");
    Write([&](Transaction &tx) {
      return tx.Councils().CreateCouncil({council, "E06000001", "Hartlepool", kNow});
    });
  }

  void Write(const std::function<Status(Transaction &)> &fn) {
    auto s = store->Write(fn);
    if (!s) throw std::runtime_error(s.error().message);
  }
  void Read(const std::function<Status(Transaction &)> &fn) {
    auto s = store->Read(fn);
    if (!s) throw std::runtime_error(s.error().message);
  }

  std::vector<TransferResult> Create(const std::vector<Transfer> &batch) {
    std::vector<TransferResult> out;
    Write([&](Transaction &tx) -> Status {
      auto r = tx.Ledger().CreateTransfers(batch);
      if (!r) return tl::unexpected(r.error());
      out = std::move(*r);
      return Ok();
    });
    return out;
  }

  Account Find(const LedgerAccountId &id) {
    Account out;
    Read([&](Transaction &tx) -> Status {
      auto a = tx.Ledger().FindAccount(council, id);
      if (!a) return tl::unexpected(a.error());
      if (!*a) return Fail(ErrorCode::kNotFound, "no account");
      out = **a;
      return Ok();
    });
    return out;
  }

  ledger::LedgerCheck Verify() {
    ledger::LedgerCheck out;
    Read([&](Transaction &tx) -> Status {
      auto c = tx.Ledger().Verify(council);
      if (!c) return tl::unexpected(c.error());
      out = std::move(*c);
      return Ok();
    });
    return out;
  }

  TempDir dir;
  FastDir fast;
  FixedClock clock{kNow};
  std::unique_ptr<Database> db;
  std::unique_ptr<SqliteStore> store;
  CouncilId council;
};

// The adapter tests/support/ledger_properties.h drives.
struct SqliteBooks {
  LedgerDb &l;
  Status Open(const Account &a) {
    return l.store->Write([&](Transaction &tx) { return tx.Ledger().CreateAccount(a); });
  }
  Status Close(const LedgerAccountId &id, Timestamp at) {
    return l.store->Write(
        [&](Transaction &tx) { return tx.Ledger().CloseAccount(l.council, id, at); });
  }
  std::vector<TransferResult> Create(const std::vector<Transfer> &batch) { return l.Create(batch); }
  std::vector<Account> Accounts() {
    std::vector<Account> out;
    l.Read([&](Transaction &tx) -> Status {
      auto a = tx.Ledger().FindAccountsByOwner(l.council,
                                               {ledger::OwnerKind::kCouncil, l.council.str()});
      if (!a) return tl::unexpected(a.error());
      out = std::move(*a);
      return Ok();
    });
    return out;
  }
  // Every transfer, read page by page through each account.
  std::vector<Transfer> Transfers() {
    std::map<std::string, Transfer> all;
    for (const Account &a : Accounts()) {
      std::optional<TransferId> after;
      for (;;) {
        std::vector<Transfer> page;
        l.Read([&](Transaction &tx) -> Status {
          auto p = tx.Ledger().TransfersOf(l.council, a.id, 3, after);
          if (!p) return tl::unexpected(p.error());
          page = std::move(*p);
          return Ok();
        });
        for (const Transfer &t : page) all[t.id.str()] = t;
        if (page.size() < 3) break;
        after = page.back().id;
      }
    }
    std::vector<Transfer> out;
    for (auto &[id, t] : all) out.push_back(std::move(t));
    return out;
  }
  ledger::LedgerCheck Verify() { return l.Verify(); }
};

RC_GTEST_PROP(SqliteLedgerProperties, RandomOperationsKeepTheStoredBooksBalancedAndExact, ()) {
  LedgerDb l(/*in_memory_folder=*/true);
  SqliteBooks books{l};
  testing::CheckRandomOperations(books, l.council, kNow);
}

Account MakeAccount(const LedgerDb &l, int i, bool no_overdraft) {
  Account a;
  a.council = l.council;
  a.id = testing::PropertyAccountId(i);
  a.type =
      no_overdraft ? ledger::AccountType::kDirectPaymentHolding : ledger::AccountType::kCouncilFund;
  a.owner = {ledger::OwnerKind::kCouncil, l.council.str()};
  a.name = "Account " + std::to_string(i);
  a.flags.debits_must_not_exceed_credits = no_overdraft;
  a.created_at = kNow;
  return a;
}

Transfer Move(const LedgerDb &l, const std::string &id, int from, int to, std::int64_t pence,
              TransferFlag flag = TransferFlag::kNone) {
  Transfer t;
  t.id = TransferId(id);
  t.council = l.council;
  t.debit_account = testing::PropertyAccountId(from);
  t.credit_account = testing::PropertyAccountId(to);
  t.amount = Pence(pence);
  t.flag = flag;
  t.created_at = kNow;
  return t;
}

class SqliteLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    l_.Write([&](Transaction &tx) -> Status {
      for (int i = 0; i < 3; ++i) {
        if (auto s = tx.Ledger().CreateAccount(MakeAccount(l_, i, i == 1)); !s) return s;
      }
      return Ok();
    });
  }
  LedgerDb l_;
};

TEST_F(SqliteLedgerTest, AccountsAndTransfersRoundTrip) {
  Transfer t = Move(l_, "run:2026-11-30:1", 0, 1, 76923);
  t.code = ledger::TransferCode::kPayment;
  t.reference = "payment run 2026-11-30";
  t.created_by = UserId("01JD0000000000000000VSER01");
  auto results = l_.Create({t});
  ASSERT_TRUE(results.at(0)) << results[0].error().message;
  Transfer stored;
  l_.Write([&](Transaction &tx) -> Status {
    auto found = tx.Ledger().FindTransfer(l_.council, t.id);
    if (!found) return tl::unexpected(found.error());
    stored = found->value();
    return Ok();
  });
  EXPECT_EQ(stored.reference, t.reference);
  EXPECT_EQ(stored.amount, t.amount);
  EXPECT_EQ(stored.created_by, t.created_by);
  EXPECT_EQ(stored.created_at, t.created_at);
  const Account card = l_.Find(testing::PropertyAccountId(1));
  EXPECT_EQ(card.balances.credits_posted, Pence(76923));
  EXPECT_TRUE(card.flags.debits_must_not_exceed_credits);
  EXPECT_EQ(card.type, ledger::AccountType::kDirectPaymentHolding);
  EXPECT_TRUE(l_.Verify().clean());
}

TEST_F(SqliteLedgerTest, AReplayWithOtherContentChangesNothing) {
  ASSERT_TRUE(l_.Create({Move(l_, "pay-1", 0, 1, 500)}).at(0));
  auto replay = l_.Create({Move(l_, "pay-1", 0, 1, 500)}).at(0);
  ASSERT_TRUE(replay);
  EXPECT_TRUE(replay->already_existed);
  auto other = l_.Create({Move(l_, "pay-1", 0, 1, 501)}).at(0);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(l_.Find(testing::PropertyAccountId(1)).balances.credits_posted, Pence(500));
}

TEST_F(SqliteLedgerTest, TheDatabaseItselfRefusesASecondPostOfOnePendingTransfer) {
  ASSERT_TRUE(l_.Create({Move(l_, "commit", 0, 1, 1000, TransferFlag::kPending)}).at(0));
  Transfer post;
  post.id = TransferId("post");
  post.council = l_.council;
  post.flag = TransferFlag::kPostPending;
  post.pending_id = TransferId("commit");
  post.created_at = kNow;
  ASSERT_TRUE(l_.Create({post}).at(0));
  // Bypassing the checks: a raw insert of a void of the same pending transfer.
  auto raw = l_.db->Write([&](Connection &c) {
    return c.Execute("INSERT INTO ledger_transfers VALUES ('" + l_.council.str() + "', 'void', '" +
                     testing::PropertyAccountId(0).str() + "', '" +
                     testing::PropertyAccountId(1).str() +
                     "', 1000, 'payment', '', 'void_pending', 'commit', NULL, "
                     "'2026-11-23T09:00:00.000Z', '', '2026-11-23')");
  });
  ASSERT_FALSE(raw);
  EXPECT_EQ(raw.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteLedgerTest, ACorrectionOfNoTransferIsRefusedAloneNotTheWholeBatch) {
  Transfer dangling = Move(l_, "fix-1", 1, 0, 5);
  dangling.corrects = TransferId("nothing");
  auto results = l_.Create({Move(l_, "pay-1", 0, 1, 500), dangling});
  ASSERT_TRUE(results.at(0));
  ASSERT_FALSE(results.at(1));
  EXPECT_EQ(results[1].error().fields.at(0).field, "corrects");
  EXPECT_EQ(l_.Find(testing::PropertyAccountId(1)).balances.credits_posted, Pence(500));
}

TEST_F(SqliteLedgerTest, TheDatabaseRefusesABalanceThatBreaksTheAccountsRule) {
  auto raw = l_.db->Write([&](Connection &c) {
    return c.Execute("UPDATE ledger_accounts SET debits_posted = 1 WHERE account_id = '" +
                     testing::PropertyAccountId(1).str() + "'");
  });
  EXPECT_FALSE(raw);
}

TEST_F(SqliteLedgerTest, VerifyNamesAnAccountWhoseBalanceWasChangedBehindTheLedgersBack) {
  ASSERT_TRUE(l_.Create({Move(l_, "pay-1", 0, 2, 500)}).at(0));
  ASSERT_TRUE(l_.db->Write([&](Connection &c) {
    return c.Execute("UPDATE ledger_accounts SET credits_posted = 400 WHERE account_id = '" +
                     testing::PropertyAccountId(2).str() + "'");
  }));
  auto check = l_.Verify();
  EXPECT_FALSE(check.clean());
  EXPECT_FALSE(check.balanced());
  ASSERT_EQ(check.mismatches.size(), 1u);
  EXPECT_EQ(check.mismatches[0].account, testing::PropertyAccountId(2));
  EXPECT_EQ(check.mismatches[0].stored.credits_posted, Pence(400));
  EXPECT_EQ(check.mismatches[0].recomputed.credits_posted, Pence(500));
}

TEST_F(SqliteLedgerTest, ABatchReadsAndWritesEachAccountOnceAndAppliesInOrder) {
  std::vector<Transfer> batch;
  batch.push_back(Move(l_, "in", 0, 1, 1000));
  for (int i = 0; i < 10; ++i) batch.push_back(Move(l_, "out-" + std::to_string(i), 1, 2, 150));
  auto results = l_.Create(batch);
  int accepted = 0;
  for (const auto &r : results) accepted += r ? 1 : 0;
  EXPECT_EQ(accepted,
            1 + 6);  // £10 in, six spends of £1.50; the seventh would overdraw
  EXPECT_EQ(results[7].error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(l_.Find(testing::PropertyAccountId(1)).balances.debits_posted, Pence(900));
  EXPECT_TRUE(l_.Verify().clean());
}

TEST_F(SqliteLedgerTest, TransfersOfAnAccountPageInOrder) {
  std::vector<Transfer> batch;
  for (int i = 0; i < 7; ++i) {
    Transfer t = Move(l_, "p" + std::to_string(i), 0, i % 2 == 0 ? 1 : 2, 10);
    t.created_at = kNow + std::chrono::seconds(i);
    batch.push_back(t);
  }
  ASSERT_EQ(l_.Create(batch).size(), 7u);
  std::vector<std::string> seen;
  std::optional<TransferId> after;
  for (;;) {
    std::vector<Transfer> page;
    l_.Write([&](Transaction &tx) -> Status {
      auto p = tx.Ledger().TransfersOf(l_.council, testing::PropertyAccountId(0), 3, after);
      if (!p) return tl::unexpected(p.error());
      page = *p;
      return Ok();
    });
    for (const auto &t : page) seen.push_back(t.id.str());
    if (page.size() < 3) break;
    after = page.back().id;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"p0", "p1", "p2", "p3", "p4", "p5", "p6"}));
  auto bad = l_.store->Read([&](Transaction &tx) -> Status {
    auto p =
        tx.Ledger().TransfersOf(l_.council, testing::PropertyAccountId(0), 3, TransferId("nope"));
    if (!p) return tl::unexpected(p.error());
    return Ok();
  });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "after");
}

// 32 threads spend from one no-overdraft account at once, each in its own
// transaction.
TEST_F(SqliteLedgerTest, ConcurrentSpendingNeverOverdrawsAndKeepsEveryAcceptedTransfer) {
  constexpr std::int64_t kFunded = 10'000;
  ASSERT_TRUE(l_.Create({Move(l_, "fund", 0, 1, kFunded)}).at(0));
  std::mutex mu;
  std::vector<TransferId> accepted;
  std::atomic<int> refused = 0;
  std::atomic<bool> failed = false;
  std::vector<std::thread> threads;
  for (int th = 0; th < 32; ++th) {
    threads.emplace_back([&, th] {
      for (int j = 0; j < 15; ++j) {
        const Transfer t = Move(l_, "spend-" + std::to_string(th) + "-" + std::to_string(j), 1, 2,
                                1 + (th * 7 + j * 13) % 60);
        std::optional<TransferResult> result;
        auto s = l_.store->Write([&](Transaction &tx) -> Status {
          auto r = tx.Ledger().CreateTransfers(std::span(&t, 1));
          if (!r) return tl::unexpected(r.error());
          result = std::move(r->front());
          return Ok();
        });
        if (!s) {
          failed = true;
          continue;
        }
        if (*result) {
          std::lock_guard lock(mu);
          accepted.push_back(t.id);
        } else if ((*result).error().code == ErrorCode::kFailedPrecondition) {
          ++refused;
        } else {
          failed = true;
        }
      }
    });
  }
  for (auto &t : threads) t.join();
  EXPECT_FALSE(failed);
  EXPECT_GT(refused.load(), 0);  // more was asked for than the account held
  const Account card = l_.Find(testing::PropertyAccountId(1));
  EXPECT_LE(card.balances.debits_posted,
            card.balances.credits_posted);  // never below zero
  std::int64_t spent = 0;
  l_.Write([&](Transaction &tx) -> Status {
    for (const TransferId &id : accepted) {
      auto found = tx.Ledger().FindTransfer(l_.council, id);
      if (!found) return tl::unexpected(found.error());
      EXPECT_TRUE(*found) << id.str();
      if (*found) spent += (*found)->amount.value();
    }
    return Ok();
  });
  EXPECT_EQ(card.balances.debits_posted.value(), spent);
  EXPECT_TRUE(l_.Verify().clean());
}

}  // namespace
}  // namespace selfdirect::store
