#include "selfdirect/cli/json_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "selfdirect/core/clock.h"

namespace selfdirect::cli {
namespace {

std::shared_ptr<spdlog::logger>& Logger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

}  // namespace

void InitLogging(bool quiet) {
  auto logger = spdlog::stderr_logger_mt("selfdirect");
  logger->set_pattern("%v");  // the message is the whole JSON line
  logger->set_level(quiet ? spdlog::level::warn : spdlog::level::info);
  logger->flush_on(spdlog::level::info);
  Logger() = logger;
}

void LogEvent(std::string_view level, std::string_view message,
              std::initializer_list<std::pair<std::string_view, LogValue>> fields) {
  auto& logger = Logger();
  if (!logger) return;
  const auto lvl = spdlog::level::from_str(std::string(level));
  if (!logger->should_log(lvl)) return;
  static const SystemClock clock;
  boost::json::object line;
  line["ts"] = FormatTimestamp(clock.Now());
  line["level"] = level;
  line["msg"] = message;
  for (const auto& field : fields) {
    std::visit([&](const auto& v) { line[field.first] = v; }, field.second);
  }
  logger->log(lvl, "{}", boost::json::serialize(line));
}

}  // namespace selfdirect::cli
