#include "selfdirect/cli/simulate_commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "selfdirect/app/demo_council.h"
#include "selfdirect/cli/demo_commands.h"
#include "selfdirect/cli/progress.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/scenario.h"
#include "selfdirect/simulate/scenario_run.h"

namespace selfdirect::cli {
namespace {

// The synthetic council's "today": fixed, so that the same seeds give the same result on any
// day.
constexpr const char* kCouncilAsOf = "2026-11-23";

std::string Pounds(std::int64_t pence) { return FormatPounds(Pence(pence)); }

// "£1.2m" style for wide tables: pounds to the nearest thousand.
std::string Money(std::int64_t pence) {
  return "£" + Thousands(static_cast<std::int64_t>(
                   RoundDivide(pence, 100'000, RoundingRule::kHalfUp) * 1000));
}

std::string Banded(const simulate::Band& b, bool money) {
  auto f = [&](std::int64_t v) { return money ? Money(v) : Thousands(v); };
  if (b.low == b.high) return f(b.central);
  return fmt::format("{} ({} to {})", f(b.central), f(b.low), f(b.high));
}

std::string PerMille(std::int64_t n, std::int64_t of) {
  if (of == 0) return "0%";
  const auto tenths = RoundDivide(static_cast<Int128>(n) * 1000, of, RoundingRule::kHalfUp);
  return fmt::format("{}.{}%", static_cast<std::int64_t>(tenths / 10),
                     static_cast<std::int64_t>(tenths % 10));
}

// A table row without the spaces an empty last column leaves.
std::string Row(std::string row) {
  const auto end = row.find_last_not_of(' ', row.size() - 2);
  return row.erase(end + 1, row.size() - end - 2);
}

std::string GroupName(const simulate::ScenarioGroup& g) {
  if (g.dimension == "everyone") return "Everyone";
  if (g.group == "memory_cognition") return "memory and cognition";
  std::string name = g.group;
  for (char& c : name) c = c == '_' ? ' ' : c;
  return name;
}

void PrintSummary(const simulate::ScenarioResult& r, const std::string& file, std::int64_t people,
                  std::uint64_t seed, std::ostream& out) {
  const simulate::Scenario& s = r.scenario;
  out << "Scenario: " << s.name << " (" << file << ")\n";
  if (!s.description.empty()) out << s.description << "\n";
  out << fmt::format(
      "\nToday, in a synthetic council of {} people (seed {}): {} eligible, {} with a budget "
      "({} of them with a direct payment), {} a year in budgets.\n",
      Thousands(people), seed, Thousands(r.baseline_people_eligible),
      Thousands(r.baseline_people_with_budget), Thousands(r.baseline_direct_payments),
      Pounds(r.baseline_budgets));
  out << "What changes:\n";
  bool any = false;
  if (s.price_per_point_change_bp) {
    out << fmt::format("  the price per point goes from {} to {} a week ({})\n",
                       ras::FormatMicrosAsPounds(r.price_per_point_before),
                       ras::FormatMicrosAsPounds(r.price_per_point_after),
                       simulate::FormatPercentBp(*s.price_per_point_change_bp));
    any = true;
  }
  if (s.eligibility_min_outcomes != 2) {
    out << fmt::format(
        "  eligible when {} or more of the ten outcomes are not achieved (today 2)\n",
        s.eligibility_min_outcomes);
    any = true;
  }
  if (s.funding_change_bp) {
    out << fmt::format(
        "  the money for budgets changes by {} to {}; every budget is scaled to fit\n",
        simulate::FormatPercentBp(*s.funding_change_bp), Pounds(r.funding_target));
    any = true;
  }
  if (s.demand_growth_bp != 0 || s.demand_growth_spread_bp != 0) {
    out << fmt::format("  demand grows {} a year (each year's growth drawn within ±{} of it)\n",
                       simulate::FormatPercentBp(s.demand_growth_bp),
                       simulate::FormatPercentBp(s.demand_growth_spread_bp));
    any = true;
  }
  if (s.contribution_bp != 0) {
    out << fmt::format("  people pay {} of their budget as a contribution\n",
                       simulate::FormatPercentBp(s.contribution_bp));
    any = true;
  }
  if (s.top_up_bp != 0) {
    out << fmt::format("  {} of the people left short top up their budget themselves\n",
                       simulate::FormatPercentBp(s.top_up_bp));
    any = true;
  }
  if (s.direct_payment_share_bp) {
    out << fmt::format("  {} of people with a budget take a direct payment\n",
                       simulate::FormatPercentBp(*s.direct_payment_share_bp));
    any = true;
  }
  if (!any) out << "  nothing: today's rules, projected\n";

  out << fmt::format(
      "\nEach year, the median of {} run{} (in brackets the 90% band, from the 5th to the 95th "
      "percentile run):\n",
      Thousands(s.runs), s.runs == 1 ? "" : "s");
  out << fmt::format("  {:>4}  {:<28}  {:<40}  {}\n", "Year", "People eligible", "Budgets a year",
                     "Cost to the council a year");
  for (const simulate::ScenarioYear& y : r.years) {
    out << fmt::format("  {:>4}  {:<28}  {:<40}  {}\n", y.year, Banded(y.people_eligible, false),
                       Banded(y.budgets, true), Banded(y.council_cost, true));
  }

  out << fmt::format("People with a direct payment: {} today, {} in year 1, {} in year {}.\n",
                     Thousands(r.baseline_direct_payments),
                     Banded(r.years.front().direct_payments, false),
                     Banded(r.years.back().direct_payments, false), r.years.back().year);

  out << "\nWho is better and worse off at once, before any growth (budgets a year; \"below "
         "plan\": a budget below what the person's plan costs):\n";
  constexpr const char* kRow = "  {:<22} {:>7} {:>7} {:>7} {:>12} {:>12} {:>10} {:>7} {:>12}\n";
  out << Row(fmt::format(kRow, "Group", "People", "Better", "Worse", "Gained", "Lost", "No longer",
                         "Below", "Shortfall"));
  out << Row(fmt::format(kRow, "", "", "off", "off", "", "", "eligible", "plan", ""));
  std::string dimension;
  for (const simulate::ScenarioGroup& g : r.groups) {
    if (g.dimension != dimension) {
      dimension = g.dimension;
      if (dimension != "everyone") out << "  By " << dimension << ":\n";
    }
    out << Row(fmt::format(kRow, GroupName(g), Thousands(g.people), Thousands(g.winners),
                           Thousands(g.losers), Money(g.money_up), Money(g.money_down),
                           Thousands(g.no_longer_eligible), Thousands(g.below_plan_cost),
                           Money(g.shortfall)));
  }
  const simulate::Sufficiency& f = r.sufficiency;
  out << fmt::format(
      "\nSufficiency: {} of the {} people with a plan ({}) would have a budget below what their "
      "plan costs, short by {} a year in all.\n",
      Thousands(f.below_plan_cost), Thousands(f.people_with_plan),
      PerMille(f.below_plan_cost, f.people_with_plan), Pounds(f.shortfall));
  if (s.top_up_bp != 0) {
    out << fmt::format("Of them, {} would top up, paying {} a year.\n",
                       Banded(f.people_topping_up, false), Banded(f.topped_up, true));
  }
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    AppendCsvField(line, fields[i]);
  }
  return line + "\n";
}

std::string Decimal(std::int64_t pence) { return FormatDecimal(Pence(pence)); }

std::string YearsCsv(const simulate::ScenarioResult& r) {
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

std::string GroupsCsv(const simulate::ScenarioResult& r) {
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

std::string SufficiencyCsv(const simulate::ScenarioResult& r) {
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

bool WriteCsvFiles(const simulate::ScenarioResult& r, const std::string& directory,
                   std::ostream& out, std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    err << "selfdirect: cannot make the directory " << directory << ": " << ec.message() << "\n";
    return false;
  }
  for (const auto& [name, text] :
       {std::pair{"years.csv", YearsCsv(r)}, std::pair{"groups.csv", GroupsCsv(r)},
        std::pair{"sufficiency.csv", SufficiencyCsv(r)}}) {
    const std::string path = (std::filesystem::path(directory) / name).string();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) {
      err << "selfdirect: cannot write " << path << "\n";
      return false;
    }
    out << "Wrote " << path << "\n";
  }
  return true;
}

}  // namespace

int RunSimulate(const SimulateArguments& a, std::ostream& out, std::ostream& err) {
  std::string problems = CheckPeopleAndSeed(a.people, a.seed);
  const auto people = WholeNumber<std::int64_t>(a.people);
  const auto seed = WholeNumber<std::uint64_t>(a.seed);
  std::optional<simulate::Scenario> scenario;
  std::ifstream file(a.scenario, std::ios::binary);
  if (!file) {
    problems += fmt::format("{}: cannot be read\n", a.scenario);
  } else {
    std::string text(simulate::kMaxScenarioBytes + 1, '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(file.gcount()));
    auto parsed = simulate::ParseScenario(text, a.scenario);
    if (parsed) {
      scenario = std::move(*parsed);
    } else {
      for (const FieldError& f : parsed.error().fields) {
        // A problem with the whole file names the file in its message already.
        problems +=
            f.field.empty() ? f.message + "\n" : fmt::format("{}: {}\n", a.scenario, f.message);
      }
    }
  }
  if (!problems.empty()) {
    err << problems << "Nothing was run.\n";
    return 1;
  }

  const std::string_view model_text = app::DemoRasModel();
  auto model = ras::LoadModel(model_text, "points-price.yaml");
  if (!model) {
    err << "selfdirect: the built-in RAS model is refused\n";
    return 1;
  }
  simulate::CouncilOptions options;
  options.people = *people;
  options.seed = *seed;
  options.as_of = *ParseIsoDate(kCouncilAsOf);
  auto council = simulate::GenerateCouncil(**model, options);
  if (!council) {
    err << "selfdirect: " << council.error().message << "\n";
    return 1;
  }
  auto baseline = simulate::PopulationFromCouncil(*council, **model);
  if (!baseline) {
    err << "selfdirect: " << baseline.error().message << "\n";
    return 1;
  }
  auto result = simulate::RunScenario(*scenario, *baseline, {model->get(), model_text});
  if (!result) {
    err << "selfdirect: " << result.error().message << "\n";
    for (const FieldError& f : result.error().fields)
      err << a.scenario << ": " << f.message << "\n";
    return 1;
  }
  PrintSummary(*result, a.scenario, *people, *seed, out);
  if (!a.csv.empty()) {
    out << "\n";
    if (!WriteCsvFiles(*result, a.csv, out, err)) return 1;
  }
  return 0;
}

}  // namespace selfdirect::cli
