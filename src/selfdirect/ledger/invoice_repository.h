// What provider invoices need from the store. Implemented in store/ (sqlite_invoices.cc); every
// method runs inside the caller's transaction (store::Transaction::Invoices()).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/invoices.h"

namespace selfdirect::ledger {

class InvoiceRepository {
 public:
  virtual ~InvoiceRepository() = default;

  // ----- Invoices -----
  // Stores a new invoice. kConflict when the provider's invoice number (by provider_key and
  // number_key) is already recorded.
  virtual Status AddInvoice(const Invoice& invoice) = 0;
  // Saves a decision: status, who decided, when and why, and the transfer once posted.
  virtual Status SaveDecision(const Invoice& invoice) = 0;
  virtual Result<std::optional<Invoice>> FindInvoice(const CouncilId& council,
                                                     const InvoiceId& id) = 0;
  // The invoice recorded under this provider and number, whatever its status.
  virtual Result<std::optional<Invoice>> FindByNumber(const CouncilId& council,
                                                      const std::string& provider_key,
                                                      const std::string& number_key) = 0;
  // The provider's invoices for the person that were not rejected, oldest first.
  virtual Result<std::vector<Invoice>> OpenInvoicesOf(const CouncilId& council,
                                                      const PersonId& person,
                                                      const std::string& provider_key) = 0;
  // Invoices with this status, oldest first, at most `limit`.
  virtual Result<std::vector<Invoice>> InvoicesWithStatus(const CouncilId& council,
                                                          InvoiceStatus status, int limit) = 0;
  // The council's invoices, newest first, at most `limit`.
  virtual Result<std::vector<Invoice>> RecentInvoices(const CouncilId& council, int limit) = 0;

  // ----- The accounts-payable export -----
  // Posted invoices not yet in an export, oldest first.
  virtual Result<std::vector<Invoice>> ToExport(const CouncilId& council) = 0;
  // Stores the export with its file and marks its invoices as exported. kConflict when one of
  // them is already in another export.
  virtual Status AddExport(const InvoiceExport& exported, std::span<const InvoiceId> invoices) = 0;
  // The council's exports, newest first, at most `limit`, without their files.
  virtual Result<std::vector<InvoiceExport>> Exports(const CouncilId& council, int limit) = 0;
  // One export with its file.
  virtual Result<std::optional<InvoiceExport>> FindExport(const CouncilId& council,
                                                          const InvoiceExportId& id) = 0;

  // ----- The tolerance (a finance setting) -----
  virtual Result<std::optional<InvoiceTolerance>> Tolerance(const CouncilId& council) = 0;
  virtual Status SetTolerance(const CouncilId& council, const InvoiceTolerance& tolerance,
                              Timestamp at, const UserId& by) = 0;
};

}  // namespace selfdirect::ledger
