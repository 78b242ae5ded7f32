#include "selfdirect/core/pence.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <limits>

namespace selfdirect {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST(Pence, FormatPounds_GroupsThousandsAndShowsTwoDecimals) {
  EXPECT_EQ(FormatPounds(Pence(0)), "£0.00");
  EXPECT_EQ(FormatPounds(Pence(7)), "£0.07");
  EXPECT_EQ(FormatPounds(Pence(123456)), "£1,234.56");
  EXPECT_EQ(FormatPounds(Pence(-500)), "-£5.00");
  EXPECT_EQ(FormatPounds(Pence(100000000)), "£1,000,000.00");
  EXPECT_EQ(FormatPounds(Pence(kMax)), "£92,233,720,368,547,758.07");
  EXPECT_EQ(FormatPounds(Pence(kMin)), "-£92,233,720,368,547,758.08");
}

TEST(Pence, ParsePounds_AcceptsPlainAndGroupedForms) {
  EXPECT_EQ(ParsePounds("1234.56").value(), Pence(123456));
  EXPECT_EQ(ParsePounds("£1,234.56").value(), Pence(123456));
  EXPECT_EQ(ParsePounds("12").value(), Pence(1200));
  EXPECT_EQ(ParsePounds("12.5").value(), Pence(1250));
  EXPECT_EQ(ParsePounds("-£3.07").value(), Pence(-307));
  EXPECT_EQ(ParsePounds("0.01").value(), Pence(1));
  EXPECT_EQ(ParsePounds("92233720368547758.07").value(), Pence(kMax));
  EXPECT_EQ(ParsePounds("-92233720368547758.08").value(), Pence(kMin));
}

TEST(Pence, ParsePounds_RefusesAnythingAmbiguous) {
  for (const char* bad :
       {"", "£", "-", "12.", ".5", "12.345", "1,23", "1,2345", ",123", " 12", "12 ", "1e3",
        "12,34.00", "£-12", "++1", "0x10", "1.2.3", "12p", "1,000,00"}) {
    auto r = ParsePounds(bad);
    ASSERT_FALSE(r.has_value()) << "accepted '" << bad << "'";
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_NE(r.error().message.find("pounds and pence"), std::string::npos);
  }
}

TEST(Pence, ParsePounds_ReportsOverflowRatherThanWrapping) {
  auto r = ParsePounds("92233720368547758.08");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kOverflow);
  EXPECT_EQ(ParsePounds("99999999999999999999999999999999").error().code, ErrorCode::kOverflow);
}

TEST(Pence, CheckedArithmetic_FailsAtTheEdgesOfTheRange) {
  EXPECT_EQ(Pence(kMax).Plus(Pence(1)).error().code, ErrorCode::kOverflow);
  EXPECT_EQ(Pence(kMin).Minus(Pence(1)).error().code, ErrorCode::kOverflow);
  EXPECT_EQ(Pence(kMin).Negated().error().code, ErrorCode::kOverflow);
  EXPECT_EQ(Pence(kMax / 2 + 1).Times(2).error().code, ErrorCode::kOverflow);
  EXPECT_EQ(Pence(kMax - 1).Plus(Pence(1)).value(), Pence(kMax));
}

TEST(Pence, MulDiv_RoundsOnceByTheNamedRule) {
  // £10 × 1/3 = 333.33…p
  EXPECT_EQ(Pence(1000).MulDiv(1, 3, RoundingRule::kHalfUp).value(), Pence(333));
  EXPECT_EQ(Pence(1000).MulDiv(1, 3, RoundingRule::kUp).value(), Pence(334));
  EXPECT_EQ(Pence(1000).MulDiv(2, 3, RoundingRule::kDown).value(), Pence(666));
  EXPECT_EQ(Pence(1000).MulDiv(2, 3, RoundingRule::kHalfUp).value(), Pence(667));
  // Halves.
  EXPECT_EQ(Pence(5).MulDiv(1, 2, RoundingRule::kHalfUp).value(), Pence(3));
  EXPECT_EQ(Pence(5).MulDiv(1, 2, RoundingRule::kHalfEven).value(), Pence(2));
  EXPECT_EQ(Pence(7).MulDiv(1, 2, RoundingRule::kHalfEven).value(), Pence(4));
  EXPECT_EQ(Pence(-5).MulDiv(1, 2, RoundingRule::kHalfUp).value(), Pence(-3));
  EXPECT_EQ(Pence(-5).MulDiv(1, 2, RoundingRule::kDown).value(), Pence(-2));
  EXPECT_EQ(Pence(1).MulDiv(1, 0, RoundingRule::kDown).error().code, ErrorCode::kInvalidArgument);
  // An intermediate product beyond int64 is still exact.
  EXPECT_EQ(Pence(kMax).MulDiv(3, 3, RoundingRule::kDown).value(), Pence(kMax));
  EXPECT_EQ(Pence(kMax).MulDiv(2, 1, RoundingRule::kDown).error().code, ErrorCode::kOverflow);
}

RC_GTEST_PROP(PenceProperty, FormatThenParse_ReturnsTheSameAmount, (std::int64_t v)) {
  const Pence p(v);
  RC_ASSERT(ParsePounds(FormatPounds(p)).value() == p);
  RC_ASSERT(ParsePounds(FormatDecimal(p)).value() == p);
}

RC_GTEST_PROP(PenceProperty, Plus_IsExactOrReportsOverflow, (std::int64_t a, std::int64_t b)) {
  const Int128 exact = static_cast<Int128>(a) + b;
  auto sum = Pence(a).Plus(Pence(b));
  if (exact > kMax || exact < kMin) {
    RC_ASSERT(!sum.has_value());
    RC_ASSERT(sum.error().code == ErrorCode::kOverflow);
  } else {
    RC_ASSERT(sum.has_value());
    RC_ASSERT(static_cast<Int128>(sum->value()) == exact);
  }
}

RC_GTEST_PROP(PenceProperty, Times_IsExactOrReportsOverflow, (std::int64_t a, std::int64_t b)) {
  const Int128 exact = static_cast<Int128>(a) * b;
  auto product = Pence(a).Times(b);
  RC_ASSERT(product.has_value() == (exact <= kMax && exact >= kMin));
  if (product) RC_ASSERT(static_cast<Int128>(product->value()) == exact);
}

RC_GTEST_PROP(PenceProperty, MinusThenPlus_RoundTrips, (std::int64_t a, std::int64_t b)) {
  auto diff = Pence(a).Minus(Pence(b));
  if (diff) RC_ASSERT(diff->Plus(Pence(b)).value() == Pence(a));
}

RC_GTEST_PROP(PenceProperty, MulDiv_StaysWithinOnePennyOfTheExactValue, ()) {
  const auto v = *rc::gen::inRange<std::int64_t>(-1'000'000'000'000, 1'000'000'000'000);
  const auto n = *rc::gen::inRange<std::int64_t>(1, 1'000'000);
  const auto d = *rc::gen::inRange<std::int64_t>(1, 1'000'000);
  for (auto rule :
       {RoundingRule::kHalfUp, RoundingRule::kHalfEven, RoundingRule::kDown, RoundingRule::kUp}) {
    const Int128 r = Pence(v).MulDiv(n, d, rule).value().value();
    const Int128 exact_num = static_cast<Int128>(v) * n;
    const Int128 err = r * d - exact_num;  // (rounded - exact) × d
    RC_ASSERT((err < 0 ? -err : err) < d);
    if (rule == RoundingRule::kDown) RC_ASSERT((err <= 0) == (exact_num >= 0) || err == 0);
  }
}

}  // namespace
}  // namespace selfdirect
