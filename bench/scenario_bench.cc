// Issue #8's two benchmarks, on one synthetic council of 1,000,000 people made in memory (seed
// 1, the demo council's points-and-price model `models/points-price.yaml`, "today" 2026-11-23,
// three years of history, as `selfdirect simulate` makes it):
//
// 1. Generating it: `GenerateCouncil` and then `StepsInTimeOrder` (the order the demo loader
//    writes a council in). Target: at most 60 s. Printed: seconds, people per second, CPU
//    seconds, and the peak memory of the generation (VmHWM, reset just before it). Baseline:
//    the same number of people with only a name, a date of birth and a first-contact time
//    (gender and ethnicity from the generator's tables, names from `NameFor`, ages evenly from
//    18 to 99): the least any generator of people with a history must do. Also timed: writing
//    the council as CSV files into a temporary directory (`WriteCouncilCsv`, what
//    `demo generate --csv DIR` does after generating), with the generation: the same target.
// 2. Running each of the five example scenarios (`scenarios/*.yaml`) with `RunScenario` over
//    the council's baseline population (`PopulationFromCouncil`, timed too). Target: at most
//    5 s each. Baseline: one pass over the same population working out each person's RAS
//    amount with the compiled model (the least a scenario that re-prices the model must do).
//    Each scenario's result is printed as a fingerprint (FNV-1a over every figure) so that a
//    change to the engine can be checked to leave results byte for byte as they were.
//
// Options (others, such as the Google Benchmark flags scripts/run-bench gives every benchmark,
// are ignored): --people=N (1,000,000), --runs=N (scenario runs per example, median; 3),
// --part=generate|scenarios|all (all; "scenarios" still generates the council, untimed).
#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "bench/timing.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/council_csv.h"
#include "selfdirect/simulate/distributions.h"
#include "selfdirect/simulate/names.h"
#include "selfdirect/simulate/random.h"
#include "selfdirect/simulate/scenario.h"
#include "selfdirect/simulate/scenario_run.h"

namespace selfdirect::simulate {
namespace {

using bench::CpuSeconds;
using bench::Median;
using bench::Seconds;
using bench::Steady;

std::int64_t g_people = 1'000'000;
int g_runs = 3;
std::string g_part = "all";
constexpr double kGenerateTargetSeconds = 60.0;
constexpr double kScenarioTargetSeconds = 5.0;
constexpr const char* kAsOf = "2026-11-23";
constexpr const char* kScenarioFiles[] = {"25-percent-cut", "demand-doubles-in-20-years",
                                          "towards-cash", "best-of-both", "responsibility-shift"};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A line of /proc/self/status in MiB ("VmHWM", "VmRSS").
double StatusMiB(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(key + ":")) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  }
  return 0;
}

// Sets VmHWM back to the current resident size (Linux: "5" to clear_refs), so that the next
// reading is the peak of what follows.
void ResetPeakMemory() { std::ofstream("/proc/self/clear_refs") << "5"; }

struct Timed {
  double seconds = 0, cpu = 0;
};

template <typename F>
Timed Time(F&& f) {
  const auto start = Steady::now();
  const double cpu = CpuSeconds();
  f();
  return {Seconds(Steady::now() - start), CpuSeconds() - cpu};
}

// ---------------------------------------------------------------------------------------------
// Generation.

// The baseline's person: a name, a date of birth and when they first got in touch.
struct NamedPerson {
  std::string given, family, date_of_birth;
  Timestamp contact_at;
};

// `people` people with only names and dates, from the generator's tables and name lists.
std::vector<NamedPerson> NamesAndDates(std::int64_t people, Date as_of, int years) {
  Random random = StageStream(1, "people");
  Random dates = StageStream(1, "contacts");
  const Date first_day = AddMonths(as_of, -12 * years);
  const int days = DaysBetween(first_day, AddDays(as_of, -1));
  std::vector<NamedPerson> out(static_cast<std::size_t>(people));
  for (NamedPerson& p : out) {
    const bool older = kAgeGroup[Choose(random, kAgeGroup)].code == "65+";
    const int age = static_cast<int>(random.Between(18, 99));
    const Date born =
        AddDays(AddMonths(as_of, -12 * age), -static_cast<int>(random.Between(1, 364)));
    p.date_of_birth = FormatIsoDate(born);
    const auto gender = older ? std::span<const Weighted>(kGender65Plus) : kGender18to64;
    const std::string_view g = gender[Choose(random, gender)].code;
    const std::string_view ethnicity = kEthnicity[Choose(random, kEthnicity)].code;
    Names names = NameFor(random, g, ethnicity, age);
    p.given = std::move(names.given);
    p.family = std::move(names.family);
    p.contact_at =
        Timestamp{date::sys_days{AddDays(first_day, static_cast<int>(dates.Between(0, days)))}
                      .time_since_epoch()} +
        std::chrono::minutes{9 * 60 + dates.Between(0, 8 * 60 - 1)};
  }
  return out;
}

