#include "selfdirect/ras/decimal.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace selfdirect::ras {
namespace {

TEST(ParseMicros, ReadsDecimalsExactly) {
  EXPECT_EQ(*ParseMicros("4.35"), 4'350'000);
  EXPECT_EQ(*ParseMicros("-0.000001"), -1);
  EXPECT_EQ(*ParseMicros("120"), 120'000'000);
}

TEST(ParseMicros, RefusesWhatIsNotAPlainDecimal) {
  for (const char* bad :
       {"", "-", "1.", ".5", "1e3", " 1", "1.0000001", "+1", "1,000", "9223372036855"}) {
    EXPECT_FALSE(ParseMicros(bad).has_value()) << bad;
  }
}

TEST(FormatMicros, WritesTheShortestExactDecimal) {
  EXPECT_EQ(FormatMicros(4'350'000), "4.35");
  EXPECT_EQ(FormatMicros(-500'000), "-0.5");
  EXPECT_EQ(FormatMicros(12'000'000), "12");
  EXPECT_EQ(FormatMicros(INT64_MIN), "-9223372036854.775808");
}

RC_GTEST_PROP(FormatMicros, RoundTripsThroughParse, (std::int64_t value)) {
  RC_PRE(value != INT64_MIN);
  RC_ASSERT(*ParseMicros(FormatMicros(value)) == value);
}

TEST(MulMicros, RoundsHalfToEvenAtSixPlaces) {
  std::int64_t out = 0;
  ASSERT_TRUE(MulMicros(1, 500'000, &out));  // 0.000001 × 0.5 = 0.0000005 → 0
  EXPECT_EQ(out, 0);
  ASSERT_TRUE(MulMicros(3, 500'000, &out));  // 0.0000015 → 0.000002
  EXPECT_EQ(out, 2);
  ASSERT_TRUE(MulMicros(-3, 500'000, &out));
  EXPECT_EQ(out, -2);
  ASSERT_TRUE(MulMicros(12'000'000, 5'100'000, &out));
  EXPECT_EQ(out, 61'200'000);
}

TEST(MulMicros, UsesWideArithmeticWhenTheProductIsLarge) {
  std::int64_t out = 0;
  ASSERT_TRUE(MulMicros(3'000'000'000'000, 2'000'000, &out));  // 3,000,000 × 2
  EXPECT_EQ(out, 6'000'000'000'000);
  EXPECT_FALSE(MulMicros(INT64_MAX, 2'000'000, &out));
}

RC_GTEST_PROP(MulMicros, EqualsTheExactProductRoundedOnce, (std::int64_t a, std::int32_t b)) {
  std::int64_t out = 0;
  const Int128 exact = RoundDivide(static_cast<Int128>(a) * b, kMicros, RoundingRule::kHalfEven);
  const bool fits = exact >= INT64_MIN && exact <= INT64_MAX;
  RC_ASSERT(MulMicros(a, b, &out) == fits);
  if (fits) RC_ASSERT(static_cast<Int128>(out) == exact);
}

TEST(DivMicros, RoundsAndRefusesZero) {
  std::int64_t out = 0;
  ASSERT_TRUE(DivMicros(1'000'000, 3'000'000, &out));
  EXPECT_EQ(out, 333'333);
  ASSERT_TRUE(DivMicros(2'000'000, 3'000'000, &out));
  EXPECT_EQ(out, 666'667);
  EXPECT_FALSE(DivMicros(1, 0, &out));
}

TEST(SqrtMicros, RoundsToTheNearestMillionth) {
  std::int64_t out = 0;
  ASSERT_TRUE(SqrtMicros(2'000'000, &out));
  EXPECT_EQ(out, 1'414'214);
  ASSERT_TRUE(SqrtMicros(4'000'000, &out));
  EXPECT_EQ(out, 2'000'000);
  ASSERT_TRUE(SqrtMicros(INT64_MAX, &out));
  EXPECT_EQ(out, 3'037'000'499'976);
  EXPECT_FALSE(SqrtMicros(-1, &out));
}

TEST(PowMicros, MultipliesLeftToRight) {
  std::int64_t out = 0;
  ASSERT_TRUE(PowMicros(1'500'000, 2, &out));
  EXPECT_EQ(out, 2'250'000);
  ASSERT_TRUE(PowMicros(7, 0, &out));
  EXPECT_EQ(out, 1'000'000);
}

TEST(RoundMicros, RoundsToPlacesByRule) {
  std::int64_t out = 0;
  ASSERT_TRUE(RoundMicros(2'500'000, 0, RoundingRule::kHalfUp, &out));
  EXPECT_EQ(out, 3'000'000);
  ASSERT_TRUE(RoundMicros(2'500'000, 0, RoundingRule::kHalfEven, &out));
  EXPECT_EQ(out, 2'000'000);
  ASSERT_TRUE(RoundMicros(1'234'567, 2, RoundingRule::kDown, &out));
  EXPECT_EQ(out, 1'230'000);
  EXPECT_FALSE(RoundMicros(1, 7, RoundingRule::kDown, &out));
}

TEST(MicrosToPence, UsesTheModelsRule) {
  EXPECT_EQ(MicrosToPence(61'205'000, RoundingRule::kHalfUp), 6121);
  EXPECT_EQ(MicrosToPence(61'205'000, RoundingRule::kHalfEven), 6120);
  EXPECT_EQ(MicrosToPence(61'209'999, RoundingRule::kDown), 6120);
}

}  // namespace
}  // namespace selfdirect::ras
