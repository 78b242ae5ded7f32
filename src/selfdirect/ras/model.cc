#include "selfdirect/ras/model.h"

#include <fmt/format.h>

namespace selfdirect::ras {

std::string FormatProblem(const std::string& file, const Problem& problem) {
  if (problem.where.line == 0) return fmt::format("{}: {}", file, problem.message);
  return fmt::format("{}:{}:{}: {}", file, problem.where.line, problem.where.column,
                     problem.message);
}

const char* PeriodName(Period period) { return period == Period::kWeekly ? "weekly" : "annual"; }

const char* PeriodPhrase(Period period) { return period == Period::kWeekly ? "a week" : "a year"; }

const char* OutcomeName(const std::string& code) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"nutrition", "managing and maintaining nutrition"},
      {"hygiene", "maintaining personal hygiene"},
      {"toilet", "managing toilet needs"},
      {"clothing", "being appropriately clothed"},
      {"home_safety", "being able to make use of the home safely"},
      {"habitable_home", "maintaining a habitable home environment"},
      {"relationships", "developing and maintaining family or other personal relationships"},
      {"work_learning", "accessing and engaging in work, training, education or volunteering"},
      {"community", "making use of facilities or services in the local community"},
      {"caring_for_child", "carrying out caring responsibilities for a child"}};
  for (const auto& [c, name] : kNames) {
    if (code == c) return name;
  }
  return "";
}

}  // namespace selfdirect::ras
