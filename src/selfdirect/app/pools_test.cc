#include "selfdirect/app/pools.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/ras/test_model.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

// Ada and Ben each have a plan paying a personal assistant by direct payment, signed off on
// Sunday 22 November 2026: Ada's 10 hours a week (£800.00 every 4 weeks), Ben's 5 (£400.00).
// Each has a budget-holder account linked to their record. They pool £120.00 each every 4 weeks
// for an art group costing £240.00.
class PoolsTest : public ::testing::Test {
 protected:
  PoolsTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        approver_(t_.AddUser(council_, "approver@hartlepool.example", {"approver"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        analyst_(t_.AddUser(council_, "data@hartlepool.example", {"analyst"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
    NewScheme scheme{.name = "Adult social care", .kind = "adult-social-care"};
    EXPECT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver_.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker_, approver_, "Ada", "943 476 5919", "10");
    ben_ = testing::SignOffAPlan(t_, worker_, approver_, "Ben", "401 023 2137", "5");
    ada_user_ = Holder("ada@hartlepool.example", ada_);
    ben_user_ = Holder("ben@hartlepool.example", ben_);
  }

  User Holder(const std::string& email, const PersonId& person) {
    auto holder = t_.accounts().AddUser(
        Context::Operator("t"), {council_.id, email, email, {"budget-holder"}, person.str()});
    EXPECT_TRUE(holder.has_value()) << holder.error().message;
    return holder->user;
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  void PayTheFirstPeriod() {
    ASSERT_TRUE(t_.payments().SetPaymentDetails(
        As(finance_), ada_, {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
    ASSERT_TRUE(t_.payments().SetPaymentDetails(
        As(finance_), ben_, {"direct_payment", "Ben Okafor", "30-94-30", "00733446", ""}));
    auto run = t_.payments().Start(As(finance_), *ParseIsoDate("2026-11-22"));
    ASSERT_TRUE(run.has_value()) << run.error().message;
    auto released = t_.payments().Release(As(finance_), run->run->id);
    ASSERT_TRUE(released.has_value()) << released.error().message;
  }

  ProposeRequest ArtGroup(const std::string& ben_share = "120.00") {
    ProposeRequest r;
    r.pool = {.name = "Tuesday art group",
              .pays_for = "A tutor and the room for a weekly art group",
              .cost = "240.00",
              .leaving_rule = "shared_by_contributions"};
    r.members = {{ada_.str(), "120.00", true}, {ben_.str(), ben_share, false}};
    return r;
  }

  ledger::Account HoldingOf(const PersonId& person) {
    std::optional<ledger::Account> out;
    EXPECT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
      auto accounts =
          tx.Ledger().FindAccountsByOwner(council_.id, {ledger::OwnerKind::kPerson, person.str()});
      if (!accounts) return tl::unexpected(accounts.error());
      for (const auto& a : *accounts) {
        if (a.type == ledger::AccountType::kDirectPaymentHolding) out = a;
      }
      return {};
    }));
    return out.value_or(ledger::Account{});
  }

  Pence Balance(const ledger::Account& a) { return *ledger::PostedCreditBalance(a.balances); }

  // Ada proposes (and consents), Ben consents: the pool starts today.
  PoolView Started() {
    auto proposed = t_.pools().Propose(As(ada_user_), ArtGroup());
    EXPECT_TRUE(proposed.has_value()) << proposed.error().message;
    auto consented = t_.pools().Consent(As(ben_user_), proposed->pool.id, {ben_.str(), ""});
    EXPECT_TRUE(consented.has_value()) << consented.error().message;
    return *consented;
  }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, approver_, finance_, analyst_;
  PersonId ada_, ben_;
  User ada_user_, ben_user_;
};

TEST_F(PoolsTest, Propose_ABudgetHolderProposesAndConsentsTheOtherIsInvitedAndNotNamed) {
  auto view = t_.pools().Propose(As(ada_user_), ArtGroup());
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->pool.status, market::PoolStatus::kProposed);
  ASSERT_EQ(view->members.size(), 2u);
  EXPECT_EQ(view->members[0].name, "Ada Okafor");
  EXPECT_EQ(view->members[0].status, market::MemberStatus::kConsented);
  EXPECT_EQ(*view->members[0].consent_by, market::ConsentBy::kPerson);
  EXPECT_TRUE(view->members[0].may_act);
  // Ben has not consented: Ada does not see his name until he does.
  EXPECT_EQ(view->members[1].name, "");
  EXPECT_EQ(view->members[1].reference, "");
  EXPECT_FALSE(view->members[1].may_act);
  EXPECT_EQ(view->members[1].status, market::MemberStatus::kProposed);
  EXPECT_EQ(view->balance, Pence(0));

  // The pool has its own ledger account, which may not be overdrawn.
  std::optional<ledger::Account> account;
  ASSERT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Ledger().FindAccount(council_.id, view->pool.account);
    if (found && *found) account = **found;
    return {};
  }));
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(account->type, ledger::AccountType::kPooledBudget);
  EXPECT_EQ(account->owner.kind, ledger::OwnerKind::kPool);
  EXPECT_TRUE(account->flags.debits_must_not_exceed_credits);

  // Ben sees the invitation on his pools page and the pool itself.
  auto bens = t_.pools().Of(As(ben_user_), ben_);
  ASSERT_TRUE(bens.has_value()) << bens.error().message;
  ASSERT_EQ(bens->pools.size(), 1u);
  EXPECT_EQ(bens->pools[0].member_status, market::MemberStatus::kProposed);
  auto seen = t_.pools().Get(As(ben_user_), view->pool.id);
  ASSERT_TRUE(seen.has_value()) << seen.error().message;
  EXPECT_EQ(seen->members[0].name, "Ada Okafor");  // she consented
  EXPECT_TRUE(seen->members[1].may_act);
}

TEST_F(PoolsTest, Propose_SharesThatDoNotAddUp_ClearErrorAndNothingStored) {
  auto view = t_.pools().Propose(As(ada_user_), ArtGroup("100.00"));
  ASSERT_FALSE(view.has_value());
  EXPECT_EQ(view.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(view.error().fields.size(), 1u);
  EXPECT_EQ(view.error().fields[0].field, "cost");
  EXPECT_THAT(view.error().fields[0].message, HasSubstr("£220.00"));
  EXPECT_THAT(view.error().fields[0].message, HasSubstr("£240.00"));
  auto ada = t_.pools().Of(As(ada_user_), ada_);
  ASSERT_TRUE(ada.has_value());
  EXPECT_TRUE(ada->pools.empty());
}

TEST_F(PoolsTest, Propose_ConsentForSomeoneTheProposerCannotActFor_IsRefusedAndNothingStored) {
  ProposeRequest r = ArtGroup();
  r.members[1].consent = true;
  auto view = t_.pools().Propose(As(ada_user_), r);
  ASSERT_FALSE(view.has_value());
  ASSERT_EQ(view.error().fields.size(), 1u);
  EXPECT_EQ(view.error().fields[0].field, "members[1].consent");
  EXPECT_THAT(view.error().fields[0].message, HasSubstr("Only this member"));
  auto bens = t_.pools().Of(As(ben_user_), ben_);
  ASSERT_TRUE(bens.has_value());
  EXPECT_TRUE(bens->pools.empty());
}

TEST_F(PoolsTest, Propose_ByAnAnalystOrForStrangersOnly_IsRefused) {
  auto analyst = t_.pools().Propose(As(analyst_), ArtGroup());
  ASSERT_FALSE(analyst.has_value());
  EXPECT_EQ(analyst.error().code, ErrorCode::kPermissionDenied);
  const User other = t_.AddUser(council_, "rep@hartlepool.example", {"representative"});
  ProposeRequest r = ArtGroup();
  r.members[0].consent = false;
  auto stranger = t_.pools().Propose(As(other), r);
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(stranger.error().message, HasSubstr("someone you may act for"));
}

TEST_F(PoolsTest, Consent_OnlyTheMemberOrSomeoneForThemAndTheShareMustFitTheirDirectPayment) {
  ProposeRequest r = ArtGroup();
  r.pool.cost = "";
  r.members[1].share = "450.00";  // Ben's direct payment is £400.00 every 4 weeks
  auto view = t_.pools().Propose(As(ada_user_), r);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  // Ada cannot consent for Ben: she has no standing on his record at all.
  auto by_ada = t_.pools().Consent(As(ada_user_), view->pool.id, {ben_.str(), ""});
  ASSERT_FALSE(by_ada.has_value());
  EXPECT_EQ(by_ada.error().code, ErrorCode::kNotFound);
  auto too_much = t_.pools().Consent(As(ben_user_), view->pool.id, {ben_.str(), ""});
  ASSERT_FALSE(too_much.has_value());
  ASSERT_EQ(too_much.error().fields.size(), 1u);
  EXPECT_EQ(too_much.error().fields[0].field, "share");
  EXPECT_THAT(too_much.error().fields[0].message, HasSubstr("£450.00"));
  EXPECT_THAT(too_much.error().fields[0].message, HasSubstr("£400.00"));
  auto still = t_.pools().Get(As(ben_user_), view->pool.id);
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->pool.status, market::PoolStatus::kProposed);
  EXPECT_EQ(still->members[1].status, market::MemberStatus::kProposed);
}

TEST_F(PoolsTest, Consent_BySocialWorkerNeedsHowAndStartsThePool) {
  auto view = t_.pools().Propose(As(ada_user_), ArtGroup());
  ASSERT_TRUE(view.has_value());
  auto no_how = t_.pools().Consent(As(worker_), view->pool.id, {ben_.str(), ""});
  ASSERT_FALSE(no_how.has_value());
  EXPECT_EQ(no_how.error().fields[0].field, "how");
  auto done = t_.pools().Consent(As(worker_), view->pool.id,
                                 {ben_.str(), "At a home visit, with the easy-read agreement"});
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->pool.status, market::PoolStatus::kActive);
  EXPECT_EQ(*done->members[1].consent_by, market::ConsentBy::kSocialWorker);
  EXPECT_EQ(done->members[1].consent_how, "At a home visit, with the easy-read agreement");
}