void PrintCounts(const SyntheticCouncil& council, std::size_t steps) {
  std::int64_t decided = 0, assessed = 0, approved = 0, reviews = 0, closed = 0, money = 0;
  for (const SyntheticPerson& p : council.people) {
    decided += p.eligibility ? 1 : 0;
    assessed += p.assessment ? 1 : 0;
    approved += p.plan && p.plan->approved_at ? 1 : 0;
    reviews += static_cast<std::int64_t>(p.reviews.size());
    closed += p.closure ? 1 : 0;
    money += p.money ? 1 : 0;
  }
  std::printf(
      "council: %zu people, %lld eligibility decisions, %lld assessments, %lld plans signed off, "
      "%lld reviews, %lld closures, %lld direct payments; %zu steps\n",
      council.people.size(), static_cast<long long>(decided), static_cast<long long>(assessed),
      static_cast<long long>(approved), static_cast<long long>(reviews),
      static_cast<long long>(closed), static_cast<long long>(money), steps);
}

// Writes every table of the council's CSV set into a new directory under $TMPDIR (removed
// after), as `demo generate --csv` does; returns the bytes written.
std::int64_t WriteCsvFiles(const SyntheticCouncil& council) {
  std::string dir = (std::filesystem::temp_directory_path() / "selfdirect-csv-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr) Die("cannot make a directory in " + dir);
  std::map<std::string_view, std::ofstream> files;
  for (std::string_view table : CouncilCsvTables()) {
    files[table].open(std::filesystem::path(dir) / std::string(table), std::ios::binary);
  }
  std::int64_t bytes = 0;
  WriteCouncilCsv(council, [&](std::string_view table, std::string_view text) {
    files.at(table).write(text.data(), static_cast<std::streamsize>(text.size()));
    bytes += static_cast<std::int64_t>(text.size());
  });
  for (auto& [table, file] : files) {
    file.close();
    if (!file) Die("cannot write " + std::string(table) + " in " + dir);
  }
  std::filesystem::remove_all(dir);
  return bytes;
}

// Generates the council, timing it (and printing the figures) when `report`.
SyntheticCouncil Generate(const ras::Model& model, bool report) {
  CouncilOptions options;
  options.people = g_people;
  options.seed = 1;
  options.as_of = *ParseIsoDate(kAsOf);
  options.years = 3;
  if (!report) {
    auto council = GenerateCouncil(model, options);
    if (!council) Die("generate: " + council.error().message);
    return std::move(*council);
  }

  std::printf("== generating a council: %lld people, seed 1, three years before %s\n",
              static_cast<long long>(g_people), kAsOf);
  double base_mib = 0;
  Timed base;
  {
    ResetPeakMemory();
    const double before = StatusMiB("VmRSS");
    std::vector<NamedPerson> named;
    base = Time([&] { named = NamesAndDates(g_people, options.as_of, options.years); });
    base_mib = StatusMiB("VmHWM") - before;
  }
  ResetPeakMemory();
  const double rss_before = StatusMiB("VmRSS");
  Result<SyntheticCouncil> council;
  const Timed generate = Time([&] { council = GenerateCouncil(model, options); });
  if (!council) Die("generate: " + council.error().message);
  const double peak_mib = StatusMiB("VmHWM") - rss_before;
  const double held_mib = StatusMiB("VmRSS") - rss_before;
  std::vector<Step> steps;
  const Timed order = Time([&] { steps = StepsInTimeOrder(*council); });
  PrintCounts(*council, steps.size());
  // What `demo generate --csv DIR` does after generating: every table to a file on disk.
  std::int64_t csv_bytes = 0;
  const Timed csv = Time([&] { csv_bytes = WriteCsvFiles(*council); });

  const double n = static_cast<double>(g_people);
  const double total = generate.seconds + order.seconds;
  std::printf("%-52s %9s %9s %13s %11s %8s\n", "step", "seconds", "CPU s", "people/second",
              "baseline s", "ratio");
  std::printf("%-52s %9.2f %9.2f %13.0f %11.3f %7.1fx\n", "GenerateCouncil + StepsInTimeOrder",
              total, generate.cpu + order.cpu, n / total, base.seconds, total / base.seconds);
  std::printf("%-52s %9.2f %9.2f %13.0f %11s %8s\n", "  GenerateCouncil", generate.seconds,
              generate.cpu, n / generate.seconds, "-", "-");
  std::printf("%-52s %9.2f %9.2f %13s %11s %8s\n", "  StepsInTimeOrder", order.seconds, order.cpu,
              "-", "-", "-");
  std::printf("%-52s %9.2f %9.2f %13.0f %11.3f %7.1fx\n", "GenerateCouncil + CSV files (--csv)",
              generate.seconds + csv.seconds, generate.cpu + csv.cpu,
              n / (generate.seconds + csv.seconds), base.seconds,
              (generate.seconds + csv.seconds) / base.seconds);
  std::printf(
      "%-52s %9.2f %9.2f %13s %11s %8s\n",
      fmt::format("  WriteCouncilCsv ({:.0f} MB)", static_cast<double>(csv_bytes) / 1e6).c_str(),
      csv.seconds, csv.cpu, "-", "-", "-");
  std::printf("%-52s %9.3f %9.3f %13.0f %11s %8s\n", "baseline: names and dates only", base.seconds,
              base.cpu, n / base.seconds, "-", "-");
  std::printf(
      "memory: generation peak %.0f MiB above the start (VmHWM), council held %.0f MiB "
      "(%.0f bytes a person); baseline peak %.0f MiB\n",
      peak_mib, held_mib, held_mib * 1024 * 1024 / n, base_mib);
  std::printf(
      "target: %lld people with three years of history in at most %.0f s: %s in memory, "
      "%s as CSV files\n\n",
      static_cast<long long>(g_people), kGenerateTargetSeconds,
      total <= kGenerateTargetSeconds ? "met" : "NOT met",
      generate.seconds + csv.seconds <= kGenerateTargetSeconds ? "met" : "NOT met");
  return std::move(*council);
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

// FNV-1a over every figure of a result, to see at a glance that two builds agree.
class Fingerprint {
 public:
  void Add(std::int64_t v) {
    for (int i = 0; i < 8; ++i)
      Byte(static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i)));
  }
  void Add(const std::string& s) {
    for (char c : s) Byte(static_cast<std::uint8_t>(c));
    Byte(0);
  }
  void Add(const Band& b) {
    Add(b.central);
    Add(b.low);
    Add(b.high);
  }
  std::uint64_t value() const { return h_; }

 private:
  void Byte(std::uint8_t b) {
    h_ ^= b;
    h_ *= 1099511628211ULL;
  }
  std::uint64_t h_ = 14695981039346656037ULL;
};

