#include "selfdirect/ledger/transfer.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace selfdirect::ledger {
namespace {

const CouncilId kCouncil("01JD0000000000000000C0NC11");
const CouncilId kOtherCouncil("01JD0000000000000000C0NC22");

Account MakeAccount(const std::string& id, bool no_overdraft = false) {
  Account a;
  a.council = kCouncil;
  a.id = LedgerAccountId(id);
  a.name = "Account " + id.substr(21);
  a.flags.debits_must_not_exceed_credits = no_overdraft;
  return a;
}

const Account kFund = MakeAccount("01JD00000000000000000FVND1");
const Account kCard = MakeAccount("01JD00000000000000000CARD1", true);

Transfer Pay(std::int64_t pence, const Account& from = kFund, const Account& to = kCard) {
  Transfer t;
  t.id = TransferId("t1");
  t.council = kCouncil;
  t.debit_account = from.id;
  t.credit_account = to.id;
  t.amount = Pence(pence);
  return t;
}

Account With(Account a, const Balances& b) {
  a.balances = b;
  return a;
}

std::string FirstField(const Error& e) { return e.fields.empty() ? "" : e.fields.front().field; }

TEST(Transfer, AnOrdinaryTransferMovesPostedMoney) {
  auto p = ApplyTransfer(Pay(1250), kFund, kCard, std::nullopt);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->debit.debits_posted, Pence(1250));
  EXPECT_EQ(p->credit.credits_posted, Pence(1250));
  EXPECT_EQ(p->credit.debits_posted, Pence(0));
}

TEST(Transfer, ZeroOrNegativePenceIsRefusedNamingTheAmount) {
  for (std::int64_t pence : {std::int64_t{0}, std::int64_t{-1}, INT64_MIN}) {
    auto p = ApplyTransfer(Pay(pence), kFund, kCard, std::nullopt);
    ASSERT_FALSE(p) << pence;
    EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(FirstField(p.error()), "amount_pence");
  }
}

TEST(Transfer, AnAmountThatWouldOverflowATotalIsRefused) {
  Account full = kFund;
  full.balances.debits_posted = Pence(INT64_MAX - 10);
  auto p = ApplyTransfer(Pay(11), full, kCard, std::nullopt);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kOverflow);
  EXPECT_EQ(FirstField(p.error()), "amount_pence");
  EXPECT_TRUE(ApplyTransfer(Pay(10), full, kCard, std::nullopt));
}

TEST(Transfer, AClosedAccountIsRefusedNamingWhichSide) {
  Account closed = kCard;
  closed.closed_at = Timestamp{};
  auto p = ApplyTransfer(Pay(5), kFund, closed, std::nullopt);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(FirstField(p.error()), "credit_account_id");
  EXPECT_NE(p.error().message.find("is closed"), std::string::npos);
}

TEST(Transfer, TheSameAccountBothSidesOrAnotherCouncilIsRefused) {
  auto same = ApplyTransfer(Pay(5, kFund, kFund), kFund, kFund, std::nullopt);
  ASSERT_FALSE(same);
  EXPECT_EQ(FirstField(same.error()), "credit_account_id");
  Account elsewhere = kCard;
  elsewhere.council = kOtherCouncil;
  auto other = ApplyTransfer(Pay(5), kFund, elsewhere, std::nullopt);
  ASSERT_FALSE(other);
  EXPECT_EQ(FirstField(other.error()), "credit_account_id");
  EXPECT_NE(other.error().message.find("another council"), std::string::npos);
}

TEST(Transfer, ANoOverdraftAccountSaysByHowMuchItWouldGoBelowZero) {
  Account card = kCard;
  card.balances.credits_posted = Pence(10000);
  card.balances.debits_pending = Pence(2000);  // reserved
  Transfer spend = Pay(8001, card, kFund);
  auto p = ApplyTransfer(spend, card, kFund, std::nullopt);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(p.error().message,
            "The account \"Account CARD1\" does not have enough money: this transfer would take "
            "it £0.01 below zero");
  spend.amount = Pence(8000);
  EXPECT_TRUE(ApplyTransfer(spend, card, kFund, std::nullopt));
}

