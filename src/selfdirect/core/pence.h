// Pence: an amount of money in whole pence (GBP), held in a signed 64-bit integer.
//
// No floating point ever touches a Pence. Arithmetic is checked: a result that would leave the
// int64 range is an ErrorCode::kOverflow value, never undefined behaviour or a silent wrap.
//
//   Result<Pence> weekly = ParsePounds("£1,234.56");      // Pence(123456)
//   Result<Pence> doubled = weekly->Times(2);
//   std::string shown = FormatPounds(*doubled);            // "£2,469.12"
//
// Scaling by a ratio (periods, pro-rata, price per point) goes through MulDiv with a named
// RoundingRule, computed exactly in 128-bit arithmetic and rounded once.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "selfdirect/core/result.h"

namespace selfdirect {

// 128-bit integers for exact intermediate products (a GCC/Clang extension; both compilers we
// support have it).
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// How an exact fraction of a penny becomes a whole penny. Each money conversion names one.
enum class RoundingRule {
  kHalfUp,  // to the nearest penny; halves away from zero (£0.005 → £0.01, -£0.005 → -£0.01)
  kHalfEven,  // to the nearest penny; halves to the even penny (banker's rounding)
  kDown,      // towards zero: never pays out more than the exact amount
  kUp,        // away from zero
};

const char* RoundingRuleName(RoundingRule rule);

class Pence {
 public:
  constexpr Pence() = default;
  constexpr explicit Pence(std::int64_t value) : value_(value) {}

  constexpr std::int64_t value() const { return value_; }

  // Checked arithmetic; each fails with kOverflow when the result is out of range.
  Result<Pence> Plus(Pence other) const;
  Result<Pence> Minus(Pence other) const;
  Result<Pence> Times(std::int64_t factor) const;
  Result<Pence> Negated() const;

  // this × numerator ÷ denominator, exact, then rounded once by `rule`.
  // Fails with kInvalidArgument when denominator is 0 and kOverflow when out of range.
  Result<Pence> MulDiv(std::int64_t numerator, std::int64_t denominator, RoundingRule rule) const;

  friend constexpr auto operator<=>(Pence, Pence) = default;

 private:
  std::int64_t value_ = 0;
};

// "£1,234.56", "-£0.07", "£0.00". Never fails; handles the whole int64 range.
std::string FormatPounds(Pence amount);

// "1234.56" — plain decimal, no symbol or separators; for CSV files and JSON-adjacent text.
std::string FormatDecimal(Pence amount);

// Strict parse of an amount written in pounds: an optional leading '-', an optional '£', digits
// with optional thousands commas (each group exactly three digits), and at most two decimal
// places. "12", "12.5", "£1,234.56", "-3.07" are accepted; "", "1,23", "12.345", " 12", "1e3",
// "12." and "£" are refused with kInvalidArgument and a message a person can act on. Values
// outside the int64 range fail with kOverflow.
Result<Pence> ParsePounds(std::string_view text);

// Rounds numerator/denominator (exact 128-bit fraction, denominator != 0) to an integer by rule.
// Exposed for the period conversions and for tests.
Int128 RoundDivide(Int128 numerator, Int128 denominator, RoundingRule rule);

}  // namespace selfdirect
