#include "selfdirect/ledger/statement.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>
#include <utility>

#include "selfdirect/core/csv.h"

namespace selfdirect::ledger {
namespace {

// No one line of a personal budget's statement comes near this; the cap keeps every sum of a
// statement's lines (at most a few thousand) far inside the int64 range.
constexpr std::int64_t kMaxLinePence = 10'000'000'000;  // £100 million
constexpr std::size_t kMaxNoteLength = 500;
constexpr std::string_view kSeparator = " \xC2\xB7 ";  // " · "
// What to do about a file in another encoding. Not "open it in a spreadsheet": saving it again
// from a spreadsheet can change how its dates and amounts are written.
constexpr std::string_view kSaveAsUtf8 =
    "Open the file in a text editor and save it with the encoding UTF-8, or download it from "
    "the bank again as UTF-8";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string LooseHeader(std::string_view name) {
  std::string out(Trimmed(name));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The byte offset of the first byte that is not part of valid UTF-8 text, or npos. Overlong
// forms, surrogates and code points above U+10FFFF are invalid; so is a NUL byte.
std::size_t FirstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == 0) return i;
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      if (b == 0xE0) low = 0xA0;
      if (b == 0xED) high = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      if (b == 0xF0) low = 0x90;
      if (b == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > n) return i;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < low || second > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// Text cut short for a message, on a character boundary, with control characters shown as ?.
std::string Shown(std::string_view text, std::size_t most = 40) {
  std::string out;
  std::size_t i = 0;
  for (; i < text.size() && i < most; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    out += b < 0x20 || b == 0x7F ? '?' : text[i];
  }
  if (i < text.size()) {
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    out += "\xE2\x80\xA6";  // …
  }
  return out;
}

std::string Grouped(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// An amount as a statement writes it, by the format's rules. On failure sets `kind` and
// `message` and returns nullopt. `text` is already trimmed and not empty.
std::optional<Pence> ReadAmount(std::string_view text, const StatementFormat& format,
                                StatementProblemKind& kind, std::string& message) {
  const std::string shown = Shown(text);
  auto bad = [&](StatementProblemKind k, std::string m) -> std::optional<Pence> {
    kind = k;
    message = std::move(m);
    return std::nullopt;
  };
  if (FirstInvalidUtf8(text) != std::string_view::npos) {
    return bad(StatementProblemKind::kInvalidEncoding,
               "The amount contains bytes that are not UTF-8 text");
  }
  std::string_view body = text;
  if (body.starts_with('+')) body.remove_prefix(1);
  constexpr std::string_view kPound = "\xC2\xA3";
  if (!format.allow_pound_sign && body.find(kPound) != std::string_view::npos) {
    return bad(StatementProblemKind::kBadAmount,
               fmt::format("\"{}\" has a £ sign, but this format's amounts are written without "
                           "one. Is this the right format for the file?",
                           shown));
  }
  if (!format.allow_thousands_commas && body.find(',') != std::string_view::npos) {
    return bad(StatementProblemKind::kBadAmount,
               fmt::format("\"{}\" has a comma, but this format's amounts are written without "
                           "thousands commas (like 1234.56). Is this the right format for the "
                           "file?",
                           shown));
  }
  const std::size_t dot = body.find('.');
  if (dot != std::string_view::npos) {
    const std::string_view fraction = body.substr(dot + 1);
    if (fraction.size() > 2 && std::all_of(fraction.begin(), fraction.end(), IsDigit)) {
      return bad(StatementProblemKind::kTooManyDecimals,
                 fmt::format("\"{}\" has {} decimal places; an amount is pounds and pence, with "
                             "at most 2",
                             shown, fraction.size()));
    }
  }
  Result<Pence> pence = ParsePounds(body);
  if (!pence) {
    if (pence.error().code == ErrorCode::kOverflow) {
      return bad(StatementProblemKind::kBadAmount,
                 fmt::format("\"{}\" is far too large to be an amount on a statement", shown));
    }
    return bad(StatementProblemKind::kBadAmount,
               fmt::format("\"{}\" is not an amount in pounds and pence; it should look like "
                           "{}",
                           shown,
                           format.allow_pound_sign && format.allow_thousands_commas
                               ? "12.50, -7.99 or £1,234.56"
                               : "12.50 or -7.99"));
  }
  if (pence->value() > kMaxLinePence || pence->value() < -kMaxLinePence) {
    return bad(
        StatementProblemKind::kBadAmount,
        fmt::format("\"{}\" is more than £100,000,000; that cannot be right for one line", shown));
  }
  return *pence;
}

// Reads the CSV reader's "row 7 (line 8 of the file), column 3: what is wrong" message apart.
void SplitCsvMessage(const std::string& message, std::size_t& column, std::string& text) {
  column = 0;
  text = message;
  const std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return;
  const std::string where = message.substr(0, colon);
  if (!where.starts_with("row ")) return;
  text = message.substr(colon + 2);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  const std::size_t at = where.find("column ");
  if (at == std::string::npos) return;
  for (std::size_t i = at + 7; i < where.size() && (IsDigit(where[i]) || where[i] == ','); ++i) {
    if (where[i] != ',') column = column * 10 + static_cast<std::size_t>(where[i] - '0');
  }
}

struct Row {
  std::int64_t row = 0;
  std::int64_t line = 0;
  bool good = false;
  std::size_t line_index = 0;  // into report.lines, when good
};

}  // namespace

const char* StatementProblemKindName(StatementProblemKind kind) {
  switch (kind) {
    case StatementProblemKind::kEmptyFile:
      return "empty_file";
    case StatementProblemKind::kTooManyRows:
      return "too_many_rows";
    case StatementProblemKind::kTooLarge:
      return "too_large";
    case StatementProblemKind::kMissingColumn:
      return "missing_column";
    case StatementProblemKind::kUnreadableCsv:
      return "unreadable_csv";
    case StatementProblemKind::kInvalidEncoding:
      return "invalid_encoding";
    case StatementProblemKind::kWrongColumnCount:
      return "wrong_column_count";
    case StatementProblemKind::kBadDate:
      return "bad_date";
    case StatementProblemKind::kBadAmount:
      return "bad_amount";
    case StatementProblemKind::kTooManyDecimals:
      return "too_many_decimals";
    case StatementProblemKind::kNoAmount:
      return "no_amount";
    case StatementProblemKind::kBothInAndOut:
      return "both_in_and_out";
    case StatementProblemKind::kEmptyPayee:
      return "empty_payee";
    case StatementProblemKind::kBadBalance:
      return "bad_balance";
    case StatementProblemKind::kBalanceMismatch:
      return "balance_mismatch";
  }
  return "unknown";
}

std::string StatementProblem::ToString() const {
  if (row == 0) return message;
  std::string out = "row " + Grouped(row);
  if (line != 0 && line != row) out += " (line " + Grouped(line) + " of the file)";
  if (!column.empty()) out += ", column " + column;
  return out + ": " + message;
}

StatementReport ParseStatement(std::string_view bytes, const StatementFormat& format,
                               const StatementLimits& limits) {
  StatementReport report;
  auto whole_file = [&](StatementProblemKind kind, std::string message) {
    report.problems.push_back({kind, 0, 0, "", std::move(message)});
  };

  if (bytes.size() > limits.max_bytes) {
    whole_file(StatementProblemKind::kTooLarge,
               fmt::format("The file is {} bytes; a statement may be at most {} bytes. Split it "
                           "into shorter periods and import each",
                           Grouped(static_cast<std::int64_t>(bytes.size())),
                           Grouped(static_cast<std::int64_t>(limits.max_bytes))));
    return report;
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    whole_file(
        StatementProblemKind::kInvalidEncoding,
        "The file is saved as UTF-16 (\"Unicode text\"), not UTF-8. " + std::string(kSaveAsUtf8));
    return report;
  }

  std::size_t at = 0;
  CsvReader reader(
      [&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
        const std::size_t n = std::min(capacity, bytes.size() - at);
        std::memcpy(buffer, bytes.data() + at, n);
        at += n;
        return n;
      },
      CsvReaderOptions{.max_field_length = limits.max_field_length,
                       .max_fields_per_record = 1'000,
                       .chunk_size = std::size_t{64} * 1024,
                       .delimiter = format.delimiter});

  // Where each column the format uses is, once known (0-based), and how many fields a row has.
  std::vector<std::string> header_names;  // when the file has a header
  std::size_t expected_fields = 0;        // 0 until known
  std::map<std::string, std::size_t> header_index;

  // Resolves a column to its 0-based index; nullopt when the header lacks it.
  auto index_of = [&](const ColumnRef& ref) -> std::optional<std::size_t> {
    if (ref.number != 0) return ref.number - 1;
    auto it = header_index.find(LooseHeader(ref.name));
    if (it == header_index.end()) return std::nullopt;
    return it->second;
  };
  // How a problem names a column: the header's own spelling, or its number.
  auto column_name = [&](std::size_t index) {
    if (index < header_names.size()) return "\"" + Shown(header_names[index], 60) + "\"";
    return fmt::format("{}", index + 1);
  };
  auto column_of = [&](const ColumnRef& ref) {
    const auto index = index_of(ref);
    return index ? column_name(*index) : ref.Describe();
  };

  std::vector<Row> rows;
  std::int64_t skipped = 0;
  bool header_read = !format.header;
  bool header_ok = true;
  CsvRecord record;
  std::int64_t max_row_index_needed = 0;
  for (const ColumnRef& ref : format.Columns()) {
    max_row_index_needed =
        std::max<std::int64_t>(max_row_index_needed, static_cast<std::int64_t>(ref.number));
  }

  // Refuses the file for having more rows than the limit (report.rows has just passed it).
  auto too_many_rows = [&] {
    report.problems.insert(
        report.problems.begin(),
        {StatementProblemKind::kTooManyRows, 0, 0, "",
         fmt::format("The file has more than {} rows; a statement may have at most {}. Split it "
                     "into shorter periods and import each",
                     Grouped(limits.max_rows), Grouped(limits.max_rows))});
    report.rows = limits.max_rows;
  };

  while (true) {
    Result<bool> got = reader.Next(record);
    if (!got) {
      std::size_t column = 0;
      std::string text;
      SplitCsvMessage(got.error().message, column, text);
      const bool stopped = reader.stopped();
      if (skipped < static_cast<std::int64_t>(format.skip_rows)) {
        // A row to be skipped anyway; only a reader that cannot carry on matters.
        ++skipped;
        if (!stopped) continue;
      }
      if (header_read && ++report.rows > limits.max_rows) {
        too_many_rows();
        break;
      }
      report.problems.push_back({StatementProblemKind::kUnreadableCsv, reader.record_number(),
                                 reader.record_line(), column == 0 ? "" : column_name(column - 1),
                                 text});
      if (header_read) rows.push_back({reader.record_number(), reader.record_line(), false, 0});
      if (stopped) break;
      continue;
    }
    if (!*got) break;
    if (skipped < static_cast<std::int64_t>(format.skip_rows)) {
      ++skipped;
      continue;
    }
    // A blank row, or one of only empty fields (",,,," as spreadsheets save an empty row).
    bool empty = true;
    for (std::size_t i = 0; i < record.size() && empty; ++i) empty = Trimmed(record[i]).empty();
    if (empty) continue;

    if (!header_read) {
      header_read = true;
      for (std::size_t i = 0; i < record.size(); ++i) {
        const std::string_view name = record[i];
        if (FirstInvalidUtf8(name) != std::string_view::npos) {
          report.problems.push_back({StatementProblemKind::kInvalidEncoding, record.number(),
                                     record.line(), fmt::format("{}", i + 1),
                                     "The header row's column name contains bytes that are not "
                                     "UTF-8 text. " +
                                         std::string(kSaveAsUtf8)});
        }
        header_names.emplace_back(Trimmed(name));
        header_index.emplace(LooseHeader(name), i);  // the first of two same names wins
      }
      expected_fields = record.size();
      // Every column the format names must be in the header, once.
      std::map<std::string, std::size_t> counts;
      for (const std::string& name : header_names) ++counts[LooseHeader(name)];
      for (const ColumnRef& ref : format.Columns()) {
        const std::string loose = LooseHeader(ref.name);
        const auto count = counts.find(loose);
        if (count == counts.end()) {
          header_ok = false;
          std::string have;
          for (std::size_t i = 0; i < header_names.size() && i < 20; ++i) {
            have += (i == 0 ? "" : ", ") + ("\"" + Shown(header_names[i], 40) + "\"");
          }
          report.problems.push_back(
              {StatementProblemKind::kMissingColumn, record.number(), record.line(), "",
               fmt::format("The header row has no column {} that the format \"{}\" names. Its "
                           "columns are: {}. Is this the right format for the file?",
                           ref.Describe(), Shown(format.name, 60), have)});
        } else if (count->second > 1) {
          header_ok = false;
          report.problems.push_back(
              {StatementProblemKind::kMissingColumn, record.number(), record.line(), "",
               fmt::format("The header row has more than one column called {}, so it is not "
                           "clear which one to read",
                           ref.Describe())});
        }
      }
      if (!header_ok) break;
      continue;
    }

    // A row of a statement line.
    if (++report.rows > limits.max_rows) {
      too_many_rows();
      break;
    }
    Row row{record.number(), record.line(), false, 0};
    auto problem = [&](StatementProblemKind kind, std::string column, std::string message) {
      report.problems.push_back({kind, row.row, row.line, std::move(column), std::move(message)});
    };

    if (expected_fields == 0) {
      expected_fields = record.size();
      if (static_cast<std::int64_t>(record.size()) < max_row_index_needed) {
        expected_fields = static_cast<std::size_t>(max_row_index_needed);
      }
    }
    if (record.size() != expected_fields) {
      problem(StatementProblemKind::kWrongColumnCount, "",
              fmt::format("This row has {} fields but {} {}. A field with a {} in it must be "
                          "wrapped in double quotes",
                          record.size(), format.header ? "the header has" : "the first line has",
                          expected_fields,
                          format.delimiter == ','    ? "comma"
                          : format.delimiter == ';'  ? "semicolon"
                          : format.delimiter == '\t' ? "tab"
                                                     : "| (bar)"));
      rows.push_back(row);
      continue;
    }

    bool good = true;
    // The field of `ref`, trimmed; nullopt (and a problem) when it is not UTF-8 text.
    auto field = [&](const ColumnRef& ref, std::string_view what) -> std::optional<std::string> {
      const auto index = index_of(ref);
      if (!index || *index >= record.size()) return std::string();
      const std::string_view text = Trimmed(record[*index]);
      if (const std::size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
        problem(StatementProblemKind::kInvalidEncoding, column_name(*index),
                fmt::format("The {} contains bytes that are not UTF-8 text (at byte {}): the "
                            "file may have been saved in another encoding. {}",
                            what, bad + 1, kSaveAsUtf8));
        good = false;
        return std::nullopt;
      }
      return std::string(text);
    };

    StatementLine line;
    line.row = row.row;
    line.line = row.line;

    // Date.
    if (const auto text = field(format.date, "date")) {
      std::optional<Date> date;
      for (const DatePattern& pattern : format.date_formats) {
        date = pattern.Read(*text);
        if (date) break;
      }
      if (date) {
        line.date = *date;
      } else {
        good = false;
        std::string patterns;
        for (std::size_t i = 0; i < format.date_formats.size(); ++i) {
          if (i != 0) patterns += i + 1 == format.date_formats.size() ? " or " : ", ";
          patterns += format.date_formats[i].Example();
        }
        problem(StatementProblemKind::kBadDate, column_of(format.date),
                text->empty() ? "The date is empty; every line needs one"
                              : fmt::format("\"{}\" is not a date written like {}, or is not a "
                                            "real day",
                                            Shown(*text), patterns));
      }
    }

    // Amount. `text` is the field's trimmed text, not empty.
    auto amount_of = [&](const std::string& text, const ColumnRef& ref) -> std::optional<Pence> {
      StatementProblemKind kind;
      std::string message;
      std::optional<Pence> pence = ReadAmount(text, format, kind, message);
      if (!pence) {
        good = false;
        problem(kind, column_of(ref), message);
      }
      return pence;
    };
    if (const auto* signed_amount = std::get_if<SignedAmount>(&format.amount)) {
      const auto text = field(signed_amount->column, "amount");
      if (text && text->empty()) {
        good = false;
        problem(StatementProblemKind::kNoAmount, column_of(signed_amount->column),
                "The amount is empty; every line needs one");
      } else if (text) {
        if (const auto pence = amount_of(*text, signed_amount->column)) {
          line.amount = signed_amount->money_out_negative ? *pence : Pence(-pence->value());
        }
      }
    } else {
      const auto& in_out = std::get<InOutAmounts>(format.amount);
      const auto in_text = field(in_out.money_in, "money in");
      const auto out_text = field(in_out.money_out, "money out");
      if (in_text && out_text) {
        std::optional<Pence> in, out;
        bool readable = true;
        for (auto [text, ref, pence] : {std::tuple{&*in_text, &in_out.money_in, &in},
                                        std::tuple{&*out_text, &in_out.money_out, &out}}) {
          if (text->empty()) continue;
          *pence = amount_of(*text, *ref);
          if (!*pence) {
            readable = false;
          } else if ((*pence)->value() < 0) {
            readable = false;
            good = false;
            problem(StatementProblemKind::kBadAmount, column_of(*ref),
                    fmt::format("\"{}\" has a minus sign, but amounts in this column should "
                                "have none: the column itself says which way the money went",
                                Shown(*text)));
          }
        }
        const bool in_filled = in && in->value() != 0;
        const bool out_filled = out && out->value() != 0;
        if (readable) {
          if (in_filled && out_filled) {
            good = false;
            problem(StatementProblemKind::kBothInAndOut, "",
                    fmt::format("Both {} (money in) and {} (money out) have an amount; a line is "
                                "one or the other",
                                column_of(in_out.money_in), column_of(in_out.money_out)));
          } else if (in_text->empty() && out_text->empty()) {
            good = false;
            problem(StatementProblemKind::kNoAmount, "",
                    fmt::format("Neither {} (money in) nor {} (money out) has an amount",
                                column_of(in_out.money_in), column_of(in_out.money_out)));
          } else if (in_filled) {
            line.amount = *in;
          } else if (out_filled) {
            line.amount = Pence(-out->value());
          }
        }
      }
    }

    // Payee.
    if (const auto payee = field(format.payee, "payee")) {
      if (payee->empty()) {
        good = false;
        problem(StatementProblemKind::kEmptyPayee, column_of(format.payee),
                "The payee is empty; every line needs to say who was paid or who paid in");
      } else {
        line.payee = *payee;
      }
    }
    if (format.reference) {
      if (const auto text = field(*format.reference, "reference")) line.reference = *text;
    }
    for (const ColumnRef& ref : format.description) {
      if (const auto text = field(ref, "description"); text && !text->empty()) {
        if (!line.description.empty()) line.description += kSeparator;
        line.description += *text;
      }
    }
    if (format.card) {
      if (const auto text = field(*format.card, "card or account")) line.card = *text;
    }
    if (format.balance) {
      if (const auto text = field(*format.balance, "balance"); text && !text->empty()) {
        StatementProblemKind kind;
        std::string message;
        // A balance is a plain signed figure: an overdrawn account is negative whichever way the
        // format writes money out.
        std::optional<Pence> pence = ReadAmount(*text, format, kind, message);
        if (pence) {
          line.balance = *pence;
        } else {
          good = false;
          problem(kind == StatementProblemKind::kTooManyDecimals
                      ? kind
                      : StatementProblemKind::kBadBalance,
                  column_of(*format.balance), message);
        }
      }
    }

    if (good) {
      row.good = true;
      row.line_index = report.lines.size();
      report.lines.push_back(std::move(line));
    }
    rows.push_back(row);
  }

  if (!header_read && report.problems.empty()) {
    whole_file(StatementProblemKind::kEmptyFile,
               bytes.empty() ? "The file is empty"
                             : "The file has no header row, so no statement lines: is it the "
                               "whole file?");
    return report;
  }
  if (header_ok && report.rows == 0 && report.problems.empty()) {
    whole_file(StatementProblemKind::kEmptyFile,
               bytes.empty() ? "The file is empty"
                             : "The file has no statement lines: there is nothing to import");
    return report;
  }

  // Running balances, oldest line first. A bad row breaks the chain (its amount is unknown); a
  // good line without a balance carries it on.
  if (format.balance) {
    std::vector<const Row*> in_time;
    in_time.reserve(rows.size());
    for (const Row& row : rows) in_time.push_back(&row);
    if (format.order == StatementOrder::kNewestFirst) std::reverse(in_time.begin(), in_time.end());
    std::optional<Pence> expected;
    std::int64_t from_row = 0;
    Pence from_balance;
    std::vector<StatementProblem> mismatches;
    for (const Row* row : in_time) {
      if (!row->good) {
        expected.reset();
        continue;
      }
      const StatementLine& line = report.lines[row->line_index];
      if (!line.balance) {
        if (expected) {
          Result<Pence> next = expected->Plus(line.amount);
          expected = next ? std::optional<Pence>(*next) : std::nullopt;
        }
        continue;
      }
      if (expected) {
        Result<Pence> want = expected->Plus(line.amount);
        if (want && *want != *line.balance) {
          mismatches.push_back(
              {StatementProblemKind::kBalanceMismatch, line.row, line.line,
               column_of(*format.balance),
               fmt::format("The balance is {}, but the line before it (row {}) left {} and this "
                           "line's {} makes {}. A line may be missing between them, the rows may "
                           "be in the other order (the format says {}), or the file may have "
                           "been changed",
                           FormatPounds(*line.balance), Grouped(from_row),
                           FormatPounds(from_balance), FormatPounds(line.amount),
                           FormatPounds(*want),
                           format.order == StatementOrder::kOldestFirst ? "oldest_first"
                                                                        : "newest_first")});
        }
      }
      expected = line.balance;
      from_row = line.row;
      from_balance = *line.balance;
    }
    report.problems.insert(report.problems.end(), mismatches.begin(), mismatches.end());
  }
  std::stable_sort(
      report.problems.begin(), report.problems.end(),
      [](const StatementProblem& a, const StatementProblem& b) { return a.row < b.row; });
  return report;
}

// ----- Matching -----

namespace {

constexpr std::string_view kDroppedWords[] = {"ltd", "limited", "plc", "llp", "cic", "the"};

// Splits loose text into words.
std::vector<std::string_view> Words(std::string_view loose) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < loose.size()) {
    std::size_t end = loose.find(' ', start);
    if (end == std::string_view::npos) end = loose.size();
    if (end > start) out.push_back(loose.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// True when `name` (loose) matches `payee` (loose): the same, or the payee starts with the name
// as whole words and the name is long enough not to match by accident.
bool NameMatches(std::string_view name, std::string_view payee) {
  if (name.empty()) return false;
  if (name == payee) return true;
  return name.size() >= 5 && payee.size() > name.size() && payee.starts_with(name) &&
         payee[name.size()] == ' ';
}

// True when `phrase` (loose) appears in `text` (loose) as whole words.
bool HasPhrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty()) return false;
  std::size_t at = 0;
  while ((at = text.find(phrase, at)) != std::string_view::npos) {
    const bool starts = at == 0 || text[at - 1] == ' ';
    const std::size_t end = at + phrase.size();
    const bool ends = end == text.size() || text[end] == ' ';
    if (starts && ends) return true;
    ++at;
  }
  return false;
}

// Words or names as written in the rules, each with its loose form.
struct Phrases {
  explicit Phrases(const std::vector<std::string>& words) {
    for (const std::string& word : words) {
      std::string loose = LooseName(word);
      if (!loose.empty()) entries.emplace_back(word, std::move(loose));
    }
  }