TEST(Transfer, PostingMayBePartialButNeverMoreThanPending) {
  Transfer pending = Pay(1000);
  pending.id = TransferId("commit");
  pending.flag = TransferFlag::kPending;
  auto reserved = ApplyTransfer(pending, kFund, kCard, std::nullopt);
  ASSERT_TRUE(reserved);
  EXPECT_EQ(reserved->debit.debits_pending, Pence(1000));

  Transfer post;
  post.id = TransferId("post");
  post.council = kCouncil;
  post.flag = TransferFlag::kPostPending;
  post.pending_id = TransferId("commit");
  post.amount = Pence(1001);
  const PendingRecord record{reserved->transfer, PendingStatus::kPending};
  const Account fund = With(kFund, reserved->debit);
  const Account card = With(kCard, reserved->credit);
  auto too_much = ApplyTransfer(post, fund, card, record);
  ASSERT_FALSE(too_much);
  EXPECT_EQ(FirstField(too_much.error()), "amount_pence");
  post.amount = Pence(0);  // all of it
  auto all = ApplyTransfer(post, fund, card, record);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->transfer.amount, Pence(1000));
  EXPECT_EQ(all->debit.debits_pending, Pence(0));
  EXPECT_EQ(all->debit.debits_posted, Pence(1000));

  auto twice = ApplyTransfer(post, With(kFund, all->debit), With(kCard, all->credit),
                             PendingRecord{reserved->transfer, PendingStatus::kPosted});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(FirstField(twice.error()), "pending_id");

  auto not_pending = ResolveAgainstPending(post, PendingRecord{Pay(5), PendingStatus::kPending});
  ASSERT_FALSE(not_pending);
  EXPECT_NE(not_pending.error().message.find("not a pending transfer"), std::string::npos);
  auto missing = ResolveAgainstPending(post, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(FirstField(missing.error()), "pending_id");
}

TEST(Transfer, AVoidReleasesTheWholePendingAmount) {
  Transfer pending = Pay(700);
  pending.flag = TransferFlag::kPending;
  Transfer void_it;
  void_it.id = TransferId("void");
  void_it.council = kCouncil;
  void_it.flag = TransferFlag::kVoidPending;
  void_it.pending_id = pending.id;
  void_it.amount = Pence(300);
  const PendingRecord record{pending, PendingStatus::kPending};
  EXPECT_FALSE(ResolveAgainstPending(void_it, record));
  void_it.amount = Pence(0);
  auto resolved = ResolveAgainstPending(void_it, record);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->amount, Pence(700));
  EXPECT_EQ(resolved->credit_account, kCard.id);
}

TEST(Transfer, AReplayIsTheSameContentWhateverItsTime) {
  Transfer stored = Pay(500);
  stored.created_at = Timestamp{std::chrono::milliseconds(1)};
  Transfer again = stored;
  again.created_at = Timestamp{std::chrono::milliseconds(2)};
  again.created_by = UserId("01JD0000000000000000USER01");
  EXPECT_TRUE(CheckReplay(stored, again, std::nullopt));
  again.amount = Pence(501);
  auto differs = CheckReplay(stored, again, std::nullopt);
  ASSERT_FALSE(differs);
  EXPECT_EQ(differs.error().code, ErrorCode::kConflict);
  EXPECT_EQ(differs.error().message, "A transfer with id t1 already exists with different content");
  EXPECT_EQ(FirstField(differs.error()), "amount_pence");
}

TEST(Transfer, TheValueDateIsWhenTheMoneyMovedOrElseTheDayItWasRecorded) {
  Transfer t = Pay(500);
  t.created_at = ParseTimestamp("2026-11-19T16:30:00.000Z").value();
  EXPECT_EQ(FormatIsoDate(ValueDate(t)), "2026-11-19");
  t.value_date = *ParseIsoDate("2026-08-31");  // a statement line imported weeks later
  EXPECT_EQ(FormatIsoDate(ValueDate(t)), "2026-08-31");
}

TEST(Transfer, AReplayWithAnotherValueDateIsRefusedOneWithoutTakesTheStoredOne) {
  Transfer stored = Pay(500);
  stored.created_at = ParseTimestamp("2026-11-19T16:30:00.000Z").value();
  stored.value_date = *ParseIsoDate("2026-11-02");
  Transfer again = stored;
  again.value_date.reset();
  EXPECT_TRUE(CheckReplay(stored, again, std::nullopt));
  again.value_date = *ParseIsoDate("2026-11-02");
  EXPECT_TRUE(CheckReplay(stored, again, std::nullopt));
  again.value_date = *ParseIsoDate("2026-11-03");
  auto differs = CheckReplay(stored, again, std::nullopt);
  ASSERT_FALSE(differs);
  EXPECT_EQ(FirstField(differs.error()), "value_date");
}

