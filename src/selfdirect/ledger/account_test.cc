#include "selfdirect/ledger/account.h"

#include <gtest/gtest.h>

namespace selfdirect::ledger {
namespace {

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(Account, ADirectPaymentAccountMayNotBeOverdrawnByDefault) {
  auto a = ValidateNewAccount({.type = "direct_payment_holding",
                               .owner_kind = "person",
                               .owner_id = "01jd0000000000000000per001",
                               .name = "  Ada Okafor's direct payment "});
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->type, AccountType::kDirectPaymentHolding);
  EXPECT_EQ(a->owner, (Owner{OwnerKind::kPerson, "01JD0000000000000000PER001"}));
  EXPECT_EQ(a->name, "Ada Okafor's direct payment");
  EXPECT_TRUE(a->flags.debits_must_not_exceed_credits);
  EXPECT_FALSE(a->flags.credits_must_not_exceed_debits);
  EXPECT_EQ(a->balances, Balances{});
}

TEST(Account, TheRuleMayBeSetExplicitly) {
  auto fund = ValidateNewAccount({.type = "council_fund",
                                  .owner_kind = "council",
                                  .name = "Adult social care",
                                  .debits_must_not_exceed_credits = false});
  ASSERT_TRUE(fund);
  EXPECT_FALSE(fund->flags.debits_must_not_exceed_credits);
  auto payable = ValidateNewAccount({.type = "provider_payable",
                                     .owner_kind = "provider",
                                     .owner_id = "acme-care",
                                     .name = "Acme Care",
                                     .credits_must_not_exceed_debits = true});
  ASSERT_TRUE(payable);
  EXPECT_TRUE(payable->flags.credits_must_not_exceed_debits);
}

TEST(Account, EveryBadFieldIsNamedAtOnce) {
  auto a = ValidateNewAccount(
      {.type = "piggy_bank", .owner_kind = "cat", .scheme = "nope", .name = " "});
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(a.error()),
            (std::vector<std::string>{"type", "owner_kind", "scheme_id", "name"}));

  auto both = ValidateNewAccount({.type = "payee",
                                  .owner_kind = "provider",
                                  .owner_id = "a b",
                                  .name = "X",
                                  .debits_must_not_exceed_credits = true,
                                  .credits_must_not_exceed_debits = true});
  ASSERT_FALSE(both);
  EXPECT_EQ(Fields(both.error()),
            (std::vector<std::string>{"owner_id", "credits_must_not_exceed_debits"}));
}

TEST(Account, ABudgetCommitmentBelongsToAPersonAndAScheme) {
  auto a = ValidateNewAccount({.type = "budget_commitment",
                               .owner_kind = "organisation",
                               .owner_id = "isf-1",
                               .name = "Commitment"});
  ASSERT_FALSE(a);
  EXPECT_EQ(Fields(a.error()), (std::vector<std::string>{"owner_kind", "scheme_id"}));
}

TEST(Account, ContributionsPaidInAreTheCouncilsAndOnlyEverDebited) {
  auto ok = ValidateNewAccount(
      {.type = "contributions_paid_in", .owner_kind = "council", .name = "Contributions"});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_FALSE(ok->flags.debits_must_not_exceed_credits);
  auto bad = ValidateNewAccount({.type = "contributions_paid_in",
                                 .owner_kind = "provider",
                                 .owner_id = "acme",
                                 .name = "Contributions",
                                 .debits_must_not_exceed_credits = true});
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error()),
            (std::vector<std::string>{"owner_kind", "debits_must_not_exceed_credits"}));
}

TEST(Account, ClosingNeedsNothingPending) {
  Account a;
  a.name = "Ada's card";
  a.balances.debits_pending = Pence(1);
  auto refused = CloseAccount(a, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  a.balances.debits_pending = Pence(0);
  auto closed = CloseAccount(a, {});
  ASSERT_TRUE(closed);
  EXPECT_TRUE(closed->closed());
  EXPECT_FALSE(CloseAccount(*closed, {}));
}

TEST(Account, CodesRoundTrip) {
  for (const auto& c : AccountTypes()) {
    auto t = ParseAccountType(c.code);
    ASSERT_TRUE(t) << c.code;
    EXPECT_STREQ(AccountTypeCode(*t), c.code);
  }
  for (const auto& c : OwnerKinds()) EXPECT_STREQ(OwnerKindCode(*ParseOwnerKind(c.code)), c.code);
  EXPECT_FALSE(ParseAccountType(""));
}

}  // namespace
}  // namespace selfdirect::ledger
