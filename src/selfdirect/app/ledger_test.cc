#include "selfdirect/app/ledger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

// The test's store, with a gate the next write waits at (so that transfers queue up behind it
// and are written as one batch) and a fault: a write whose transaction would hold a given
// transfer fails after its work and is rolled back, as a failed commit would be.
class GatedStore : public store::Store {
 public:
  explicit GatedStore(store::Store& inner) : inner_(inner) {}

  Status Write(const std::function<Status(store::Transaction&)>& fn) override {
    {
      std::unique_lock lock(mu_);
      ++writes_;
      opened_.notify_all();
      opened_.wait(lock, [&] { return !closed_; });
    }
    return inner_.Write([&](store::Transaction& tx) -> Status {
      if (auto s = fn(tx); !s) return s;
      std::string poison;
      {
        std::lock_guard lock(mu_);
        if (fail_every_write_) return Fail(ErrorCode::kUnavailable, "the disk has gone");
        poison = poison_;
      }
      if (poison.empty()) return Ok();
      for (const auto& council : councils_) {
        auto found = tx.Ledger().FindTransfer(council, TransferId(poison));
        if (!found) return tl::unexpected(found.error());
        if (*found) return Fail(ErrorCode::kUnavailable, "the disk is full");
      }
      return Ok();
    });
  }
  Status Read(const std::function<Status(store::Transaction&)>& fn) override {
    return inner_.Read(fn);
  }
  Result<store::SchemaState> Schema() override { return inner_.Schema(); }

  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  void Open() {
    std::lock_guard lock(mu_);
    closed_ = false;
    opened_.notify_all();
  }
  // Waits until `n` writes have begun in all.
  void AwaitWrites(int n) {
    std::unique_lock lock(mu_);
    opened_.wait(lock, [&] { return writes_ >= n; });
  }
  int writes() {
    std::lock_guard lock(mu_);
    return writes_;
  }
  void FailEveryWrite(bool fail) {
    std::lock_guard lock(mu_);
    fail_every_write_ = fail;
  }
  void FailWritesHolding(const std::string& transfer_id, const CouncilId& council) {
    std::lock_guard lock(mu_);
    poison_ = transfer_id;
    councils_ = {council};
  }

 private:
  store::Store& inner_;
  std::mutex mu_;
  std::condition_variable opened_;
  bool closed_ = false;
  bool fail_every_write_ = false;
  int writes_ = 0;
  std::string poison_;
  std::vector<CouncilId> councils_;
};

class LedgerTest : public ::testing::Test {
 protected:
  LedgerTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})) {
    casework::NewPerson p;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = "1948-03-27";
    auto created = t_.casework().CreatePerson(As(worker_), p, {"", "community", "", ""});
    EXPECT_TRUE(created) << created.error().message;
    person_ = created->record.person.id;
    fund_ = Open({.type = "council_fund", .owner_kind = "council", .name = "Adult social care"});
    card_ = Open({.type = "direct_payment_holding",
                  .owner_kind = "person",
                  .owner_id = person_.str(),
                  .name = "Ada Okafor's direct payment"});
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  ledger::Account Open(const ledger::NewAccount& request) {
    auto a = t_.ledger().OpenAccount(As(finance_), request);
    EXPECT_TRUE(a) << a.error().message;
    return *a;
  }

  ledger::TransferRequest Pay(const std::string& id, std::int64_t pence) {
    return {.id = id,
            .debit_account = fund_.id.str(),
            .credit_account = card_.id.str(),
            .amount_pence = pence,
            .code = "payment",
            .reference = "November"};
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    return t_.accounts()
        .SearchAudit(Context::Operator("t"), {.council_id = council_.id, .action = action})
        .value();
  }

  testing::TestApp t_;
  Council council_;
  User finance_, worker_;
  PersonId person_;
  ledger::Account fund_, card_;
};

TEST_F(LedgerTest, AFinanceOfficerPaysADirectPaymentAndReadsTheBalance) {
  EXPECT_EQ(fund_.owner.id, council_.id.str());
  EXPECT_TRUE(card_.flags.debits_must_not_exceed_credits);
  auto paid = t_.ledger().CreateTransfer(As(finance_), Pay("run:2026-11-30:1", 76923));
  ASSERT_TRUE(paid) << paid.error().message;
  EXPECT_FALSE(paid->already_existed);
  EXPECT_EQ(paid->transfer.created_by, finance_.id);
  auto card = t_.ledger().GetAccount(As(finance_), card_.id);
  ASSERT_TRUE(card);
  EXPECT_EQ(card->balances.credits_posted, Pence(76923));
  ASSERT_EQ(Audit("ledger.transfer").size(), 1u);
  EXPECT_THAT(Audit("ledger.transfer")[0].summary, HasSubstr("£769.23"));
  // Reading a person's account is audited against them.
  auto reads = Audit("ledger.read");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].subject_person_id, person_.str());
}

