#include "selfdirect/app/scenarios.h"

#include <fmt/format.h>

#include <cctype>

#include "selfdirect/app/demo_council.h"
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

namespace {

using documents::Cell;
using documents::Column;
using documents::PenceCell;
using documents::TextCell;
using documents::WholeCell;

// A measure's three columns: central, low and high ("budgets", "budgets_low", "budgets_high").
void AddBanded(std::vector<Column>& columns, const std::string& key, const std::string& heading) {
  columns.push_back({key, heading});
  columns.push_back({key + "_low", heading + ", low"});
  columns.push_back({key + "_high", heading + ", high"});
}

// A band's three cells, as counts or as money.
void AddBand(std::vector<Cell>& row, const simulate::Band& b, bool money) {
  for (std::int64_t v : {b.central, b.low, b.high})
    row.push_back(money ? PenceCell(v) : WholeCell(v));
}

}  // namespace

documents::Sheet ScenarioYearsSheet(const simulate::ScenarioResult& r) {
  documents::Sheet sheet{"Years", {{"year", "Year"}}, {}};
  AddBanded(sheet.columns, "people_eligible", "People eligible");
  AddBanded(sheet.columns, "budgets", "Budgets a year");
  AddBanded(sheet.columns, "council_cost", "Cost to the council a year");
  AddBanded(sheet.columns, "direct_payments", "People with a direct payment");
  // Year 0 is today: a point, not a band (the council pays every budget).
  const simulate::Band eligible{r.baseline_people_eligible, r.baseline_people_eligible,
                                r.baseline_people_eligible};
  const simulate::Band budgets{r.baseline_budgets, r.baseline_budgets, r.baseline_budgets};
  const simulate::Band direct{r.baseline_direct_payments, r.baseline_direct_payments,
                              r.baseline_direct_payments};
  std::vector<Cell> today = {WholeCell(0)};
  AddBand(today, eligible, false);
  AddBand(today, budgets, true);
  AddBand(today, budgets, true);
  AddBand(today, direct, false);
  sheet.rows.push_back(std::move(today));
  for (const simulate::ScenarioYear& y : r.years) {
    std::vector<Cell> row = {WholeCell(y.year)};
    AddBand(row, y.people_eligible, false);
    AddBand(row, y.budgets, true);
    AddBand(row, y.council_cost, true);
    AddBand(row, y.direct_payments, false);
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

documents::Sheet ScenarioGroupsSheet(const simulate::ScenarioResult& r) {
  documents::Sheet sheet{"Groups",
                         {{"dimension", "Grouped by"},
                          {"group", "Group"},
                          {"people", "People"},
                          {"better_off", "Better off"},
                          {"worse_off", "Worse off"},
                          {"unchanged", "Unchanged"},
                          {"gained", "Gained a year"},
                          {"lost", "Lost a year"},
                          {"no_longer_eligible", "No longer eligible"},
                          {"newly_eligible", "Newly eligible"},
                          {"below_plan_cost", "Below their plan's cost"},
                          {"shortfall", "Short of their plans' cost a year"}},
                         {}};
  for (const simulate::ScenarioGroup& g : r.groups) {
    sheet.rows.push_back({TextCell(g.dimension), TextCell(g.group), WholeCell(g.people),
                          WholeCell(g.winners), WholeCell(g.losers), WholeCell(g.unchanged),
                          PenceCell(g.money_up), PenceCell(g.money_down),
                          WholeCell(g.no_longer_eligible), WholeCell(g.newly_eligible),
                          WholeCell(g.below_plan_cost), PenceCell(g.shortfall)});
  }
  return sheet;
}

documents::Sheet ScenarioSufficiencySheet(const simulate::ScenarioResult& r) {
  const simulate::Sufficiency& f = r.sufficiency;
  documents::Sheet sheet{"Sufficiency",
                         {{"dimension", "Grouped by"},
                          {"group", "Group"},
                          {"people_with_plan", "People with a plan"},
                          {"below_plan_cost", "Below their plan's cost"},
                          {"shortfall", "Short of their plans' cost a year"}},
                         {}};
  AddBanded(sheet.columns, "people_topping_up", "People topping up");
  AddBanded(sheet.columns, "topped_up", "Topped up a year");
  std::vector<Cell> everyone = {TextCell("everyone"), TextCell("all"),
                                WholeCell(f.people_with_plan), WholeCell(f.below_plan_cost),
                                PenceCell(f.shortfall)};
  AddBand(everyone, f.people_topping_up, false);
  AddBand(everyone, f.topped_up, true);
  sheet.rows.push_back(std::move(everyone));
  for (const simulate::ScenarioGroup& g : r.groups) {
    if (g.dimension == "everyone") continue;
    // Top-ups are drawn for everyone at once, so a group has no figure for them.
    std::vector<Cell> row = {TextCell(g.dimension), TextCell(g.group),
                             WholeCell(g.people - g.newly_eligible), WholeCell(g.below_plan_cost),
                             PenceCell(g.shortfall)};
    row.resize(sheet.columns.size());
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

std::string ScenarioYearsCsv(const simulate::ScenarioResult& r) {
  return documents::SheetCsv(ScenarioYearsSheet(r));
}

std::string ScenarioGroupsCsv(const simulate::ScenarioResult& r) {
  return documents::SheetCsv(ScenarioGroupsSheet(r));
}

std::string ScenarioSufficiencyCsv(const simulate::ScenarioResult& r) {
  return documents::SheetCsv(ScenarioSufficiencySheet(r));
}

documents::Workbook ScenarioWorkbook(const ScenarioRunView& run, Date made_on) {
  const simulate::ScenarioResult& r = run.result;
  const simulate::Scenario& s = r.scenario;
  documents::Sheet about{"About", {{"", "", 34, true, true}, {"", "", 90, true, false}}, {}, false};
  auto add = [&about](std::string label, Cell value) {
    about.rows.push_back({TextCell(std::move(label)), std::move(value)});
  };
  add("Policy scenario", TextCell(s.name));
  if (!s.description.empty()) add("Description", TextCell(s.description));
  for (std::size_t i = 0; i < run.changes.size(); ++i) {
    std::string change = run.changes[i];
    if (!change.empty()) change[0] = static_cast<char>(std::toupper(change[0]));
    add(i == 0 ? "What changes" : "", TextCell(std::move(change)));
  }
  add("People in the synthetic council", WholeCell(run.people));
  add("The synthetic council's seed", TextCell(std::to_string(run.council_seed)));
  add("Runs", WholeCell(s.runs));
  add("The runs' seed", TextCell(std::to_string(s.seed)));
  add("Years projected", WholeCell(s.horizon_years));
  add("Made on", TextCell(FormatLongDate(made_on)));
  add("How to read the bands",
      TextCell("Each year's figure is the median run's; the low and high columns are the 5th and "
               "95th percentile runs, so 90% of runs fall between them (with no spread in "
               "growth and no top-ups every run is the same and the three are equal)."));
  add("The sheets",
      TextCell("Years: year 0 is today, then each year under the scenario. Groups: who is better "
               "and worse off at once, before any growth, by age band and support reason. "
               "Sufficiency: the people whose new budget is below what their current plan "
               "costs. Money is in pounds a year."));
  add("Whose figures",
      TextCell("Made-up people in a synthetic council (docs/synthetic.md): the figures say "
               "nothing about any real council or person."));
  return {s.name,
          {std::move(about), ScenarioYearsSheet(r), ScenarioGroupsSheet(r),
           ScenarioSufficiencySheet(r)}};
}

std::string ScenarioFileStem(std::string_view name) {
  constexpr std::size_t kMost = 60;
  std::string stem;
  bool gap = false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 && u < 0x80) {
      if (gap && !stem.empty()) stem += '-';
      gap = false;
      if (stem.size() >= kMost) break;
      stem += static_cast<char>(std::tolower(u));
    } else {
      gap = true;
    }
  }
  while (stem.size() > kMost || (!stem.empty() && stem.back() == '-')) stem.pop_back();
  return stem.empty() ? "scenario" : stem;
}

}  // namespace selfdirect::app
