#include "selfdirect/access/sessions.h"

#include <gtest/gtest.h>

namespace selfdirect {
namespace {

const Timestamp kStart = ParseTimestamp("2026-11-22T09:00:00.000Z").value();

TEST(Sessions, EndAfterIdleOrAbsoluteTimeout) {
  Session s{CouncilId("01JD0000000000000000000001"),
            "h",
            UserId("01JD00000000000000000000U1"),
            "csrf",
            kStart,
            kStart,
            std::nullopt};
  const SessionRules rules;
  EXPECT_EQ(Evaluate(s, kStart + std::chrono::minutes(29), rules), SessionState::kActive);
  EXPECT_EQ(Evaluate(s, kStart + std::chrono::minutes(30), rules), SessionState::kIdleExpired);
  s.last_seen_at = kStart + std::chrono::hours(11) + std::chrono::minutes(50);
  EXPECT_EQ(Evaluate(s, kStart + std::chrono::hours(11) + std::chrono::minutes(55), rules),
            SessionState::kActive);
  EXPECT_EQ(Evaluate(s, kStart + std::chrono::hours(12), rules), SessionState::kAbsoluteExpired);
  s.ended_at = kStart;
  EXPECT_EQ(Evaluate(s, kStart, rules), SessionState::kEnded);
}

TEST(Sessions, CookieRoundTripsAndRejectsForgeries) {
  const CouncilId council("01JD0000000000000000000001");
  const std::string secret(43, 'a');
  auto parts = ParseSessionCookie(SessionCookieValue(council, secret));
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->council_id, council);
  EXPECT_EQ(parts->secret, secret);
  for (const char* bad :
       {"", ".", "nodot", "01JD0000000000000000000001.short",
        "not-a-council.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "01JD0000000000000000000001.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;a"}) {
    EXPECT_FALSE(ParseSessionCookie(bad)) << bad;
  }
}

TEST(Throttle, FreeAttemptsThenGrowingDelaysCapped) {
  const ThrottleRules rules;
  EXPECT_EQ(NextAttemptAllowedAt(2, kStart, rules), kStart);
  EXPECT_EQ(NextAttemptAllowedAt(3, kStart, rules), kStart + std::chrono::seconds(2));
  EXPECT_EQ(NextAttemptAllowedAt(5, kStart, rules), kStart + std::chrono::seconds(8));
  EXPECT_EQ(NextAttemptAllowedAt(40, kStart, rules), kStart + std::chrono::seconds(60));
}

}  // namespace
}  // namespace selfdirect
