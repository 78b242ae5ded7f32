#include "selfdirect/ledger/book.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/support/ledger_properties.h"

namespace selfdirect::ledger {
namespace {

const CouncilId kCouncil("01JD0000000000000000C0NC11");
const Timestamp kNow = ParseTimestamp("2026-11-23T09:00:00.000Z").value();

struct BookAdapter {
  Book book;
  Status Open(const Account& a) { return book.OpenAccount(a); }
  Status Close(const LedgerAccountId& id, Timestamp at) {
    return book.CloseAccount(kCouncil, id, at);
  }
  std::vector<TransferResult> Create(const std::vector<Transfer>& batch) {
    return book.CreateTransfers(batch);
  }
  std::vector<Account> Accounts() { return book.Accounts(kCouncil); }
  std::vector<Transfer> Transfers() { return book.Transfers(kCouncil); }
  LedgerCheck Verify() { return book.Verify(kCouncil); }
};

RC_GTEST_PROP(BookProperties, RandomOperationsKeepTheBooksBalancedAndExact, ()) {
  BookAdapter books;
  testing::CheckRandomOperations(books, kCouncil, kNow);
}

Account MakeAccount(int i, bool no_overdraft) {
  Account a;
  a.council = kCouncil;
  a.id = testing::PropertyAccountId(i);
  a.name = "Account " + std::to_string(i);
  a.flags.debits_must_not_exceed_credits = no_overdraft;
  a.created_at = kNow;
  return a;
}

Transfer Move(const std::string& id, int from, int to, std::int64_t pence,
              TransferFlag flag = TransferFlag::kNone) {
  Transfer t;
  t.id = TransferId(id);
  t.council = kCouncil;
  t.debit_account = testing::PropertyAccountId(from);
  t.credit_account = testing::PropertyAccountId(to);
  t.amount = Pence(pence);
  t.flag = flag;
  t.created_at = kNow;
  return t;
}

class BookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(book_.OpenAccount(MakeAccount(0, false)));  // the council fund
    ASSERT_TRUE(book_.OpenAccount(MakeAccount(1, true)));   // a direct-payment account
    ASSERT_TRUE(book_.OpenAccount(MakeAccount(2, false)));  // a payee
  }
  TransferResult One(const Transfer& t) { return book_.CreateTransfers(std::vector{t}).front(); }
  Balances Of(int i) {
    return book_.FindAccount(kCouncil, testing::PropertyAccountId(i))->balances;
  }
  Book book_;
};

TEST_F(BookTest, APaymentThenSpendingMovesTheMoneyAndTheBooksVerify) {
  ASSERT_TRUE(One(Move("pay-1", 0, 1, 76923)));
  ASSERT_TRUE(One(Move("spend-1", 1, 2, 1000)));
  EXPECT_EQ(Of(1).credits_posted, Pence(76923));
  EXPECT_EQ(Of(1).debits_posted, Pence(1000));
  EXPECT_EQ(PostedCreditBalance(Of(1)).value(), Pence(75923));
  EXPECT_TRUE(book_.Verify(kCouncil).clean());
}

TEST_F(BookTest, AReplayReturnsTheOriginalEvenWhenItWouldNowBeRefused) {
  ASSERT_TRUE(One(Move("pay-1", 0, 1, 500)));
  auto spend = One(Move("spend-1", 1, 2, 500));
  ASSERT_TRUE(spend);
  // The account is now empty: a new spend would be refused, but the replay is the original.
  auto again = One(Move("spend-1", 1, 2, 500));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->already_existed);
  EXPECT_EQ(Of(1).debits_posted, Pence(500));
  auto other = One(Move("spend-1", 1, 2, 400));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(other.error().message,
            "A transfer with id spend-1 already exists with different content");
  EXPECT_EQ(other.error().fields.front().field, "amount_pence");
}

TEST_F(BookTest, TheSameIdTwiceInOneBatchIsRecordedOnce) {
  auto results =
      book_.CreateTransfers(std::vector{Move("pay-1", 0, 1, 500), Move("pay-1", 0, 1, 500)});
  ASSERT_TRUE(results[0] && results[1]);
  EXPECT_FALSE(results[0]->already_existed);
  EXPECT_TRUE(results[1]->already_existed);
  EXPECT_EQ(Of(1).credits_posted, Pence(500));
}

TEST_F(BookTest, APendingTransferIsPostedOrVoidedOnceOnly) {
  ASSERT_TRUE(One(Move("commit", 0, 1, 1000, TransferFlag::kPending)));
  EXPECT_EQ(Of(1).credits_pending, Pence(1000));
  Transfer post;
  post.id = TransferId("post");
  post.council = kCouncil;
  post.flag = TransferFlag::kPostPending;
  post.pending_id = TransferId("commit");
  post.amount = Pence(600);  // part: the rest is released
  auto posted = One(post);
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_EQ(posted->transfer.debit_account, testing::PropertyAccountId(0));
  EXPECT_EQ(Of(1).credits_pending, Pence(0));
  EXPECT_EQ(Of(1).credits_posted, Pence(600));
  Transfer void_it = post;
  void_it.id = TransferId("void");
  void_it.flag = TransferFlag::kVoidPending;
  void_it.amount = Pence(0);
  auto voided = One(void_it);
  ASSERT_FALSE(voided);
  EXPECT_EQ(voided.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(voided.error().fields.front().field, "pending_id");
  EXPECT_NE(voided.error().message.find("already been posted"), std::string::npos);
  // Replaying the post is still the original.
  auto replay = One(post);
  ASSERT_TRUE(replay);
  EXPECT_TRUE(replay->already_existed);
  EXPECT_TRUE(book_.Verify(kCouncil).clean());
}

TEST_F(BookTest, ACorrectionReversesATransferThatExists) {
  ASSERT_TRUE(One(Move("pay-1", 0, 1, 500)));
  Transfer back = Move("pay-1-back", 1, 0, 500);
  back.code = TransferCode::kCorrection;
  back.corrects = TransferId("pay-1");
  ASSERT_TRUE(One(back));
  EXPECT_EQ(PostedCreditBalance(Of(1)).value(), Pence(0));
  Transfer dangling = Move("fix-2", 1, 0, 5);
  dangling.corrects = TransferId("nothing");
  auto refused = One(dangling);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.front().field, "corrects");
}

TEST_F(BookTest, AClosedAccountTakesNoTransfers) {
  ASSERT_TRUE(book_.CloseAccount(kCouncil, testing::PropertyAccountId(2), kNow));
  auto refused = One(Move("pay-1", 0, 2, 100));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().fields.front().field, "credit_account_id");
  EXPECT_TRUE(book_.Transfers(kCouncil).empty());
}

TEST_F(BookTest, VerifyFindsABalanceThatDisagreesWithItsTransfers) {
  ASSERT_TRUE(One(Move("pay-1", 0, 1, 500)));
  Book tampered;
  for (Account a : book_.Accounts(kCouncil)) {
    if (a.id == testing::PropertyAccountId(1)) a.balances.credits_posted = Pence(499);
    ASSERT_TRUE(tampered.OpenAccount(a));
  }
  auto check = tampered.Verify(kCouncil);
  EXPECT_FALSE(check.clean());
  EXPECT_FALSE(check.balanced());
  EXPECT_EQ(check.mismatches.size(), 2u);  // each account: no transfers recorded in `tampered`
}

}  // namespace
}  // namespace selfdirect::ledger
