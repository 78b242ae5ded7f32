#include "selfdirect/market/pools.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::market {
namespace {

using ::testing::HasSubstr;

const PersonId kAda("01JD0000000000000000000ADA");
const PersonId kBen("01JD0000000000000000000BEN");
const PersonId kCy("01JD00000000000000000000CY");
const PoolId kPool("01JD000000000000000000P001");

Date D(const char* iso) { return *ParseIsoDate(iso); }

PoolRequest TwoMembers() {
  return {.name = "Tuesday art group",
          .pays_for = "A tutor and the room",
          .cost = "240.00",
          .leaving_rule = "shared_by_contributions",
          .members = {{kAda.str(), "120.00"}, {kBen.str(), "120.00"}}};
}

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

Consent By(ConsentBy by, std::string how = "") {
  return {by, std::move(how), UserId("01JD00000000000000000000A1"), Timestamp{}};
}

Pool Active() {
  auto pool = ValidateNewPool(TwoMembers());
  EXPECT_TRUE(pool.has_value());
  pool->id = kPool;
  auto one = RecordConsent(*pool, kAda, By(ConsentBy::kPerson), D("2026-11-22"));
  auto both = RecordConsent(*one, kBen, By(ConsentBy::kRepresentative), D("2026-11-22"));
  EXPECT_TRUE(both.has_value());
  return *both;
}

TEST(PoolsTest, ValidateNewPool_AcceptsTwoMembersWhoseSharesAddUpToTheCost) {
  auto pool = ValidateNewPool(TwoMembers());
  ASSERT_TRUE(pool.has_value()) << pool.error().message;
  EXPECT_EQ(pool->status, PoolStatus::kProposed);
  ASSERT_EQ(pool->members.size(), 2u);
  EXPECT_EQ(pool->members[0].seq, 1);
  EXPECT_EQ(pool->members[1].share, Pence(12000));
  EXPECT_EQ(pool->members[1].status, MemberStatus::kProposed);
  EXPECT_EQ(*pool->cost, Pence(24000));
}

TEST(PoolsTest, ValidateNewPool_SharesThatDoNotAddUp_NamesBothFiguresInPounds) {
  PoolRequest r = TwoMembers();
  r.members[1].share = "100.00";
  auto pool = ValidateNewPool(r);
  ASSERT_FALSE(pool.has_value());
  ASSERT_EQ(Fields(pool.error()), std::vector<std::string>{"cost"});
  EXPECT_THAT(pool.error().fields[0].message, HasSubstr("add up to £220.00"));
  EXPECT_THAT(pool.error().fields[0].message, HasSubstr("costs £240.00"));
}

TEST(PoolsTest, ValidateNewPool_WithoutACostAnySharesWillDo) {
  PoolRequest r = TwoMembers();
  r.cost = "";
  r.members[1].share = "3.01";
  auto pool = ValidateNewPool(r);
  ASSERT_TRUE(pool.has_value()) << pool.error().message;
  EXPECT_FALSE(pool->cost.has_value());
}

TEST(PoolsTest, ValidateNewPool_NamesEveryProblemAtOnce) {
  PoolRequest r{.name = " ",
                .pays_for = "",
                .service_id = "not-a-service",
                .cost = "abc",
                .leaving_rule = "whatever",
                .members = {{"nobody", "0"}}};
  auto pool = ValidateNewPool(r);
  ASSERT_FALSE(pool.has_value());
  EXPECT_EQ(Fields(pool.error()),
            (std::vector<std::string>{"name", "pays_for", "service_id", "cost", "leaving_rule",
                                      "members", "members[0].person", "members[0].share"}));
}

TEST(PoolsTest, ValidateNewPool_RefusesTheSamePersonTwice) {
  PoolRequest r = TwoMembers();
  r.members[1].person = kAda.str();
  auto pool = ValidateNewPool(r);
  ASSERT_FALSE(pool.has_value());
  EXPECT_EQ(Fields(pool.error()), std::vector<std::string>{"members[1].person"});
}

TEST(PoolsTest, CheckShareAffordable_NamesBothAmounts) {
  EXPECT_TRUE(CheckShareAffordable(Pence(12000), Pence(80000), "share"));
  auto s = CheckShareAffordable(Pence(90000), Pence(80000), "share");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().fields[0].field, "share");
  EXPECT_THAT(s.error().fields[0].message, HasSubstr("£900.00"));
  EXPECT_THAT(s.error().fields[0].message, HasSubstr("£800.00"));
  auto none = CheckShareAffordable(Pence(100), std::nullopt, "share");
  ASSERT_FALSE(none.has_value());
  EXPECT_THAT(none.error().fields[0].message, HasSubstr("no direct payment"));
}

