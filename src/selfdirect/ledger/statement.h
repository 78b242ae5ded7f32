// Statement import: a bank's or prepaid-card provider's CSV statement for a direct-payment
// holding account becomes spend lines, each matched to the support plan.
//
//   Result<StatementFormat> format = ParseStatementFormat(yaml);        // statement_format.h
//   StatementReport report = ParseStatement(csv_bytes, *format);
//   if (!report.ok()) {                   // import nothing; show every problem
//     for (const StatementProblem& p : report.problems) show(p.ToString());
//   }
//   std::vector<LineMatch> matches = MatchLines(report.lines, plan.items, aliases, rules);
//   // later, when the person or planner says what a line was:
//   Result<std::vector<LineMatch>> fixed =
//       Recategorise(matches, report.lines, plan.items.size(), {{.line = 4, ...}});
//
// A statement imports whole or not at all: ParseStatement reads every row and reports every
// bad one, so that the person fixing the file sees all the problems at once. Everything here is
// pure (bytes in, values out): no file, database or clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/statement_format.h"

namespace selfdirect::ledger {

// ----- Reading a statement -----

struct StatementLimits {
  // A file with more rows of lines than this is refused whole. A year of a busy direct-payment
  // account is a few hundred.
  std::int64_t max_rows = 10'000;
  // The longest a field may be, in bytes.
  std::size_t max_field_length = 1'000;
  // The most bytes a file may be.
  std::size_t max_bytes = std::size_t{8} * 1024 * 1024;
};

// What is wrong with one row (or with the whole file).
enum class StatementProblemKind {
  kEmptyFile,         // no lines at all (the whole file)
  kTooManyRows,       // more rows than StatementLimits::max_rows (the whole file)
  kTooLarge,          // more bytes than StatementLimits::max_bytes (the whole file)
  kMissingColumn,     // the header row lacks a column the format names (the whole file)
  kUnreadableCsv,     // a quote that is never closed, a field too long, …
  kInvalidEncoding,   // bytes that are not UTF-8 text
  kWrongColumnCount,  // more or fewer fields than the header has columns
  kBadDate,           // empty, or not in any of the format's date patterns, or no real day
  kBadAmount,         // not an amount in pounds and pence
  kTooManyDecimals,   // an amount with three or more decimal places
  kNoAmount,          // money in and money out both empty
  kBothInAndOut,      // money in and money out both filled
  kEmptyPayee,        // no payee
  kBadBalance,        // the balance column holds something that is not an amount
  kBalanceMismatch,   // the balance does not follow from the line before
};

// "bad_date", "balance_mismatch", …: stable names for logs and the API.
const char* StatementProblemKindName(StatementProblemKind kind);

struct StatementProblem {
  StatementProblemKind kind = StatementProblemKind::kEmptyFile;
  std::int64_t row = 0;   // as a spreadsheet numbers rows: the file's first row is 1; 0: the file
  std::int64_t line = 0;  // the line of the file the row starts on (differs from row only after a
                          // quoted field spanning lines); 0: the file
  std::string column;     // as the format names it: "\"Paid out\"" or "column 4"; "" when none
  std::string message;    // plain English, saying what is wrong and what to do

  // "row 7, column \"Date\": …", "row 7: …" or just the message for the whole file.
  std::string ToString() const;
};

// One good line of the statement.
struct StatementLine {
  std::int64_t row = 0;   // as StatementProblem::row
  std::int64_t line = 0;  // as StatementProblem::line
  Date date;
  Pence amount;  // money in positive, money out negative; may be zero (a card check)
  std::string payee;
  std::string reference;    // "" when the format has no reference column
  std::string description;  // the description column(s), joined with " · "; "" when none
  std::optional<Pence> balance;
  std::string card;  // "" when the format has no card column

  bool money_out() const { return amount.value() < 0; }
};

struct StatementReport {
  std::vector<StatementLine> lines;        // every good line, in file order
  std::vector<StatementProblem> problems;  // every problem, in file order; file-wide ones first
  std::int64_t rows = 0;                   // rows of lines read (not the header, skipped or
                                           // blank rows)

