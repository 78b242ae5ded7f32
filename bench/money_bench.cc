// Money: the cost of checked, exactly-rounded arithmetic against plain int64 arithmetic.
#include <cstdlib>
#include <random>
#include <vector>

#include "bench/ratio_reporter.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/period.h"

namespace selfdirect {
namespace {

std::vector<std::int64_t> Amounts() {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::int64_t> dist(0, 100'000'000);
  std::vector<std::int64_t> v(4096);
  for (auto& x : v) x = dist(rng);
  return v;
}

void WeeklyToAnnual(benchmark::State& state) {
  const auto amounts = Amounts();
  const WeeksPerYear wpy{365, 7};
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = ConvertPeriod(Pence(amounts[i++ & 4095]), Period::kWeekly, Period::kAnnual, wpy);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(WeeklyToAnnual);

// Baseline: the same conversion in plain int64, half-up, no overflow check.
void WeeklyToAnnual_Baseline(benchmark::State& state) {
  const auto amounts = Amounts();
  std::size_t i = 0;
  for (auto _ : state) {
    const std::int64_t x = amounts[i++ & 4095] * 365;
    std::int64_t r = (x + 3) / 7;
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(WeeklyToAnnual_Baseline)->Name("WeeklyToAnnual/baseline");

void CheckedSum(benchmark::State& state) {
  const auto amounts = Amounts();
  for (auto _ : state) {
    Pence total(0);
    for (auto a : amounts) total = *total.Plus(Pence(a));
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}
BENCHMARK(CheckedSum);

void CheckedSum_Baseline(benchmark::State& state) {
  const auto amounts = Amounts();
  for (auto _ : state) {
    std::int64_t total = 0;
    for (auto a : amounts) total += a;
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}
BENCHMARK(CheckedSum_Baseline)->Name("CheckedSum/baseline");

void ParsePoundsBench(benchmark::State& state) {
  for (auto _ : state) {
    auto r = ParsePounds("£12,345.67");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(ParsePoundsBench)->Name("ParsePounds");

// Baseline: strtoll of the digits with no validation at all.
void ParsePounds_Baseline(benchmark::State& state) {
  const char* text = "1234567";
  for (auto _ : state) {
    std::int64_t r = std::strtoll(text, nullptr, 10);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(ParsePounds_Baseline)->Name("ParsePounds/baseline");

}  // namespace
}  // namespace selfdirect

SELFDIRECT_BENCH_MAIN()
