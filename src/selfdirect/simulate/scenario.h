// A policy scenario: what changes (the price per point, the eligibility threshold, the funding
// available, demand growth, contributions, top-ups, the share of direct payments) and over how
// many years to project it (docs/scenarios.md). This file reads a scenario file; scenario_run.h
// runs one. No I/O: the caller reads the file.
//
//   auto scenario = ParseScenario(text, "scenarios/25-percent-cut.yaml");
//   if (!scenario) for (const FieldError& f : scenario.error().fields) ... // every problem
//
// Percentages are written as decimals with at most two places ("-25", "3.53") and kept as
// basis points (hundredths of a per cent), so that nothing that touches money is a float.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/result.h"

namespace selfdirect::simulate {

// The most a scenario file may be.
inline constexpr std::size_t kMaxScenarioBytes = 64 * 1024;
inline constexpr int kMaxHorizonYears = 100;
inline constexpr int kMaxRuns = 1000;
// Basis points in 100%.
inline constexpr std::int64_t kWhole = 10'000;

struct Scenario {
  std::string name;
  std::string description;
  int horizon_years = 10;  // 1 … kMaxHorizonYears
  std::uint64_t seed = 1;  // the Monte Carlo runs' streams derive from it
  int runs = 100;          // 1 … kMaxRuns
  // The RAS model's `price_per_point` parameter changed by this much (basis points, > -100%).
  std::optional<std::int64_t> price_per_point_change_bp;
  // Eligible when at least this many of the ten outcomes are not achieved (the regulation: 2),
  // with the regulation's other two conditions unchanged. 1 … 10.
  int eligibility_min_outcomes = 2;
  // The money for budgets changed by this much from today's total; every budget is scaled so
  // that they add up to it exactly. Empty: budgets are not scaled.
  std::optional<std::int64_t> funding_change_bp;
  // People needing support (and so the cost) grow by this much a year, compounding; each run
  // draws each year's growth evenly within ± the spread.
  std::int64_t demand_growth_bp = 0;
  std::int64_t demand_growth_spread_bp = 0;
  // The share of each budget the person pays as their contribution (0 … 100%).
  std::int64_t contribution_bp = 0;
  // Of the people whose budget falls below their plan's cost, the share who pay the difference
  // themselves (a top-up), chosen at random in each run (0 … 100%).
  std::int64_t top_up_bp = 0;
  // The share of people with a budget who take it (or part of it) as a direct payment; empty:
  // today's mix.
  std::optional<std::int64_t> direct_payment_share_bp;
};

// Every key a scenario file may have, in the order docs/scenarios.md lists them.
const std::vector<std::string_view>& ScenarioKeys();

// Parses and checks a scenario file. `file_name` is for messages only. Fails with
// kInvalidArgument and one FieldError per problem — every problem, not the first — whose field
// is the key ("" for the file as a whole): an unknown key (naming the known ones), a value of
// the wrong kind or out of range (saying the range and what it was), a missing name.
Result<Scenario> ParseScenario(std::string_view text, std::string_view file_name);

// Parses a percentage written with at most two decimal places ("-25", "3.5", "0.25") into basis
// points; nullopt for anything else ("1e3", "25%", "", "0.125").
std::optional<std::int64_t> ParsePercentBp(std::string_view text);

// Basis points as a percentage: -2500 → "-25%", 353 → "3.53%".
std::string FormatPercentBp(std::int64_t bp);

}  // namespace selfdirect::simulate
