// `selfdirect statements import` and `selfdirect statements formats add`: statement import
// from the command line (docs/statement-import.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/council/council.h"
#include "selfdirect/store/store.h"

namespace selfdirect::cli {

struct StatementImportArguments {
  std::string account;  // the holding account's id
  std::string format;   // the name of one of the council's formats
  std::string file;     // the CSV file
};

struct ContributionFileArguments {
  std::string format;   // the name of one of the council's formats
  std::string file;     // the council's bank file (CSV)
  bool record = false;  // record the payments; otherwise only check
};

struct StatementFormatArguments {
  std::string name;
  std::string file;                 // the YAML file
  std::vector<std::string> payers;  // names the council's payments arrive under
};

// Imports a statement file into a holding account of `council`, as the operator, whole or not
// at all. Prints the import and every line with its category to `out` (flagged lines marked)
// and returns 0; on refusal prints every problem, one a line ("FILE: row 7, column \"Date\":
// …"), and a summary to `err`, and returns 1.
int RunStatementsImport(store::Store& store, const Clock& clock, UlidGenerator& ids,
                        const Council& council, const StatementImportArguments& arguments,
                        std::ostream& out, std::ostream& err);

// `selfdirect statements contributions`: reads the council's bank file for contributions paid in
// (app::Payments::ReadContributionFile), prints what each line comes to, and with --record
// records the payments. Exit 1 when the file is refused.
int RunContributionFile(store::Store& store, const Clock& clock, UlidGenerator& ids,
                        const Council& council, const ContributionFileArguments& arguments,
                        std::ostream& out, std::ostream& err);

// Adds a statement format to `council` from a YAML file. Prints "Added the statement format
// NAME to COUNCIL." and returns 0; on refusal prints every problem to `err` and returns 1.
int RunStatementFormatsAdd(store::Store& store, const Clock& clock, UlidGenerator& ids,
                           const Council& council, const StatementFormatArguments& arguments,
                           std::ostream& out, std::ostream& err);

}  // namespace selfdirect::cli
