#include "selfdirect/core/calendar.h"

#include <gtest/gtest.h>

#include "selfdirect/core/clock.h"

namespace selfdirect {
namespace {

TEST(Calendar, ParseIsoDate_AcceptsRealDaysOnly) {
  EXPECT_EQ(FormatIsoDate(ParseIsoDate("2024-02-29").value()), "2024-02-29");
  for (const char* bad : {"2023-02-29", "2026-13-01", "2026-4-01", "26-04-01", "2026/04/01",
                          "2026-04-01T00:00", "", "1899-12-31", "2026-04-00"}) {
    EXPECT_FALSE(ParseIsoDate(bad).has_value()) << bad;
  }
}

TEST(Calendar, FinancialYear_RunsFromAprilToMarch) {
  const auto fy = FinancialYearOf(ParseIsoDate("2026-11-22").value());
  EXPECT_EQ(fy.Label(), "2026-27");
  EXPECT_EQ(FormatIsoDate(fy.Start()), "2026-04-01");
  EXPECT_EQ(FormatIsoDate(fy.End()), "2027-03-31");
  EXPECT_EQ(FinancialYearOf(ParseIsoDate("2027-03-31").value()), fy);
  EXPECT_EQ(FinancialYearOf(ParseIsoDate("2026-03-31").value()).Label(), "2025-26");
  EXPECT_EQ(FinancialYear(2027).Days(), 366);  // includes 29 Feb 2028
  EXPECT_EQ(FinancialYear(2026).Days(), 365);
  EXPECT_EQ(FinancialYear(1999).Label(), "1999-00");
}

TEST(Calendar, DaysBetweenAndAddDays) {
  const auto a = ParseIsoDate("2026-03-30").value();
  EXPECT_EQ(FormatIsoDate(AddDays(a, 3)), "2026-04-02");
  EXPECT_EQ(DaysBetween(a, AddDays(a, 28)), 28);
  EXPECT_EQ(DaysBetween(AddDays(a, 28), a), -28);
}

TEST(Calendar, AddMonthsKeepsTheDayOrTakesTheMonthsLast) {
  const auto d = [](const char* s) { return ParseIsoDate(s).value(); };
  EXPECT_EQ(FormatIsoDate(AddMonths(d("2026-11-22"), 6)), "2027-05-22");
  EXPECT_EQ(FormatIsoDate(AddMonths(d("2026-08-31"), 6)), "2027-02-28");
  EXPECT_EQ(FormatIsoDate(AddMonths(d("2027-08-31"), 6)), "2028-02-29");
  EXPECT_EQ(FormatIsoDate(AddMonths(d("2028-02-29"), 12)), "2029-02-28");
  EXPECT_EQ(FormatIsoDate(AddMonths(d("2026-01-31"), -2)), "2025-11-30");
  EXPECT_EQ(FormatLongDate(d("2026-04-01")), "1 April 2026");
}

TEST(Calendar, FormatIsoDate_PadsEveryPartAndTakesAnyYear) {
  const auto ymd = [](int y, unsigned m, unsigned d) {
    return Date{date::year{y}, date::month{m}, date::day{d}};
  };
  EXPECT_EQ(FormatIsoDate(ymd(2026, 1, 9)), "2026-01-09");
  EXPECT_EQ(FormatIsoDate(ymd(987, 12, 31)), "0987-12-31");
  EXPECT_EQ(FormatIsoDate(ymd(10000, 1, 1)), "10000-01-01");
  EXPECT_EQ(FormatIsoDate(ymd(-5, 1, 1)), "-005-01-01");
}

TEST(Clock, FormatTimestamp_RoundTripsEveryPart) {
  for (const char* text :
       {"2026-12-31T23:59:59.999Z", "2026-01-01T00:00:00.000Z", "2027-07-04T08:05:03.040Z"}) {
    EXPECT_EQ(FormatTimestamp(ParseTimestamp(text).value()), text);
  }
}

TEST(Clock, FixedClockStandsStillUntilMoved) {
  FixedClock clock(ParseTimestamp("2026-04-01T09:30:00.250Z").value());
  EXPECT_EQ(FormatTimestamp(clock.Now()), "2026-04-01T09:30:00.250Z");
  clock.Advance(std::chrono::hours(15));
  EXPECT_EQ(FormatTimestamp(clock.Now()), "2026-04-02T00:30:00.250Z");
  EXPECT_EQ(FormatIsoDate(clock.Today()), "2026-04-02");
  EXPECT_FALSE(ParseTimestamp("2026-04-01T24:00:00.000Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-04-01 09:30:00.000Z").has_value());
}

}  // namespace
}  // namespace selfdirect
