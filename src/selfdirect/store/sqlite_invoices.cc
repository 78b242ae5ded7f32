#include "selfdirect/store/sqlite_invoices.h"

#include <fmt/format.h>

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using ledger::Invoice;
using ledger::InvoiceExport;

constexpr const char* kInvoiceColumns =
    "council_id, invoice_id, provider_name, provider_key, provider_id, person_id, "
    "invoice_number, number_key, period_from, period_to, units_hundredths, unit_price_pence, "
    "total_pence, status, hold_reasons, budget_id, plan_id, plan_item, expected_pence, source, "
    "received_at, received_by, decided_at, decided_by, decision_reason, transfer_id, export_id";

constexpr const char* kExportColumns =
    "council_id, export_id, created_at, created_by, invoice_count, total_pence";

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::optional<std::string> TextOrNull(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Text(column);
}

Result<Invoice> ReadInvoice(const Statement& st) {
  Invoice i;
  i.council = CouncilId(st.Text(0));
  i.id = InvoiceId(st.Text(1));
  i.facts.provider_name = st.Text(2);
  i.facts.provider_key = st.Text(3);
  i.provider_id = TextOrNull(st, 4);
  i.facts.person = PersonId(st.Text(5));
  i.facts.number = st.Text(6);
  i.facts.number_key = st.Text(7);
  auto from = ParseIsoDate(st.Text(8));
  auto to = ParseIsoDate(st.Text(9));
  auto status = ledger::ParseInvoiceStatus(st.Text(13));
  auto source = ledger::ParseInvoiceSource(st.Text(19));
  auto received = ParseTimestamp(st.Text(20));
  if (!from || !to || !status || !source || !received) {
    return tl::unexpected(CorruptValue("provider_invoices row " + st.Text(1)));
  }
  i.facts.from = *from;
  i.facts.to = *to;
  i.facts.units_hundredths = st.Int(10);
  i.facts.unit_price = Pence(st.Int(11));
  i.facts.total = Pence(st.Int(12));
  i.status = *status;
  i.hold_reasons = SplitLines(st.Text(14));
  if (auto b = TextOrNull(st, 15)) i.budget = BudgetId(*b);
  if (auto p = TextOrNull(st, 16)) i.plan = PlanId(*p);
  if (!st.IsNull(17)) i.plan_item = st.Int(17);
  if (!st.IsNull(18)) i.expected = Pence(st.Int(18));
  i.source = *source;
  i.received_at = *received;
  i.received_by = UserId(st.Text(21));
  if (!st.IsNull(22)) {
    auto decided = ParseTimestamp(st.Text(22));
    if (!decided) return tl::unexpected(CorruptValue("provider_invoices.decided_at"));
    i.decided_at = *decided;
  }
  i.decided_by = UserId(st.Text(23));
  i.decision_reason = st.Text(24);
  if (auto t = TextOrNull(st, 25)) i.transfer = TransferId(*t);
  if (auto e = TextOrNull(st, 26)) i.export_id = InvoiceExportId(*e);
  return i;
}

Result<InvoiceExport> ReadExport(const Statement& st, bool with_file) {
  InvoiceExport e;
  e.council = CouncilId(st.Text(0));
  e.id = InvoiceExportId(st.Text(1));
  auto created = ParseTimestamp(st.Text(2));
  if (!created) return tl::unexpected(CorruptValue("invoice_exports.created_at"));
  e.created_at = *created;
  e.created_by = UserId(st.Text(3));
  e.invoices = st.Int(4);
  e.total = Pence(st.Int(5));
  if (with_file) e.file = st.Text(6);
  return e;
}

std::optional<std::string> StampOrNull(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return FormatTimestamp(*t);
}

}  // namespace

Status SqliteInvoiceRepository::AddInvoice(const Invoice& i) {
  auto st = c_.Prepare(fmt::format(
      "INSERT INTO provider_invoices ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)",
      kInvoiceColumns));
  if (!st) return tl::unexpected(st.error());
  std::optional<std::string> budget, plan, transfer, exported;
  if (i.budget) budget = i.budget->str();
  if (i.plan) plan = i.plan->str();
  if (i.transfer) transfer = i.transfer->str();
  if (i.export_id) exported = i.export_id->str();
  std::optional<std::int64_t> expected;
  if (i.expected) expected = i.expected->value();
  auto s = st->Bind(i.council.str(), i.id.str(), i.facts.provider_name, i.facts.provider_key,
                    i.provider_id, i.facts.person.str(), i.facts.number, i.facts.number_key,
                    FormatIsoDate(i.facts.from), FormatIsoDate(i.facts.to),
                    i.facts.units_hundredths, i.facts.unit_price.value(), i.facts.total.value(),
                    ledger::InvoiceStatusName(i.status), JoinLines(i.hold_reasons), budget, plan,
                    i.plan_item, expected, ledger::InvoiceSourceName(i.source),
                    FormatTimestamp(i.received_at), i.received_by.str(), StampOrNull(i.decided_at),
                    i.decided_by.str(), i.decision_reason, transfer, exported)
               .Run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, fmt::format("Invoice {} from {} is already recorded",
                                                  i.facts.number, i.facts.provider_name));
  }
  return s;
}

Status SqliteInvoiceRepository::SaveDecision(const Invoice& i) {
  auto st = c_.Prepare(
      "UPDATE provider_invoices SET status = $3, decided_at = $4, decided_by = $5, "
      "decision_reason = $6, transfer_id = $7 WHERE council_id = $1 AND invoice_id = $2");
  if (!st) return tl::unexpected(st.error());
  std::optional<std::string> transfer;
  if (i.transfer) transfer = i.transfer->str();
  return st
      ->Bind(i.council.str(), i.id.str(), ledger::InvoiceStatusName(i.status),
             StampOrNull(i.decided_at), i.decided_by.str(), i.decision_reason, transfer)
      .Run();
}

