// Structured logs: one JSON object per line on stderr, through spdlog.
//
//   LogEvent("info", "request", {{"method", "GET"}, {"status", 200}, {"duration_ms", 1.5}});
//   → {"ts":"2026-11-22T23:41:21.123Z","level":"info","msg":"request","method":"GET",...}
//
// Never log personal data: paths carry only identifiers; bodies and query strings are not
// logged.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace selfdirect::cli {

using LogValue = std::variant<std::string, std::int64_t, double, bool>;

// Sets up the stderr logger. Call once at start-up.
void InitLogging(bool quiet);

void LogEvent(std::string_view level, std::string_view message,
              std::initializer_list<std::pair<std::string_view, LogValue>> fields = {});

}  // namespace selfdirect::cli
