#include "selfdirect/simulate/scenario_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <numeric>

#include "selfdirect/core/pence.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"
#include "selfdirect/simulate/random.h"

namespace selfdirect::simulate {
namespace {

constexpr const char* kAgeBands[] = {"18-24", "25-44", "45-64", "65-74", "75-84", "85+"};

bool FitsInt64(Int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}

// a × numerator ÷ denominator rounded half up, checked.
Result<std::int64_t> Ratio(std::int64_t a, std::int64_t numerator, std::int64_t denominator) {
  const Int128 v =
      RoundDivide(static_cast<Int128>(a) * numerator, denominator, RoundingRule::kHalfUp);
  if (!FitsInt64(v)) return Fail(ErrorCode::kOverflow, "A scenario total is too large to count");
  return static_cast<std::int64_t>(v);
}

Result<std::int64_t> Grow(std::int64_t amount, std::int64_t growth_bp) {
  return Ratio(amount, kWhole + growth_bp, kWhole);
}

// The nearest-rank percentile of sorted values (per cent, 0 … 100): the lowest for 5, rounding
// the rank down; the highest for 95, rounding it up; so that low <= median <= high.
Band BandOf(std::vector<std::int64_t>& values) {
  std::sort(values.begin(), values.end());
  const std::size_t last = values.size() - 1;
  return {values[last / 2], values[last * 5 / 100], values[(last * 95 + 99) / 100]};
}

struct PersonChange {
  std::size_t person = 0;
  std::int64_t before = 0;  // today's budget (0 without one)
  std::int64_t after = 0;   // under the scenario
  bool newly_eligible = false;
  bool no_longer_eligible = false;
};

// The model with its price per point changed, or the model itself.
struct Priced {
  std::shared_ptr<const ras::Model> owned;
  std::int64_t before = 0;
  std::int64_t after = 0;
};

Result<Priced> Reprice(const ScenarioModel& m, std::int64_t change_bp) {
  const auto& params = m.model->parameters;
  const auto it = std::find_if(params.begin(), params.end(),
                               [](const ras::Parameter& p) { return p.id == "price_per_point"; });
  if (it == params.end() || it->value_span.length == 0 ||
      it->value_span.offset + it->value_span.length > m.text.size()) {
    return FailFields({{"price_per_point_change_percent",
                        fmt::format("the RAS model \"{}\" has no price_per_point parameter to "
                                    "change; leave price_per_point_change_percent out",
                                    m.model->id)}});
  }
  Priced p;
  p.before = it->value;
  const Int128 after = RoundDivide(static_cast<Int128>(it->value) * (kWhole + change_bp), kWhole,
                                   RoundingRule::kHalfUp);
  if (!FitsInt64(after)) return Fail(ErrorCode::kOverflow, "The new price per point is too large");
  p.after = static_cast<std::int64_t>(after);
  std::string text(m.text.substr(0, it->value_span.offset));
  text += ras::FormatMicros(p.after);
  text += m.text.substr(it->value_span.offset + it->value_span.length);
  auto loaded = ras::LoadModel(text, m.model->file, /*check_examples=*/false);
  if (!loaded) {
    return FailFields({{"price_per_point_change_percent",
                        fmt::format("the re-priced model is refused: {}",
                                    loaded.error().empty()
                                        ? std::string("no reason given")
                                        : ras::FormatProblem(m.model->file, loaded.error()[0]))}});
  }
  p.owned = *loaded;
  return p;
}

}  // namespace

std::string AgeBand(int age) {
  if (age < 25) return kAgeBands[0];
  if (age < 45) return kAgeBands[1];
  if (age < 65) return kAgeBands[2];
  if (age < 75) return kAgeBands[3];
  if (age < 85) return kAgeBands[4];
  return kAgeBands[5];
}

Result<BaselinePopulation> PopulationFromCouncil(const SyntheticCouncil& council,
                                                 const ras::Model& model) {
  BaselinePopulation population;
  population.people.reserve(council.people.size());
  for (const SyntheticPerson& s : council.people) {
    if (!s.eligibility) continue;
    BaselinePerson p;
    p.age = s.age;
    p.support_reason = s.ras_support_reason;
    const auto& request = s.eligibility->request;
    for (const auto& finding : request.outcomes)
      p.outcomes_not_achieved += finding.achieved ? 0 : 1;
    p.needs_arise_from_condition = request.needs_arise_from_condition.value_or(false);
    p.significant_impact_on_wellbeing = request.significant_impact_on_wellbeing.value_or(false);
    p.eligible = s.eligibility->eligible;
    p.has_budget = s.plan && s.plan->approved_at && !s.closure;
    if (p.has_budget && s.assessment) {
      auto inputs = ras::ValidateAnswers(model, s.assessment->answers);
      if (!inputs) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("Person {}'s answers do not fit the model {}: {}", s.index,
                                model.id, inputs.error().message));
      }
      p.inputs = std::move(*inputs);
      p.indicative_pence = s.assessment->amount_pence;
    }
    if (p.has_budget) {
      p.budget_annual = s.plan->actual_annual.value();
      p.plan_cost_annual = s.plan->first_year_cost.value();
      p.direct_payment = s.plan->mechanism == "dp" || s.plan->mechanism == "dp_and_arranged";
    }
    population.people.push_back(std::move(p));
  }
  return population;
}

