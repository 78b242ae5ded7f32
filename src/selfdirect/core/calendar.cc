#include "selfdirect/core/calendar.h"

#include <fmt/format.h>

namespace selfdirect {
namespace {

bool ReadDigits(std::string_view text, std::size_t from, std::size_t count, int* out) {
  int v = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Result<Date> ParseIsoDate(std::string_view text) {
  auto invalid = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "Enter a real date in the form YYYY-MM-DD, for example 2026-04-01");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid();
  int y = 0, m = 0, d = 0;
  if (!ReadDigits(text, 0, 4, &y) || !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d)) {
    return invalid();
  }
  if (y < 1900) return invalid();
  const Date day{date::year{y}, date::month{static_cast<unsigned>(m)},
                 date::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return invalid();
  return day;
}

std::string FormatIsoDate(Date day) {
  const int y = static_cast<int>(day.year());
  const unsigned m = static_cast<unsigned>(day.month()), d = static_cast<unsigned>(day.day());
  if (y < 0 || y > 9999 || m > 99 || d > 99) {
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  }
  // Written by hand: a payment run formats a date for every line and transfer, and fmt's parse of
  // the format string was most of the cost.
  std::string out = "0000-00-00";
  const auto put = [&](std::size_t end, unsigned value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10)
      out[end - i] = static_cast<char>('0' + value % 10);
  };
  put(3, static_cast<unsigned>(y), 4);
  put(6, m, 2);
  put(9, d, 2);
  return out;
}

int DaysBetween(Date from, Date to) {
  return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

Date AddDays(Date day, int days) { return Date{date::sys_days{day} + date::days{days}}; }

Date AddMonths(Date day, int months) {
  const date::year_month ym = date::year_month{day.year(), day.month()} + date::months{months};
  const Date last{ym / date::last};
  return day.day() > last.day() ? last : Date{ym / day.day()};
}

std::string FormatLongDate(Date day) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  return fmt::format("{} {} {}", static_cast<unsigned>(day.day()),
                     kMonths[static_cast<unsigned>(day.month()) - 1], static_cast<int>(day.year()));
}

Date FinancialYear::Start() const {
  return Date{date::year{start_year_}, date::April, date::day{1}};
}

Date FinancialYear::End() const {
  return Date{date::year{start_year_ + 1}, date::March, date::day{31}};
}

bool FinancialYear::Contains(Date day) const {
  const date::sys_days d{day};
  return d >= date::sys_days{Start()} && d <= date::sys_days{End()};
}

int FinancialYear::Days() const { return DaysBetween(Start(), End()) + 1; }

std::string FinancialYear::Label() const {
  return fmt::format("{}-{:02}", start_year_, (start_year_ + 1) % 100);
}

FinancialYear FinancialYearOf(Date day) {
  const int y = static_cast<int>(day.year());
  return FinancialYear(day.month() >= date::April ? y : y - 1);
}

}  // namespace selfdirect
