// yaml-cpp lives in this translation unit only.
#include "selfdirect/ledger/statement_format.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <exception>
#include <initializer_list>
#include <utility>

namespace selfdirect::ledger {
namespace {

constexpr std::array<std::string_view, 12> kMonthsShort = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kMonthsLong = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthsShown = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr std::size_t kMaxDateFormats = 8;
constexpr std::size_t kMaxSkipRows = 100;
constexpr std::size_t kMaxColumnNumber = 1000;
constexpr std::size_t kMaxNameLength = 200;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads `count` digits (or, with `flexible`, one or two) at text[at...], advancing `at`.
std::optional<int> Digits(std::string_view text, std::size_t& at, std::size_t count,
                          bool flexible) {
  std::size_t n = 0;
  int value = 0;
  const std::size_t most = flexible ? 2 : count;
  while (n < most && at + n < text.size() && IsDigit(text[at + n])) {
    value = value * 10 + (text[at + n] - '0');
    ++n;
  }
  if (n == 0 || (!flexible && n != count)) return std::nullopt;
  at += n;
  return value;
}

// A month name at text[at...] (ignoring capitals), advancing `at`.
std::optional<int> MonthName(std::string_view text, std::size_t& at, bool long_names) {
  const auto& names = long_names ? kMonthsLong : kMonthsShort;
  for (std::size_t m = 0; m < names.size(); ++m) {
    const std::string_view name = names[m];
    if (at + name.size() > text.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) same = Lower(text[at + i]) == name[i];
    if (!same) continue;
    // "Sept" for September in short form is common enough to allow.
    at += name.size();
    if (!long_names && m == 8 && at < text.size() && Lower(text[at]) == 't') ++at;
    return static_cast<int>(m + 1);
  }
  return std::nullopt;
}

}  // namespace

std::string ColumnRef::Describe() const {
  if (number != 0) return fmt::format("column {}", number);
  return "\"" + name + "\"";
}

Result<DatePattern> DatePattern::Parse(std::string_view pattern) {
  DatePattern out;
  out.text_ = std::string(pattern);
  int days = 0, months = 0, years = 0;
  std::size_t at = 0;
  auto take = [&](std::string_view token) {
    if (pattern.substr(at).starts_with(token)) {
      at += token.size();
      return true;
    }
    return false;
  };
  while (at < pattern.size()) {
    if (take("yyyy")) {
      out.pieces_.push_back({Part::kYear4, ""});
      ++years;
    } else if (take("yy")) {
      out.pieces_.push_back({Part::kYear2, ""});
      ++years;
    } else if (take("MMMM")) {
      out.pieces_.push_back({Part::kMonthLong, ""});
      ++months;
    } else if (take("MMM")) {
      out.pieces_.push_back({Part::kMonthShort, ""});
      ++months;
    } else if (take("mm")) {
      out.pieces_.push_back({Part::kMonth2, ""});
      ++months;
    } else if (take("m")) {
      out.pieces_.push_back({Part::kMonth, ""});
      ++months;
    } else if (take("dd")) {
      out.pieces_.push_back({Part::kDay2, ""});
      ++days;
    } else if (take("d")) {
      out.pieces_.push_back({Part::kDay, ""});
      ++days;
    } else {
      const char c = pattern[at];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) ||
          static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not a date pattern: use d or dd for the day, m, mm, "
                                "MMM or MMMM for the month, yyyy or yy for the year, and "
                                "separators such as / - . or a space, like dd/mm/yyyy",
                                std::string(pattern.substr(0, 40))));
      }
      if (!out.pieces_.empty() && out.pieces_.back().part == Part::kText) {
        out.pieces_.back().text += c;
      } else {
        out.pieces_.push_back({Part::kText, std::string(1, c)});
      }
      ++at;
    }
  }
  if (days != 1 || months != 1 || years != 1) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("\"{}\" should have the day, the month and the year once each, like "
                            "dd/mm/yyyy or d MMM yyyy",
                            std::string(pattern.substr(0, 40))));
  }
  // Two numbers straight after each other with no separator could not be told apart when one
  // of them may have one or two digits.
  for (std::size_t i = 0; i + 1 < out.pieces_.size(); ++i) {
    const Part a = out.pieces_[i].part;
    const Part b = out.pieces_[i + 1].part;
    const bool a_flexible = a == Part::kDay || a == Part::kMonth;
    const bool b_number = b != Part::kText && b != Part::kMonthShort && b != Part::kMonthLong;
    if (a_flexible && b_number) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("\"{}\" puts a one-or-two-digit d or m straight before another "
                              "number; use dd or mm, or put a separator between them",
                              out.text_));
    }
  }
  return out;
}

