#include "selfdirect/core/pence.h"

#include <limits>

namespace selfdirect {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Result<Pence> FromWide(Int128 value) {
  if (value > kMax || value < kMin) {
    return Fail(ErrorCode::kOverflow, "The amount is too large to hold");
  }
  return Pence(static_cast<std::int64_t>(value));
}

std::string Digits(UInt128 value) {
  if (value == 0) return "0";
  std::string out;
  while (value > 0) {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  }
  return out;
}

// Splits |amount| into pounds and pence without overflowing on INT64_MIN.
struct Parts {
  bool negative;
  UInt128 pounds;
  unsigned pence;
};

Parts Split(Pence amount) {
  Int128 v = amount.value();
  bool negative = v < 0;
  UInt128 magnitude = static_cast<UInt128>(negative ? -v : v);
  return {negative, magnitude / 100, static_cast<unsigned>(magnitude % 100)};
}

std::string TwoDigits(unsigned pence) {
  return std::string{static_cast<char>('0' + pence / 10), static_cast<char>('0' + pence % 10)};
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const char* RoundingRuleName(RoundingRule rule) {
  switch (rule) {
    case RoundingRule::kHalfUp:
      return "half-up";
    case RoundingRule::kHalfEven:
      return "half-even";
    case RoundingRule::kDown:
      return "down";
    case RoundingRule::kUp:
      return "up";
  }
  return "half-up";
}

namespace {

// The rounding itself, for any signed integer type wide enough for the operands.
template <typename Int>
Int RoundDivideIn(Int numerator, Int denominator, RoundingRule rule) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const Int quotient = numerator / denominator;   // truncates towards zero
  const Int remainder = numerator % denominator;  // same sign as numerator
  if (remainder == 0) return quotient;
  const Int sign = numerator < 0 ? -1 : 1;
  const Int magnitude = remainder < 0 ? -remainder : remainder;
  switch (rule) {
    case RoundingRule::kDown:
      return quotient;
    case RoundingRule::kUp:
      return quotient + sign;
    case RoundingRule::kHalfUp:
      return magnitude >= denominator - magnitude ? quotient + sign : quotient;
    case RoundingRule::kHalfEven:
      if (magnitude > denominator - magnitude) return quotient + sign;
      if (magnitude < denominator - magnitude) return quotient;
      return (quotient % 2 == 0) ? quotient : quotient + sign;
  }
  return quotient;
}

}  // namespace

Int128 RoundDivide(Int128 numerator, Int128 denominator, RoundingRule rule) {
  // 64-bit division is several times faster than 128-bit; use it whenever the operands fit
  // (and negation cannot overflow).
  constexpr Int128 kLo = -static_cast<Int128>(INT64_MAX);
  constexpr Int128 kHi = INT64_MAX;
  if (numerator >= kLo && numerator <= kHi && denominator >= kLo && denominator <= kHi) {
    return RoundDivideIn<std::int64_t>(static_cast<std::int64_t>(numerator),
                                       static_cast<std::int64_t>(denominator), rule);
  }
  return RoundDivideIn<Int128>(numerator, denominator, rule);
}

Result<Pence> Pence::Plus(Pence other) const {
  std::int64_t out;
  if (__builtin_add_overflow(value_, other.value_, &out)) {
    return Fail(ErrorCode::kOverflow, "The total is too large to hold");
  }
  return Pence(out);
}

Result<Pence> Pence::Minus(Pence other) const {
  std::int64_t out;
  if (__builtin_sub_overflow(value_, other.value_, &out)) {
    return Fail(ErrorCode::kOverflow, "The difference is too large to hold");
  }
  return Pence(out);
}

Result<Pence> Pence::Times(std::int64_t factor) const {
  std::int64_t out;
  if (__builtin_mul_overflow(value_, factor, &out)) {
    return Fail(ErrorCode::kOverflow, "The amount is too large to hold");
  }
  return Pence(out);
}

Result<Pence> Pence::Negated() const { return Pence(0).Minus(*this); }

Result<Pence> Pence::MulDiv(std::int64_t numerator, std::int64_t denominator,
                            RoundingRule rule) const {
  if (denominator == 0) {
    return Fail(ErrorCode::kInvalidArgument, "Cannot divide an amount by zero");
  }
  // |value| * |numerator| < 2^126, so the product always fits in Int128.
  const Int128 product = static_cast<Int128>(value_) * numerator;
  return FromWide(RoundDivide(product, denominator, rule));
}

std::string FormatPounds(Pence amount) {
  const Parts p = Split(amount);
  std::string digits = Digits(p.pounds);
  std::string grouped;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return std::string(p.negative ? "-£" : "£") + grouped + "." + TwoDigits(p.pence);
}

std::string FormatDecimal(Pence amount) {
  const Parts p = Split(amount);
  return std::string(p.negative ? "-" : "") + Digits(p.pounds) + "." + TwoDigits(p.pence);
}

Result<Pence> ParsePounds(std::string_view text) {
  const std::string original(text);
  auto invalid = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "Enter an amount in pounds and pence, like 12.50 or £1,234.56 (got \"" +
                    original.substr(0, 40) + "\")");
  };
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  constexpr std::string_view kPound = "\xC2\xA3";  // £ in UTF-8
  if (text.starts_with(kPound)) text.remove_prefix(kPound.size());

  const std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty()) return invalid();
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) return invalid();
  for (char c : fraction) {
    if (!IsDigit(c)) return invalid();
  }

  // Whole pounds: plain digits, or digits grouped in threes by commas.
  const bool grouped = whole.find(',') != std::string_view::npos;
  UInt128 pounds = 0;
  std::size_t group_len = 0;
  bool first_group = true;
  for (char c : whole) {
    if (c == ',') {
      if (group_len == 0 || group_len > 3 || (!first_group && group_len != 3)) return invalid();
      first_group = false;
      group_len = 0;
      continue;
    }
    if (!IsDigit(c)) return invalid();
    pounds = pounds * 10 + static_cast<unsigned>(c - '0');
    if (pounds > (static_cast<UInt128>(1) << 70)) {
      return Fail(ErrorCode::kOverflow, "The amount is too large to hold");
    }
    ++group_len;
  }
  if (grouped && group_len != 3) return invalid();

  unsigned pence = 0;
  if (!fraction.empty()) {
    pence = static_cast<unsigned>(fraction[0] - '0') * 10;
    if (fraction.size() == 2) pence += static_cast<unsigned>(fraction[1] - '0');
  }
  Int128 total = static_cast<Int128>(pounds) * 100 + pence;
  if (negative) total = -total;
  return FromWide(total);
}

}  // namespace selfdirect
