#include "selfdirect/core/period.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace selfdirect {
namespace {

const WeeksPerYear k52{52, 1};
const WeeksPerYear k365Over7{365, 7};

TEST(WeeksPerYear, ParsesTheThreeWaysCouncilsWriteIt) {
  EXPECT_EQ(ParseWeeksPerYear("52").value(), (WeeksPerYear{52, 1}));
  EXPECT_EQ(ParseWeeksPerYear("52.14").value(), (WeeksPerYear{2607, 50}));
  EXPECT_EQ(ParseWeeksPerYear("365/7").value(), (WeeksPerYear{365, 7}));
  EXPECT_EQ(ParseWeeksPerYear("730/14").value(), (WeeksPerYear{365, 7}));
}

TEST(WeeksPerYear, RefusesImplausibleValues) {
  for (const char* bad :
       {"", "51", "54", "52.", "0/0", "365/0", "abc", "52,14", "-52", "52.12345", "1/7"}) {
    EXPECT_FALSE(ParseWeeksPerYear(bad).has_value()) << bad;
  }
}

TEST(WeeksPerYear, FormatRoundTrips) {
  for (const char* text : {"52", "52.14", "365/7", "52.1786", "53"}) {
    EXPECT_EQ(FormatWeeksPerYear(ParseWeeksPerYear(text).value()), text);
  }
}

TEST(Period, NamesRoundTrip) {
  for (Period p : {Period::kWeekly, Period::kFourWeekly, Period::kMonthly, Period::kAnnual}) {
    EXPECT_EQ(ParsePeriod(PeriodName(p)), p);
  }
  EXPECT_FALSE(ParsePeriod("fortnightly").has_value());
}

TEST(Period, WeeklyToAnnual_UsesTheSchemesWeeksPerYear) {
  EXPECT_EQ(ConvertPeriod(Pence(10000), Period::kWeekly, Period::kAnnual, k52).value(),
            Pence(520000));
  // 100 × 365/7 = 5214.2857… → £5,214.29 (half-up)
  EXPECT_EQ(ConvertPeriod(Pence(10000), Period::kWeekly, Period::kAnnual, k365Over7).value(),
            Pence(521429));
  EXPECT_EQ(
      ConvertPeriod(Pence(10000), Period::kWeekly, Period::kAnnual, *ParseWeeksPerYear("52.14"))
          .value(),
      Pence(521400));
}

TEST(Period, AnnualToFourWeekly_RoundsDownSoInstalmentsNeverExceedTheCommitment) {
  // £10,000 a year, 13 four-weekly payments: 1,000,000 / 13 = 76,923.07… → £769.23
  EXPECT_EQ(ConvertPeriod(Pence(1000000), Period::kAnnual, Period::kFourWeekly, k52).value(),
            Pence(76923));
  EXPECT_EQ(DefaultRule(Period::kAnnual, Period::kFourWeekly), RoundingRule::kDown);
  EXPECT_EQ(DefaultRule(Period::kWeekly, Period::kAnnual), RoundingRule::kHalfUp);
}

TEST(Period, WeeklyToFourWeeklyAndMonthly) {
  EXPECT_EQ(ConvertPeriod(Pence(10000), Period::kWeekly, Period::kFourWeekly, k365Over7).value(),
            Pence(40000));
  // £100 a week × 52 / 12 = £433.333… → £433.33
  EXPECT_EQ(ConvertPeriod(Pence(10000), Period::kWeekly, Period::kMonthly, k52).value(),
            Pence(43333));
  EXPECT_EQ(ConvertPeriod(Pence(43333), Period::kMonthly, Period::kWeekly, k52).value(),
            Pence(9999));
}

TEST(Period, ExplicitRuleOverridesTheDefault) {
  EXPECT_EQ(
      ConvertPeriod(Pence(1000000), Period::kAnnual, Period::kFourWeekly, k52, RoundingRule::kUp)
          .value(),
      Pence(76924));
}

TEST(Period, OverflowIsAnErrorValue) {
  auto r = ConvertPeriod(Pence(INT64_MAX), Period::kWeekly, Period::kAnnual, k52);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kOverflow);
}

rc::Gen<WeeksPerYear> AnyWeeksPerYear() {
  return rc::gen::element(WeeksPerYear{52, 1}, WeeksPerYear{365, 7}, WeeksPerYear{2607, 50},
                          WeeksPerYear{53, 1}, WeeksPerYear{1461, 28});
}

rc::Gen<Period> AnyPeriod() {
  return rc::gen::element(Period::kWeekly, Period::kFourWeekly, Period::kMonthly, Period::kAnnual);
}

// Shorter → longer → shorter comes back to within a penny.
RC_GTEST_PROP(PeriodProperty, ShortToLongToShort_RoundTripsWithinAPenny, ()) {
  const auto wpy = *AnyWeeksPerYear();
  const auto amount = Pence(*rc::gen::inRange<std::int64_t>(0, 100'000'000'000));
  const auto a = *AnyPeriod();
  const auto b = *AnyPeriod();
  const Period shorter = a;
  const Period longer = b;
  RC_PRE(DefaultRule(shorter, longer) == RoundingRule::kHalfUp);
  const auto there = ConvertPeriod(amount, shorter, longer, wpy).value();
  const auto back = ConvertPeriod(there, longer, shorter, wpy).value();
  const auto diff = back.value() - amount.value();
  RC_ASSERT(diff >= -1 && diff <= 1);
}

// Instalments (rounded down) never add up to more than the amount they came from.
RC_GTEST_PROP(PeriodProperty, DownwardConversion_NeverExceedsTheExactShare, ()) {
  const auto wpy = *AnyWeeksPerYear();
  const auto annual = Pence(*rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000));
  const auto weekly = ConvertPeriod(annual, Period::kAnnual, Period::kWeekly, wpy).value();
  // weekly × wpy ≤ annual, exactly
  RC_ASSERT(static_cast<Int128>(weekly.value()) * wpy.numerator <=
            static_cast<Int128>(annual.value()) * wpy.denominator);
}

RC_GTEST_PROP(PeriodProperty, NeverOverflowsSilently, (std::int64_t v)) {
  const auto wpy = *AnyWeeksPerYear();
  const auto from = *AnyPeriod();
  const auto to = *AnyPeriod();
  auto r = ConvertPeriod(Pence(v), from, to, wpy);
  if (!r) RC_ASSERT(r.error().code == ErrorCode::kOverflow);
  // A successful conversion to a longer period has the same sign and is at least as large.
  if (r && v > 0 && DefaultRule(from, to) == RoundingRule::kHalfUp) RC_ASSERT(r->value() >= v);
}

}  // namespace
}  // namespace selfdirect
