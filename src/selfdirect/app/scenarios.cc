#include "selfdirect/app/scenarios.h"

#include <fmt/format.h>

#include "selfdirect/app/demo_council.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/scenario.h"

namespace selfdirect::app {

// Generated from scenarios/*.yaml by cmake/embed_text.cmake (CMakeLists.txt).
std::string_view ScenarioFile_25_percent_cut();
std::string_view ScenarioFile_demand_doubles_in_20_years();
std::string_view ScenarioFile_towards_cash();
std::string_view ScenarioFile_best_of_both();
std::string_view ScenarioFile_responsibility_shift();

namespace {

// The synthetic council's "today", as the command line's.
constexpr const char* kCouncilAsOf = "2026-11-23";

std::string Decimal(std::int64_t pence) { return FormatDecimal(Pence(pence)); }

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    AppendCsvField(line, fields[i]);
  }
  return line + "\n";
}

// A scenario key's problem as a request field: "scenario.funding_change_percent".
std::vector<FieldError> InScenario(std::vector<FieldError> fields) {
  for (FieldError& f : fields) f.field = f.field.empty() ? "scenario" : "scenario." + f.field;
  return fields;
}

}  // namespace

const std::vector<ScenarioExample>& ScenarioExamples() {
  static const std::vector<ScenarioExample> examples = [] {
    std::vector<ScenarioExample> out;
    for (const auto& [id, text] :
         {std::pair{"25-percent-cut", ScenarioFile_25_percent_cut()},
          std::pair{"demand-doubles-in-20-years", ScenarioFile_demand_doubles_in_20_years()},
          std::pair{"towards-cash", ScenarioFile_towards_cash()},
          std::pair{"best-of-both", ScenarioFile_best_of_both()},
          std::pair{"responsibility-shift", ScenarioFile_responsibility_shift()}}) {
      auto parsed = simulate::ParseScenario(text, std::string(id) + ".yaml");
      // The examples are checked by scenarios_test.cc; one that did not parse is a bug.
      out.push_back({id, parsed ? parsed->name : id, parsed ? parsed->description : "", text});
    }
    return out;
  }();
  return examples;
}

Result<std::vector<ScenarioExample>> Scenarios::Examples(const Context& ctx) const {
  if (auto p = PermitInCouncil(ctx, Action::kScenariosRun); !p) return tl::unexpected(p.error());
  return ScenarioExamples();
}

Result<ScenarioRunView> Scenarios::Run(const Context& ctx, std::string_view yaml,
                                       std::int64_t people) const {
  if (auto p = PermitInCouncil(ctx, Action::kScenariosRun); !p) return tl::unexpected(p.error());
  std::vector<FieldError> problems;
  std::optional<simulate::Scenario> scenario;
  if (yaml.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    problems.push_back({"scenario", "Enter a scenario, or choose one of the examples"});
  } else {
    auto parsed = simulate::ParseScenario(yaml, "The scenario");
    if (parsed) {
      scenario = std::move(*parsed);
    } else {
      problems = InScenario(std::move(parsed.error().fields));
    }
  }
  if (people < kScenarioMinPeople || people > kScenarioMaxPeople) {
    problems.push_back({"people", fmt::format("Enter a number of people from {} to {}",
                                              kScenarioMinPeople, "20,000")});
  }
  if (!problems.empty()) return FailFields(std::move(problems));

  const std::string_view model_text = DemoRasModel();
  auto model = ras::LoadModel(model_text, "points-price.yaml");
  if (!model) return Fail(ErrorCode::kInternal, "The built-in RAS model does not load");
  simulate::CouncilOptions options;
  options.people = people;
  options.seed = kScenarioCouncilSeed;
  options.as_of = *ParseIsoDate(kCouncilAsOf);
  auto council = simulate::GenerateCouncil(**model, options);
  if (!council) return tl::unexpected(council.error());
  auto baseline = simulate::PopulationFromCouncil(*council, **model);
  if (!baseline) return tl::unexpected(baseline.error());
  auto result = simulate::RunScenario(*scenario, *baseline, {model->get(), model_text});
  if (!result) {
    Error e = result.error();
    e.fields = InScenario(std::move(e.fields));
    return tl::unexpected(std::move(e));
  }
  ScenarioRunView view;
  view.changes = ScenarioChanges(*result);
  view.result = std::move(*result);
  view.people = people;
  view.council_seed = kScenarioCouncilSeed;
  return view;
}