std::uint64_t FingerprintOf(const ScenarioResult& r) {
  Fingerprint f;
  for (std::int64_t v : {r.baseline_people_eligible, r.baseline_people_with_budget,
                         r.baseline_budgets, r.baseline_direct_payments, r.price_per_point_before,
                         r.price_per_point_after, r.funding_target}) {
    f.Add(v);
  }
  for (const ScenarioYear& y : r.years) {
    f.Add(y.year);
    f.Add(y.people_eligible);
    f.Add(y.budgets);
    f.Add(y.council_cost);
    f.Add(y.direct_payments);
  }
  for (const ScenarioGroup& g : r.groups) {
    f.Add(g.dimension);
    f.Add(g.group);
    for (std::int64_t v :
         {g.people, g.winners, g.losers, g.unchanged, g.money_up, g.money_down,
          g.no_longer_eligible, g.newly_eligible, g.below_plan_cost, g.shortfall}) {
      f.Add(v);
    }
  }
  const Sufficiency& s = r.sufficiency;
  for (std::int64_t v : {s.people_with_plan, s.below_plan_cost, s.per_mille, s.shortfall}) f.Add(v);
  f.Add(s.people_topping_up);
  f.Add(s.topped_up);
  return f.value();
}

// The baseline: each person's RAS amount from their answers, once, with the compiled model.
std::int64_t EveryAmount(const ras::Program& program, const BaselinePopulation& population) {
  ras::Evaluator evaluator(program);
  std::int64_t total = 0;
  for (const BaselinePerson& p : population.people) {
    if (p.inputs.empty()) continue;
    const auto outcome = evaluator.Run(p.inputs.data());
    if (!outcome.ok) Die("the model overflowed");
    total += outcome.pence;
  }
  return total;
}

