#include "selfdirect/store/sqlite_statements.h"

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using ledger::StatementImport;
using ledger::StoredStatementFormat;
using ledger::StoredStatementLine;

constexpr const char* kFormatColumns =
    "council_id, name, yaml, council_payers, created_at, created_by";

constexpr const char* kImportColumns =
    "council_id, import_id, account_id, person_id, format_name, file_sha256, plan_id, "
    "imported_at, imported_by, line_count, money_in, money_out, flagged_count, transfer_count";

constexpr const char* kLineColumns =
    "position, row_number, line_number, line_date, payee, amount, reference, description, "
    "balance, card, category, plan_item, reason, needs_review, recategorised, note, "
    "recategorised_at, recategorised_by, transfer_id";

std::string JoinLines(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += '\n';
    out += n;
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

Result<StoredStatementFormat> ReadFormat(const Statement& st) {
  StoredStatementFormat f;
  f.council = CouncilId(st.Text(0));
  f.name = st.Text(1);
  f.yaml = st.Text(2);
  f.council_payers = SplitLines(st.Text(3));
  auto created = ParseTimestamp(st.Text(4));
  if (!created) return tl::unexpected(CorruptValue("statement_formats.created_at"));
  f.created_at = *created;
  f.created_by = UserId(st.Text(5));
  return f;
}

Result<StatementImport> ReadImport(const Statement& st) {
  StatementImport i;
  i.council = CouncilId(st.Text(0));
  i.id = StatementImportId(st.Text(1));
  i.account = LedgerAccountId(st.Text(2));
  i.person = PersonId(st.Text(3));
  i.format_name = st.Text(4);
  i.file_sha256 = st.Text(5);
  if (!st.IsNull(6)) i.plan = PlanId(st.Text(6));
  auto at = ParseTimestamp(st.Text(7));
  if (!at) return tl::unexpected(CorruptValue("statement_imports.imported_at"));
  i.imported_at = *at;
  i.imported_by = UserId(st.Text(8));
  i.lines = st.Int(9);
  i.money_in = Pence(st.Int(10));
  i.money_out = Pence(st.Int(11));
  i.flagged = st.Int(12);
  i.transfers = st.Int(13);
  return i;
}

Result<StoredStatementLine> ReadLine(const Statement& st) {
  StoredStatementLine l;
  l.position = st.Int(0);
  l.line.row = st.Int(1);
  l.line.line = st.Int(2);
  auto date = ParseIsoDate(st.Text(3));
  auto category = ledger::ParseLineCategory(st.Text(10));
  if (!date || !category) return tl::unexpected(CorruptValue("statement_lines row"));
  l.line.date = *date;
  l.line.payee = st.Text(4);
  l.line.amount = Pence(st.Int(5));
  l.line.reference = st.Text(6);
  l.line.description = st.Text(7);
  if (!st.IsNull(8)) l.line.balance = Pence(st.Int(8));
  l.line.card = st.Text(9);
  l.match.line = static_cast<std::size_t>(l.position);
  l.match.category = *category;
  if (!st.IsNull(11)) l.match.plan_item = static_cast<std::size_t>(st.Int(11));
  l.match.reason = st.Text(12);
  l.match.needs_review = st.Int(13) != 0;
  l.match.recategorised = st.Int(14) != 0;
  l.match.note = st.Text(15);
  if (!st.IsNull(16)) {
    auto at = ParseTimestamp(st.Text(16));
    if (!at) return tl::unexpected(CorruptValue("statement_lines.recategorised_at"));
    l.recategorised_at = *at;
  }
  l.recategorised_by = UserId(st.Text(17));
  if (!st.IsNull(18)) l.transfer = TransferId(st.Text(18));
  return l;
}

std::optional<std::int64_t> PlanItem(const ledger::LineMatch& m) {
  return m.plan_item ? std::optional<std::int64_t>(static_cast<std::int64_t>(*m.plan_item))
                     : std::nullopt;
}

std::optional<std::string> OptionalTimestamp(const std::optional<Timestamp>& t) {
  return t ? std::optional<std::string>(FormatTimestamp(*t)) : std::nullopt;
}

}  // namespace

Status SqliteStatementRepository::AddFormat(const StoredStatementFormat& f) {
  auto st = c_.Prepare(std::string("INSERT INTO statement_formats (") + kFormatColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6)");
  if (!st) return tl::unexpected(st.error());
  auto run = st->Bind(f.council.str(), f.name, f.yaml, JoinLines(f.council_payers),
                      FormatTimestamp(f.created_at), f.created_by.str())
                 .Run();
  if (!run && run.error().code == ErrorCode::kConflict) {
    return tl::unexpected(Error{ErrorCode::kConflict,
                                "There is already a statement format called " + f.name,
                                {{"name", "Choose a name no other format of the council has"}}});
  }
  return run;
}

Result<std::vector<StoredStatementFormat>> SqliteStatementRepository::Formats(
    const CouncilId& council) {
  auto st = c_.Prepare(std::string("SELECT ") + kFormatColumns +
                       " FROM statement_formats WHERE council_id = $1 ORDER BY name");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<StoredStatementFormat>(*st, ReadFormat);
}