TEST_F(PoolsTest, Collect_MovesEachShareOnceAndRefusesAllWhenAnAccountIsShort) {
  PayTheFirstPeriod();
  const PoolView pool = Started();
  ASSERT_EQ(pool.pool.status, market::PoolStatus::kActive);
  auto by_holder = t_.pools().Collect(As(ada_user_), pool.pool.id);
  ASSERT_FALSE(by_holder.has_value());
  EXPECT_EQ(by_holder.error().code, ErrorCode::kPermissionDenied);

  auto collected = t_.pools().Collect(As(finance_), pool.pool.id);
  ASSERT_TRUE(collected.has_value()) << collected.error().message;
  EXPECT_EQ(collected->collected, 2);
  EXPECT_EQ(collected->total, Pence(24000));
  EXPECT_EQ(collected->view.balance, Pence(24000));
  EXPECT_EQ(Balance(HoldingOf(ada_)), Pence(80000 - 12000));
  EXPECT_EQ(Balance(HoldingOf(ben_)), Pence(40000 - 12000));

  auto again = t_.pools().Collect(As(finance_), pool.pool.id);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->collected, 0);
  EXPECT_EQ(again->view.balance, Pence(24000));
  EXPECT_EQ(Balance(HoldingOf(ada_)), Pence(68000));
}

