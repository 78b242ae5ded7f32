// Store: the unit of work the application layer runs each use case in.
//
// A use case asks the Store for a transaction and reaches every repository through it, so all
// of its reads and writes commit together or not at all:
//
//   Status s = store.Write([&](Transaction& tx) -> Status {
//     return tx.Councils().CreateScheme(scheme);
//   });
//
// The SQLite implementation is SqliteStore (sqlite_store.h); a PostgreSQL one will implement
// the same interface.
#pragma once

#include <functional>

#include "selfdirect/access/repository.h"
#include "selfdirect/casework/personal_assistants_repository.h"
#include "selfdirect/casework/repository.h"
#include "selfdirect/casework/safeguarding_repository.h"
#include "selfdirect/core/result.h"
#include "selfdirect/council/council.h"
#include "selfdirect/ledger/finance_overview_repository.h"
#include "selfdirect/ledger/invoice_repository.h"
#include "selfdirect/ledger/monitoring_repository.h"
#include "selfdirect/ledger/payments_repository.h"
#include "selfdirect/ledger/repository.h"
#include "selfdirect/ledger/statement_repository.h"
#include "selfdirect/market/pools_repository.h"
#include "selfdirect/market/repository.h"
#include "selfdirect/ras/repository.h"
#include "selfdirect/store/migrations.h"

namespace selfdirect::store {

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual CouncilRepository& Councils() = 0;
  virtual AccessRepository& Access() = 0;
  virtual AuditRepository& Audit() = 0;
  virtual ras::ModelRepository& RasModels() = 0;
  virtual casework::CaseworkRepository& Casework() = 0;
  virtual casework::SafeguardingRepository& Safeguarding() = 0;
  virtual ledger::LedgerRepository& Ledger() = 0;
  virtual ledger::PaymentsRepository& Payments() = 0;
  virtual ledger::StatementRepository& Statements() = 0;
  virtual ledger::MonitoringRepository& Monitoring() = 0;
  virtual ledger::InvoiceRepository& Invoices() = 0;
  virtual ledger::FinanceOverviewRepository& FinanceOverview() = 0;
  virtual market::MarketRepository& Market() = 0;
  virtual casework::PersonalAssistantRepository& PersonalAssistants() = 0;
  virtual market::PoolRepository& Pools() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in one read-write transaction; commits when fn succeeds, rolls back otherwise.
  virtual Status Write(const std::function<Status(Transaction&)>& fn) = 0;
  // Runs fn in one read-only snapshot. A write inside it fails.
  virtual Status Read(const std::function<Status(Transaction&)>& fn) = 0;
  // The database's schema version against this binary's; used by readiness checks.
  virtual Result<SchemaState> Schema() = 0;
};

}  // namespace selfdirect::store
