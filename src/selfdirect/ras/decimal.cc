#include "selfdirect/ras/decimal.h"

#include <cmath>
#include <limits>

namespace selfdirect::ras {
namespace detail {

bool RoundWideHalfEven(Int128 numerator, Int128 denominator, std::int64_t* out) {
  const Int128 q = RoundDivide(numerator, denominator, RoundingRule::kHalfEven);
  if (q > std::numeric_limits<std::int64_t>::max() ||
      q < std::numeric_limits<std::int64_t>::min()) {
    return false;
  }
  *out = static_cast<std::int64_t>(q);
  return true;
}

}  // namespace detail

bool DivMicros(std::int64_t a, std::int64_t b, std::int64_t* out) {
  if (b == 0) return false;
  return detail::RoundWideHalfEven(static_cast<Int128>(a) * kMicros, b, out);
}

namespace {

// floor(√n) for 0 ≤ n < 2^127, exactly: a floating-point estimate corrected by integer steps.
UInt128 FloorSqrt(UInt128 n) {
  UInt128 r = static_cast<UInt128>(std::sqrt(static_cast<long double>(n)));
  while (r > 0 && r * r > n) --r;
  while ((r + 1) * (r + 1) <= n) ++r;
  return r;
}

}  // namespace

bool SqrtMicros(std::int64_t a, std::int64_t* out) {
  if (a < 0) return false;
  // √(a / 10^6) × 10^6 = √(a × 10^6). Round to nearest: √m lies in [r, r+1); it is nearer r+1
  // exactly when m > r² + r (a tie, m = r² + r + 1/4, cannot happen for a whole m).
  const UInt128 m = static_cast<UInt128>(a) * kMicros;
  UInt128 r = FloorSqrt(m);
  if (m > r * r + r) ++r;
  *out = static_cast<std::int64_t>(r);
  return true;
}

bool PowMicros(std::int64_t a, int n, std::int64_t* out) {
  if (n < 0) return false;
  if (n == 0) {
    *out = kMicros;
    return true;
  }
  std::int64_t result = a;
  for (int i = 1; i < n; ++i) {
    if (!MulMicros(result, a, &result)) return false;
  }
  *out = result;
  return true;
}

bool RoundMicros(std::int64_t a, int places, RoundingRule rule, std::int64_t* out) {
  if (places < 0 || places > kDecimalPlaces) return false;
  std::int64_t unit = 1;
  for (int i = places; i < kDecimalPlaces; ++i) unit *= 10;
  const Int128 q = RoundDivide(a, unit, rule) * unit;
  if (q > std::numeric_limits<std::int64_t>::max() ||
      q < std::numeric_limits<std::int64_t>::min()) {
    return false;
  }
  *out = static_cast<std::int64_t>(q);
  return true;
}

Result<std::int64_t> ParseMicros(std::string_view text) {
  const auto refuse = [&](const std::string& why) {
    return Fail(ErrorCode::kInvalidArgument, "\"" + std::string(text.substr(0, 40)) +
                                                 (text.size() > 40 ? "…" : "") +
                                                 "\" is not a number: " + why);
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  if (i >= text.size() || text[i] < '0' || text[i] > '9') {
    return refuse("write it with digits, like 12 or 4.35");
  }
  Int128 whole = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > std::numeric_limits<std::int64_t>::max() / kMicros + 1) {
      return refuse("it is too large");
    }
  }
  Int128 fraction = 0;
  int places = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (++places > kDecimalPlaces) return refuse("it has more than six decimal places");
      fraction = fraction * 10 + (text[i] - '0');
    }
    if (places == 0) return refuse("a decimal point needs digits after it");
  }
  if (i != text.size()) return refuse("only digits, one '-' and one '.' are allowed");
  for (int p = places; p < kDecimalPlaces; ++p) fraction *= 10;
  Int128 micros = whole * kMicros + fraction;
  if (negative) micros = -micros;
  if (micros > std::numeric_limits<std::int64_t>::max() ||
      micros < std::numeric_limits<std::int64_t>::min()) {
    return refuse("it is too large");
  }
  return static_cast<std::int64_t>(micros);
}

std::string FormatMicros(std::int64_t micros) {
  const bool negative = micros < 0;
  const UInt128 magnitude = negative ? -static_cast<Int128>(micros) : static_cast<Int128>(micros);
  const auto whole = static_cast<std::uint64_t>(magnitude / kMicros);
  auto fraction = static_cast<std::uint64_t>(magnitude % kMicros);
  std::string out = (negative ? "-" : "") + std::to_string(whole);
  if (fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, kDecimalPlaces - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

std::string FormatMicrosAsPounds(std::int64_t micros) {
  return FormatPounds(Pence(MicrosToPence(micros, RoundingRule::kHalfEven)));
}

}  // namespace selfdirect::ras
