#include "selfdirect/core/id.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace selfdirect {
namespace {

TEST(Ulid, EncodesTimeFirstSoIdsSortByCreation) {
  FixedClock clock(ParseTimestamp("2026-11-22T00:00:00.000Z").value());
  UlidGenerator ids(clock, [](std::uint8_t* b, std::size_t n) { std::fill(b, b + n, 0); });
  const std::string first = ids.Next();
  EXPECT_TRUE(IsUlid(first)) << first;
  EXPECT_EQ(first.substr(10), "0000000000000000");
  clock.Advance(std::chrono::milliseconds(1));
  const std::string second = ids.Next();
  EXPECT_LT(first, second);
  EXPECT_EQ(first.substr(0, 9), second.substr(0, 9));
}

TEST(Ulid, IncreasesStrictlyWithinOneMillisecondAcrossThreads) {
  FixedClock clock(ParseTimestamp("2026-11-22T00:00:00.000Z").value());
  UlidGenerator ids(clock);
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& out : made) {
    threads.emplace_back([&ids, &out] {
      for (int i = 0; i < 2000; ++i) out.push_back(ids.Next());
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& out : made) {
    for (std::size_t i = 1; i < out.size(); ++i) ASSERT_LT(out[i - 1], out[i]);
    all.insert(out.begin(), out.end());
  }
  EXPECT_EQ(all.size(), 8000u);
}

TEST(Ulid, IsUlidRejectsLookalikes) {
  EXPECT_TRUE(IsUlid("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
  EXPECT_FALSE(IsUlid("01ARZ3NDEKTSV4RRFFQ69G5FA"));   // 25 characters
  EXPECT_FALSE(IsUlid("01ARZ3NDEKTSV4RRFFQ69G5FAI"));  // I is not Crockford
  EXPECT_FALSE(IsUlid("81ARZ3NDEKTSV4RRFFQ69G5FAV"));  // beyond 48-bit time
  EXPECT_FALSE(IsUlid("01arz3ndektsv4rrffq69g5fav"));  // lower case needs Parse
}

TEST(Ulid, StrongIdParseNormalisesCase) {
  auto id = CouncilId::Parse("01arz3ndektsv4rrffq69g5fav");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->str(), "01ARZ3NDEKTSV4RRFFQ69G5FAV");
  EXPECT_EQ(CouncilId::Parse("../../etc").error().code, ErrorCode::kInvalidArgument);
}

TEST(TransferId, AcceptsCallerKeysOfOneTo64SafeCharactersUnchanged) {
  EXPECT_EQ(TransferId::Parse("run:2026-11-30:plan.01JD_3-a")->str(),
            "run:2026-11-30:plan.01JD_3-a");
  EXPECT_EQ(TransferId::Parse("x")->str(), "x");
  EXPECT_TRUE(TransferId::Parse(std::string(64, 'a')));
  EXPECT_FALSE(TransferId::Parse(std::string(65, 'a')));
  EXPECT_FALSE(TransferId::Parse(""));
  EXPECT_FALSE(TransferId::Parse("has space"));
  EXPECT_FALSE(TransferId::Parse("slash/../x"));
  EXPECT_EQ(TransferId::Parse("é").error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(*TransferId::Parse("abc"), *TransferId::Parse("ABC"));  // case matters
}

}  // namespace
}  // namespace selfdirect
