// A statement format: how one bank's or prepaid-card provider's CSV export is laid out, written
// by a finance officer as a short YAML file rather than as code. docs/statement-import.md
// explains each setting; docs/samples/statement-formats/ has two examples.
//
//   Result<StatementFormat> format = ParseStatementFormat(yaml_text);
//   if (!format) for (const FieldError& f : format.error().fields) show(f.field, f.message);
//   StatementReport report = ParseStatement(csv_bytes, *format);   // statement.h
//
// Everything here is pure: text in, values out; no file is opened.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/result.h"

namespace selfdirect::ledger {

// The most a format file may be; real ones are a few hundred bytes.
inline constexpr std::size_t kMaxStatementFormatBytes = std::size_t{64} * 1024;

// Where a value is in each row: a column named in the header row (matched ignoring capitals and
// surrounding spaces), or, for a file without a header row, a column number counting from 1.
struct ColumnRef {
  std::string name;        // when the file has a header row
  std::size_t number = 0;  // 1-based, when it has none

  // "\"Paid out\"" or "column 4", for messages.
  std::string Describe() const;
  friend bool operator==(const ColumnRef&, const ColumnRef&) = default;
};

// One way a date may be written, as a pattern: d or dd (day), m or mm (month number), MMM
// (Jan … Dec) or MMMM (January … December), yyyy (year) or yy (a year 2000–2099); anything
// else must appear exactly as written. "dd/mm/yyyy", "yyyy-mm-dd", "d MMM yyyy".
class DatePattern {
 public:
  // Checks the pattern: exactly one day, one month and one year, and nothing else but
  // separators. Fails with kInvalidArgument and a message saying what is wrong.
  static Result<DatePattern> Parse(std::string_view pattern);

  // The date `text` stands for, or nullopt when it does not fit the pattern or is no real day.
  // d and m take one or two digits; dd, mm and yyyy take exactly two, two and four. Month names
  // are matched ignoring capitals.
  std::optional<Date> Read(std::string_view text) const;

  const std::string& text() const { return text_; }

  // The pattern applied to 23 November 2026, to show a person what is expected: "23/11/2026".
  std::string Example() const;

 private:
  enum class Part { kDay, kDay2, kMonth, kMonth2, kMonthShort, kMonthLong, kYear4, kYear2, kText };
  struct Piece {
    Part part;
    std::string text;  // for kText
  };
  std::string text_;
  std::vector<Piece> pieces_;
};

// Whether rows run from the oldest line to the newest, or the other way. It matters only for
// checking running balances.
enum class StatementOrder { kOldestFirst, kNewestFirst };

// One signed amount column, or a money-in and a money-out column.
struct SignedAmount {
  ColumnRef column;
  // How money going out is written in that column: with a minus sign (most banks), or as a
  // positive number with money in negative (some card providers).
  bool money_out_negative = true;
};
struct InOutAmounts {
  ColumnRef money_in;
  ColumnRef money_out;
};

struct StatementFormat {
  std::string name;           // "Northern Bank current account (CSV download)"
  char delimiter = ',';       // ',' ';' '\t' or '|'
  bool header = true;         // the first row read (after skip_rows) names the columns
  std::size_t skip_rows = 0;  // rows before the header (or the first line) to ignore
  StatementOrder order = StatementOrder::kOldestFirst;

  ColumnRef date;
  std::vector<DatePattern> date_formats;  // tried in order; the first that fits is used
  std::variant<SignedAmount, InOutAmounts> amount;
  bool allow_pound_sign = false;        // "£12.50" as well as "12.50"
  bool allow_thousands_commas = false;  // "1,234.56" as well as "1234.56"

  ColumnRef payee;
  std::optional<ColumnRef> reference;
  std::vector<ColumnRef> description;  // joined with " · " when more than one
  std::optional<ColumnRef> balance;
  std::optional<ColumnRef> card;  // the card number or account the line belongs to

  // Every column the format uses, in the order above (date, amount column(s), payee, …).
  std::vector<ColumnRef> Columns() const;
};

// Reads a format from YAML text. Every problem is reported at once, each as a FieldError whose
// field is the setting's path ("columns.money_out", "date_formats[1]", "delimiter") and whose
// message says what to write instead; Error::message sums up. Refused: text over
// kMaxStatementFormatBytes, text that is not YAML or not a map, an unknown setting, a missing
// required one, a value of the wrong kind, both `amount` and `money_in`/`money_out` (or
// neither, or only one of the pair), a column used for two things, column names in a file
// without a header (or numbers in one with), and a date pattern that is not one.
Result<StatementFormat> ParseStatementFormat(std::string_view yaml_text);

}  // namespace selfdirect::ledger