void RunScenarios(const ras::Model& model, const std::string& model_text,
                  SyntheticCouncil council) {
  Result<BaselinePopulation> population;
  const Timed build = Time([&] { population = PopulationFromCouncil(council, model); });
  if (!population) Die("population: " + population.error().message);
  council = {};  // only the population is needed from here on
  std::int64_t with_inputs = 0;
  for (const BaselinePerson& p : population->people) with_inputs += p.inputs.empty() ? 0 : 1;
  std::printf(
      "== scenarios over %lld people: %zu with an eligibility decision (%lld with a budget and "
      "answers); PopulationFromCouncil %.2f s; median of %d runs each\n",
      static_cast<long long>(g_people), population->people.size(),
      static_cast<long long>(with_inputs), build.seconds, g_runs);

  const ras::Program program = ras::Compile(model);
  std::vector<double> base_times, base_cpus;
  std::int64_t amounts = 0;
  for (int i = 0; i < g_runs; ++i) {
    const Timed t = Time([&] { amounts = EveryAmount(program, *population); });
    base_times.push_back(t.seconds);
    base_cpus.push_back(t.cpu);
  }
  const double base = Median(base_times);
  std::printf(
      "baseline: every RAS amount once with the compiled model, %.3f s (CPU %.3f s; total %lld "
      "pence)\n",
      base, Median(base_cpus), static_cast<long long>(amounts));

  // "short": people whose new budget is below their plan's cost; each Monte Carlo run draws
  // once for each of them (who tops up).
  std::printf("%-34s %9s %9s %11s %8s %8s %5s %8s  %s\n", "scenario", "seconds", "CPU s",
              "baseline s", "ratio", "target", "runs", "short", "fingerprint");
  bool all_met = true;
  for (const char* file : kScenarioFiles) {
    const std::string path = std::string(SELFDIRECT_SOURCE_DIR) + "/scenarios/" + file + ".yaml";
    auto scenario = ParseScenario(ReadFile(path), path);
    if (!scenario) Die(std::string("scenario: ") + file);
    std::vector<double> times, cpus;
    std::uint64_t fingerprint = 0;
    std::int64_t short_of_plan = 0;
    for (int i = 0; i < g_runs; ++i) {
      Result<ScenarioResult> result;
      const Timed t = Time([&] {
        result = RunScenario(*scenario, *population, {&model, model_text});
      });
      if (!result) Die(std::string("run ") + file + ": " + result.error().message);
      const std::uint64_t f = FingerprintOf(*result);
      if (i > 0 && f != fingerprint) Die(std::string("run ") + file + ": results differ");
      fingerprint = f;
      short_of_plan = result->sufficiency.below_plan_cost;
      times.push_back(t.seconds);
      cpus.push_back(t.cpu);
    }
    const double s = Median(times);
    all_met = all_met && s <= kScenarioTargetSeconds;
    std::printf("%-34s %9.3f %9.3f %11.3f %7.1fx %8s %5d %8lld  %016llx\n", file, s, Median(cpus),
                base, s / base, s <= kScenarioTargetSeconds ? "met" : "NOT met", scenario->runs,
                static_cast<long long>(short_of_plan),
                static_cast<unsigned long long>(fingerprint));
  }
  std::printf("target: each scenario over %lld people in at most %.0f s: %s\n",
              static_cast<long long>(g_people), kScenarioTargetSeconds,
              all_met ? "met" : "NOT met");
}

void Main() {
  const std::string path = std::string(SELFDIRECT_SOURCE_DIR) + "/models/points-price.yaml";
  const std::string text = ReadFile(path);
  auto model = ras::LoadModel(text, "points-price.yaml");
  if (!model) Die(ras::FormatProblem(path, model.error()[0]));
  const bool generate = g_part == "generate" || g_part == "all";
  const bool scenarios = g_part == "scenarios" || g_part == "all";
  if (!generate && !scenarios) Die("--part is generate, scenarios or all");
  SyntheticCouncil council = Generate(**model, generate);
  if (scenarios) RunScenarios(**model, text, std::move(council));
}

}  // namespace
}  // namespace selfdirect::simulate

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.starts_with("--people=")) selfdirect::simulate::g_people = std::stoll(arg.substr(9));
    if (arg.starts_with("--runs=")) selfdirect::simulate::g_runs = std::stoi(arg.substr(7));
    if (arg.starts_with("--part=")) selfdirect::simulate::g_part = arg.substr(7);
  }
  selfdirect::simulate::Main();
  return 0;
}
