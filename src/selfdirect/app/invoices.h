// Provider invoices for council-arranged services (issue #6, docs/invoices.md): finance officers
// record invoices one at a time or as a CSV file; each is matched to the person's signed-off plan
// (ledger/invoices.h) and posted to the ledger at once, or held with its reasons until a finance
// officer approves (and posts) or rejects it. Posted invoices leave for the council's
// accounts-payable system in exports, each made once and kept.
//
//   app::Invoices invoices(store, clock, ids);
//   auto recorded = invoices.Record(ctx, {"Acorn Home Care", person, "INV-1", "2026-11-02",
//                                         "2026-11-08", "10", "20.00", "200.00"});
//   if (recorded && recorded->invoice.status == ledger::InvoiceStatus::kHeld)
//     invoices.Approve(ctx, recorded->invoice.id, "Two extra hours agreed by phone");
//   auto exported = invoices.Export(ctx);  // every posted invoice not yet exported, once
//
// Every use case asks the policy (Action::kInvoicesManage: finance officers), runs in one
// transaction and writes its audit entry in it; a refusal changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/ledger/invoices.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// An invoice with the names a finance officer needs beside it.
struct InvoiceView {
  ledger::Invoice invoice;
  std::string person_name;
  std::string plan_item;  // what the matched plan item is ("Help to get up"); "" when none
  std::string unit;       // its unit ("hour"); "" when none
  std::string received_by_name;
  std::string decided_by_name;  // "" until decided
};

// What an imported file did: every invoice it recorded, in file order.
struct InvoiceImportReport {
  std::vector<InvoiceView> invoices;
  std::int64_t matched = 0;
  std::int64_t held = 0;
  Pence posted;  // the total of the matched invoices, posted to the ledger
};

// The finance officer's page: held invoices first (oldest first), then the latest others.
struct InvoiceList {
  std::vector<InvoiceView> held;
  std::vector<InvoiceView> recent;  // not held, newest first, at most 50
  std::int64_t to_export = 0;       // posted invoices waiting for the next export
  Pence to_export_total;
  std::vector<ledger::InvoiceExport> exports;  // newest first, at most 20, without files
  ledger::InvoiceTolerance tolerance;
};

struct InvoiceExportDownload {
  std::string file_name;  // "accounts-payable-2026-11-22-01JD….csv"
  std::string csv;
};

class Invoices {
 public:
  Invoices(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Records one invoice (finance officers) and decides it:
  //   - field errors (ledger::ValidateInvoice) and "person_id" when no one in the council has
  //     that reference: kInvalidArgument, nothing recorded;
  //   - the provider's invoice number already recorded (in any state): kConflict naming
  //     "invoice_number", nothing recorded;
  //   - matched: posted to the ledger at once (ledger::InvoiceTransfer, from the person's budget
  //     commitment to the provider's payable account, opened on first need);
  //   - otherwise held, with every reason.
  // Audited against the person.
  Result<InvoiceView> Record(const Context& ctx, const ledger::InvoiceRequest& request);

  // Records a CSV file of invoices (ledger::ReadInvoiceFile), whole or not at all: every
  // problem of every row at once, kInvalidArgument with fields "file", "rows[N]" or
  // "rows[N].<field>", each message naming the row; a duplicate (recorded before, or twice in
  // the file) is one of those problems, "rows[N].invoice_number". Rows are then recorded in
  // file order as Record does.
  Result<InvoiceImportReport> Import(const Context& ctx, std::string_view bytes);

  Result<InvoiceList> List(const Context& ctx);
  Result<InvoiceView> Get(const Context& ctx, const InvoiceId& id);

  // A finance officer's decision on a held invoice, with a reason (field "reason", up to 1,000
  // characters): approving posts it, rejecting never pays it. kConflict when it is not held.
  // Who, when and why are kept with the invoice and audited.
  Result<InvoiceView> Approve(const Context& ctx, const InvoiceId& id, const std::string& reason);
  Result<InvoiceView> Reject(const Context& ctx, const InvoiceId& id, const std::string& reason);

  // Makes the accounts-payable export of every posted invoice not yet exported, and keeps it:
  // an invoice is in one export only. kFailedPrecondition when there is nothing to export.
  Result<ledger::InvoiceExport> Export(const Context& ctx);
  // An export's file (audited: it is what the council pays from).
  Result<InvoiceExportDownload> ExportFile(const Context& ctx, const InvoiceExportId& id);

  // Inside a transaction: the council's tolerance, or the defaults when none is set (it is read
  // and set through app::Payments, with the other finance settings).
  static Result<ledger::InvoiceTolerance> ToleranceOf(store::Transaction& tx,
                                                      const CouncilId& council);

 private:
  // Inside a transaction: checks, matches, posts when matched and stores one invoice. Field
  // errors are named with `prefix` ("" or "rows[7].").
  Result<ledger::Invoice> RecordIn(store::Transaction& tx, const Context& ctx,
                                   const ledger::InvoiceFacts& facts, ledger::InvoiceSource source,
                                   const std::string& prefix);
  Status Post(store::Transaction& tx, ledger::Invoice& invoice, const UserId& by);
  Result<InvoiceView> ViewOf(store::Transaction& tx, const ledger::Invoice& invoice);
  Result<InvoiceView> DecideHeld(const Context& ctx, const InvoiceId& id, const std::string& reason,
                                 bool approve);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app
