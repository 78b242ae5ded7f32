#include "selfdirect/documents/xlsx.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "selfdirect/core/pence.h"

namespace selfdirect::documents {
namespace {

namespace fs = std::filesystem;

constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;
constexpr double kLineHeight = 15;  // points, for the default 11-point font

// A private directory under $TMPDIR, removed with everything in it when this goes.
class TempDirectory {
 public:
  TempDirectory() {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "selfdirect-xlsx-XXXXXX").string();
    if (ec) return;
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDirectory() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Characters, not bytes: UTF-8 continuation bytes do not count.
std::size_t Characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// What the cell shows, for its column's width.
std::size_t Shown(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kText: {
      // A wrapped paragraph is as wide as its longest line, not the whole text.
      std::size_t widest = 0;
      std::istringstream lines(cell.text);
      for (std::string line; std::getline(lines, line);)
        widest = std::max(widest, Characters(line));
      return widest;
    }
    case Cell::Kind::kWhole: {
      // "12,345": the digits and a comma for each three after the first.
      const std::string digits = std::to_string(cell.number);
      const std::size_t sign = cell.number < 0 ? 1 : 0;
      return digits.size() + (digits.size() - sign - 1) / 3;
    }
    case Cell::Kind::kPence:
      return Characters(FormatPounds(Pence(cell.number)));
    case Cell::Kind::kEmpty:
      break;
  }
  return 0;
}

// `text` cut to Excel's limit at a character boundary, with "…" to say so.
std::string Fitted(const std::string& text) {
  if (text.size() <= kMaxCellText) return text;
  const std::string_view ellipsis = "…";
  std::size_t end = kMaxCellText - ellipsis.size();
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + std::string(ellipsis);
}

double Width(const Sheet& sheet, std::size_t column) {
  const Column& c = sheet.columns[column];
  if (c.width > 0) return c.width;
  std::size_t widest = 0;
  for (const auto& row : sheet.rows) {
    if (column < row.size()) widest = std::max(widest, Shown(row[column]));
  }
  // A long heading wraps over two or three lines rather than widening the column for it.
  if (sheet.header) widest = std::max(widest, std::min<std::size_t>(Characters(c.heading), 16));
  double width = static_cast<double>(widest) + 2;
  if (c.bold) width *= 1.1;
  return std::clamp(width, kMinWidth, kMaxWidth);
}

// The formats, made once each for the combinations a workbook uses.
class Formats {
 public:
  explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {}

  lxw_format* Heading() {
    if (heading_ == nullptr) {
      heading_ = workbook_add_format(workbook_);
      format_set_bold(heading_);
      format_set_text_wrap(heading_);
      format_set_align(heading_, LXW_ALIGN_VERTICAL_BOTTOM);
    }
    return heading_;
  }

  lxw_format* For(Cell::Kind kind, bool bold, bool wrap) {
    lxw_format*& f = cells_[{kind, bold, wrap}];
    if (f == nullptr) {
      f = workbook_add_format(workbook_);
      if (bold) format_set_bold(f);
      if (wrap) format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      if (kind == Cell::Kind::kWhole) format_set_num_format(f, "#,##0");
      if (kind == Cell::Kind::kPence) format_set_num_format(f, "\"£\"#,##0.00");
    }
    return f;
  }

