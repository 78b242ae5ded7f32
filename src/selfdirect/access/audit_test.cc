#include "selfdirect/access/audit.h"

#include <gtest/gtest.h>

#include <vector>

namespace selfdirect {
namespace {

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> out;
  std::optional<AuditEntry> previous;
  for (int i = 0; i < n; ++i) {
    AuditEntry e;
    e.council_id = CouncilId("01JD0000000000000000000001");
    e.at = ParseTimestamp("2026-11-22T09:00:00.000Z").value() + std::chrono::minutes(i);
    e.actor_user_id = "01JD00000000000000000000U1";
    e.action = i % 2 ? "schemes.manage" : "person.read";
    e.resource_type = "scheme";
    e.resource_id = std::to_string(i);
    e.summary = "entry " + std::to_string(i);
    SealEntry(e, previous);
    previous = e;
    out.push_back(e);
  }
  return out;
}

std::optional<ChainBreak> Verify(const std::vector<AuditEntry>& entries) {
  ChainVerifier v;
  for (const auto& e : entries) v.Add(e);
  return v.first_break();
}

TEST(AuditChain, AnUntouchedChainVerifies) {
  const auto chain = Chain(20);
  EXPECT_EQ(chain.front().seq, 1);
  EXPECT_EQ(chain.front().prev_hash, kGenesisHash);
  EXPECT_FALSE(Verify(chain));
}

TEST(AuditChain, AnEditedEntryIsNamed) {
  auto chain = Chain(10);
  chain[6].summary = "nothing to see here";
  auto b = Verify(chain);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->seq, 7);
  EXPECT_NE(b->reason.find("changed"), std::string::npos);
}

TEST(AuditChain, AnEditThatAlsoRecomputesItsOwnHashBreaksTheNextLink) {
  auto chain = Chain(10);
  chain[3].actor_user_id = "someone else";
  chain[3].hash = ComputeAuditHash(chain[3]);
  auto b = Verify(chain);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->seq, 5);
}

TEST(AuditChain, ADeletedEntryIsNamed) {
  auto chain = Chain(10);
  chain.erase(chain.begin() + 4);
  auto b = Verify(chain);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->seq, 6);
  EXPECT_NE(b->reason.find("entry 5 is missing"), std::string::npos);
}

TEST(AuditChain, ReorderedEntriesAreNamed) {
  auto chain = Chain(10);
  std::swap(chain[2].seq, chain[3].seq);
  std::swap(chain[2], chain[3]);  // rows now in seq order again, but contents swapped
  auto b = Verify(chain);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->seq, 3);
}

}  // namespace
}  // namespace selfdirect