TEST_F(LedgerTest, AReplayReturnsTheOriginalAndOtherContentIsAConflict) {
  auto first = t_.ledger().CreateTransfer(As(finance_), Pay("pay-1", 500));
  ASSERT_TRUE(first);
  t_.clock().Advance(std::chrono::minutes(5));
  auto again = t_.ledger().CreateTransfer(As(finance_), Pay("pay-1", 500));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->already_existed);
  EXPECT_EQ(again->transfer.created_at, first->transfer.created_at);
  auto other = t_.ledger().CreateTransfer(As(finance_), Pay("pay-1", 600));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(t_.ledger().GetAccount(As(finance_), card_.id)->balances.credits_posted, Pence(500));
  EXPECT_EQ(Audit("ledger.transfer").size(), 1u);
}

TEST_F(LedgerTest, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  auto zero = t_.ledger().CreateTransfer(As(finance_), Pay("z", 0));
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().fields.at(0).field, "amount_pence");
  auto negative = t_.ledger().CreateTransfer(As(finance_), Pay("n", -100));
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().fields.at(0).field, "amount_pence");
  auto spend = Pay("s", 1);
  std::swap(spend.debit_account, spend.credit_account);
  spend.code = "spend";
  auto overdrawn = t_.ledger().CreateTransfer(As(finance_), spend);
  ASSERT_FALSE(overdrawn);
  EXPECT_EQ(overdrawn.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(overdrawn.error().message, HasSubstr("£0.01 below zero"));
  auto missing = Pay("m", 5);
  missing.credit_account = "01JD0000000000000000N0NE01";
  auto refused = t_.ledger().CreateTransfer(As(finance_), missing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "credit_account_id");
  EXPECT_TRUE(Audit("ledger.transfer").empty());
  auto page = t_.ledger().TransfersOf(As(finance_), card_.id, 50, "");
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->transfers.empty());
}

TEST_F(LedgerTest, APersonsAccountMustNameAPersonOnRecordAndASchemeOfTheCouncil) {
  auto a = t_.ledger().OpenAccount(As(finance_), {.type = "direct_payment_holding",
                                                  .owner_kind = "person",
                                                  .owner_id = "01JD0000000000000000N0B0DY",
                                                  .scheme = "01JD0000000000000000SCHEME",
                                                  .name = "Nobody"});
  ASSERT_FALSE(a);
  ASSERT_EQ(a.error().fields.size(), 2u);
  EXPECT_EQ(a.error().fields[0].field, "owner_id");
  EXPECT_EQ(a.error().fields[1].field, "scheme_id");
}

TEST_F(LedgerTest, TransfersArePagedOldestFirst) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), Pay("p" + std::to_string(i), 100)));
    t_.clock().Advance(std::chrono::seconds(1));
  }
  auto first = t_.ledger().TransfersOf(As(finance_), card_.id, 3, "");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->transfers.size(), 3u);
  ASSERT_TRUE(first->next_after);
  EXPECT_EQ(first->next_after->str(), "p2");
  auto second = t_.ledger().TransfersOf(As(finance_), card_.id, 3, "p2");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->transfers.size(), 2u);
  EXPECT_EQ(second->transfers[0].id.str(), "p3");
  EXPECT_FALSE(second->next_after);
}

TEST_F(LedgerTest, OnlyFinanceOfficersUseTheLedgerAndDenialsAreAudited) {
  auto opened = t_.ledger().OpenAccount(
      As(worker_), {.type = "council_fund", .owner_kind = "council", .name = "Mine"});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(t_.ledger().CreateTransfer(As(worker_), Pay("x", 5)));
  auto read = t_.ledger().GetAccount(As(worker_), card_.id);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Audit("ledger.read").size(), 1u);  // the denial
  EXPECT_EQ(Audit("ledger.read")[0].outcome, AuditOutcome::kDenied);
}