TEST_F(PoolsTest, All_FinanceOfficersSeeEveryPoolWithWhatIsDueAndWhetherItIsIn) {
  PayTheFirstPeriod();
  const PoolView pool = Started();
  auto by_holder = t_.pools().All(As(ada_user_));
  ASSERT_FALSE(by_holder.has_value());
  EXPECT_EQ(by_holder.error().code, ErrorCode::kPermissionDenied);

  auto before = t_.pools().All(As(finance_));
  ASSERT_TRUE(before.has_value()) << before.error().message;
  ASSERT_EQ(before->size(), 1u);
  const CouncilPool& row = before->front();
  EXPECT_EQ(row.id, pool.pool.id);
  EXPECT_EQ(row.name, pool.pool.name);
  EXPECT_EQ(row.status, market::PoolStatus::kActive);
  EXPECT_EQ(row.members, 2);
  EXPECT_EQ(row.member, ada_);
  EXPECT_EQ(row.shares, Pence(24000));
  EXPECT_EQ(row.balance, Pence(0));
  EXPECT_TRUE(row.period.has_value());
  EXPECT_FALSE(row.collected);

  ASSERT_TRUE(t_.pools().Collect(As(finance_), pool.pool.id));
  auto after = t_.pools().All(As(finance_));
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->front().collected);
  EXPECT_EQ(after->front().balance, Pence(24000));
}

TEST_F(PoolsTest, Collect_AShortAccountNamesItAndBothAmountsAndNothingMoves) {
  // Nothing has been paid into either account yet.
  const PoolView pool = Started();
  auto collected = t_.pools().Collect(As(finance_), pool.pool.id);
  ASSERT_FALSE(collected.has_value());
  EXPECT_EQ(collected.error().code, ErrorCode::kConflict);
  EXPECT_THAT(collected.error().message, HasSubstr(HoldingOf(ada_).id.str()));
  EXPECT_THAT(collected.error().message, HasSubstr("holds £0.00"));
  EXPECT_THAT(collected.error().message, HasSubstr("£120.00"));
  EXPECT_THAT(collected.error().message, HasSubstr("Nothing was collected"));
  auto view = t_.pools().Get(As(ada_user_), pool.pool.id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->balance, Pence(0));
}

