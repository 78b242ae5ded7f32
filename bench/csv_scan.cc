// The floor for `selfdirect ras run`: read a CSV file with the same reader and touch every
// field, doing nothing else. scripts/run-bench prints `ras run` beside this.
#include <fstream>
#include <iostream>

#include "selfdirect/core/csv.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: csv_scan FILE.csv\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  selfdirect::CsvReader reader(in);
  selfdirect::CsvRecord record;
  std::size_t bytes = 0;
  std::int64_t rows = 0;
  for (;;) {
    auto next = reader.Next(record);
    if (!next) {
      if (reader.stopped()) return 1;
      continue;
    }
    if (!*next) break;
    for (std::size_t i = 0; i < record.size(); ++i) bytes += record[i].size();
    ++rows;
  }
  std::cout << rows << " rows, " << bytes << " bytes of fields\n";
  return 0;
}
