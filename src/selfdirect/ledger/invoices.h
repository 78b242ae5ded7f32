// Provider invoices for council-arranged services (issue #6, docs/invoices.md): a provider bills
// the council for units of a service (hours, visits, nights) at a price; the invoice is matched
// to the council-arranged items of the person's signed-off plan and is either matched (posted to
// the ledger at once) or held, with every reason in plain English, for a finance officer to
// approve or reject.
//
//   auto facts = ValidateInvoice(request);               // field errors name each field
//   InvoiceMatch m = MatchInvoice(*facts, basis, tolerance);
//   if (m.held()) for (const std::string& why : m.reasons) show(why);
//
// A provider is named as plan items name it (`supplier_name`) until the provider register
// arrives: names are compared without regard to capitals or spacing (ProviderKey).
//
// Money is integer pence and tolerances are basis points (hundredths of a percent): no floating
// point anywhere. Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/schedule.h"
#include "selfdirect/ledger/transfer.h"

namespace selfdirect {
// Declared here rather than in core/id.h so that the ids of this one module do not rebuild
// every file; move them there when core/id.h next changes.
using InvoiceId = Id<struct InvoiceTag>;
using InvoiceExportId = Id<struct InvoiceExportTag>;
}  // namespace selfdirect

namespace selfdirect::ledger {

// ----- Tolerance -----

// How far an invoice's amount may stray from what the plan's price gives for the same units
// before it is held: a share of the expected amount in basis points (200 = 2%), and never less
// than `minimum` pence. A council's finance setting; these are the defaults.
inline constexpr std::int64_t kDefaultToleranceBasisPoints = 200;
inline constexpr std::int64_t kMaxToleranceBasisPoints = 10'000;       // 100%
inline constexpr std::int64_t kMaxToleranceMinimumPence = 10'000'000;  // £100,000.00

struct InvoiceTolerance {
  std::int64_t basis_points = kDefaultToleranceBasisPoints;
  Pence minimum{0};
};

// Checks a tolerance: basis points from 0 to 10,000, a minimum from £0.00 to £100,000.00.
// Field errors name "invoice_tolerance_basis_points" and "invoice_tolerance_minimum_pence".
Status CheckTolerance(const InvoiceTolerance& tolerance);

// The tolerance for an expected amount: expected × basis points ÷ 10,000 rounded down to the
// penny (so that "exactly at the tolerance" is a whole number of pence), and at least the
// minimum. Never negative.
Pence ToleranceFor(Pence expected, const InvoiceTolerance& tolerance);

// ----- The invoice as sent -----

// Text as typed (from a form, a JSON body or a row of a CSV file), so every problem can be named.
struct InvoiceRequest {
  std::string provider;        // the provider's name, as the plan's supplier_name writes it
  std::string person_id;       // the person the service was for
  std::string invoice_number;  // the provider's own number
  std::string period_from;     // YYYY-MM-DD, the first day the invoice covers
  std::string period_to;       // YYYY-MM-DD, the last day
  std::string units;           // "10", "12.5": at most two decimal places
  std::string unit_price;      // pounds: "20.00", "£20"
  std::string total;           // pounds: "200.00"
};

struct InvoiceFacts {
  std::string provider_name;  // trimmed, as written
  std::string provider_key;   // ProviderKey(provider_name)
  PersonId person;
  std::string number;      // trimmed, as written
  std::string number_key;  // upper case, for spotting the same number written another way
  Date from, to;
  std::int64_t units_hundredths = 0;  // 12.5 units = 1250
  Pence unit_price;
  Pence total;
};

// Checks every field (each problem named: "provider", "person_id", "invoice_number",
// "period_from", "period_to", "units", "unit_price", "total"): a provider name up to 140
// characters; a person id; an invoice number up to 40 characters; real dates, the last not
// before the first and the period at most 366 days; units above 0 with at most two decimal
// places, at most 100,000; a unit price above £0.00 and at most £100,000.00; a total above
// £0.00 and at most £10,000,000.00. Whether the total is units × price is a matter for
// matching (a hold), not a refusal.
Result<InvoiceFacts> ValidateInvoice(const InvoiceRequest& request);

// The most days after today an invoice's period may start. Care homes often invoice four weeks
// in advance, so a period to come is not refused; one that starts months or years ahead is most
// likely a mistyped year.
inline constexpr int kMaxInvoiceDaysAhead = 31;

// The message for "period_from" when the period starts more than kMaxInvoiceDaysAhead days after
// `today`; none otherwise.
std::optional<std::string> PeriodTooFarAhead(const InvoiceFacts& facts, Date today);

// ----- A file of invoices -----

// The columns an invoice file has (a header row names them, in any order; other columns are
// ignored): provider, person_id, invoice_number, period_from, period_to, units, unit_price,
// total. docs/samples/provider-invoices.csv is one.
inline constexpr std::size_t kMaxInvoiceFileRows = 5'000;

struct InvoiceRow {
  std::int64_t row = 0;  // as a spreadsheet numbers it: the header is row 1
  InvoiceRequest request;
};

struct InvoiceFile {
  std::vector<InvoiceRow> rows;      // blank lines left out
  std::vector<FieldError> problems;  // "file", or "rows[N]" for a row that cannot be read
};

// Reads a CSV file of invoices (UTF-8, comma-separated, a header row). Problems with the whole
// file (not UTF-8, no header, a missing column, no invoices, more than 5,000) are named "file";
// a row that cannot be read (a quote out of place, the wrong number of fields) "rows[N]". The
// fields themselves are checked by ValidateInvoice.
InvoiceFile ReadInvoiceFile(std::string_view bytes);

// The form provider names are compared in: lower case, runs of spaces as one space, no spaces
// at either end. "Acorn  Home Care" and "acorn home care" are the same provider.
std::string ProviderKey(std::string_view name);

// units × price, rounded half up to the penny (the plan's own rule for a line's cost).
// kOverflow only for amounts no invoice reaches.
Result<Pence> AmountFor(std::int64_t units_hundredths, Pence unit_price);

// "12.5", "10": units written back as a person would.
std::string FormatUnits(std::int64_t hundredths);

// ----- Matching -----

// An earlier invoice from the same provider for the same person (not rejected), for spotting
// days billed twice under different numbers.
struct EarlierInvoice {
  std::string number;
  Date from, to;
};

// What an invoice is matched against: the person's budget in payment (dates and suspensions)
// and the council-arranged items of the plan in force on the invoice's first day.
struct MatchBasis {
  bool has_budget = false;
  Date budget_start;
  std::optional<Date> budget_end;  // the last day funded, when the budget has ended
  std::vector<Suspension> suspensions;
  std::vector<casework::PlanItem> plan_items;  // every item; only council-arranged ones count
  std::vector<EarlierInvoice> earlier;
};

struct InvoiceMatch {
  // The first plan item matched (an index into MatchBasis::plan_items); none when no
  // council-arranged item of the plan is from this provider.
  std::optional<std::size_t> plan_item;
  Pence plan_price;                           // the matched items' unit price
  std::int64_t planned_hundredths_floor = 0;  // units the plan allows for the period (rounded down)
  Pence expected;                             // units × the plan's price
  Pence tolerance;                            // for `expected`
  std::vector<std::string> reasons;           // why it is held; empty when matched

