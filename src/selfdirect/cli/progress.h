// A one-line progress bar on stderr, redrawn in place: drawn only when stderr is a terminal
// and only once the work has taken half a second, so that a small job prints nothing extra.
//
//   Progress progress;
//   progress.Update("Importing", done, total, "people");
//   progress.Finish();
#pragma once

#include <cstdint>
#include <string>

namespace selfdirect::cli {

// 1234567 → "1,234,567".
std::string Thousands(std::int64_t n);

class Progress {
 public:
  Progress();

  // `done` of `total` in the phase called `what` ("Checking", "Importing").
  void Update(const char* what, std::int64_t done, std::int64_t total, const char* unit);
  // Clears the line, if anything was drawn.
  void Finish();

 private:
  double Seconds() const;

  bool shown_;
  bool drawn_ = false;
  double last_drawn_ = 0;
  std::int64_t started_ns_ = 0;
};

}  // namespace selfdirect::cli
