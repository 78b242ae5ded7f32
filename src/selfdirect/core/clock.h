// Clock: where "now" comes from. Production code takes a Clock& so that tests can fix time.
//
//   FixedClock clock(*ParseTimestamp("2026-04-01T09:00:00.000Z"));
//   clock.Advance(std::chrono::hours(24));
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/result.h"

namespace selfdirect {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
  Date Today() const;  // the UTC calendar date of Now()
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that stands still until told to move. Thread-safe.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_ms_(now.time_since_epoch().count()) {}
  Timestamp Now() const override;
  void Set(Timestamp now);
  void Advance(std::chrono::milliseconds by);

 private:
  std::atomic<std::int64_t> now_ms_;
};

// RFC 3339 UTC with milliseconds: "2026-11-22T23:41:21.123Z". Sorts as text in time order.
// The UTC calendar date of a moment.
Date DayOf(Timestamp t);

std::string FormatTimestamp(Timestamp t);

// Parses exactly the form FormatTimestamp writes.
Result<Timestamp> ParseTimestamp(std::string_view text);

}  // namespace selfdirect