TEST(PoolsTest, RecordConsent_ThePoolStartsOnlyWhenEveryMemberHasConsented) {
  auto pool = ValidateNewPool(TwoMembers());
  ASSERT_TRUE(pool);
  auto one = RecordConsent(*pool, kAda, By(ConsentBy::kPerson), D("2026-11-22"));
  ASSERT_TRUE(one.has_value()) << one.error().message;
  EXPECT_EQ(one->status, PoolStatus::kProposed);
  EXPECT_EQ(one->Member(kAda)->status, MemberStatus::kConsented);
  EXPECT_EQ(one->Member(kBen)->status, MemberStatus::kProposed);
  EXPECT_FALSE(ContributionsDue(*one, D("2026-11-22")).has_value());

  auto both = RecordConsent(*one, kBen, By(ConsentBy::kRepresentative), D("2026-11-23"));
  ASSERT_TRUE(both.has_value()) << both.error().message;
  EXPECT_EQ(both->status, PoolStatus::kActive);
  EXPECT_EQ(FormatIsoDate(*both->starts_on), "2026-11-23");
  EXPECT_EQ(both->Member(kAda)->status, MemberStatus::kActive);
  EXPECT_EQ(both->Member(kBen)->consent->by, ConsentBy::kRepresentative);
}

TEST(PoolsTest, RecordConsent_RefusesTwiceAStrangerAndASocialWorkerWhoDoesNotSayHow) {
  auto pool = ValidateNewPool(TwoMembers());
  ASSERT_TRUE(pool);
  auto stranger = RecordConsent(*pool, kCy, By(ConsentBy::kPerson), D("2026-11-22"));
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);
  auto no_how = RecordConsent(*pool, kAda, By(ConsentBy::kSocialWorker, " "), D("2026-11-22"));
  ASSERT_FALSE(no_how.has_value());
  EXPECT_EQ(Fields(no_how.error()), std::vector<std::string>{"how"});
  auto with_how =
      RecordConsent(*pool, kAda, By(ConsentBy::kSocialWorker, "At a visit"), D("2026-11-22"));
  ASSERT_TRUE(with_how.has_value());
  auto again = RecordConsent(*with_how, kAda, By(ConsentBy::kPerson), D("2026-11-22"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

TEST(PoolsTest, ContributionsDue_OneShareEachKeyedByMemberAndPeriod) {
  Pool pool = Active();
  auto due = ContributionsDue(pool, D("2026-12-25"));  // the second period: 20 Dec – 16 Jan
  ASSERT_TRUE(due.has_value()) << due.error().message;
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ(FormatIsoDate((*due)[0].period.start), "2026-12-20");
  EXPECT_EQ(FormatIsoDate((*due)[0].period.end), "2027-01-16");
  EXPECT_EQ((*due)[0].key, "pool:01JD000000000000000000P001:m1:2026-12-20");
  EXPECT_EQ((*due)[1].amount, Pence(12000));
  EXPECT_LE((*due)[1].key.size(), 64u);
  auto parsed = ParsePoolTransferKey(kPool, (*due)[1].key);
  EXPECT_EQ(parsed.kind, PoolTransferKey::Kind::kContribution);
  EXPECT_EQ(parsed.seq, 2);
  EXPECT_EQ(FormatIsoDate(*parsed.period_start), "2026-12-20");
  EXPECT_EQ(ParsePoolTransferKey(kPool, LeavingKey(kPool, 3)).kind,
            PoolTransferKey::Kind::kLeaving);
  EXPECT_EQ(ParsePoolTransferKey(kPool, PaymentKey(kPool, "INV-1")).kind,
            PoolTransferKey::Kind::kPayment);
  EXPECT_EQ(ParsePoolTransferKey(kPool, "pool:other:m1:2026-12-20").kind,
            PoolTransferKey::Kind::kOther);
}

TEST(PoolsTest, SplitByContributions_LargestRemainderAddsUpExactly) {
  const std::vector<Pence> thirds{Pence(1), Pence(1), Pence(1)};
  auto parts = SplitByContributions(Pence(100), thirds);
  EXPECT_EQ(parts, (std::vector<Pence>{Pence(34), Pence(33), Pence(33)}));
  const std::vector<Pence> weights{Pence(12000), Pence(6000)};
  parts = SplitByContributions(Pence(1001), weights);
  EXPECT_EQ(parts, (std::vector<Pence>{Pence(667), Pence(334)}));  // 667.33 and 333.67
  const std::vector<Pence> none{Pence(0), Pence(0)};
  EXPECT_EQ(SplitByContributions(Pence(5), none), (std::vector<Pence>{Pence(3), Pence(2)}));
  // Large amounts do not overflow: 128-bit products.
  const std::vector<Pence> big{Pence(INT64_MAX / 2), Pence(INT64_MAX / 2)};
  parts = SplitByContributions(Pence(INT64_MAX - 1), big);
  EXPECT_EQ(parts[0].value() + parts[1].value(), INT64_MAX - 1);
}

TEST(PoolsTest, Leave_SharedByContributions_TheLeaverTakesTheirPart) {
  Pool pool = Active();
  auto joined = AddMember(pool, kCy, "60.00", "300.00");
  ASSERT_TRUE(joined.has_value()) << joined.error().message;
  auto consented = RecordConsent(*joined, kCy, By(ConsentBy::kPerson), D("2026-12-01"));
  ASSERT_TRUE(consented.has_value());
  EXPECT_EQ(consented->Member(kCy)->status, MemberStatus::kActive);  // the pool had started
  const std::vector<std::pair<int, Pence>> put_in{
      {1, Pence(24000)}, {2, Pence(24000)}, {3, Pence(6000)}};
  auto leaving = Leave(*consented, kCy, Pence(10001), put_in, D("2026-12-10"));
  ASSERT_TRUE(leaving.has_value()) << leaving.error().message;
  // 10001 × 6000 / 54000 = 1111.22…: Cy takes £11.11.
  ASSERT_EQ(leaving->payouts.size(), 1u);
  EXPECT_EQ(leaving->payouts[0].person, kCy);
  EXPECT_EQ(leaving->payouts[0].amount, Pence(1111));
  EXPECT_EQ(leaving->pool.status, PoolStatus::kActive);
  EXPECT_EQ(leaving->pool.Member(kCy)->status, MemberStatus::kLeft);
  EXPECT_EQ(leaving->pool.Member(kCy)->taken, Pence(1111));
}

TEST(PoolsTest, Leave_StaysWithPool_TheLeaverTakesNothingUntilThePoolCloses) {
  PoolRequest r = TwoMembers();
  r.leaving_rule = "stays_with_pool";
  auto pool = ValidateNewPool(r);
  ASSERT_TRUE(pool);
  auto one = RecordConsent(*pool, kAda, By(ConsentBy::kPerson), D("2026-11-22"));
  auto both = RecordConsent(*one, kBen, By(ConsentBy::kPerson), D("2026-11-22"));
  ASSERT_TRUE(both);
  const std::vector<std::pair<int, Pence>> put_in{{1, Pence(12000)}, {2, Pence(12000)}};
  auto leaving = Leave(*both, kAda, Pence(5000), put_in, D("2026-12-01"));
  ASSERT_TRUE(leaving.has_value());
  // Only Ben is left: the pool closes and he takes the balance.
  EXPECT_EQ(leaving->pool.status, PoolStatus::kClosed);
  ASSERT_EQ(leaving->payouts.size(), 1u);
  EXPECT_EQ(leaving->payouts[0].person, kBen);
  EXPECT_EQ(leaving->payouts[0].amount, Pence(5000));
  EXPECT_EQ(leaving->pool.Member(kAda)->taken, Pence(0));
}

TEST(PoolsTest, AddMember_ToAPoolWithACostNeedsTheNewCostToAddUp) {
  Pool pool = Active();
  auto wrong = AddMember(pool, kCy, "60.00", "240.00");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(Fields(wrong.error()), std::vector<std::string>{"cost"});
  EXPECT_THAT(wrong.error().fields[0].message, HasSubstr("£300.00"));
  auto twice = AddMember(pool, kAda, "60.00", "300.00");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(Fields(twice.error()), std::vector<std::string>{"person"});
}

TEST(PoolsTest, ValidatePayment_NamesEachField) {
  auto p = ValidatePayment({"INV 1", "0", ""});
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(Fields(p.error()), (std::vector<std::string>{"key", "amount", "reference"}));
  auto ok = ValidatePayment({"INV-1", "45.50", "Art tutor, November"});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->amount, Pence(4550));
}

}  // namespace
}  // namespace selfdirect::market
