// Bringing a council's provider list over from a spreadsheet: `selfdirect providers import
// FILE.csv` (docs/market.md, docs/samples/providers.csv). Every row is checked first; then either
// every provider and service is added in one transaction, or nothing is, with one line per
// problem (app::ImportProblem, as the people import reports them).
//
//   ProviderImport import(store, clock, ids);
//   CsvReader reader(file);
//   auto report = import.Import(ctx, reader, {.source_name = "providers.csv"});
//   for (const ImportProblem& p : report->problems) std::cerr << p.ToString() << "\n";
//
// One row per service; a provider's columns are repeated on each of its rows (rows are grouped
// by CQC location id, or by name when there is none) and must agree. A row with no service_what
// adds the provider alone.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/app/people_import.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/id.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

struct ProviderImportReport {
  std::int64_t rows = 0;                // rows read (blank lines are not counted)
  std::vector<ImportProblem> problems;  // when not empty, nothing was imported
  std::int64_t providers = 0;           // added, when there are no problems
  std::int64_t services = 0;
};

struct ProviderImportOptions {
  std::string source_name;  // the file's name, for the audit log
  // Called now and then while providers are written (done of total), inside the transaction.
  std::function<void(std::int64_t done, std::int64_t total)> on_write;
};

// The columns a provider file may have, in the order docs/market.md lists them.
std::span<const std::string_view> ProviderImportColumns();

class ProviderImport {
 public:
  ProviderImport(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Reads and checks every row (the header first: unknown or repeated columns, or no
  // provider_name column, stop the check there). Each row's provider as
  // market::ValidateProvider checks it and its service as market::ValidateService does, named by
  // column; a provider whose rows disagree; a CQC location id or provider name already in the
  // council's register. With no problem, adds every provider and service in ONE transaction with
  // one audit entry. Errors: kPermissionDenied (Action::kMarketManage; the operator may), and
  // the source's or the store's own failures; nothing is written then either.
  Result<ProviderImportReport> Import(const Context& ctx, CsvReader& reader,
                                      const ProviderImportOptions& options);

 private:
  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
