// Exact fixed-point decimals for Resource Allocation System models.
//
// Every number a model computes with is a signed 64-bit count of millionths ("micros"): 4.35 is
// 4'350'000. Addition and subtraction are exact; multiplication, division and square root are
// computed exactly in 128-bit arithmetic and rounded once, half to even, to six places. Nothing
// here is floating point, so a model gives the same pence on every machine and every run.
//
// The functions used in the evaluation loop are inline and return false (leaving *out alone)
// on overflow, division by zero or the square root of a negative number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect::ras {

inline constexpr std::int64_t kMicros = 1'000'000;  // one whole unit
inline constexpr int kDecimalPlaces = 6;

namespace detail {
// q = n / 1'000'000 rounded half to even; n is any int64.
inline std::int64_t RoundMicrosHalfEven(std::int64_t n) {
  std::int64_t q = n / kMicros;
  const std::int64_t r = n % kMicros;
  const std::int64_t m = r < 0 ? -r : r;
  if (m > kMicros / 2 || (m == kMicros / 2 && (q & 1) != 0)) q += (n < 0 ? -1 : 1);
  return q;
}
bool RoundWideHalfEven(Int128 numerator, Int128 denominator, std::int64_t* out);
}  // namespace detail

inline bool AddMicros(std::int64_t a, std::int64_t b, std::int64_t* out) {
  return !__builtin_add_overflow(a, b, out);
}
inline bool SubMicros(std::int64_t a, std::int64_t b, std::int64_t* out) {
  return !__builtin_sub_overflow(a, b, out);
}

// a × b, rounded half to even to six places.
inline bool MulMicros(std::int64_t a, std::int64_t b, std::int64_t* out) {
  std::int64_t product;
  if (!__builtin_mul_overflow(a, b, &product)) {
    *out = detail::RoundMicrosHalfEven(product);
    return true;
  }
  return detail::RoundWideHalfEven(static_cast<Int128>(a) * b, kMicros, out);
}

// a × n for a whole number n (no rounding needed).
inline bool MulWhole(std::int64_t a, std::int64_t n, std::int64_t* out) {
  return !__builtin_mul_overflow(a, n, out);
}

// a ÷ b, rounded half to even to six places; false when b is 0.
bool DivMicros(std::int64_t a, std::int64_t b, std::int64_t* out);

// √a, rounded to the nearest millionth; false when a < 0.
bool SqrtMicros(std::int64_t a, std::int64_t* out);

// a^n by repeated multiplication left to right (a×a×a…), each product rounded; a^0 is 1.
bool PowMicros(std::int64_t a, int n, std::int64_t* out);

// a rounded to `places` decimal places (0–6) by `rule`.
bool RoundMicros(std::int64_t a, int places, RoundingRule rule, std::int64_t* out);

// An amount in pounds (micros) as whole pence by `rule`.
inline std::int64_t MicrosToPence(std::int64_t pounds_micros, RoundingRule rule) {
  return static_cast<std::int64_t>(RoundDivide(pounds_micros, kMicros / 100, rule));
}

// Parses "12", "-4.35", "0.000001": an optional '-', digits, an optional '.' and 1–6 digits.
// Refuses exponents, spaces, '+', more than six places and values beyond ±9,223,372,036,854.
Result<std::int64_t> ParseMicros(std::string_view text);

// The shortest exact decimal: 4'350'000 → "4.35", 12'000'000 → "12", -500'000 → "-0.5".
std::string FormatMicros(std::int64_t micros);

// Micros as pounds and pence with the symbol, rounded half to even to the penny: "£61.20".
std::string FormatMicrosAsPounds(std::int64_t micros);

}  // namespace selfdirect::ras
