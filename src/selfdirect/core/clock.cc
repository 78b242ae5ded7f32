#include "selfdirect/core/clock.h"

#include <fmt/format.h>

namespace selfdirect {

Date DayOf(Timestamp t) { return Date{std::chrono::floor<date::days>(t)}; }

Date Clock::Today() const { return DayOf(Now()); }

Timestamp SystemClock::Now() const {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Timestamp FixedClock::Now() const { return Timestamp{std::chrono::milliseconds{now_ms_.load()}}; }

void FixedClock::Set(Timestamp now) { now_ms_.store(now.time_since_epoch().count()); }

void FixedClock::Advance(std::chrono::milliseconds by) { now_ms_.fetch_add(by.count()); }

std::string FormatTimestamp(Timestamp t) {
  const auto day = std::chrono::floor<date::days>(t);
  const date::hh_mm_ss<std::chrono::milliseconds> time{t - day};
  std::string out = FormatIsoDate(Date{day});
  if (out.size() != 10) {
    return fmt::format("{}T{:02}:{:02}:{:02}.{:03}Z", out, time.hours().count(),
                       time.minutes().count(), time.seconds().count(), time.subseconds().count());
  }
  // By hand, as FormatIsoDate: every transfer and audit entry stores one.
  out += "T00:00:00.000Z";
  const auto put = [&](std::size_t end, long long value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10)
      out[end - i] = static_cast<char>('0' + value % 10);
  };
  put(12, time.hours().count(), 2);
  put(15, time.minutes().count(), 2);
  put(18, time.seconds().count(), 2);
  put(22, time.subseconds().count(), 3);
  return out;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  auto invalid = [] {
    return Fail(ErrorCode::kInvalidArgument,
                "Timestamps are written like 2026-04-01T09:30:00.000Z (UTC)");
  };
  if (text.size() != 24 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != '.' || text[23] != 'Z') {
    return invalid();
  }
  auto day = ParseIsoDate(text.substr(0, 10));
  if (!day) return invalid();
  int parts[4] = {0, 0, 0, 0};
  const std::size_t starts[4] = {11, 14, 17, 20};
  const std::size_t lengths[4] = {2, 2, 2, 3};
  for (int i = 0; i < 4; ++i) {
    for (std::size_t j = starts[i]; j < starts[i] + lengths[i]; ++j) {
      if (text[j] < '0' || text[j] > '9') return invalid();
      parts[i] = parts[i] * 10 + (text[j] - '0');
    }
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59) return invalid();
  return Timestamp{date::sys_days{*day}.time_since_epoch()} + std::chrono::hours{parts[0]} +
         std::chrono::minutes{parts[1]} + std::chrono::seconds{parts[2]} +
         std::chrono::milliseconds{parts[3]};
}

}  // namespace selfdirect
