// libFuzzer target for statement import: any bytes, read as a statement format (YAML) or as a
// statement in one of three formats, must give a format, a list of problems or a report, never
// a crash, a hang or unbounded memory; and what is reported must hang together (a report is ok
// exactly when it has no problems, lines are in file order, every line is matched once, money
// out is never given a money-in category).
//
// The first byte chooses: 0 → the rest is a format, which (if it parses) then reads a small
// statement; 1, 2, 3 → the rest is a statement for a signed-amount bank, an in/out card with £
// and commas, or a semicolon file without a header; bit 2 → small limits, so the row, size and
// field-length refusals run often.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/ledger/statement.h"
#include "selfdirect/ledger/statement_format.h"

using namespace selfdirect;
using namespace selfdirect::ledger;

namespace {

constexpr std::string_view kBank = R"(format: selfdirect-statement/1
name: Bank
columns: {date: Date, description: Type, payee: Description, reference: Reference,
          amount: Amount, balance: Balance}
date_formats: [dd/mm/yyyy, yyyy-mm-dd]
)";

constexpr std::string_view kCard = R"(format: selfdirect-statement/1
name: Card
order: newest_first
columns: {date: Transaction Date, card: Card Number, payee: Merchant, description: Details,
          money_in: Money In, money_out: Money Out, balance: Balance}
date_formats: [d MMM yyyy, d MMMM yyyy]
amounts: {allow_pound_sign: true, allow_thousands_commas: true}
)";

constexpr std::string_view kHeaderless = R"(format: selfdirect-statement/1
name: Semicolons
delimiter: semicolon
header: false
skip_rows: 1
columns: {date: 1, payee: 2, amount: 3, description: [4, 5]}
date_formats: [d/m/yy]
amounts: {money_out: positive}
)";

constexpr std::string_view kSmallStatement =
    "Date,Description,Amount,Balance,1,2,3,4,5,6\n"
    "01/11/2026,SMITHS CARE,-10.00,90.00,a,b,c,d,e,f\n"
    "02/11/2026,ATM,+5,95.00,a,b,c,d,e,f\n";

StatementFormat Must(std::string_view yaml) {
  Result<StatementFormat> format = ParseStatementFormat(yaml);
  if (!format) __builtin_trap();
  return *format;
}

void Check(const StatementReport& report, const StatementLimits& limits) {
  if (report.ok() != report.problems.empty()) __builtin_trap();
  if (report.rows > limits.max_rows) __builtin_trap();
  if (static_cast<std::int64_t>(report.lines.size()) > report.rows) __builtin_trap();
  std::int64_t last_row = 0;
  for (const StatementLine& line : report.lines) {
    if (line.row <= last_row || line.line < line.row) __builtin_trap();
    if (line.payee.empty()) __builtin_trap();
    if (!line.date.ok()) __builtin_trap();
    last_row = line.row;
  }
  for (const StatementProblem& problem : report.problems) {
    if (problem.message.empty() || problem.row < 0) __builtin_trap();
    (void)problem.ToString();
  }

  const std::vector<casework::PlanItem> plan = {
      {.what = "Care", .supplier = casework::Supplier::kProvider, .supplier_name = "Smith's Care"},
      {.what = "PA", .supplier = casework::Supplier::kPersonalAssistant, .supplier_name = "Jo"}};
  const std::vector<PayeeAlias> aliases = {{"SC", "Smith's Care"}, {"", ""}};
  const std::vector<LineMatch> matches =
      MatchLines(report.lines, plan, aliases, {.council_payers = {"Council", ""}});
  if (matches.size() != report.lines.size()) __builtin_trap();
  std::vector<Recategorisation> changes;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const LineMatch& m = matches[i];
    const StatementLine& line = report.lines[i];
    if (m.line != i) __builtin_trap();
    if (line.money_out() && !IsMoneyOutCategory(m.category)) __builtin_trap();
    if (line.amount.value() > 0 && !IsMoneyInCategory(m.category)) __builtin_trap();
    if (m.plan_item && *m.plan_item >= plan.size()) __builtin_trap();
    if (i % 2 == 0) {
      changes.push_back({i, line.money_out() ? LineCategory::kPlanItem : LineCategory::kTopUp,
                         line.money_out() ? std::optional<std::size_t>(i % 3) : std::nullopt,
                         line.payee});
    }
  }
  Result<std::vector<LineMatch>> changed =
      Recategorise(matches, report.lines, plan.size(), changes);
  if (changed && changed->size() != matches.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const StatementFormat bank = Must(kBank);
  static const StatementFormat card = Must(kCard);
  static const StatementFormat headerless = Must(kHeaderless);
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  StatementLimits limits;
  if ((mode & 4) != 0) limits = {.max_rows = 5, .max_field_length = 16, .max_bytes = 2048};

  switch (mode & 3) {
    case 0: {
      Result<StatementFormat> format = ParseStatementFormat(rest);
      if (!format) {
        if (format.error().fields.empty()) __builtin_trap();
        return 0;
      }
      for (const DatePattern& pattern : format->date_formats) {
        // Whatever a pattern writes as its example, it reads back.
        if (!pattern.Read(pattern.Example())) __builtin_trap();
      }
      Check(ParseStatement(kSmallStatement, *format, limits), limits);
      return 0;
    }
    case 1:
      Check(ParseStatement(rest, bank, limits), limits);
      return 0;
    case 2:
      Check(ParseStatement(rest, card, limits), limits);
      return 0;
    default:
      Check(ParseStatement(rest, headerless, limits), limits);
      return 0;
  }
}
