// `selfdirect providers import FILE.csv`: bringing a council's provider list over from a
// spreadsheet (docs/market.md).
#pragma once

#include <iosfwd>
#include <string>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/council/council.h"
#include "selfdirect/store/store.h"

namespace selfdirect::cli {

// Checks every row of the file and adds all of its providers and services to `council` in one
// transaction, as the operator, or nothing. Prints "Imported N providers with M services into
// <council>." to `out`; on any problem, one line per problem ("line N, column <name>: …") to
// `err` and returns 1. A progress bar is drawn on stderr when it is a terminal and the import
// takes more than a moment.
int RunProvidersImport(store::Store& store, const Clock& clock, UlidGenerator& ids,
                       const Council& council, const std::string& path, std::ostream& out,
                       std::ostream& err);

}  // namespace selfdirect::cli
