// Provider invoices, accounts-payable exports and the invoice tolerance in SQLite (migration
// 0019).
#pragma once

#include "selfdirect/ledger/invoice_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteInvoiceRepository final : public ledger::InvoiceRepository {
 public:
  explicit SqliteInvoiceRepository(Connection& c) : c_(c) {}

  Status AddInvoice(const ledger::Invoice& invoice) override;
  Status SaveDecision(const ledger::Invoice& invoice) override;
  Result<std::optional<ledger::Invoice>> FindInvoice(const CouncilId& council,
                                                     const InvoiceId& id) override;
  Result<std::optional<ledger::Invoice>> FindByNumber(const CouncilId& council,
                                                      const std::string& provider_key,
                                                      const std::string& number_key) override;
  Result<std::vector<ledger::Invoice>> OpenInvoicesOf(const CouncilId& council,
                                                      const PersonId& person,
                                                      const std::string& provider_key) override;
  Result<std::vector<ledger::Invoice>> InvoicesWithStatus(const CouncilId& council,
                                                          ledger::InvoiceStatus status,
                                                          int limit) override;
  Result<std::vector<ledger::Invoice>> RecentInvoices(const CouncilId& council, int limit) override;
  Result<std::vector<ledger::Invoice>> ToExport(const CouncilId& council) override;
  Status AddExport(const ledger::InvoiceExport& exported,
                   std::span<const InvoiceId> invoices) override;
  Result<std::vector<ledger::InvoiceExport>> Exports(const CouncilId& council, int limit) override;
  Result<std::optional<ledger::InvoiceExport>> FindExport(const CouncilId& council,
                                                          const InvoiceExportId& id) override;
  Result<std::optional<ledger::InvoiceTolerance>> Tolerance(const CouncilId& council) override;
  Status SetTolerance(const CouncilId& council, const ledger::InvoiceTolerance& tolerance,
                      Timestamp at, const UserId& by) override;

 private:
  Result<std::vector<ledger::Invoice>> Select(const std::string& where_and_order,
                                              const std::vector<std::string>& params);

  Connection& c_;
};

}  // namespace selfdirect::store
