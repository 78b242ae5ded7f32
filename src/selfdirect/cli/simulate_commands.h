// `selfdirect simulate --scenario FILE.yaml`: runs a policy scenario (docs/scenarios.md) over a
// synthetic council made in memory, and prints what it projects; no database is touched.
#pragma once

#include <iosfwd>
#include <string>

namespace selfdirect::cli {

struct SimulateArguments {
  std::string scenario;         // the scenario file
  std::string people = "5000";  // text, so that a bad number gets our own message
  std::string seed = "1";       // the synthetic council's seed (the scenario has its own)
  std::string csv;              // a directory for years.csv, groups.csv, sufficiency.csv
  std::string xlsx;             // a file for the workbook (its directory must exist)
};

// Checks the arguments and reads and checks the scenario file; runs nothing until every problem
// has been reported (one line each, on `err`). Then generates the council, runs the scenario,
// prints the summary to `out` and, with a CSV directory, writes the three files, and with an XLSX
// file the workbook (dated today). Returns 0 when done, 1 when refused (bad arguments or file, an
// XLSX path in no directory) or when the run or a file write fails.
int RunSimulate(const SimulateArguments& arguments, std::ostream& out, std::ostream& err);

}  // namespace selfdirect::cli