std::vector<std::string> ScenarioChanges(const simulate::ScenarioResult& r) {
  const simulate::Scenario& s = r.scenario;
  std::vector<std::string> out;
  if (s.price_per_point_change_bp) {
    out.push_back(fmt::format("the price per point goes from {} to {} a week ({})",
                              ras::FormatMicrosAsPounds(r.price_per_point_before),
                              ras::FormatMicrosAsPounds(r.price_per_point_after),
                              simulate::FormatPercentBp(*s.price_per_point_change_bp)));
  }
  if (s.eligibility_min_outcomes != 2) {
    out.push_back(
        fmt::format("eligible when {} or more of the ten outcomes are not achieved (today 2)",
                    s.eligibility_min_outcomes));
  }
  if (s.funding_change_bp) {
    out.push_back(fmt::format(
        "the money for budgets changes by {} to {}; every budget is scaled to fit",
        simulate::FormatPercentBp(*s.funding_change_bp), FormatPounds(Pence(r.funding_target))));
  }
  if (s.demand_growth_bp != 0 || s.demand_growth_spread_bp != 0) {
    out.push_back(fmt::format("demand grows {} a year (each year's growth drawn within ±{} of it)",
                              simulate::FormatPercentBp(s.demand_growth_bp),
                              simulate::FormatPercentBp(s.demand_growth_spread_bp)));
  }
  if (s.contribution_bp != 0) {
    out.push_back(fmt::format("people pay {} of their budget as a contribution",
                              simulate::FormatPercentBp(s.contribution_bp)));
  }
  if (s.top_up_bp != 0) {
    out.push_back(fmt::format("{} of the people left short top up their budget themselves",
                              simulate::FormatPercentBp(s.top_up_bp)));
  }
  if (s.direct_payment_share_bp) {
    out.push_back(fmt::format("{} of people with a budget take a direct payment",
                              simulate::FormatPercentBp(*s.direct_payment_share_bp)));
  }
  if (out.empty()) out.push_back("nothing: today's rules, projected");
  return out;
}

std::string ScenarioYearsCsv(const simulate::ScenarioResult& r) {
  std::string csv = CsvLine({"year", "people_eligible", "people_eligible_low",
                             "people_eligible_high", "budgets", "budgets_low", "budgets_high",
                             "council_cost", "council_cost_low", "council_cost_high",
                             "direct_payments", "direct_payments_low", "direct_payments_high"});
  csv += CsvLine(
      {"0", std::to_string(r.baseline_people_eligible), std::to_string(r.baseline_people_eligible),
       std::to_string(r.baseline_people_eligible), Decimal(r.baseline_budgets),
       Decimal(r.baseline_budgets), Decimal(r.baseline_budgets), Decimal(r.baseline_budgets),
       Decimal(r.baseline_budgets), Decimal(r.baseline_budgets),
       std::to_string(r.baseline_direct_payments), std::to_string(r.baseline_direct_payments),
       std::to_string(r.baseline_direct_payments)});
  for (const simulate::ScenarioYear& y : r.years) {
    std::vector<std::string> row = {std::to_string(y.year)};
    for (const auto& [band, money] :
         {std::pair{y.people_eligible, false}, std::pair{y.budgets, true},
          std::pair{y.council_cost, true}, std::pair{y.direct_payments, false}}) {
      for (std::int64_t v : {band.central, band.low, band.high}) {
        row.push_back(money ? Decimal(v) : std::to_string(v));
      }
    }
    csv += CsvLine(row);
  }
  return csv;
}

std::string ScenarioGroupsCsv(const simulate::ScenarioResult& r) {
  std::string csv =
      CsvLine({"dimension", "group", "people", "better_off", "worse_off", "unchanged", "gained",
               "lost", "no_longer_eligible", "newly_eligible", "below_plan_cost", "shortfall"});
  for (const simulate::ScenarioGroup& g : r.groups) {
    csv += CsvLine({g.dimension, g.group, std::to_string(g.people), std::to_string(g.winners),
                    std::to_string(g.losers), std::to_string(g.unchanged), Decimal(g.money_up),
                    Decimal(g.money_down), std::to_string(g.no_longer_eligible),
                    std::to_string(g.newly_eligible), std::to_string(g.below_plan_cost),
                    Decimal(g.shortfall)});
  }
  return csv;
}

std::string ScenarioSufficiencyCsv(const simulate::ScenarioResult& r) {
  const simulate::Sufficiency& f = r.sufficiency;
  std::string csv =
      CsvLine({"dimension", "group", "people_with_plan", "below_plan_cost", "shortfall",
               "people_topping_up", "people_topping_up_low", "people_topping_up_high", "topped_up",
               "topped_up_low", "topped_up_high"});
  csv += CsvLine(
      {"everyone", "all", std::to_string(f.people_with_plan), std::to_string(f.below_plan_cost),
       Decimal(f.shortfall), std::to_string(f.people_topping_up.central),
       std::to_string(f.people_topping_up.low), std::to_string(f.people_topping_up.high),
       Decimal(f.topped_up.central), Decimal(f.topped_up.low), Decimal(f.topped_up.high)});
  for (const simulate::ScenarioGroup& g : r.groups) {
    if (g.dimension == "everyone") continue;
    csv +=
        CsvLine({g.dimension, g.group, std::to_string(g.people - g.newly_eligible),
                 std::to_string(g.below_plan_cost), Decimal(g.shortfall), "", "", "", "", "", ""});
  }
  return csv;
}

}  // namespace selfdirect::app
