#include "selfdirect/cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>

namespace selfdirect::cli {
namespace {

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return (n < 0 ? "-" : "") + out;
}

Progress::Progress() : shown_(isatty(STDERR_FILENO) == 1), started_ns_(NowNs()) {}

void Progress::Update(const char* what, std::int64_t done, std::int64_t total, const char* unit) {
  if (!shown_ || total <= 0) return;
  const double now = Seconds();
  if (now < 0.5 || (drawn_ && now - last_drawn_ < 0.1)) return;
  last_drawn_ = now;
  const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  std::string bar(static_cast<std::size_t>(share * 30), '#');
  bar.resize(30, '.');
  std::cerr << fmt::format("\r{:<9} [{}] {:3.0f}%  {} {}  {:.1f} s ", what, bar, share * 100,
                           Thousands(done), unit, now)
            << std::flush;
  drawn_ = true;
}

void Progress::Finish() {
  if (drawn_) std::cerr << "\r" << std::string(79, ' ') << "\r" << std::flush;
  drawn_ = false;
}

double Progress::Seconds() const { return static_cast<double>(NowNs() - started_ns_) / 1e9; }

}  // namespace selfdirect::cli