TEST_F(PoolsTest, Statement_EachMemberSeesThePoolTheirOwnContributionsAndShareOfTheBalance) {
  PayTheFirstPeriod();
  const PoolView pool = Started();
  ASSERT_TRUE(t_.pools().Collect(As(finance_), pool.pool.id));
  auto paid =
      t_.pools().Pay(As(finance_), pool.pool.id, {"INV-1", "60.00", "Art tutor, first week"});
  ASSERT_TRUE(paid.has_value()) << paid.error().message;
  EXPECT_EQ(paid->balance, Pence(18000));
  auto too_much = t_.pools().Pay(As(finance_), pool.pool.id, {"INV-2", "500.00", "Room"});
  ASSERT_FALSE(too_much.has_value());
  EXPECT_EQ(too_much.error().code, ErrorCode::kConflict);
  EXPECT_THAT(too_much.error().message, HasSubstr("holds £180.00"));

  auto ada = t_.pools().Statement(As(ada_user_), pool.pool.id, ada_);
  ASSERT_TRUE(ada.has_value()) << ada.error().message;
  EXPECT_EQ(ada->view.balance, Pence(18000));
  ASSERT_EQ(ada->periods.size(), 1u);
  EXPECT_EQ(ada->periods[0].money_in, Pence(24000));
  EXPECT_EQ(ada->periods[0].yours, Pence(12000));
  EXPECT_EQ(FormatIsoDate(ada->periods[0].period.start), "2026-11-22");
  ASSERT_EQ(ada->money_out.size(), 1u);
  EXPECT_EQ(ada->money_out[0].description, "Art tutor, first week");
  EXPECT_EQ(ada->money_out[0].amount, Pence(6000));
  EXPECT_EQ(ada->put_in, Pence(12000));
  EXPECT_EQ(*ada->share_of_balance, Pence(9000));
  // Both members are named to each other once both have consented.
  EXPECT_EQ(ada->view.members[1].name, "Ben Okafor");

  // Ada may not read Ben's statement; Ben reads his own.
  auto not_hers = t_.pools().Statement(As(ada_user_), pool.pool.id, ben_);
  ASSERT_FALSE(not_hers.has_value());
  EXPECT_EQ(not_hers.error().code, ErrorCode::kNotFound);
  auto ben = t_.pools().Statement(As(ben_user_), pool.pool.id, ben_);
  ASSERT_TRUE(ben.has_value()) << ben.error().message;
  EXPECT_EQ(ben->put_in, Pence(12000));
}

TEST_F(PoolsTest, Leave_TheLeaverTakesTheirShareAndAPoolOfOneCloses) {
  PayTheFirstPeriod();
  const PoolView pool = Started();
  ASSERT_TRUE(t_.pools().Collect(As(finance_), pool.pool.id));
  ASSERT_TRUE(t_.pools().Pay(As(finance_), pool.pool.id, {"INV-1", "40.01", "Art tutor"}));
  // £199.99 left; each put in £120.00: Ada takes £100.00 (the odd penny goes to the earlier
  // member), and since Ben alone would be left the pool closes and he takes £99.99.
  auto left = t_.pools().Leave(As(ada_user_), pool.pool.id, ada_);
  ASSERT_TRUE(left.has_value()) << left.error().message;
  EXPECT_EQ(left->pool.status, market::PoolStatus::kClosed);
  EXPECT_EQ(left->balance, Pence(0));
  EXPECT_EQ(Balance(HoldingOf(ada_)), Pence(68000 + 10000));
  EXPECT_EQ(Balance(HoldingOf(ben_)), Pence(28000 + 9999));
  auto statement = t_.pools().Statement(As(ada_user_), pool.pool.id, ada_);
  ASSERT_TRUE(statement.has_value()) << statement.error().message;
  EXPECT_EQ(statement->member_status, market::MemberStatus::kLeft);
  EXPECT_EQ(statement->taken, Pence(10000));
  EXPECT_FALSE(statement->share_of_balance.has_value());
  // Nobody can join or pay into a closed pool.
  auto collect = t_.pools().Collect(As(finance_), pool.pool.id);
  ASSERT_FALSE(collect.has_value());
  EXPECT_EQ(collect.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(PoolsTest, Join_WithoutConsentIsRefusedAndNothingChanges) {
  const PoolView pool = Started();
  const PersonId cy = testing::SignOffAPlan(t_, worker_, approver_, "Cy", "485 777 3457", "5");
  auto no = t_.pools().Join(As(worker_), pool.pool.id, {cy.str(), "60.00", "300.00", false, ""});
  ASSERT_FALSE(no.has_value());
  EXPECT_EQ(no.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(no.error().fields[0].field, "consent");
  auto view = t_.pools().Get(As(ada_user_), pool.pool.id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->members.size(), 2u);

  auto yes = t_.pools().Join(As(worker_), pool.pool.id,
                             {cy.str(), "60.00", "300.00", true, "At the day centre"});
  ASSERT_TRUE(yes.has_value()) << yes.error().message;
  ASSERT_EQ(yes->members.size(), 3u);
  EXPECT_EQ(yes->members[2].status, market::MemberStatus::kActive);
  EXPECT_EQ(*yes->pool.cost, Pence(30000));
}

}  // namespace
}  // namespace selfdirect::app