 private:
  lxw_workbook* workbook_;
  lxw_format* heading_ = nullptr;
  std::map<std::tuple<Cell::Kind, bool, bool>, lxw_format*> cells_;
};

// Writes one sheet; the first error, or LXW_NO_ERROR.
lxw_error WriteSheet(lxw_worksheet* ws, const Sheet& sheet, Formats& formats) {
  lxw_error first = LXW_NO_ERROR;
  auto check = [&first](lxw_error e) {
    if (first == LXW_NO_ERROR) first = e;
  };
  const auto columns = static_cast<lxw_col_t>(sheet.columns.size());
  int heading_lines = 1;
  for (lxw_col_t c = 0; c < columns; ++c) {
    const double width = Width(sheet, c);
    check(worksheet_set_column(ws, c, c, width, nullptr));
    if (sheet.header) {
      const auto chars = static_cast<double>(Characters(sheet.columns[c].heading));
      // About a character's width is lost to the cell's margins.
      heading_lines = std::max(heading_lines, static_cast<int>(std::ceil(chars / (width - 2))));
    }
  }
  lxw_row_t row = 0;
  if (sheet.header) {
    for (lxw_col_t c = 0; c < columns; ++c) {
      check(worksheet_write_string(ws, row, c, Fitted(sheet.columns[c].heading).c_str(),
                                   formats.Heading()));
    }
    check(worksheet_set_row(ws, row, kLineHeight * std::min(heading_lines, 4), nullptr));
    worksheet_freeze_panes(ws, 1, 0);
    if (columns > 0 && !sheet.rows.empty()) {
      check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()), columns - 1));
    }
    ++row;
  }
  for (const std::vector<Cell>& cells : sheet.rows) {
    for (lxw_col_t c = 0; c < std::min<lxw_col_t>(columns, cells.size()); ++c) {
      const Cell& cell = cells[c];
      lxw_format* format = formats.For(cell.kind, sheet.columns[c].bold, sheet.columns[c].wrap);
      switch (cell.kind) {
        case Cell::Kind::kText:
          check(worksheet_write_string(ws, row, c, Fitted(cell.text).c_str(), format));
          break;
        case Cell::Kind::kWhole:
          check(worksheet_write_number(ws, row, c, static_cast<double>(cell.number), format));
          break;
        case Cell::Kind::kPence:
          // Display only: the pounds are never computed with.
          check(
              worksheet_write_number(ws, row, c, static_cast<double>(cell.number) / 100.0, format));
          break;
        case Cell::Kind::kEmpty:
          break;
      }
    }
    ++row;
  }
  return first;
}

}  // namespace

Result<std::string> RenderXlsx(const Workbook& workbook) {
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const std::string& name = workbook.sheets[i].name;
    if (name.empty() || Characters(name) > LXW_SHEETNAME_MAX ||
        name.find_first_of("[]:*?/\\") != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("\"{}\" cannot name a sheet", name));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (workbook.sheets[j].name == name) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("Two sheets are called \"{}\"", name));
      }
    }
  }

  TempDirectory dir;
  if (dir.path().empty()) {
    return Fail(ErrorCode::kInternal,
                fmt::format("Could not make a temporary directory for the spreadsheet: {}",
                            std::strerror(errno)));
  }
  const std::string file = (dir.path() / "workbook.xlsx").string();
  std::string tmpdir = dir.path().string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();  // libxlsxwriter's own scratch files go there too
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (wb == nullptr) return Fail(ErrorCode::kInternal, "Could not start the spreadsheet");

  std::string title = workbook.title;
  std::string creator = "selfdirect";
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.author = creator.data();
  lxw_error error = workbook_set_properties(wb, &properties);
  Formats formats(wb);
  for (const Sheet& sheet : workbook.sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (ws == nullptr) {
      workbook_close(wb);
      return Fail(ErrorCode::kInternal, fmt::format("Could not add the sheet \"{}\"", sheet.name));
    }
    const lxw_error written = WriteSheet(ws, sheet, formats);
    if (error == LXW_NO_ERROR) error = written;
  }
  const lxw_error closed = workbook_close(wb);  // writes the file and frees the workbook
  if (error == LXW_NO_ERROR) error = closed;
  if (error != LXW_NO_ERROR) {
    return Fail(ErrorCode::kInternal,
                fmt::format("Could not write the spreadsheet: {}", lxw_strerror(error)));
  }

  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return Fail(ErrorCode::kInternal, "Could not read the spreadsheet back");
  }
  if (bytes.empty()) return Fail(ErrorCode::kInternal, "The spreadsheet came out empty");
  return bytes;
}

}  // namespace selfdirect::documents