std::optional<Date> DatePattern::Read(std::string_view text) const {
  int day = 0, month = 0, year = 0;
  std::size_t at = 0;
  for (const Piece& piece : pieces_) {
    std::optional<int> got;
    switch (piece.part) {
      case Part::kDay:
      case Part::kDay2:
        got = Digits(text, at, 2, piece.part == Part::kDay);
        if (got) day = *got;
        break;
      case Part::kMonth:
      case Part::kMonth2:
        got = Digits(text, at, 2, piece.part == Part::kMonth);
        if (got) month = *got;
        break;
      case Part::kMonthShort:
      case Part::kMonthLong:
        got = MonthName(text, at, piece.part == Part::kMonthLong);
        if (got) month = *got;
        break;
      case Part::kYear4:
        got = Digits(text, at, 4, false);
        if (got) year = *got;
        break;
      case Part::kYear2:
        got = Digits(text, at, 2, false);
        if (got) year = 2000 + *got;
        break;
      case Part::kText:
        if (!text.substr(at).starts_with(piece.text)) return std::nullopt;
        at += piece.text.size();
        got = 0;
        break;
    }
    if (!got) return std::nullopt;
  }
  if (at != text.size() || year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const Date date{date::year{year}, date::month{static_cast<unsigned>(month)},
                  date::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string DatePattern::Example() const {
  std::string out;
  for (const Piece& piece : pieces_) {
    switch (piece.part) {
      case Part::kDay:
      case Part::kDay2:
        out += "23";
        break;
      case Part::kMonth:
      case Part::kMonth2:
        out += "11";
        break;
      case Part::kMonthShort:
        out += kMonthsShown[10];
        break;
      case Part::kMonthLong:
        out += "November";
        break;
      case Part::kYear4:
        out += "2026";
        break;
      case Part::kYear2:
        out += "26";
        break;
      case Part::kText:
        out += piece.text;
        break;
    }
  }
  return out;
}

std::vector<ColumnRef> StatementFormat::Columns() const {
  std::vector<ColumnRef> out{date};
  if (const auto* signed_amount = std::get_if<SignedAmount>(&amount)) {
    out.push_back(signed_amount->column);
  } else {
    const auto& in_out = std::get<InOutAmounts>(amount);
    out.push_back(in_out.money_in);
    out.push_back(in_out.money_out);
  }
  out.push_back(payee);
  if (reference) out.push_back(*reference);
  for (const ColumnRef& d : description) out.push_back(d);
  if (balance) out.push_back(*balance);
  if (card) out.push_back(*card);
  return out;
}

namespace {

// Reads a format, collecting every problem with the path of the setting it is about.
class FormatLoader {
 public:
  std::vector<FieldError>& problems() { return problems_; }

  void Problem(std::string field, std::string message) {
    problems_.push_back({std::move(field), std::move(message)});
  }

  // Checks `node` is a map whose keys are all in `allowed`; names each unknown key.
  bool CheckMap(const YAML::Node& node, const std::string& path,
                std::initializer_list<std::string_view> allowed) {
    if (!node.IsMap()) {
      Problem(path.empty() ? "format" : path,
              "This should be a set of \"setting: value\" lines, one a line");
      return false;
    }
    for (const auto& entry : node) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string all;
      for (std::string_view k : allowed) {
        if (!all.empty()) all += ", ";
        all += k;
      }
      Problem(Join(path, key), fmt::format("There is no setting \"{}\" here. The settings are: {}",
                                           key.substr(0, 60), all));
    }
    return true;
  }

  static std::string Join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }

  std::optional<std::string> Text(const YAML::Node& node, const std::string& path) {
    if (!node.IsScalar()) {
      Problem(path, "This should be a single value, not a list or a set of settings");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<bool> Flag(const YAML::Node& node, const std::string& path) {
    const auto text = Text(node, path);
    if (!text) return std::nullopt;
    if (*text == "true" || *text == "yes") return true;
    if (*text == "false" || *text == "no") return false;
    Problem(path, "Write true or false");
    return std::nullopt;
  }

  std::optional<std::size_t> Count(const YAML::Node& node, const std::string& path,
                                   std::size_t most, std::size_t least) {
    const auto text = Text(node, path);
    if (!text) return std::nullopt;
    std::size_t value = 0;
    bool ok = !text->empty() && text->size() <= 6;
    for (char c : *text) {
      if (!IsDigit(c)) ok = false;
      if (ok) value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!ok || value < least || value > most) {
      Problem(path, fmt::format("Write a whole number from {} to {}", least, most));
      return std::nullopt;
    }
    return value;
  }

  std::optional<ColumnRef> Column(const YAML::Node& node, const std::string& path, bool header) {
    if (header) {
      const auto text = Text(node, path);
      if (!text) return std::nullopt;
      const std::size_t first = text->find_first_not_of(' ');
      if (first == std::string::npos) {
        Problem(path, "Write the column's name as it appears in the file's header row");
        return std::nullopt;
      }
      if (text->size() > kMaxNameLength) {
        Problem(path, fmt::format("A column name may be at most {} characters", kMaxNameLength));
        return std::nullopt;
      }
      return ColumnRef{*text, 0};
    }
    const auto number = Count(node, path, kMaxColumnNumber, 1);
    if (!number) {
      // Count has said to write a number; say why.
      problems_.back().message =
          "The file has no header row (header: false), so give the column's number, counting "
          "the first column as 1";
      return std::nullopt;
    }
    return ColumnRef{"", *number};
  }

  StatementFormat Load(const YAML::Node& root) {
    StatementFormat format;
    CheckMap(root, "",
             {"format", "name", "delimiter", "header", "skip_rows", "order", "columns",
              "date_formats", "amounts"});

    if (const YAML::Node version = root["format"]) {
      const auto text = Text(version, "format");
      if (text && *text != "selfdirect-statement/1") {
        Problem("format", "Write format: selfdirect-statement/1 (the only version there is)");
      }
    } else {
      Problem("format", "Start the file with the line format: selfdirect-statement/1");
    }

    if (const YAML::Node name = root["name"]) {
      if (const auto text = Text(name, "name")) {
        if (text->find_first_not_of(' ') == std::string::npos) {
          Problem("name",
                  "Give the format a name people will recognise, like \"Northern Bank "
                  "current account\"");
        } else if (text->size() > kMaxNameLength) {
          Problem("name", fmt::format("The name may be at most {} characters", kMaxNameLength));
        } else {
          format.name = *text;
        }
      }
    } else {
      Problem("name",
              "Give the format a name people will recognise, like \"Northern Bank "
              "current account\"");
    }

    if (const YAML::Node delimiter = root["delimiter"]) {
      if (const auto text = Text(delimiter, "delimiter")) {
        if (*text == "," || *text == "comma") {
          format.delimiter = ',';
        } else if (*text == ";" || *text == "semicolon") {
          format.delimiter = ';';
        } else if (*text == "\t" || *text == "tab") {
          format.delimiter = '\t';
        } else if (*text == "|" || *text == "bar") {
          format.delimiter = '|';
        } else {
          Problem("delimiter",
                  "Write comma, semicolon, tab or bar (the character between the "
                  "fields of a row)");
        }
      }
    }

    if (const YAML::Node header = root["header"]) {
      if (const auto flag = Flag(header, "header")) format.header = *flag;
    }
    if (const YAML::Node skip = root["skip_rows"]) {
      if (const auto n = Count(skip, "skip_rows", kMaxSkipRows, 0)) format.skip_rows = *n;
    }
    if (const YAML::Node order = root["order"]) {
      if (const auto text = Text(order, "order")) {
        if (*text == "oldest_first") {
          format.order = StatementOrder::kOldestFirst;
        } else if (*text == "newest_first") {
          format.order = StatementOrder::kNewestFirst;
        } else {
          Problem("order", "Write oldest_first or newest_first (the order of the rows)");
        }
      }
    }

    LoadDateFormats(root["date_formats"], format);
    LoadAmounts(root["amounts"], root["columns"], format);
    LoadColumns(root["columns"], format);
    return format;
  }

  void LoadDateFormats(const YAML::Node& node, StatementFormat& format) {
    if (!node) {
      Problem("date_formats", "List how the dates are written, like [dd/mm/yyyy]");
      return;
    }
    std::vector<YAML::Node> items;
    if (node.IsScalar()) {
      items.push_back(node);
    } else if (node.IsSequence()) {
      for (const auto& item : node) items.push_back(item);
    } else {
      Problem("date_formats", "List how the dates are written, like [dd/mm/yyyy]");
      return;
    }
    if (items.empty() || items.size() > kMaxDateFormats) {
      Problem("date_formats",
              fmt::format("List from 1 to {} ways the dates are written", kMaxDateFormats));
      return;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path =
          node.IsSequence() ? fmt::format("date_formats[{}]", i) : "date_formats";
      const auto text = Text(items[i], path);
      if (!text) continue;
      Result<DatePattern> pattern = DatePattern::Parse(*text);
      if (!pattern) {
        Problem(path, pattern.error().message);
        continue;
      }
      format.date_formats.push_back(std::move(*pattern));
    }
  }

  void LoadAmounts(const YAML::Node& node, const YAML::Node& columns, StatementFormat& format) {
    bool money_out_negative = true;
    if (node) {
      if (CheckMap(node, "amounts", {"money_out", "allow_pound_sign", "allow_thousands_commas"})) {
        if (const YAML::Node out = node["money_out"]) {
          if (const auto text = Text(out, "amounts.money_out")) {
            if (*text == "negative") {
              money_out_negative = true;
            } else if (*text == "positive") {
              money_out_negative = false;
            } else {
              Problem("amounts.money_out",
                      "Write negative (money going out has a minus sign) or positive (money "
                      "going out has none and money coming in has a minus sign)");
            }
            if (columns && columns.IsMap() && !columns["amount"]) {
              Problem("amounts.money_out",
                      "This is only for a single amount column (columns.amount); with money_in "
                      "and money_out columns, leave it out");
            }
          }
        }
        if (const YAML::Node pound = node["allow_pound_sign"]) {
          if (const auto flag = Flag(pound, "amounts.allow_pound_sign")) {
            format.allow_pound_sign = *flag;
          }
        }
        if (const YAML::Node commas = node["allow_thousands_commas"]) {
          if (const auto flag = Flag(commas, "amounts.allow_thousands_commas")) {
            format.allow_thousands_commas = *flag;
          }
        }
      }
    }
    format.amount = SignedAmount{{}, money_out_negative};
  }

  void LoadColumns(const YAML::Node& node, StatementFormat& format) {
    if (!node) {
      Problem("columns",
              "Say which column holds what: date, amount (or money_in and "
              "money_out) and payee at least");
      return;
    }
    if (!CheckMap(node, "columns",
                  {"date", "amount", "money_in", "money_out", "payee", "reference", "description",
                   "balance", "card"})) {
      return;
    }
    const bool header = format.header;
    std::vector<std::pair<std::string, ColumnRef>> used;
    auto column = [&](std::string_view key, bool required) -> std::optional<ColumnRef> {
      const std::string path = "columns." + std::string(key);
      const YAML::Node value = node[std::string(key)];
      if (!value) {
        if (required) {
          Problem(path, fmt::format("Say which column holds the {}", Meaning(key)));
        }
        return std::nullopt;
      }
      auto ref = Column(value, path, header);
      if (ref) used.emplace_back(path, *ref);
      return ref;
    };

    if (auto date = column("date", true)) format.date = *date;

    const bool has_amount = static_cast<bool>(node["amount"]);
    const bool has_in = static_cast<bool>(node["money_in"]);
    const bool has_out = static_cast<bool>(node["money_out"]);
    const bool money_out_negative = std::get<SignedAmount>(format.amount).money_out_negative;
    if (has_amount && (has_in || has_out)) {
      Problem("columns.amount",
              "Give either one amount column (amount) or two (money_in and money_out), not both");
    } else if (has_amount) {
      if (auto amount = column("amount", true)) {
        format.amount = SignedAmount{*amount, money_out_negative};
      }
    } else if (has_in || has_out) {
      auto in = column("money_in", true);
      auto out = column("money_out", true);
      if (in && out) format.amount = InOutAmounts{*in, *out};
    } else {
      Problem("columns.amount",
              "Say which column holds the amount (amount), or the two columns for money in and "
              "money out (money_in and money_out)");
    }

    if (auto payee = column("payee", true)) format.payee = *payee;
    format.reference = column("reference", false);
    if (const YAML::Node description = node["description"]) {
      if (description.IsSequence()) {
        if (description.size() == 0 || description.size() > 5) {
          Problem("columns.description", "List from 1 to 5 columns");
        }
        std::size_t i = 0;
        for (const auto& item : description) {
          const std::string path = fmt::format("columns.description[{}]", i++);
          if (auto ref = Column(item, path, header)) {
            used.emplace_back(path, *ref);
            format.description.push_back(*ref);
          }
        }
      } else if (auto ref = column("description", false)) {
        format.description.push_back(*ref);
      }
    }
    format.balance = column("balance", false);
    format.card = column("card", false);

    // Each column may hold only one thing. Names are compared as the header is matched.
    for (std::size_t i = 0; i < used.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (SameColumn(used[i].second, used[j].second)) {
          Problem(used[i].first,
                  fmt::format("{} is already used for {}; each column may be used for one thing",
                              used[i].second.Describe(), used[j].first));
          break;
        }
      }
    }
  }

  static std::string_view Meaning(std::string_view key) {
    if (key == "date") return "date of each line";
    if (key == "payee") return "payee (who was paid, or who paid in)";
    if (key == "money_in") return "money coming in";
    if (key == "money_out") return "money going out";
    return key;
  }

  static bool SameColumn(const ColumnRef& a, const ColumnRef& b);

 private:
  std::vector<FieldError> problems_;
};

// Column names are matched ignoring capitals and surrounding spaces (see statement.cc).
std::string Loose(std::string_view name) {
  const std::size_t first = name.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  const std::size_t last = name.find_last_not_of(' ');
  std::string out(name.substr(first, last - first + 1));
  for (char& c : out) c = Lower(c);
  return out;
}

bool FormatLoader::SameColumn(const ColumnRef& a, const ColumnRef& b) {
  if (a.number != 0 || b.number != 0) return a.number == b.number;
  return Loose(a.name) == Loose(b.name);
}

}  // namespace

Result<StatementFormat> ParseStatementFormat(std::string_view yaml_text) {
  auto whole = [](std::string message) { return FailFields({{"format", message}}, message); };
  if (yaml_text.size() > kMaxStatementFormatBytes) {
    return whole(
        fmt::format("The format file is {} bytes; it may be at most {}. Is this the "
                    "right file?",
                    yaml_text.size(), kMaxStatementFormatBytes));
  }
  if (yaml_text.find('\0') != std::string_view::npos) {
    return whole("The format file contains a NUL byte; it is not a text file");
  }
  FormatLoader loader;
  StatementFormat format;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsMap()) {
      return whole(
          "This is not a statement format: it should be YAML starting with the lines "
          "\"format: selfdirect-statement/1\" and \"name: ...\"");
    }
    format = loader.Load(root);
  } catch (const YAML::Exception& e) {
    std::string where;
    if (!e.mark.is_null())
      where = fmt::format(" (line {}, column {})", e.mark.line + 1, e.mark.column + 1);
    return whole("This is not valid YAML" + where + ": " + e.msg);
  } catch (const std::exception& e) {
    return whole(std::string("The format file could not be read: ") + e.what());
  }
  std::vector<FieldError>& problems = loader.problems();
  if (!problems.empty()) {
    std::string message =
        problems.size() == 1
            ? "The statement format has a problem: " + problems[0].field + ": " +
                  problems[0].message
            : fmt::format("The statement format has {} problems; each names its setting",
                          problems.size());
    return FailFields(std::move(problems), std::move(message));
  }
  return format;
}

}  // namespace selfdirect::ledger