Result<std::vector<Invoice>> SqliteInvoiceRepository::Select(
    const std::string& where_and_order, const std::vector<std::string>& params) {
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM provider_invoices WHERE {}", kInvoiceColumns, where_and_order));
  if (!st) return tl::unexpected(st.error());
  for (std::size_t k = 0; k < params.size(); ++k) {
    st->BindOne(static_cast<int>(k) + 1, params[k]);
  }
  return Collect<Invoice>(*st, ReadInvoice);
}

Result<std::optional<Invoice>> SqliteInvoiceRepository::FindInvoice(const CouncilId& council,
                                                                    const InvoiceId& id) {
  return AtMostOne(Select("council_id = $1 AND invoice_id = $2", {council.str(), id.str()}));
}

Result<std::optional<Invoice>> SqliteInvoiceRepository::FindByNumber(
    const CouncilId& council, const std::string& provider_key, const std::string& number_key) {
  return AtMostOne(Select("council_id = $1 AND provider_key = $2 AND number_key = $3",
                          {council.str(), provider_key, number_key}));
}

Result<std::vector<Invoice>> SqliteInvoiceRepository::OpenInvoicesOf(
    const CouncilId& council, const PersonId& person, const std::string& provider_key) {
  return Select(
      "council_id = $1 AND person_id = $2 AND provider_key = $3 AND status <> 'rejected' "
      "ORDER BY period_from, invoice_id",
      {council.str(), person.str(), provider_key});
}

Result<std::vector<Invoice>> SqliteInvoiceRepository::InvoicesWithStatus(
    const CouncilId& council, ledger::InvoiceStatus status, int limit) {
  return Select(
      fmt::format("council_id = $1 AND status = $2 ORDER BY received_at, invoice_id LIMIT {}",
                  std::max(0, limit)),
      {council.str(), ledger::InvoiceStatusName(status)});
}

Result<std::vector<Invoice>> SqliteInvoiceRepository::RecentInvoices(const CouncilId& council,
                                                                     int limit) {
  return Select(fmt::format("council_id = $1 ORDER BY received_at DESC, invoice_id DESC LIMIT {}",
                            std::max(0, limit)),
                {council.str()});
}

Result<std::vector<Invoice>> SqliteInvoiceRepository::ToExport(const CouncilId& council) {
  return Select(
      "council_id = $1 AND transfer_id IS NOT NULL AND export_id IS NULL "
      "ORDER BY received_at, invoice_id",
      {council.str()});
}

Status SqliteInvoiceRepository::AddExport(const InvoiceExport& e,
                                          std::span<const InvoiceId> invoices) {
  {
    auto st = c_.Prepare(
        fmt::format("INSERT INTO invoice_exports ({}, file) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    kExportColumns));
    if (!st) return tl::unexpected(st.error());
    auto s = st->Bind(e.council.str(), e.id.str(), FormatTimestamp(e.created_at),
                      e.created_by.str(), e.invoices, e.total.value(), e.file)
                 .Run();
    if (!s) return s;
  }
  for (const InvoiceId& id : invoices) {
    auto st = c_.Prepare(
        "UPDATE provider_invoices SET export_id = $3 WHERE council_id = $1 AND invoice_id = $2 "
        "AND export_id IS NULL AND transfer_id IS NOT NULL RETURNING invoice_id");
    if (!st) return tl::unexpected(st.error());
    st->Bind(e.council.str(), id.str(), e.id.str());
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) {
      return Fail(ErrorCode::kConflict,
                  "An invoice in this export was already exported or is not posted: make the "
                  "export again");
    }
    if (auto done = st->Step(); !done) return tl::unexpected(done.error());
  }
  return Ok();
}

Result<std::vector<InvoiceExport>> SqliteInvoiceRepository::Exports(const CouncilId& council,
                                                                    int limit) {
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM invoice_exports WHERE council_id = $1 ORDER BY created_at DESC, "
                  "export_id DESC LIMIT {}",
                  kExportColumns, std::max(0, limit)));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<InvoiceExport>(*st, [](const Statement& s) { return ReadExport(s, false); });
}

Result<std::optional<InvoiceExport>> SqliteInvoiceRepository::FindExport(
    const CouncilId& council, const InvoiceExportId& id) {
  auto st = c_.Prepare(
      fmt::format("SELECT {}, file FROM invoice_exports WHERE council_id = $1 AND export_id = $2",
                  kExportColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(
      Collect<InvoiceExport>(*st, [](const Statement& s) { return ReadExport(s, true); }));
}

Result<std::optional<ledger::InvoiceTolerance>> SqliteInvoiceRepository::Tolerance(
    const CouncilId& council) {
  auto st = c_.Prepare(
      "SELECT basis_points, minimum_pence FROM invoice_tolerances WHERE council_id = $1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<ledger::InvoiceTolerance>();
  return std::optional<ledger::InvoiceTolerance>(
      ledger::InvoiceTolerance{st->Int(0), Pence(st->Int(1))});
}

Status SqliteInvoiceRepository::SetTolerance(const CouncilId& council,
                                             const ledger::InvoiceTolerance& t, Timestamp at,
                                             const UserId& by) {
  auto st = c_.Prepare(
      "INSERT INTO invoice_tolerances (council_id, basis_points, minimum_pence, updated_at, "
      "updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (council_id) DO UPDATE SET "
      "basis_points = excluded.basis_points, minimum_pence = excluded.minimum_pence, "
      "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), t.basis_points, t.minimum.value(), FormatTimestamp(at), by.str())
      .Run();
}

}  // namespace selfdirect::store
