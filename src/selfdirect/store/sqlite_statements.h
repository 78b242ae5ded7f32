// Statement formats, imports and their lines in SQLite (migration 0016).
#pragma once

#include "selfdirect/ledger/statement_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteStatementRepository final : public ledger::StatementRepository {
 public:
  explicit SqliteStatementRepository(Connection& c) : c_(c) {}

  Status AddFormat(const ledger::StoredStatementFormat& format) override;
  Result<std::vector<ledger::StoredStatementFormat>> Formats(const CouncilId& council) override;
  Result<std::optional<ledger::StoredStatementFormat>> FindFormat(const CouncilId& council,
                                                                  const std::string& name) override;
  Result<std::optional<ledger::StatementImport>> FindImportByFile(
      const CouncilId& council, const LedgerAccountId& account, const std::string& sha256) override;
  Status AddImport(const ledger::StatementImport& import,
                   std::span<const ledger::StoredStatementLine> lines) override;
  Result<std::optional<ledger::StatementImport>> FindImport(const CouncilId& council,
                                                            const StatementImportId& id) override;
  Result<std::vector<ledger::StatementImport>> ImportsOf(const CouncilId& council,
                                                         const LedgerAccountId& account) override;
  Result<std::vector<ledger::StoredStatementLine>> LinesOf(const CouncilId& council,
                                                           const StatementImportId& id) override;
  Status SaveCategories(const CouncilId& council, const StatementImportId& id,
                        std::span<const ledger::StoredStatementLine> lines) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