  bool held() const { return !reasons.empty(); }
};

// Matches an invoice to the plan and decides whether it is held. Reasons, in this order, every
// one that applies:
//   - the person has no budget in payment;
//   - no council-arranged item of the plan is from this provider (and then nothing about
//     units or price can be said);
//   - more units than the plan allows for the period: the items of the provider at the price
//     nearest the invoice's (items at the same price added together) allow, for a period of
//     d days, units × d ÷ 7 of a weekly item, units × d ÷ 365 of a yearly one, and the units of
//     a one-off item; compared exactly, without rounding;
//   - the price differs from the plan's so that units × price is more than the tolerance away
//     from units × the plan's price (either way; exactly at the tolerance is matched);
//   - the total is not units × price (rounded half up to the penny);
//   - days before the budget started or after it ended;
//   - days inside a stop in payments (a hospital stay);
//   - days already billed by the same provider for this person on an earlier invoice.
InvoiceMatch MatchInvoice(const InvoiceFacts& invoice, const MatchBasis& basis,
                          const InvoiceTolerance& tolerance);

// ----- Stored invoices -----

enum class InvoiceStatus {
  kMatched,   // matched on arrival and posted
  kHeld,      // waiting for a finance officer
  kApproved,  // held, then approved with a reason, and posted
  kRejected,  // held, then rejected with a reason: never paid
};
const char* InvoiceStatusName(InvoiceStatus status);   // "matched", "held", …
const char* InvoiceStatusLabel(InvoiceStatus status);  // "Matched and posted", …
std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view text);

enum class InvoiceSource { kForm, kFile };
const char* InvoiceSourceName(InvoiceSource source);  // "form" | "file"
std::optional<InvoiceSource> ParseInvoiceSource(std::string_view text);

struct Invoice {
  CouncilId council;
  InvoiceId id;
  InvoiceFacts facts;
  std::optional<std::string> provider_id;  // the provider register's id, when there is one
  InvoiceStatus status = InvoiceStatus::kHeld;
  std::vector<std::string> hold_reasons;  // kept after a decision: why it was held
  std::optional<BudgetId> budget;
  std::optional<PlanId> plan;
  std::optional<std::int64_t> plan_item;  // index into the plan's items
  std::optional<Pence> expected;          // units × the plan's price, when an item matched
  InvoiceSource source = InvoiceSource::kForm;
  Timestamp received_at;
  UserId received_by;
  std::optional<Timestamp> decided_at;  // a held invoice's approval or rejection
  UserId decided_by;
  std::string decision_reason;
  std::optional<TransferId> transfer;  // the ledger transfer, once posted
  std::optional<InvoiceExportId> export_id;

  bool posted() const { return transfer.has_value(); }
};

// The ledger transfer that accepts an invoice: its total from the person's budget commitment to
// the provider's payable account, code `invoice`, id "invoice:{invoice id}" (so posting twice
// posts once), referenced by provider and number.
Transfer InvoiceTransfer(const Invoice& invoice, const LedgerAccountId& commitment,
                         const LedgerAccountId& provider_payable, Timestamp at, const UserId& by);

// ----- The accounts-payable export -----

struct InvoiceExport {
  CouncilId council;
  InvoiceExportId id;
  Timestamp created_at;
  UserId created_by;
  std::int64_t invoices = 0;
  Pence total;
  std::string file;  // the CSV, made once
};

// The CSV the council's accounts-payable system takes: a header and one row per invoice, in the
// order given. Columns: provider_name, provider_id, invoice_number, amount (pounds, "200.00"),
// person_id, period_from, period_to, invoice_id. Text a spreadsheet would read as a formula is
// prefixed with an apostrophe.
std::string AccountsPayableFile(std::span<const Invoice> invoices);

}  // namespace selfdirect::ledger