TEST(Transfer, MoneyIsOrderedByValueDateThenWhenRecordedThenRowNumbersAsNumbers) {
  auto make = [](const char* id, const char* day, const char* at) {
    Transfer t = Pay(100);
    t.id = TransferId(id);
    t.value_date = *ParseIsoDate(day);
    t.created_at = ParseTimestamp(at).value();
    return t;
  };
  const char* kImported = "2026-11-19T16:30:00.000Z";
  const Transfer row3 = make("stmt:01JD:3", "2026-09-07", kImported);
  const Transfer row25 = make("stmt:01JD:25", "2026-09-07", kImported);
  const Transfer row100 = make("stmt:01JD:100", "2026-09-07", kImported);
  const Transfer earlier_day = make("stmt:01JD:40", "2026-09-06", kImported);
  const Transfer recorded_earlier = make("stmt:01JD:99", "2026-09-07", "2026-09-07T09:00:00.000Z");
  std::vector<Transfer> all = {row100, row25, row3, earlier_day, recorded_earlier};
  std::stable_sort(all.begin(), all.end(), MovedBefore);
  std::vector<std::string> ids;
  for (const auto& t : all) ids.push_back(t.id.str());
  EXPECT_EQ(ids, (std::vector<std::string>{"stmt:01JD:40", "stmt:01JD:99", "stmt:01JD:3",
                                           "stmt:01JD:25", "stmt:01JD:100"}));
  EXPECT_FALSE(MovedBefore(row3, row3));
  // Leading zeros and text around the numbers: still a strict order.
  EXPECT_TRUE(
      MovedBefore(make("a:007", "2026-09-07", kImported), make("a:8", "2026-09-07", kImported)));
  EXPECT_TRUE(
      MovedBefore(make("a:07", "2026-09-07", kImported), make("a:007", "2026-09-07", kImported)) !=
      MovedBefore(make("a:007", "2026-09-07", kImported), make("a:07", "2026-09-07", kImported)));
  EXPECT_TRUE(
      MovedBefore(make("a:2x", "2026-09-07", kImported), make("a:2y", "2026-09-07", kImported)));
  EXPECT_TRUE(
      MovedBefore(make("a:2", "2026-09-07", kImported), make("a:2:1", "2026-09-07", kImported)));
}

TEST(Transfer, ParseNamesEveryBadField) {
  auto t = ParseTransfer({.id = "has space",
                          .debit_account = "x",
                          .credit_account = "",
                          .amount_pence = 5,
                          .code = "gift",
                          .flags = "maybe",
                          .pending_id = "",
                          .corrects = "../"});
  ASSERT_FALSE(t);
  std::vector<std::string> fields;
  for (const auto& f : t.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"id", "flags", "debit_account_id", "code", "corrects"}));

  auto ok = ParseTransfer({.id = "run:2026-11-30:1",
                           .debit_account = kFund.id.str(),
                           .credit_account = kCard.id.str(),
                           .amount_pence = 76923,
                           .code = "payment",
                           .reference = "payment run 2026-11-30"});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->flag, TransferFlag::kNone);
  auto no_amount = ParseTransfer({.id = "a",
                                  .debit_account = kFund.id.str(),
                                  .credit_account = kCard.id.str(),
                                  .code = "payment"});
  ASSERT_FALSE(no_amount);
  EXPECT_EQ(FirstField(no_amount.error()), "amount_pence");
}

TEST(Transfer, AnIdMadeByHandCannotTakeTheFormOfOneAFlowWouldMake) {
  // A hand-made "dp:…" transfer would stand in for the payment run's own payment of that
  // period, which the run would then find and take as paid.
  for (const char* id :
       {"dp:01JD0000000000000000000000:2026-11-30", "stmt:01JD:3", "contribution-paid:k:1",
        "invoice:01JD", "pool:p:out:1", "clawback:x", "commit:b:k", "release:b:k",
        "mb:b:2026-11-30", "oneoff:b:1", "contribution:b:2026-11-30"}) {
    EXPECT_TRUE(ReservedPrefixOf(id).has_value()) << id;
    auto t = ParseTransfer({.id = id,
                            .debit_account = kFund.id.str(),
                            .credit_account = kCard.id.str(),
                            .amount_pence = 100,
                            .code = "payment"});
    ASSERT_FALSE(t) << id;
    EXPECT_EQ(FirstField(t.error()), "id");
    EXPECT_NE(t.error().fields.front().message.find("kept for the transfers selfdirect makes"),
              std::string::npos);
  }
  // Only the beginning counts: the words may appear elsewhere, and a prefix needs its colon.
  for (const char* id : {"refund:dp:1", "dp", "dpx:1", "statement:3", "my-stmt:1", "DP:1"}) {
    EXPECT_FALSE(ReservedPrefixOf(id).has_value()) << id;
  }
  // Pointing at a flow's transfer is fine: correcting a payment run's payment by hand.
  auto correction = ParseTransfer({.id = "fix-1",
                                   .debit_account = kCard.id.str(),
                                   .credit_account = kFund.id.str(),
                                   .amount_pence = 100,
                                   .code = "correction",
                                   .corrects = "dp:01JD:2026-11-30"});
  ASSERT_TRUE(correction) << correction.error().message;
}

}  // namespace
}  // namespace selfdirect::ledger
