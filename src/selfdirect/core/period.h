// Budget periods and the one place money moves between them.
//
// A council states budgets weekly, four-weekly, monthly or yearly. Converting between them needs
// the number of weeks in a year, which councils set differently (52, 52.14, 365/7): that is a
// scheme setting, WeeksPerYear, held as an exact fraction. A conversion is computed exactly and
// rounded once, by the rule docs/money.md names for it (DefaultRule).
//
//   WeeksPerYear wpy = *ParseWeeksPerYear("365/7");
//   Result<Pence> annual = ConvertPeriod(Pence(10000), Period::kWeekly, Period::kAnnual, wpy);
//   // £100.00 a week → £5,214.29 a year (half-up)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect {

enum class Period { kWeekly, kFourWeekly, kMonthly, kAnnual };

// "weekly", "four-weekly", "monthly", "annual".
const char* PeriodName(Period period);
std::optional<Period> ParsePeriod(std::string_view name);

// Weeks in a year as an exact positive fraction, numerator / denominator, in lowest terms.
struct WeeksPerYear {
  std::int64_t numerator = 52;
  std::int64_t denominator = 1;

  friend bool operator==(const WeeksPerYear&, const WeeksPerYear&) = default;
};

// Accepts "52", "52.14" (up to 4 decimal places) or "365/7". The value must lie between 52 and
// 53 weeks inclusive; anything else is kInvalidArgument with a plain message.
Result<WeeksPerYear> ParseWeeksPerYear(std::string_view text);

// Inverse of ParseWeeksPerYear: "52", "52.14" or "365/7" (a decimal when exact, else a fraction).
std::string FormatWeeksPerYear(WeeksPerYear wpy);

// The rule a conversion uses: to a longer period (weekly → annual), half-up to the nearest
// penny; to a shorter period (annual → four-weekly), down, so that the instalments never add up
// to more than was committed. Same period: exact, no rounding.
RoundingRule DefaultRule(Period from, Period to);

// amount per `from` → amount per `to`, rounded by DefaultRule(from, to).
Result<Pence> ConvertPeriod(Pence amount, Period from, Period to, WeeksPerYear wpy);

// The same with an explicit rule, for the places a council policy names another one.
Result<Pence> ConvertPeriod(Pence amount, Period from, Period to, WeeksPerYear wpy,
                            RoundingRule rule);

}  // namespace selfdirect
