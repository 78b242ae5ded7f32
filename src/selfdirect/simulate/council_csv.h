// A synthetic council as a set of CSV files, one per kind of record, for researchers and for
// loading into other tools (`selfdirect demo generate --csv DIR`, docs/synthetic.md#csv). What
// the generator decides is all here; what the system works out when the council is written into
// a database (ids, the payment runs, the ledger, the monitoring) is not.
//
// No I/O: each table's text is handed to `write` in pieces of about a megabyte, in order, so a
// million people never sit in memory twice.
//
//   WriteCouncilCsv(*council, [&](std::string_view table, std::string_view text) {
//     files[table] << text;   // "people.csv", "plans.csv", …
//   });
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "selfdirect/simulate/council.h"

namespace selfdirect::simulate {

// The tables in the order they are written, each named by its file ("people.csv").
std::vector<std::string_view> CouncilCsvTables();

using CsvWrite = std::function<void(std::string_view table, std::string_view text)>;

// Writes every table, its header first. People are keyed by `person` (their index in the
// council), providers by `provider` and services by `provider` and `service` (indexes in the
// market); money is in pence, times in UTC (ISO 8601), dates YYYY-MM-DD; a step that has not
// happened by the as-of date is empty.
// `on_progress`, when given, hears (people written, all people) every 10,000 people and at the
// end.
void WriteCouncilCsv(const SyntheticCouncil& council, const CsvWrite& write,
                     const std::function<void(std::int64_t, std::int64_t)>& on_progress = {});

}  // namespace selfdirect::simulate