Result<std::optional<StoredStatementFormat>> SqliteStatementRepository::FindFormat(
    const CouncilId& council, const std::string& name) {
  auto st = c_.Prepare(std::string("SELECT ") + kFormatColumns +
                       " FROM statement_formats WHERE council_id = $1 AND name = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), name);
  return AtMostOne(Collect<StoredStatementFormat>(*st, ReadFormat));
}

Result<std::optional<StatementImport>> SqliteStatementRepository::FindImportByFile(
    const CouncilId& council, const LedgerAccountId& account, const std::string& sha256) {
  auto st = c_.Prepare(std::string("SELECT ") + kImportColumns +
                       " FROM statement_imports WHERE council_id = $1 AND account_id = $2 AND "
                       "file_sha256 = $3");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), account.str(), sha256);
  return AtMostOne(Collect<StatementImport>(*st, ReadImport));
}

Status SqliteStatementRepository::AddImport(const StatementImport& i,
                                            std::span<const StoredStatementLine> lines) {
  auto st = c_.Prepare(std::string("INSERT INTO statement_imports (") + kImportColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
  if (!st) return tl::unexpected(st.error());
  auto run =
      st->Bind(i.council.str(), i.id.str(), i.account.str(), i.person.str(), i.format_name,
               i.file_sha256, i.plan ? std::optional<std::string>(i.plan->str()) : std::nullopt,
               FormatTimestamp(i.imported_at), i.imported_by.str(), i.lines, i.money_in.value(),
               i.money_out.value(), i.flagged, i.transfers)
          .Run();
  if (!run && run.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "This file has already been imported into this account");
  }
  if (!run) return run;
  static const std::string kInsertLine =
      std::string("INSERT INTO statement_lines (council_id, import_id, ") + kLineColumns +
      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
      "$19, $20, $21)";
  for (const StoredStatementLine& l : lines) {
    auto line_st = c_.Prepare(kInsertLine);  // cached: prepared once, reset for each line
    if (!line_st) return tl::unexpected(line_st.error());
    const ledger::StatementLine& s = l.line;
    const ledger::LineMatch& m = l.match;
    auto added =
        line_st
            ->Bind(i.council.str(), i.id.str(), l.position, s.row, s.line, FormatIsoDate(s.date),
                   s.payee, s.amount.value(), s.reference, s.description,
                   s.balance ? std::optional<std::int64_t>(s.balance->value()) : std::nullopt,
                   s.card, ledger::LineCategoryName(m.category), PlanItem(m), m.reason,
                   m.needs_review ? 1 : 0, m.recategorised ? 1 : 0, m.note,
                   OptionalTimestamp(l.recategorised_at), l.recategorised_by.str(),
                   l.transfer ? std::optional<std::string>(l.transfer->str()) : std::nullopt)
            .Run();
    if (!added) return added;
  }
  return Ok();
}

Result<std::optional<StatementImport>> SqliteStatementRepository::FindImport(
    const CouncilId& council, const StatementImportId& id) {
  auto st = c_.Prepare(std::string("SELECT ") + kImportColumns +
                       " FROM statement_imports WHERE council_id = $1 AND import_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<StatementImport>(*st, ReadImport));
}

Result<std::vector<StatementImport>> SqliteStatementRepository::ImportsOf(
    const CouncilId& council, const LedgerAccountId& account) {
  auto st = c_.Prepare(std::string("SELECT ") + kImportColumns +
                       " FROM statement_imports WHERE council_id = $1 AND account_id = $2 "
                       "ORDER BY imported_at DESC, import_id DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), account.str());
  return Collect<StatementImport>(*st, ReadImport);
}

Result<std::vector<StoredStatementLine>> SqliteStatementRepository::LinesOf(
    const CouncilId& council, const StatementImportId& id) {
  auto st = c_.Prepare(std::string("SELECT ") + kLineColumns +
                       " FROM statement_lines WHERE council_id = $1 AND import_id = $2 "
                       "ORDER BY position");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return Collect<StoredStatementLine>(*st, ReadLine);
}

Status SqliteStatementRepository::SaveCategories(const CouncilId& council,
                                                 const StatementImportId& id,
                                                 std::span<const StoredStatementLine> lines) {
  for (const StoredStatementLine& l : lines) {
    auto st = c_.Prepare(
        "UPDATE statement_lines SET category = $4, plan_item = $5, reason = $6, needs_review = "
        "$7, recategorised = $8, note = $9, recategorised_at = $10, recategorised_by = $11 "
        "WHERE council_id = $1 AND import_id = $2 AND position = $3");
    if (!st) return tl::unexpected(st.error());
    const ledger::LineMatch& m = l.match;
    auto run = st->Bind(council.str(), id.str(), l.position, ledger::LineCategoryName(m.category),
                        PlanItem(m), m.reason, m.needs_review ? 1 : 0, m.recategorised ? 1 : 0,
                        m.note, OptionalTimestamp(l.recategorised_at), l.recategorised_by.str())
                   .Run();
    if (!run) return run;
    if (c_.Changes() != 1) {
      return Fail(ErrorCode::kNotFound, "The statement has no line " + std::to_string(l.position));
    }
  }
  return Ok();
}

}  // namespace selfdirect::store
