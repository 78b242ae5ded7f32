// A Google Benchmark reporter that, after the usual table, prints each measured benchmark
// beside its baseline and the ratio. A benchmark named "X/baseline" is the baseline of "X".
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>

namespace selfdirect::bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.iterations == 0) continue;
      const double ns = run.GetAdjustedRealTime();  // in the benchmark's time unit
      std::string name = run.benchmark_name();
      if (const auto at = name.find("/real_time"); at != std::string::npos) name.erase(at, 10);
      times_[name] = ns * Multiplier(run.time_unit);
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\n%-48s %14s %14s %8s\n", "benchmark", "ns/op", "baseline ns/op", "ratio");
    for (const auto& [name, ns] : times_) {
      const auto slash = name.rfind("/baseline");
      if (slash != std::string::npos) continue;
      auto base = times_.find(name + "/baseline");
      if (base == times_.end()) {
        std::printf("%-48s %14.1f %14s %8s\n", name.c_str(), ns, "-", "-");
      } else {
        std::printf("%-48s %14.1f %14.1f %7.2fx\n", name.c_str(), ns, base->second,
                    ns / base->second);
      }
    }
  }

 private:
  static double Multiplier(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kNanosecond:
        return 1;
      case benchmark::kMicrosecond:
        return 1e3;
      case benchmark::kMillisecond:
        return 1e6;
      case benchmark::kSecond:
        return 1e9;
    }
    return 1;
  }
  std::map<std::string, double> times_;
};

}  // namespace selfdirect::bench

#define SELFDIRECT_BENCH_MAIN()                   \
  int main(int argc, char** argv) {               \
    benchmark::Initialize(&argc, argv);           \
    selfdirect::bench::RatioReporter reporter;    \
    benchmark::RunSpecifiedBenchmarks(&reporter); \
    benchmark::Shutdown();                        \
    return 0;                                     \
  }
