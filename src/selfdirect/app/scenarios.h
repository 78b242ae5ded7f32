// Policy scenarios on the web (issue #8, docs/scenarios.md): the example scenarios shipped in
// the binary, and running a scenario file over a synthetic council made in memory with the
// demo RAS model, as `selfdirect simulate` does. Pure computation on made-up people: nothing is
// read from or written to the database, so nothing is audited beyond the policy's answer.
//
//   app::Scenarios scenarios;
//   auto examples = scenarios.Examples(ctx);           // id, name, description, YAML text
//   auto run = scenarios.Run(ctx, yaml_text, 5000);    // 422 naming "scenario.<key>", "people"
//   std::string csv = ScenarioYearsCsv(run->result);   // year 0 (today), then 1 … horizon
//   documents::Workbook book = ScenarioWorkbook(*run, clock.Today());  // for documents/xlsx.h
//
// Allowed by Action::kScenariosRun (analysts and commissioners).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/documents/workbook.h"
#include "selfdirect/simulate/scenario_run.h"

namespace selfdirect::app {

// How many made-up people a run may have, and how many it has when none is asked for.
inline constexpr std::int64_t kScenarioMinPeople = 100;
inline constexpr std::int64_t kScenarioMaxPeople = 20'000;
inline constexpr std::int64_t kScenarioDefaultPeople = 5'000;
// The synthetic council's seed and "today": fixed, as the command line's defaults, so that the
// same scenario gives the same figures on any day.
inline constexpr std::uint64_t kScenarioCouncilSeed = 1;

// One of the shipped scenarios/*.yaml files.
struct ScenarioExample {
  std::string id;  // the file's name without ".yaml": "25-percent-cut"
  std::string name;
  std::string description;
  std::string_view yaml;  // the file's text, comments included
};

// The example scenarios, in the order docs/scenarios.md lists them (each parses).
const std::vector<ScenarioExample>& ScenarioExamples();

struct ScenarioRunView {
  simulate::ScenarioResult result;
  std::int64_t people = 0;           // in the synthetic council
  std::uint64_t council_seed = 0;    // the synthetic council's seed
  std::vector<std::string> changes;  // what the scenario changes, one plain sentence each
};

class Scenarios {
 public:
  // The examples. Refused (403) to roles without kScenariosRun.
  Result<std::vector<ScenarioExample>> Examples(const Context& ctx) const;

  // Parses `yaml` and runs it over a synthetic council of `people` people. Every problem is
  // returned at once, and nothing runs: each key's problem names "scenario.<key>" (the file as
  // a whole: "scenario"); people outside kScenarioMinPeople … kScenarioMaxPeople names
  // "people". Refused (403) to roles without kScenariosRun.
  Result<ScenarioRunView> Run(const Context& ctx, std::string_view yaml, std::int64_t people) const;
};

// What a scenario changes, one sentence each ("the price per point goes from £… to £… a week
// (-15%)"), or a single "nothing: today's rules, projected".
std::vector<std::string> ScenarioChanges(const simulate::ScenarioResult& result);

// The years (year 0 is today, then each year's central value and its low and high band), who is
// better and worse off at once by group, and the sufficiency test for everyone then per group,
// as sheets of cells with money in pence. The CSVs below and the workbook are made from these,
// so they always hold the same figures.
documents::Sheet ScenarioYearsSheet(const simulate::ScenarioResult& result);
documents::Sheet ScenarioGroupsSheet(const simulate::ScenarioResult& result);
documents::Sheet ScenarioSufficiencySheet(const simulate::ScenarioResult& result);

// The sheets as CSV (docs/scenarios.md: years.csv, groups.csv, sufficiency.csv); money in
// pounds with two decimal places.
std::string ScenarioYearsCsv(const simulate::ScenarioResult& result);
std::string ScenarioGroupsCsv(const simulate::ScenarioResult& result);
std::string ScenarioSufficiencyCsv(const simulate::ScenarioResult& result);

// The run as a workbook (docs/scenarios.md, XLSX): a first sheet "About" (the scenario's name
// and description, what changes, the people, seeds, runs and horizon, `made_on`, and how to
// read the bands), then "Years", "Groups" and "Sufficiency", the CSVs' columns in the CSVs'
// order under headings a person reads.
documents::Workbook ScenarioWorkbook(const ScenarioRunView& run, Date made_on);

// A file name for a scenario, from its name: lower-case letters and digits, words joined by
// hyphens, at most 60 characters ("A 25% cut" → "a-25-cut"); "scenario" when nothing is left.
std::string ScenarioFileStem(std::string_view name);

}  // namespace selfdirect::app
