// Calendar dates and the UK public-sector financial year (1 April – 31 March).
//
//   Result<Date> d = ParseIsoDate("2026-11-22");
//   FinancialYear fy = FinancialYearOf(*d);        // 2026-27
//   fy.Label();                                    // "2026-27"
//   FormatIsoDate(fy.Start());                     // "2026-04-01"
#pragma once

#include <date/date.h>

#include <string>
#include <string_view>

#include "selfdirect/core/result.h"

namespace selfdirect {

using Date = date::year_month_day;

// Strict ISO 8601 calendar date: exactly YYYY-MM-DD, a real day (no 2026-02-30), year 1900–9999.
Result<Date> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD".
std::string FormatIsoDate(Date day);

// Whole days from `from` to `to` (negative when `to` is earlier).
int DaysBetween(Date from, Date to);

Date AddDays(Date day, int days);

// The same day `months` later; a day the month lacks becomes its last day (31 August + 6 months
// is 28 or 29 February).
Date AddMonths(Date day, int months);

// "22 November 2026", as GOV.UK writes dates.
std::string FormatLongDate(Date day);

// The financial year that starts on 1 April of start_year.
class FinancialYear {
 public:
  explicit FinancialYear(int start_year) : start_year_(start_year) {}

  int start_year() const { return start_year_; }
  Date Start() const;  // 1 April
  Date End() const;    // 31 March of the following year, inclusive
  bool Contains(Date day) const;
  int Days() const;           // 365 or 366
  std::string Label() const;  // "2026-27"

  friend bool operator==(const FinancialYear&, const FinancialYear&) = default;

 private:
  int start_year_;
};

FinancialYear FinancialYearOf(Date day);

}  // namespace selfdirect
