// What statement import needs from the store: a council's statement formats, the imports made
// into each holding account and their lines. Implemented in store/ (SQL lives there only);
// every method runs inside the caller's transaction (store::Transaction::Statements()).
//
//   auto format = tx.Statements().FindFormat(council, "Northern Bank");
//   auto before = tx.Statements().FindImportByFile(council, account, Sha256Hex(bytes));
//   tx.Statements().AddImport(import, lines);   // with the ledger transfers, in one transaction
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/statement.h"

namespace selfdirect::ledger {

// A council's statement format as a finance officer gave it: the YAML text (checked with
// ParseStatementFormat before it is stored) and the names the council's payments arrive under.
struct StoredStatementFormat {
  CouncilId council;
  std::string name;  // unique in the council; 1 to 100 characters
  std::string yaml;
  std::vector<std::string> council_payers;  // besides the council's own name
  Timestamp created_at;
  UserId created_by;
};

// One statement file imported into one holding account.
struct StatementImport {
  CouncilId council;
  StatementImportId id;
  LedgerAccountId account;
  PersonId person;  // the account's owner
  std::string format_name;
  std::string file_sha256;     // lower-case hex SHA-256 of the file's bytes
  std::optional<PlanId> plan;  // the approved plan the lines were matched against
  Timestamp imported_at;
  UserId imported_by;
  std::int64_t lines = 0;
  Pence money_in;              // the sum of the lines' money in
  Pence money_out;             // the sum of the lines' money out, as a positive amount
  std::int64_t flagged = 0;    // lines needing review when imported
  std::int64_t transfers = 0;  // ledger transfers the import made
};

// One line as stored: what the statement said, what it was found (or said) to be, and the
// transfer it made.
struct StoredStatementLine {
  std::int64_t position = 0;  // 0, 1, … in file order (LineMatch::line)
  StatementLine line;
  LineMatch match;
  std::optional<Timestamp> recategorised_at;
  UserId recategorised_by;
  std::optional<TransferId> transfer;
};

class StatementRepository {
 public:
  virtual ~StatementRepository() = default;

  // Stores a new format. kConflict, naming `name`, when the council has one by that name.
  virtual Status AddFormat(const StoredStatementFormat& format) = 0;
  // The council's formats, by name.
  virtual Result<std::vector<StoredStatementFormat>> Formats(const CouncilId& council) = 0;
  virtual Result<std::optional<StoredStatementFormat>> FindFormat(const CouncilId& council,
                                                                  const std::string& name) = 0;

  // The import of a file with this SHA-256 into this account, if there has been one.
  virtual Result<std::optional<StatementImport>> FindImportByFile(const CouncilId& council,
                                                                  const LedgerAccountId& account,
                                                                  const std::string& sha256) = 0;
  // Stores an import and all its lines. kConflict when the same file is already imported into
  // the account (a race the caller's FindImportByFile did not see).
  virtual Status AddImport(const StatementImport& import,
                           std::span<const StoredStatementLine> lines) = 0;
  virtual Result<std::optional<StatementImport>> FindImport(const CouncilId& council,
                                                            const StatementImportId& id) = 0;
  // An account's imports, the newest first.
  virtual Result<std::vector<StatementImport>> ImportsOf(const CouncilId& council,
                                                         const LedgerAccountId& account) = 0;
  // An import's lines in file order.
  virtual Result<std::vector<StoredStatementLine>> LinesOf(const CouncilId& council,
                                                           const StatementImportId& id) = 0;
  // Stores new categories for lines of an import (category, plan item, reason, needs review,
  // recategorised, note, who and when); nothing else of a line changes. kNotFound when a line
  // is not the import's.
  virtual Status SaveCategories(const CouncilId& council, const StatementImportId& id,
                                std::span<const StoredStatementLine> lines) = 0;
};

}  // namespace selfdirect::ledger