TEST_F(LedgerTest, VerifyCoversEveryCouncil) {
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), Pay("pay-1", 500)));
  t_.AddCouncil("E06000002", "Middlesbrough");
  auto checks = t_.ledger().Verify(Context::Operator("ledger verify"));
  ASSERT_TRUE(checks) << checks.error().message;
  ASSERT_EQ(checks->size(), 2u);
  for (const auto& c : *checks) EXPECT_TRUE(c.clean());
  EXPECT_FALSE(t_.ledger().Verify(As(finance_)));
}

TEST_F(LedgerTest, AFinanceOfficerChecksTheBooksOfTheirOwnCouncil) {
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), Pay("pay-1", 500)));
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), Pay("pay-2", 700)));
  const Council other = t_.AddCouncil("E06000002", "Middlesbrough");
  const User elsewhere = t_.AddUser(other, "money@middlesbrough.example", {"finance-officer"});
  auto checked = t_.ledger().CheckBooks(As(finance_));
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_TRUE(checked->check.clean());
  EXPECT_EQ(checked->check.transfers, 2);
  EXPECT_EQ(checked->check.accounts, 2);
  auto theirs = t_.ledger().CheckBooks(As(elsewhere));
  ASSERT_TRUE(theirs) << theirs.error().message;
  EXPECT_EQ(theirs->check.transfers, 0);              // only their own council's books
  ASSERT_EQ(Audit("ledger.books.check").size(), 1u);  // this council's check
  EXPECT_EQ(Audit("ledger.books.check")[0].summary,
            "checked the books: 2 accounts, 2 transfers, they balance");
  EXPECT_EQ(t_.ledger().CheckBooks(As(worker_)).error().code, ErrorCode::kPermissionDenied);
}

