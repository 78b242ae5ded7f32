#include "selfdirect/cli/statements_commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "selfdirect/app/payments.h"
#include "selfdirect/app/statements.h"
#include "selfdirect/ledger/statement_format.h"

namespace selfdirect::cli {
namespace {

// The whole file, at most `limit` bytes; fails with a message naming the file.
Result<std::string> ReadWhole(const std::string& path, std::size_t limit) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Fail(ErrorCode::kInvalidArgument, path + ": is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, path + ": cannot open this file");
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > limit) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}: the file is larger than the {} MB accepted", path,
                            limit / (std::size_t{1024} * 1024)));
  }
  return text;
}

app::Context OperatorIn(const Council& council, const char* what) {
  app::Context ctx = app::Context::Operator(what);
  ctx.actor.council_id = council.id;
  return ctx;
}

// Every problem, one a line, then what it adds up to.
int Refused(const std::string& file, const Error& e, std::ostream& err) {
  for (const FieldError& f : e.fields) err << file << ": " << f.message << "\n";
  err << file << ": " << e.message << "\n";
  return 1;
}

}  // namespace

int RunStatementsImport(store::Store& store, const Clock& clock, UlidGenerator& ids,
                        const Council& council, const StatementImportArguments& arguments,
                        std::ostream& out, std::ostream& err) {
  auto account = LedgerAccountId::Parse(arguments.account);
  if (!account) {
    err << "--account: enter the holding account's id (26 letters and digits)\n";
    return 1;
  }
  auto bytes = ReadWhole(arguments.file, ledger::StatementLimits{}.max_bytes);
  if (!bytes) {
    err << bytes.error().message << "\n";
    return 1;
  }
  app::Statements statements(store, clock, ids);
  auto imported = statements.Import(OperatorIn(council, "statements import"), *account,
                                    arguments.format, *bytes);
  if (!imported) return Refused(arguments.file, imported.error(), err);
  const ledger::StatementImport& i = imported->import;
  out << fmt::format(
      "Imported {} line{} from {} into {} (import {}): {} in, {} out, {} transfer{} made.\n",
      i.lines, i.lines == 1 ? "" : "s", arguments.file, imported->account_name, i.id.str(),
      FormatPounds(i.money_in), FormatPounds(i.money_out), i.transfers,
      i.transfers == 1 ? "" : "s");
  for (const ledger::StoredStatementLine& l : imported->lines) {
    std::string what = ledger::LineCategoryName(l.match.category);
    if (l.match.plan_item && *l.match.plan_item < imported->plan_items.size()) {
      what += ": " + imported->plan_items[*l.match.plan_item].what;
    }
    out << fmt::format("  row {:>4}  {}  {:>12}  {}  → {}{}{}\n", l.line.row,
                       FormatIsoDate(l.line.date), FormatPounds(l.line.amount), l.line.payee, what,
                       l.match.reason.empty() ? "" : " (" + l.match.reason + ")",
                       l.match.needs_review ? "  NEEDS REVIEW" : "");
  }
  if (i.flagged > 0) {
    out << fmt::format(
        "{} line{} need{} review: the person, their representative or a finance officer can "
        "say what {} on the statement's page.\n",
        i.flagged, i.flagged == 1 ? "" : "s", i.flagged == 1 ? "s" : "",
        i.flagged == 1 ? "it was" : "they were");
  }
  return 0;
}

int RunContributionFile(store::Store& store, const Clock& clock, UlidGenerator& ids,
                        const Council& council, const ContributionFileArguments& arguments,
                        std::ostream& out, std::ostream& err) {
  auto bytes = ReadWhole(arguments.file, ledger::StatementLimits{}.max_bytes);
  if (!bytes) {
    err << bytes.error().message << "\n";
    return 1;
  }
  app::Payments payments(store, clock, ids);
  auto read = payments.ReadContributionFile(OperatorIn(council, "statements contributions"),
                                            arguments.format, *bytes, arguments.record);
  if (!read) return Refused(arguments.file, read.error(), err);
  for (const ledger::FileLine& l : read->lines) {
    out << fmt::format("  row {:>4}  {}  {:>12}  {:<17}  {}\n", l.row, FormatIsoDate(l.date),
                       FormatPounds(l.amount), ledger::FileLineOutcomeName(l.outcome), l.sentence);
  }
  out << read->sentence;
  if (!read->recorded && read->payments > 0) out << " Run again with --record to record them.";
  out << "\n";
  return 0;
}

int RunStatementFormatsAdd(store::Store& store, const Clock& clock, UlidGenerator& ids,
                           const Council& council, const StatementFormatArguments& arguments,
                           std::ostream& out, std::ostream& err) {
  auto yaml = ReadWhole(arguments.file, ledger::kMaxStatementFormatBytes);
  if (!yaml) {
    err << yaml.error().message << "\n";
    return 1;
  }
  app::Statements statements(store, clock, ids);
  auto added = statements.AddFormat(OperatorIn(council, "statements formats add"),
                                    {arguments.name, *yaml, arguments.payers});
  if (!added) return Refused(arguments.file, added.error(), err);
  out << "Added the statement format \"" << added->name << "\" to " << council.name << ".\n";
  return 0;
}

}  // namespace selfdirect::cli
