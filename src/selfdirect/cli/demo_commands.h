// `selfdirect demo generate`: a synthetic demo council in an empty database (docs/synthetic.md).
#pragma once

#include <charconv>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "selfdirect/core/clock.h"
#include "selfdirect/store/store.h"

namespace selfdirect::cli {

struct DemoGenerateArguments {
  std::string people = "5000";  // text, so that a bad number gets our own message
  std::string seed = "1";
  std::string as_of;        // YYYY-MM-DD; today (UTC) when empty
  std::string years = "3";  // of history before the as-of date, 1 to 10
  bool if_empty = false;  // when the database has a council already: say so, change nothing, exit 0
  std::string csv;        // a directory: write the council there as CSV files, not to a database
};

// A whole number written plainly (digits, and a leading minus for a signed type), or nullopt.
template <typename T>
std::optional<T> WholeNumber(const std::string& text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// A synthetic council's --people and --seed: "" when both are good, else one plain-English line
// per problem (also for `selfdirect simulate`).
std::string CheckPeopleAndSeed(const std::string& people, const std::string& seed);

// Checks the arguments; "" when they are good, else one plain-English line per problem.
std::string CheckDemoArguments(const DemoGenerateArguments& arguments);

// Generates the demo council and writes it into `store` (already migrated), printing the
// summary and the demo sign-ins (once) to `out`, problems to `err`, and a progress bar on
// stderr when it is a terminal. Returns the exit status: 0 done (or, with if_empty, nothing to
// do), 1 refused (bad arguments, or a database that already has a council).
int RunDemoGenerate(store::Store& store, const Clock& clock, const std::string& data,
                    const DemoGenerateArguments& arguments, std::ostream& out, std::ostream& err);

// Generates the council and writes it as CSV files into arguments.csv (made when missing;
// files of the same names are replaced), no database involved (docs/synthetic.md#csv).
// Returns 0 done, 1 for bad arguments or a directory that cannot be written.
int RunDemoCsv(const Clock& clock, const DemoGenerateArguments& arguments, std::ostream& out,
               std::ostream& err);

}  // namespace selfdirect::cli