// Many clients at once share commits (group commit), and each still gets exactly its own answer:
// 32 threads spend from one card with a no-overdraft rule and replay some of their transfers.
TEST_F(LedgerTest, ConcurrentTransfersEachGetTheirOwnAnswerAndTheCardIsNeverOverdrawn) {
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), Pay("top-up", 100'000)));
  const auto payee =
      Open({.type = "payee", .owner_kind = "provider", .owner_id = "shop", .name = "Shop"});
  constexpr int kThreads = 32, kEach = 20;
  std::atomic<int> accepted = 0, refused = 0, replays = 0, wrong = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kEach; ++j) {
        const std::string id = "spend-" + std::to_string(i) + "-" + std::to_string(j);
        ledger::TransferRequest r{.id = id,
                                  .debit_account = card_.id.str(),
                                  .credit_account = payee.id.str(),
                                  .amount_pence = 250,
                                  .code = "spend",
                                  .reference = "Shop"};
        auto first = t_.ledger().CreateTransfer(As(finance_), r);
        if (first) {
          ++accepted;
          if (first->transfer.id.str() != id || first->already_existed) ++wrong;
          auto again = t_.ledger().CreateTransfer(As(finance_), r);
          if (again && again->already_existed && again->transfer.id.str() == id) {
            ++replays;
          } else {
            ++wrong;
          }
        } else {
          ++refused;
          if (first.error().code != ErrorCode::kFailedPrecondition) ++wrong;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  // £1,000.00 buys exactly 400 spends of £2.50; the other 240 are refused.
  EXPECT_EQ(accepted.load(), 400);
  EXPECT_EQ(refused.load(), kThreads * kEach - 400);
  EXPECT_EQ(replays.load(), 400);
  EXPECT_EQ(wrong.load(), 0);
  auto card = t_.ledger().GetAccount(As(finance_), card_.id);
  ASSERT_TRUE(card);
  EXPECT_EQ(ledger::PostedCreditBalance(card->balances).value(), Pence(0));
  auto audited = t_.accounts().SearchAudit(
      Context::Operator("t"),
      {.council_id = council_.id, .action = "ledger.transfer", .limit = 1000});
  ASSERT_TRUE(audited);
  EXPECT_EQ(audited->size(), 401u);  // each accepted transfer, once
  auto checks = t_.ledger().Verify(Context::Operator("ledger verify"));
  ASSERT_TRUE(checks);
  for (const auto& c : *checks) {
    EXPECT_TRUE(c.mismatches.empty());
    EXPECT_TRUE(c.balanced());
  }
}

// Transfers that wait behind a write are written together, in one transaction, each with its
// own answer: created, replayed, refused for want of money, refused for its content; and each
// created one audited once.
class GroupCommitTest : public LedgerTest {
 protected:
  GroupCommitTest()
      : gated_(t_.store()),
        books_(gated_, clock_, ids_),
        shop_(
            Open({.type = "payee", .owner_kind = "provider", .owner_id = "shop", .name = "Shop"})) {
  }

  // Starts `first` alone and holds its write at the gate, then starts each of `rest` in its
  // own thread and waits until all are queued; then opens the gate. The answers, in order.
  std::vector<Result<ledger::TransferOutcome>> Together(
      const ledger::TransferRequest& first, const std::vector<ledger::TransferRequest>& rest) {
    std::vector<Result<ledger::TransferOutcome>> out(rest.size() + 1,
                                                     Fail(ErrorCode::kInternal, "not answered"));
    const Context ctx = As(finance_);
    gated_.Close();
    const int before = gated_.writes();
    std::vector<std::thread> threads;
    threads.emplace_back([&] { out[0] = books_.CreateTransfer(ctx, first); });
    gated_.AwaitWrites(before + 1);
    std::atomic<std::size_t> answered_at_once = 0;  // refused before queueing (bad input)
    for (std::size_t i = 0; i < rest.size(); ++i) {
      threads.emplace_back([&, i] {
        out[i + 1] = books_.CreateTransfer(ctx, rest[i]);
        ++answered_at_once;  // while the gate is closed, only those refused before queueing
      });
      // One at a time, so that they are queued (and answered) in this order.
      while (books_.TransfersWaiting() + answered_at_once.load() < i + 1) {
        std::this_thread::yield();
      }
    }
    gated_.Open();
    for (auto& t : threads) t.join();
    return out;
  }

  ledger::TransferRequest Spend(const std::string& id, std::int64_t pence) {
    return {.id = id,
            .debit_account = card_.id.str(),
            .credit_account = shop_.id.str(),
            .amount_pence = pence,
            .code = "spend",
            .reference = "Shop"};
  }

  SystemClock clock_;
  UlidGenerator ids_{clock_};
  GatedStore gated_;
  Ledger books_;
  ledger::Account shop_;
};

TEST_F(GroupCommitTest, QueuedTransfersShareOneTransactionAndEachGetsItsOwnAnswer) {
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), Pay("before", 1'000)));
  auto changed = Pay("before", 1'000);
  changed.reference = "Something else";
  const int writes_before = gated_.writes();
  auto answers =
      Together(Pay("first", 100), {
                                      Pay("a", 200),
                                      Spend("too-much", 5'000),  // the card has £13
                                      Pay("before", 1'000),      // a replay
                                      changed,                   // same id, other content
                                      Pay("a", 200),             // replayed in its own batch
                                      Spend("enough", 1'300),
                                      {.id = "no-account",
                                       .debit_account = fund_.id.str(),
                                       .credit_account = LedgerAccountId(ids_.Next()).str(),
                                       .amount_pence = 5,
                                       .code = "payment",
                                       .reference = "x"},
                                      Spend("now-too-much", 1),
                                  });
  // The first alone, then the other eight in one transaction.
  EXPECT_EQ(gated_.writes() - writes_before, 2);
  ASSERT_TRUE(answers[0]) << answers[0].error().message;
  EXPECT_FALSE(answers[0]->already_existed);
  ASSERT_TRUE(answers[1]) << answers[1].error().message;
  EXPECT_EQ(answers[1]->transfer.id.str(), "a");
  EXPECT_FALSE(answers[1]->already_existed);
  ASSERT_FALSE(answers[2]);
  EXPECT_EQ(answers[2].error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(answers[3]) << answers[3].error().message;
  EXPECT_TRUE(answers[3]->already_existed);
  ASSERT_FALSE(answers[4]);
  EXPECT_EQ(answers[4].error().code, ErrorCode::kConflict);
  ASSERT_TRUE(answers[5]) << answers[5].error().message;
  EXPECT_TRUE(answers[5]->already_existed);
  EXPECT_EQ(answers[5]->transfer.amount, Pence(200));
  ASSERT_TRUE(answers[6]) << answers[6].error().message;  // £10 + £1 + £2 = £13 on the card
  EXPECT_FALSE(answers[6]->already_existed);
  ASSERT_FALSE(answers[7]);
  EXPECT_EQ(answers[7].error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(answers[8]);  // the card is empty now
  EXPECT_EQ(answers[8].error().code, ErrorCode::kFailedPrecondition);

  auto card = t_.ledger().GetAccount(As(finance_), card_.id);
  ASSERT_TRUE(card);
  EXPECT_EQ(ledger::PostedCreditBalance(card->balances).value(), Pence(0));
  std::vector<std::string> audited;
  for (const auto& e : Audit("ledger.transfer")) audited.push_back(e.resource_id);
  EXPECT_THAT(audited, ::testing::UnorderedElementsAre("before", "first", "a", "enough"));
  auto checks = t_.ledger().Verify(Context::Operator("ledger verify"));
  ASSERT_TRUE(checks);
  for (const auto& c : *checks) EXPECT_TRUE(c.clean());
}

TEST_F(GroupCommitTest, ATransactionThatFailsIsWrittenAgainOneByOneAndOnlyTheCauseFails) {
  gated_.FailWritesHolding("poisoned", council_.id);
  const int writes_before = gated_.writes();
  auto answers = Together(Pay("first", 100),
                          {Pay("a", 200), Pay("poisoned", 300), Pay("b", 400), Pay("a", 200)});
  // The first alone; the batch of four, which fails; then each of the four again on its own.
  EXPECT_EQ(gated_.writes() - writes_before, 6);
  ASSERT_TRUE(answers[0]) << answers[0].error().message;
  ASSERT_TRUE(answers[1]) << answers[1].error().message;
  EXPECT_FALSE(answers[1]->already_existed);
  ASSERT_FALSE(answers[2]);
  EXPECT_EQ(answers[2].error().code, ErrorCode::kUnavailable);
  ASSERT_TRUE(answers[3]) << answers[3].error().message;
  EXPECT_FALSE(answers[3]->already_existed);
  ASSERT_TRUE(answers[4]) << answers[4].error().message;
  EXPECT_TRUE(answers[4]->already_existed);  // the retry of "a" was written first

  // Nothing lost, nothing doubled, and the failed one left no trace.
  auto card = t_.ledger().GetAccount(As(finance_), card_.id);
  ASSERT_TRUE(card);
  EXPECT_EQ(card->balances.credits_posted, Pence(700));
  std::vector<std::string> audited;
  for (const auto& e : Audit("ledger.transfer")) audited.push_back(e.resource_id);
  EXPECT_THAT(audited, ::testing::UnorderedElementsAre("first", "a", "b"));
  auto checks = t_.ledger().Verify(Context::Operator("ledger verify"));
  ASSERT_TRUE(checks);
  for (const auto& c : *checks) EXPECT_TRUE(c.clean());
}

TEST_F(GroupCommitTest, WhenTheDatabaseFailsEveryTransferInTheBatchSaysSoAndNothingIsKept) {
  gated_.FailEveryWrite(true);
  auto answers = Together(Pay("first", 100), {Pay("a", 200), Pay("b", 300)});
  for (const auto& a : answers) {
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, ErrorCode::kUnavailable);
  }
  auto card = t_.ledger().GetAccount(As(finance_), card_.id);
  ASSERT_TRUE(card);
  EXPECT_EQ(card->balances.credits_posted, Pence(0));
  EXPECT_TRUE(Audit("ledger.transfer").empty());
  // Sent again when the database is back, each is recorded once.
  gated_.FailEveryWrite(false);
  answers = Together(Pay("first", 100), {Pay("a", 200), Pay("b", 300)});
  for (const auto& a : answers) {
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_FALSE(a->already_existed);
  }
  card = t_.ledger().GetAccount(As(finance_), card_.id);
  ASSERT_TRUE(card);
  EXPECT_EQ(card->balances.credits_posted, Pence(600));
}

TEST_F(GroupCommitTest, ABatchHoldsAtMostKMaxBatchTransfers) {
  std::vector<ledger::TransferRequest> rest;
  for (std::size_t i = 0; i < Ledger::kMaxBatch + 10; ++i) {
    rest.push_back(Pay("pay-" + std::to_string(i), 1));
  }
  const int writes_before = gated_.writes();
  auto answers = Together(Pay("first", 1), rest);
  for (const auto& a : answers) ASSERT_TRUE(a) << a.error().message;
  // The first alone, then 256 together, then the last 10.
  EXPECT_EQ(gated_.writes() - writes_before, 3);
  auto card = t_.ledger().GetAccount(As(finance_), card_.id);
  ASSERT_TRUE(card);
  EXPECT_EQ(card->balances.credits_posted, Pence(static_cast<std::int64_t>(answers.size())));
}

}  // namespace
}  // namespace selfdirect::app