  // True when the statement may be imported: no problem at all.
  bool ok() const { return problems.empty(); }
};

// Reads a statement in `format`. Never fails: every problem is in the report, so that a person
// can put them all right at once. Text is trimmed of surrounding spaces before it is read; blank
// rows, and rows whose fields are all empty, are ignored; a UTF-8 byte order mark and CR LF line
// ends are fine. Each row is checked for the right number of fields, UTF-8 text in every field, a
// date in one of the format's patterns, an amount in pounds and pence (with a £ sign and thousands
// commas only when the format allows them), exactly one of money in and money out filled (a 0.00
// counts as empty when the other is filled), a payee, and a balance that is an amount. When the
// format has a balance column, each good line's balance must equal the balance of the line before
// it (in date order, as format.order says) plus its amount; each break is reported on the later
// row. A file over `limits` is refused with one file-wide problem.
StatementReport ParseStatement(std::string_view bytes, const StatementFormat& format,
                               const StatementLimits& limits = {});

// ----- Matching lines to the plan -----

// A name a person or planner has told selfdirect a payee goes by on statements:
// "SMITHS CARE LTD" is Smith's Care, "J OKAFOR WAGES" is Jade Okafor.
struct PayeeAlias {
  std::string payee;          // as the statement shows it (matched loosely, see MatchLines)
  std::string supplier_name;  // as the plan's item names the provider or assistant
};

enum class LineCategory {
  // Money out.
  kPlanItem,        // spent on a plan item (plan_item says which)
  kUnknownPayee,    // a payee the plan does not name: flagged for the person or planner to say
  kCashWithdrawal,  // cash taken out
  kBankCharge,      // a bank's or card provider's fee, charge or interest
  kNotInPlan,       // the person or planner says it was not for the plan (set by Recategorise)
  // Money in.
  kCouncilPayment,  // the council's direct payment
  kTopUp,           // a top-up from the person or someone else
  kRefund,          // money back from a supplier (plan_item set when the supplier is in the plan)
  kOtherMoneyIn,    // money in that is none of the above: flagged
  // Neither.
  kNoMoneyMoved,  // a line of £0.00 (a card check)
};

// "plan_item", "unknown_payee", "cash_withdrawal", …
const char* LineCategoryName(LineCategory category);
// The category a LineCategoryName stands for; nullopt for any other text.
std::optional<LineCategory> ParseLineCategory(std::string_view name);

// True for the categories money out may have (kPlanItem … kNotInPlan), and for money in.
bool IsMoneyOutCategory(LineCategory category);
bool IsMoneyInCategory(LineCategory category);

// What a line was found (or said) to be.
struct LineMatch {
  std::size_t line = 0;  // index into the lines matched
  LineCategory category = LineCategory::kUnknownPayee;
  std::optional<std::size_t> plan_item;  // index into the plan items, for kPlanItem and kRefund
  // Why, in plain English: "payee matches Smith's Care", "recorded as Smith's Care
  // (\"SMITHS CARE LTD\")", "looks like a cash withdrawal (\"ATM\")", "re-categorised".
  std::string reason;
  bool needs_review = false;   // kUnknownPayee and kOtherMoneyIn: someone should look
  bool recategorised = false;  // set by Recategorise
  std::string note;            // the person's or planner's words, from Recategorise

  friend bool operator==(const LineMatch&, const LineMatch&) = default;
};

// Words that mark lines the plan does not list but that are not a worry in themselves, and the
// names money in comes from. Words and names are matched loosely (see MatchLines) as whole
// words or runs of words anywhere in the payee, reference and description.
struct MatchRules {
  std::vector<std::string> cash_withdrawal_words = {"cash withdrawal", "cash", "atm", "cashpoint",
                                                    "cash machine"};
  std::vector<std::string> bank_charge_words = {"bank charge", "charge",   "charges",   "fee",
                                                "fees",        "interest", "commission"};
  // Names the council's payments arrive under: "HARTLEPOOL BC", "HBC DIRECT PAYMENTS".
  std::vector<std::string> council_payers;
  // Words and names that mark a top-up: the person's own or a family member's name.
  std::vector<std::string> top_up_words = {"top up", "topup"};
  std::vector<std::string> refund_words = {"refund", "reversal"};
};

// Classifies every line, in order (one LineMatch per line, LineMatch::line = its index):
//   money out — a plan item whose supplier_name matches the payee (or the payee with
//     `aliases` applied) → kPlanItem, the first such item in plan order; else a cash or
//     bank-charge word → kCashWithdrawal / kBankCharge; else kUnknownPayee, flagged.
//   money in — a council payer → kCouncilPayment; a refund word, or a payee matching a plan
//     supplier → kRefund; a top-up word → kTopUp; else kOtherMoneyIn, flagged.
//   £0.00 → kNoMoneyMoved.
// Loose matching (LooseName): capitals, punctuation and spacing are ignored ("Smith's Care" is
// "SMITHS CARE"), and so are the words ltd, limited, plc, llp, cic and "the". A name matches a
// payee that is the same, or that starts with it followed by more words ("PUREGYM 1234 LEEDS"
// matches PureGym) when the name is at least 5 letters long. Items with no supplier_name, or
// whose supplier is still to be chosen, match nothing.
std::vector<LineMatch> MatchLines(std::span<const StatementLine> lines,
                                  std::span<const casework::PlanItem> plan_items,
                                  std::span<const PayeeAlias> aliases,
                                  const MatchRules& rules = {});

// What a person or planner says a line was.
struct Recategorisation {
  std::size_t line = 0;  // index into the lines, as LineMatch::line
  LineCategory category = LineCategory::kPlanItem;
  std::optional<std::size_t> plan_item;  // required for kPlanItem; optional for kRefund
  std::string note;                      // their words, up to 500 characters
};

// Applies `changes` to `matches` and returns the new set (the input is unchanged). Each changed
// line gets the category and plan item given, recategorised = true, reason "re-categorised"
// and needs_review = false. A line changed twice takes the last change. Every problem is
// reported at once as a FieldError "changes[i].line" / ".category" / ".plan_item" / ".note":
// a line that is not in `matches`, a money-in category for money out (or the other way round),
// kNoMoneyMoved, kUnknownPayee or kOtherMoneyIn (those are only what matching finds), kPlanItem
// without a plan item, a plan item that is not one of the plan's `plan_item_count`, a plan item
// with a category that is not kPlanItem or kRefund, a note over 500 characters.
Result<std::vector<LineMatch>> Recategorise(std::span<const LineMatch> matches,
                                            std::span<const StatementLine> lines,
                                            std::size_t plan_item_count,
                                            std::span<const Recategorisation> changes);

// The loose form names are compared in: lower case, letters and digits only, words separated by
// one space, with ltd, limited, plc, llp, cic and "the" left out. "The Smith's Care Ltd." →
// "smiths care". Exposed for tests and for showing why two names matched.
std::string LooseName(std::string_view name);

}  // namespace selfdirect::ledger
