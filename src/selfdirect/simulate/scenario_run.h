// Running a policy scenario (scenario.h) over a baseline population: the first year under the
// new rules person by person (who wins, who loses, whose budget falls below what their plan
// costs), then the years after it as Monte Carlo runs with a 90% band (docs/scenarios.md).
// No I/O.
//
//   auto baseline = PopulationFromCouncil(*council, *model);
//   auto result = RunScenario(*scenario, *baseline, {model.get(), model_text});
//   for (const ScenarioYear& y : result->years) ...   // y.council_cost.central, .low, .high
//
// Money is integer pence throughout; every rounding is named in docs/scenarios.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/scenario.h"

namespace selfdirect::simulate {

// One person as the scenario engine sees them: plain values, so that a later phase can fill
// them from the database instead of a synthetic council.
struct BaselinePerson {
  int age = 0;
  std::string support_reason;  // the RAS model's support_reason category
  // The eligibility determination's findings.
  int outcomes_not_achieved = 0;
  bool needs_arise_from_condition = false;
  bool significant_impact_on_wellbeing = false;
  bool eligible = false;  // under today's rule (two or more outcomes)
  // A signed-off budget in force (false: none yet, or the case has closed).
  bool has_budget = false;
  ras::Inputs inputs;                 // the assessment's validated answers (empty without one)
  std::int64_t indicative_pence = 0;  // the model's amount for them, per the model's period
  std::int64_t budget_annual = 0;     // the signed-off budget, pence a year
  std::int64_t plan_cost_annual = 0;  // what the plan's support costs in its first year
  bool direct_payment = false;        // all or part of the budget as a direct payment
};

struct BaselinePopulation {
  std::vector<BaselinePerson> people;  // everyone with an eligibility decision
};

// The people of a synthetic council with an eligibility decision, their answers validated
// against `model` (the model the council was generated with). Fails when an answer does not
// validate (a council generated with another model).
Result<BaselinePopulation> PopulationFromCouncil(const SyntheticCouncil& council,
                                                 const ras::Model& model);

// The RAS model the baseline's answers are for, with the text it was loaded from (to re-price
// it by rewriting a parameter and loading it again).
struct ScenarioModel {
  const ras::Model* model = nullptr;
  std::string_view text;
};

// A value over the Monte Carlo runs: the median run's, and the 5th and 95th percentiles (nearest
// rank), so low <= central <= high. With one run all three are equal.
struct Band {
  std::int64_t central = 0;
  std::int64_t low = 0;
  std::int64_t high = 0;
};

struct ScenarioYear {
  int year = 0;  // 1 … horizon: growth has compounded `year` times
  Band people_eligible;
  Band budgets;          // pence: the personal budgets' total
  Band council_cost;     // pence: budgets less contributions
  Band direct_payments;  // people with a direct payment
};

// The first year under the scenario, for one group of people.
struct ScenarioGroup {
  std::string dimension;     // "age band" | "support reason" | "everyone"
  std::string group;         // "18-24", "learning_disability", "all"
  std::int64_t people = 0;   // with a budget today, or newly eligible
  std::int64_t winners = 0;  // new budget above today's
  std::int64_t losers = 0;   // new budget below today's (including those no longer eligible)
  std::int64_t unchanged = 0;
  std::int64_t money_up = 0;    // pence: the winners' gains
  std::int64_t money_down = 0;  // pence: the losers' losses (positive)
  std::int64_t no_longer_eligible = 0;
  std::int64_t newly_eligible = 0;  // costed at an estimate (docs/scenarios.md)
  // The sufficiency test: people with a plan whose new budget is below what it costs.
  std::int64_t below_plan_cost = 0;
  std::int64_t shortfall = 0;  // pence: what their plans cost beyond their new budgets
};

struct Sufficiency {
  std::int64_t people_with_plan = 0;
  std::int64_t below_plan_cost = 0;
  std::int64_t per_mille = 0;  // below_plan_cost per thousand people with a plan, rounded half up
  std::int64_t shortfall = 0;  // pence
  Band people_topping_up;      // over the runs
  Band topped_up;              // pence the people topping up pay
};

struct ScenarioResult {
  Scenario scenario;
  // Today (year 0).
  std::int64_t baseline_people_eligible = 0;
  std::int64_t baseline_people_with_budget = 0;
  std::int64_t baseline_budgets = 0;  // pence
  std::int64_t baseline_direct_payments = 0;
  // The price per point before and after (micros of a pound), when the scenario re-prices.
  std::int64_t price_per_point_before = 0;
  std::int64_t price_per_point_after = 0;
  std::int64_t funding_target = 0;  // pence, when the scenario sets the funding
  std::vector<ScenarioYear> years;
  std::vector<ScenarioGroup> groups;  // age bands, then support reasons, then everyone
  Sufficiency sufficiency;
};

// Runs `scenario` over `baseline`. Fails with kInvalidArgument when the scenario re-prices a
// model that has no `price_per_point` parameter (field price_per_point_change_percent), and
// with kOverflow when a total leaves the range of pence.
Result<ScenarioResult> RunScenario(const Scenario& scenario, const BaselinePopulation& baseline,
                                   const ScenarioModel& model);

// Scales `amounts` (each >= 0) in proportion so that they add up to exactly `target` (>= 0):
// each gets the whole pence of its exact share, and the pence left over go one each to the
// largest remainders (ties: the earlier amount). Amounts that are all 0 are left as they are.
// Fails with kOverflow when a product leaves 128 bits (it cannot for int64 inputs).
Status ScaleToFit(std::vector<std::int64_t>& amounts, std::int64_t target);

// amount × (1 + growth) for `years` years, rounded half up to the penny after each year.
Result<std::int64_t> Compound(std::int64_t amount, std::int64_t growth_bp, int years);

// "18-24", "25-44", "45-64", "65-74", "75-84", "85+".
std::string AgeBand(int age);

}  // namespace selfdirect::simulate