  // The first phrase found in `text` (loose), as written in the rules; "" when none.
  std::string FirstIn(std::string_view text) const {
    for (const auto& [written, loose] : entries) {
      if (HasPhrase(text, loose)) return written;
    }
    return "";
  }

  std::vector<std::pair<std::string, std::string>> entries;  // as written, loose
};

}  // namespace

std::string LooseName(std::string_view name) {
  std::string spaced;
  spaced.reserve(name.size() + 8);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const auto b = static_cast<unsigned char>(c);
    if (c == '\'' || c == '`') continue;  // Smith's → smiths
    if (name.substr(i).starts_with("\xE2\x80\x99") || name.substr(i).starts_with("\xE2\x80\x98")) {
      i += 2;  // ’ and ‘, as apostrophes
      continue;
    }
    if (c == '&') {
      spaced += " and ";
    } else if (c >= 'A' && c <= 'Z') {
      spaced += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || IsDigit(c) || b >= 0x80) {
      spaced += c;  // letters beyond ASCII are kept as they are
    } else {
      spaced += ' ';
    }
  }
  std::string out;
  for (std::string_view word : Words(spaced)) {
    if (std::find(std::begin(kDroppedWords), std::end(kDroppedWords), word) !=
        std::end(kDroppedWords)) {
      continue;
    }
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

const char* LineCategoryName(LineCategory category) {
  switch (category) {
    case LineCategory::kPlanItem:
      return "plan_item";
    case LineCategory::kUnknownPayee:
      return "unknown_payee";
    case LineCategory::kCashWithdrawal:
      return "cash_withdrawal";
    case LineCategory::kBankCharge:
      return "bank_charge";
    case LineCategory::kNotInPlan:
      return "not_in_plan";
    case LineCategory::kCouncilPayment:
      return "council_payment";
    case LineCategory::kTopUp:
      return "top_up";
    case LineCategory::kRefund:
      return "refund";
    case LineCategory::kOtherMoneyIn:
      return "other_money_in";
    case LineCategory::kNoMoneyMoved:
      return "no_money_moved";
  }
  return "unknown";
}

std::optional<LineCategory> ParseLineCategory(std::string_view name) {
  for (LineCategory c :
       {LineCategory::kPlanItem, LineCategory::kUnknownPayee, LineCategory::kCashWithdrawal,
        LineCategory::kBankCharge, LineCategory::kNotInPlan, LineCategory::kCouncilPayment,
        LineCategory::kTopUp, LineCategory::kRefund, LineCategory::kOtherMoneyIn,
        LineCategory::kNoMoneyMoved}) {
    if (name == LineCategoryName(c)) return c;
  }
  return std::nullopt;
}

bool IsMoneyOutCategory(LineCategory category) {
  switch (category) {
    case LineCategory::kPlanItem:
    case LineCategory::kUnknownPayee:
    case LineCategory::kCashWithdrawal:
    case LineCategory::kBankCharge:
    case LineCategory::kNotInPlan:
      return true;
    default:
      return false;
  }
}

bool IsMoneyInCategory(LineCategory category) {
  switch (category) {
    case LineCategory::kCouncilPayment:
    case LineCategory::kTopUp:
    case LineCategory::kRefund:
    case LineCategory::kOtherMoneyIn:
      return true;
    default:
      return false;
  }
}

std::vector<LineMatch> MatchLines(std::span<const StatementLine> lines,
                                  std::span<const casework::PlanItem> plan_items,
                                  std::span<const PayeeAlias> aliases, const MatchRules& rules) {
  // The plan's suppliers, loosely.
  std::vector<std::string> suppliers(plan_items.size());
  for (std::size_t i = 0; i < plan_items.size(); ++i) {
    if (plan_items[i].supplier == casework::Supplier::kToBeChosen) continue;
    suppliers[i] = LooseName(plan_items[i].supplier_name);
  }
  struct LooseAlias {
    std::string payee;
    std::string supplier;
    const PayeeAlias* alias;
  };
  std::vector<LooseAlias> loose_aliases;
  for (const PayeeAlias& alias : aliases) {
    loose_aliases.push_back({LooseName(alias.payee), LooseName(alias.supplier_name), &alias});
  }

  // The plan item a payee stands for, and why.
  auto find_item =
      [&](const std::string& payee) -> std::optional<std::pair<std::size_t, std::string>> {
    // What a person or planner has recorded comes first.
    for (const LooseAlias& alias : loose_aliases) {
      if (!NameMatches(alias.payee, payee)) continue;
      for (std::size_t i = 0; i < suppliers.size(); ++i) {
        if (!suppliers[i].empty() && suppliers[i] == alias.supplier) {
          return std::pair{i, fmt::format("recorded as {} (\"{}\")", plan_items[i].supplier_name,
                                          alias.alias->payee)};
        }
      }
    }
    for (std::size_t i = 0; i < suppliers.size(); ++i) {
      if (NameMatches(suppliers[i], payee)) {
        return std::pair{i, "payee matches " + plan_items[i].supplier_name};
      }
    }
    return std::nullopt;
  };

  const Phrases cash(rules.cash_withdrawal_words);
  const Phrases charges(rules.bank_charge_words);
  const Phrases council_payers(rules.council_payers);
  const Phrases refunds(rules.refund_words);
  const Phrases top_ups(rules.top_up_words);

  std::vector<LineMatch> out;
  out.reserve(lines.size());
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const StatementLine& line = lines[index];
    LineMatch match;
    match.line = index;
    const std::string payee = LooseName(line.payee);
    const std::string all =
        payee + " " + LooseName(line.reference) + " " + LooseName(line.description);

    if (line.amount.value() == 0) {
      match.category = LineCategory::kNoMoneyMoved;
      match.reason = "no money moved";
    } else if (line.money_out()) {
      if (auto item = find_item(payee)) {
        match.category = LineCategory::kPlanItem;
        match.plan_item = item->first;
        match.reason = item->second;
      } else if (std::string word = cash.FirstIn(all); !word.empty()) {
        match.category = LineCategory::kCashWithdrawal;
        match.reason = "looks like a cash withdrawal (\"" + word + "\")";
      } else if (word = charges.FirstIn(all); !word.empty()) {
        match.category = LineCategory::kBankCharge;
        match.reason = "looks like a bank charge (\"" + word + "\")";
      } else {
        match.category = LineCategory::kUnknownPayee;
        match.reason = "the plan does not name this payee";
        match.needs_review = true;
      }
    } else {
      // A council payer's name anywhere in the line's text (which starts with the payee).
      const std::string council = council_payers.FirstIn(all);
      if (!council.empty()) {
        match.category = LineCategory::kCouncilPayment;
        match.reason = "from the council (\"" + council + "\")";
      } else if (auto item = find_item(payee)) {
        match.category = LineCategory::kRefund;
        match.plan_item = item->first;
        match.reason = "money back: " + item->second;
      } else if (std::string word = refunds.FirstIn(all); !word.empty()) {
        match.category = LineCategory::kRefund;
        match.reason = "looks like a refund (\"" + word + "\")";
      } else if (word = top_ups.FirstIn(all); !word.empty()) {
        match.category = LineCategory::kTopUp;
        match.reason = "looks like a top-up (\"" + word + "\")";
      } else {
        match.category = LineCategory::kOtherMoneyIn;
        match.reason = "money in from someone the council's and plan's names do not include";
        match.needs_review = true;
      }
    }
    out.push_back(std::move(match));
  }
  return out;
}

Result<std::vector<LineMatch>> Recategorise(std::span<const LineMatch> matches,
                                            std::span<const StatementLine> lines,
                                            std::size_t plan_item_count,
                                            std::span<const Recategorisation> changes) {
  std::vector<LineMatch> out(matches.begin(), matches.end());
  std::vector<FieldError> problems;
  // Matches are normally in line order with LineMatch::line == position, but do not rely on it.
  std::map<std::size_t, std::size_t> position;
  for (std::size_t i = 0; i < out.size(); ++i) position.emplace(out[i].line, i);

  for (std::size_t c = 0; c < changes.size(); ++c) {
    const Recategorisation& change = changes[c];
    const std::string at = fmt::format("changes[{}]", c);
    const std::size_t before = problems.size();
    const auto found = position.find(change.line);
    if (found == position.end() || change.line >= lines.size()) {
      problems.push_back({at + ".line", "There is no such line on this statement"});
      continue;
    }
    const StatementLine& line = lines[change.line];
    const LineCategory category = change.category;
    if (category == LineCategory::kUnknownPayee || category == LineCategory::kOtherMoneyIn ||
        category == LineCategory::kNoMoneyMoved) {
      problems.push_back({at + ".category",
                          "Choose what the line was: a plan item, cash, a bank charge, not for "
                          "the plan, or for money in: the council, a top-up or a refund"});
    } else if (line.amount.value() == 0) {
      problems.push_back({at + ".category", "No money moved on this line, so it has no category"});
    } else if (line.money_out() && !IsMoneyOutCategory(category)) {
      problems.push_back({at + ".category",
                          "This line is money going out; choose a plan item, cash, a bank "
                          "charge or not for the plan"});
    } else if (!line.money_out() && !IsMoneyInCategory(category)) {
      problems.push_back({at + ".category",
                          "This line is money coming in; choose the council, a top-up or a "
                          "refund"});
    }
    if (category == LineCategory::kPlanItem && !change.plan_item) {
      problems.push_back({at + ".plan_item", "Choose which plan item the money was spent on"});
    } else if (change.plan_item && *change.plan_item >= plan_item_count) {
      problems.push_back({at + ".plan_item", "There is no such item in the plan"});
    } else if (change.plan_item && category != LineCategory::kPlanItem &&
               category != LineCategory::kRefund) {
      problems.push_back({at + ".plan_item",
                          "Only spending on a plan item or a refund from one names a plan item"});
    }
    if (change.note.size() > kMaxNoteLength) {
      problems.push_back(
          {at + ".note", fmt::format("A note may be at most {} characters", kMaxNoteLength)});
    } else if (FirstInvalidUtf8(change.note) != std::string_view::npos) {
      problems.push_back({at + ".note", "The note contains bytes that are not UTF-8 text"});
    }
    if (problems.size() != before) continue;

    LineMatch& match = out[found->second];
    match.category = category;
    match.plan_item = change.plan_item;
    match.reason = "re-categorised";
    match.needs_review = false;
    match.recategorised = true;
    match.note = change.note;
  }
  if (!problems.empty()) {
    std::string message =
        problems.size() == 1
            ? problems[0].message
            : fmt::format("{} of the changes have problems; nothing was changed", problems.size());
    return FailFields(std::move(problems), std::move(message));
  }
  return out;
}

}  // namespace selfdirect::ledger
