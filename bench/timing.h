// Wall-clock and CPU time for the benchmarks that time whole steps themselves (rather than
// through Google Benchmark), and the median of repeated runs.
//
//   const auto start = Steady::now();
//   const double cpu = CpuSeconds();
//   Work();
//   std::printf("%.2f s (CPU %.2f s)\n", Seconds(Steady::now() - start), CpuSeconds() - cpu);
#pragma once

#include <time.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace selfdirect::bench {

using Steady = std::chrono::steady_clock;

inline double Seconds(Steady::duration d) { return std::chrono::duration<double>(d).count(); }

// This process's CPU time (user and system), in seconds: less at the mercy of other work on a
// shared machine than the wall clock, which is the figure the targets are about.
inline double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// The middle value (the upper middle one of an even number); `values` is not empty.
inline double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace selfdirect::bench