Status ScaleToFit(std::vector<std::int64_t>& amounts, std::int64_t target) {
  Int128 sum = 0;
  for (std::int64_t a : amounts) sum += a;
  if (sum == 0) return Ok();
  std::vector<Int128> remainder(amounts.size());
  Int128 given = 0;
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const Int128 exact = static_cast<Int128>(amounts[i]) * target;
    amounts[i] = static_cast<std::int64_t>(exact / sum);
    remainder[i] = exact % sum;
    given += amounts[i];
  }
  // Fewer pence are left over than there are amounts.
  auto left = static_cast<std::size_t>(static_cast<Int128>(target) - given);
  if (left == 0) return Ok();
  std::vector<std::size_t> order(amounts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(left), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      return remainder[a] != remainder[b] ? remainder[a] > remainder[b] : a < b;
                    });
  for (std::size_t k = 0; k < left; ++k) ++amounts[order[k]];
  return Ok();
}

Result<std::int64_t> Compound(std::int64_t amount, std::int64_t growth_bp, int years) {
  for (int y = 0; y < years; ++y) {
    auto next = Grow(amount, growth_bp);
    if (!next) return next;
    amount = *next;
  }
  return amount;
}

Result<ScenarioResult> RunScenario(const Scenario& scenario, const BaselinePopulation& baseline,
                                   const ScenarioModel& model) {
  ScenarioResult result;
  result.scenario = scenario;
  const auto& people = baseline.people;

  // The model the new budgets come from.
  std::optional<Priced> priced;
  std::unique_ptr<ras::Program> program;
  std::unique_ptr<ras::Evaluator> evaluator;
  if (scenario.price_per_point_change_bp) {
    auto p = Reprice(model, *scenario.price_per_point_change_bp);
    if (!p) return tl::unexpected(p.error());
    priced = std::move(*p);
    result.price_per_point_before = priced->before;
    result.price_per_point_after = priced->after;
    program = std::make_unique<ras::Program>(ras::Compile(*priced->owned));
    evaluator = std::make_unique<ras::Evaluator>(*program);
  }

  // Today.
  for (const BaselinePerson& p : people) {
    result.baseline_people_eligible += p.eligible ? 1 : 0;
    if (!p.has_budget) continue;
    ++result.baseline_people_with_budget;
    result.baseline_budgets += p.budget_annual;
    result.baseline_direct_payments += p.direct_payment ? 1 : 0;
  }

  // Each person's budget under the new rules, before any scaling to the funding.
  std::vector<PersonChange> changes;
  std::int64_t eligible_after = 0;
  struct Least {  // the least needy eligible people with a budget, by support reason
    int outcomes = 11;
    Int128 sum = 0;
    std::int64_t count = 0;
  };
  std::map<std::string, Least> least;
  Int128 all_sum = 0;
  std::int64_t all_count = 0;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const BaselinePerson& p = people[i];
    const bool eligible = p.needs_arise_from_condition && p.significant_impact_on_wellbeing &&
                          p.outcomes_not_achieved >= scenario.eligibility_min_outcomes;
    eligible_after += eligible ? 1 : 0;
    if (p.has_budget) {
      PersonChange c{i, p.budget_annual, 0, false, !eligible};
      if (eligible) {
        c.after = p.budget_annual;
        if (evaluator && !p.inputs.empty() && p.indicative_pence > 0) {
          const auto outcome = evaluator->Run(p.inputs.data());
          if (!outcome.ok) {
            return Fail(ErrorCode::kOverflow,
                        "The re-priced model overflowed for a person in the population");
          }
          // The difference agreed at sign-off is kept in proportion.
          auto after = Ratio(p.budget_annual, outcome.pence, p.indicative_pence);
          if (!after) return tl::unexpected(after.error());
          c.after = *after;
        }
        Least& l = least[p.support_reason];
        if (p.outcomes_not_achieved < l.outcomes) l = {p.outcomes_not_achieved, 0, 0};
        if (p.outcomes_not_achieved == l.outcomes) {
          l.sum += c.after;
          ++l.count;
        }
        all_sum += c.after;
        ++all_count;
      }
      changes.push_back(c);
    } else if (eligible && !p.eligible) {
      changes.push_back({i, 0, 0, true, false});
    }
  }
  // Newly eligible people have no assessment: each is costed at the mean new budget of the
  // least needy eligible people with the same support reason (else of everyone eligible).
  for (PersonChange& c : changes) {
    if (!c.newly_eligible) continue;
    const auto it = least.find(people[c.person].support_reason);
    const Int128 sum = it != least.end() ? it->second.sum : all_sum;
    const std::int64_t count = it != least.end() ? it->second.count : all_count;
    c.after =
        count == 0 ? 0 : static_cast<std::int64_t>(RoundDivide(sum, count, RoundingRule::kHalfUp));
  }

  // Scaling to the funding available.
  if (scenario.funding_change_bp) {
    auto target = Ratio(result.baseline_budgets, kWhole + *scenario.funding_change_bp, kWhole);
    if (!target) return tl::unexpected(target.error());
    result.funding_target = *target;
    std::vector<std::int64_t> amounts;
    amounts.reserve(changes.size());
    for (const PersonChange& c : changes) amounts.push_back(c.after);
    if (auto ok = ScaleToFit(amounts, *target); !ok) return tl::unexpected(ok.error());
    for (std::size_t k = 0; k < changes.size(); ++k) changes[k].after = amounts[k];
  }

  // Winners and losers, and the sufficiency test, by group.
  std::map<std::string, ScenarioGroup> by_age, by_reason;
  ScenarioGroup everyone{"everyone", "all"};
  for (const char* band : kAgeBands) by_age[band] = {"age band", band};
  std::vector<std::int64_t> shortfalls;  // of the people below their plan's cost
  Int128 budgets = 0, contributions = 0;
  std::int64_t with_budget_after = 0, direct_after = 0;
  for (const PersonChange& c : changes) {
    const BaselinePerson& p = people[c.person];
    auto& reason = by_reason[p.support_reason];
    if (reason.group.empty()) reason = {"support reason", p.support_reason};
    const std::int64_t shortfall =
        p.has_budget && c.after < p.plan_cost_annual ? p.plan_cost_annual - c.after : 0;
    for (ScenarioGroup* g : {&by_age[AgeBand(p.age)], &reason, &everyone}) {
      ++g->people;
      if (c.after > c.before) {
        ++g->winners;
        g->money_up += c.after - c.before;
      } else if (c.after < c.before) {
        ++g->losers;
        g->money_down += c.before - c.after;
      } else {
        ++g->unchanged;
      }
      g->no_longer_eligible += c.no_longer_eligible ? 1 : 0;
      g->newly_eligible += c.newly_eligible ? 1 : 0;
      if (shortfall > 0) {
        ++g->below_plan_cost;
        g->shortfall += shortfall;
      }
    }
    if (shortfall > 0) shortfalls.push_back(shortfall);
    budgets += c.after;
    contributions += RoundDivide(static_cast<Int128>(c.after) * scenario.contribution_bp, kWhole,
                                 RoundingRule::kHalfUp);
    if (!c.no_longer_eligible) {
      ++with_budget_after;
      direct_after += p.direct_payment ? 1 : 0;
    }
  }
  if (!FitsInt64(budgets)) return Fail(ErrorCode::kOverflow, "The budgets' total is too large");
  for (auto& [_, g] : by_age) result.groups.push_back(g);
  for (auto& [_, g] : by_reason) result.groups.push_back(g);
  result.groups.push_back(everyone);
  if (scenario.direct_payment_share_bp) {
    auto d = Ratio(with_budget_after, *scenario.direct_payment_share_bp, kWhole);
    if (!d) return tl::unexpected(d.error());
    direct_after = *d;
  }

  Sufficiency& s = result.sufficiency;
  s.people_with_plan = result.baseline_people_with_budget;
  s.below_plan_cost = everyone.below_plan_cost;
  s.shortfall = everyone.shortfall;
  s.per_mille =
      s.people_with_plan == 0
          ? 0
          : static_cast<std::int64_t>(RoundDivide(static_cast<Int128>(s.below_plan_cost) * 1000,
                                                  s.people_with_plan, RoundingRule::kHalfUp));

  // The Monte Carlo runs: who tops up, and each year's growth in demand.
  const int runs = scenario.runs;
  const int horizon = scenario.horizon_years;
  const std::size_t cells = static_cast<std::size_t>(runs) * static_cast<std::size_t>(horizon);
  std::vector<std::int64_t> eligible_runs(cells), budget_runs(cells), cost_runs(cells),
      direct_runs(cells);
  std::vector<std::int64_t> topping_up(runs), topped_up(runs);
  const auto first_budgets = static_cast<std::int64_t>(budgets);
  const auto first_cost = static_cast<std::int64_t>(budgets - contributions);
  for (int r = 0; r < runs; ++r) {
    Random top_ups = StageStream(scenario.seed, fmt::format("scenario run {} top-ups", r));
    for (std::int64_t shortfall : shortfalls) {
      if (static_cast<std::int64_t>(top_ups.Below(kWhole)) < scenario.top_up_bp) {
        ++topping_up[r];
        topped_up[r] += shortfall;
      }
    }
    Random growth = StageStream(scenario.seed, fmt::format("scenario run {} growth", r));
    std::int64_t e = eligible_after, b = first_budgets, c = first_cost, d = direct_after;
    for (int y = 0; y < horizon; ++y) {
      std::int64_t g = scenario.demand_growth_bp;
      if (scenario.demand_growth_spread_bp > 0) {
        g += growth.Between(-scenario.demand_growth_spread_bp, scenario.demand_growth_spread_bp);
      }
      for (std::int64_t* x : {&e, &b, &c, &d}) {
        auto next = Grow(*x, g);
        if (!next) return tl::unexpected(next.error());
        *x = *next;
      }
      const std::size_t at = static_cast<std::size_t>(y) * runs + r;
      eligible_runs[at] = e;
      budget_runs[at] = b;
      cost_runs[at] = c;
      direct_runs[at] = d;
    }
  }
  s.people_topping_up = BandOf(topping_up);
  s.topped_up = BandOf(topped_up);
  for (int y = 0; y < horizon; ++y) {
    const auto from = static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * runs);
    auto slice = [&](std::vector<std::int64_t>& all) {
      std::vector<std::int64_t> v(all.begin() + from, all.begin() + from + runs);
      return BandOf(v);
    };
    result.years.push_back(
        {y + 1, slice(eligible_runs), slice(budget_runs), slice(cost_runs), slice(direct_runs)});
  }
  return result;
}

}  // namespace selfdirect::simulate
