#include "selfdirect/cli/simulate_commands.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "selfdirect/app/demo_council.h"
#include "selfdirect/app/scenarios.h"
#include "selfdirect/cli/demo_commands.h"
#include "selfdirect/cli/progress.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/documents/xlsx.h"
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
  for (const std::string& change : app::ScenarioChanges(r)) out << "  " << change << "\n";

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

bool WriteCsvFiles(const simulate::ScenarioResult& r, const std::string& directory,
                   std::ostream& out, std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    err << "selfdirect: cannot make the directory " << directory << ": " << ec.message() << "\n";
    return false;
  }
  for (const auto& [name, text] : {std::pair{"years.csv", app::ScenarioYearsCsv(r)},
                                   std::pair{"groups.csv", app::ScenarioGroupsCsv(r)},
                                   std::pair{"sufficiency.csv", app::ScenarioSufficiencyCsv(r)}}) {
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

// Why the workbook could not be written to `path`, before anything runs; "" when it can be tried.
std::string CheckXlsxPath(const std::string& path) {
  if (path.empty()) return "";
  std::error_code ec;
  const std::filesystem::path file(path);
  if (std::filesystem::is_directory(file, ec)) {
    return fmt::format("--xlsx {}: is a directory; give a file name such as {}\n", path,
                       (file / "scenario.xlsx").string());
  }
  const std::filesystem::path parent = file.has_parent_path() ? file.parent_path() : ".";
  if (!std::filesystem::is_directory(parent, ec)) {
    return fmt::format("--xlsx {}: the directory {} does not exist\n", path, parent.string());
  }
  return "";
}

bool WriteXlsxFile(const app::ScenarioRunView& run, const std::string& path, std::ostream& out,
                   std::ostream& err) {
  auto xlsx = documents::RenderXlsx(app::ScenarioWorkbook(run, SystemClock().Today()));
  if (!xlsx) {
    err << "selfdirect: " << xlsx.error().message << "\n";
    return false;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << *xlsx;
  file.close();
  if (!file) {
    err << "selfdirect: cannot write " << path << ": " << std::strerror(errno) << "\n";
    return false;
  }
  out << "Wrote " << path << "\n";
  return true;
}

}  // namespace

int RunSimulate(const SimulateArguments& a, std::ostream& out, std::ostream& err) {
  std::string problems = CheckPeopleAndSeed(a.people, a.seed) + CheckXlsxPath(a.xlsx);
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
  if (!a.csv.empty() || !a.xlsx.empty()) out << "\n";
  if (!a.csv.empty() && !WriteCsvFiles(*result, a.csv, out, err)) return 1;
  if (!a.xlsx.empty()) {
    app::ScenarioRunView run;
    run.changes = app::ScenarioChanges(*result);
    run.result = std::move(*result);
    run.people = *people;
    run.council_seed = *seed;
    if (!WriteXlsxFile(run, a.xlsx, out, err)) return 1;
  }
  return 0;
}

}  // namespace selfdirect::cli
