#include "selfdirect/core/period.h"

#include <numeric>

namespace selfdirect {
namespace {

struct Fraction {
  Int128 numerator;
  Int128 denominator;
};

// How many of `period` fit in a year.
Fraction PerYear(Period period, WeeksPerYear wpy) {
  switch (period) {
    case Period::kWeekly:
      return {wpy.numerator, wpy.denominator};
    case Period::kFourWeekly:
      return {wpy.numerator, static_cast<Int128>(wpy.denominator) * 4};
    case Period::kMonthly:
      return {12, 1};
    case Period::kAnnual:
      return {1, 1};
  }
  return {1, 1};
}

int Rank(Period period) {  // longer periods rank higher
  switch (period) {
    case Period::kWeekly:
      return 0;
    case Period::kFourWeekly:
      return 1;
    case Period::kMonthly:
      return 2;
    case Period::kAnnual:
      return 3;
  }
  return 0;
}

Result<WeeksPerYear> Reduced(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0 || numerator <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "Weeks per year must be a positive number");
  }
  const std::int64_t g = std::gcd(numerator, denominator);
  WeeksPerYear wpy{numerator / g, denominator / g};
  // 52 <= n/d <= 53
  if (static_cast<Int128>(wpy.numerator) < static_cast<Int128>(52) * wpy.denominator ||
      static_cast<Int128>(wpy.numerator) > static_cast<Int128>(53) * wpy.denominator) {
    return Fail(ErrorCode::kInvalidArgument,
                "Weeks per year must be between 52 and 53, for example 52, 52.14 or 365/7");
  }
  return wpy;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::int64_t ToInt(std::string_view s) {  // s is all digits and short
  std::int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

const char* PeriodName(Period period) {
  switch (period) {
    case Period::kWeekly:
      return "weekly";
    case Period::kFourWeekly:
      return "four-weekly";
    case Period::kMonthly:
      return "monthly";
    case Period::kAnnual:
      return "annual";
  }
  return "weekly";
}

std::optional<Period> ParsePeriod(std::string_view name) {
  for (Period p : {Period::kWeekly, Period::kFourWeekly, Period::kMonthly, Period::kAnnual}) {
    if (name == PeriodName(p)) return p;
  }
  return std::nullopt;
}

Result<WeeksPerYear> ParseWeeksPerYear(std::string_view text) {
  auto invalid = [] {
    return Fail(ErrorCode::kInvalidArgument,
                "Weeks per year must be written like 52, 52.14 or 365/7");
  };
  if (text.size() > 12) return invalid();
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const auto n = text.substr(0, slash);
    const auto d = text.substr(slash + 1);
    if (!AllDigits(n) || !AllDigits(d)) return invalid();
    return Reduced(ToInt(n), ToInt(d));
  }
  if (const auto dot = text.find('.'); dot != std::string_view::npos) {
    const auto whole = text.substr(0, dot);
    const auto frac = text.substr(dot + 1);
    if (!AllDigits(whole) || !AllDigits(frac) || frac.size() > 4) return invalid();
    std::int64_t scale = 1;
    for (std::size_t i = 0; i < frac.size(); ++i) scale *= 10;
    return Reduced(ToInt(whole) * scale + ToInt(frac), scale);
  }
  if (!AllDigits(text)) return invalid();
  return Reduced(ToInt(text), 1);
}

std::string FormatWeeksPerYear(WeeksPerYear wpy) {
  if (wpy.denominator == 1) return std::to_string(wpy.numerator);
  // A decimal when the denominator is 2^a·5^b with at most 4 places.
  for (std::int64_t scale : {10, 100, 1000, 10000}) {
    if (scale % wpy.denominator == 0) {
      const std::int64_t scaled = wpy.numerator * (scale / wpy.denominator);
      std::string frac = std::to_string(scaled % scale);
      while (frac.size() < std::to_string(scale).size() - 1) frac.insert(frac.begin(), '0');
      while (frac.size() > 1 && frac.back() == '0') frac.pop_back();
      return std::to_string(scaled / scale) + "." + frac;
    }
  }
  return std::to_string(wpy.numerator) + "/" + std::to_string(wpy.denominator);
}

RoundingRule DefaultRule(Period from, Period to) {
  return Rank(to) > Rank(from) ? RoundingRule::kHalfUp : RoundingRule::kDown;
}

Result<Pence> ConvertPeriod(Pence amount, Period from, Period to, WeeksPerYear wpy) {
  return ConvertPeriod(amount, from, to, wpy, DefaultRule(from, to));
}

Result<Pence> ConvertPeriod(Pence amount, Period from, Period to, WeeksPerYear wpy,
                            RoundingRule rule) {
  constexpr std::int64_t kLimit = std::int64_t{1} << 30;
  if (wpy.numerator <= 0 || wpy.denominator <= 0 || wpy.numerator >= kLimit ||
      wpy.denominator >= kLimit) {
    return Fail(ErrorCode::kInvalidArgument, "Weeks per year must be a positive fraction");
  }
  if (from == to) return amount;
  // amount × perYear(from) ÷ perYear(to) = amount × a·d ÷ (b·c). a and d are below 2^30 and
  // c ≤ 4·2^30, so the product with a 63-bit amount stays inside 126 bits.
  const Fraction f = PerYear(from, wpy);
  const Fraction t = PerYear(to, wpy);
  const Int128 numerator = static_cast<Int128>(amount.value()) * f.numerator * t.denominator;
  const Int128 denominator = f.denominator * t.numerator;
  const Int128 rounded = RoundDivide(numerator, denominator, rule);
  if (rounded > INT64_MAX || rounded < INT64_MIN) {
    return Fail(ErrorCode::kOverflow, "The converted amount is too large to hold");
  }
  return Pence(static_cast<std::int64_t>(rounded));
}

}  // namespace selfdirect
