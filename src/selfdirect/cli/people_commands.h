// `selfdirect people import FILE.csv`: bringing a caseload over from another system.
#pragma once

#include <iosfwd>
#include <string>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/council/council.h"
#include "selfdirect/store/store.h"

namespace selfdirect::cli {

struct PeopleImportArguments {
  std::string file;  // the CSV file
  bool dry_run = false;
};

// Checks every row of the file and imports all of its people into `council` in one transaction,
// as the operator, or nothing. Prints "Imported N people into <council>." (and, when the file
// has an external_reference column, each reference with its new person id) to `out`; on any
// problem, one line per problem ("line N, column <name>: …") to `err` and returns 1. A progress
// bar is drawn on stderr when it is a terminal and the import takes more than a moment.
int RunPeopleImport(store::Store& store, const Clock& clock, UlidGenerator& ids,
                    const Council& council, const PeopleImportArguments& arguments,
                    std::ostream& out, std::ostream& err);

}  // namespace selfdirect::cli
