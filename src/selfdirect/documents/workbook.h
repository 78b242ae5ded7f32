// A workbook as plain data: sheets of typed cells (text, whole numbers, money in pence), and one
// of its sheets as CSV. The model knows no file format; xlsx.h renders a workbook to XLSX, so
// that a spreadsheet and a CSV made from the same sheet always hold the same figures.
//
//   documents::Sheet years{"Years", {{"year", "Year"}, {"budgets", "Budgets"}}, {}};
//   years.rows.push_back({documents::WholeCell(0), documents::PenceCell(123456)});
//   std::string csv = documents::SheetCsv(years);  // "year,budgets\n0,1234.56\n"
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace selfdirect::documents {

struct Cell {
  enum class Kind { kEmpty, kText, kWhole, kPence };
  Kind kind = Kind::kEmpty;
  std::string text;         // kText
  std::int64_t number = 0;  // kWhole: a count or a year; kPence: money in pence
};

inline Cell EmptyCell() { return {}; }
inline Cell TextCell(std::string text) { return {Cell::Kind::kText, std::move(text), 0}; }
inline Cell WholeCell(std::int64_t n) { return {Cell::Kind::kWhole, "", n}; }
inline Cell PenceCell(std::int64_t pence) { return {Cell::Kind::kPence, "", pence}; }

struct Column {
  std::string key;      // a machine name: the CSV's header ("council_cost_low")
  std::string heading;  // what a person reads at the top of the column ("Cost (low)")
  double width = 0;     // in characters; 0: wide enough for the heading and the cells
  bool wrap = false;    // long text wraps within the width
  bool bold = false;    // the column's cells in bold (labels down the side)
};

struct Sheet {
  std::string name;  // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each no longer than `columns`
  bool header = true;  // a bold, frozen first row of headings; false: the rows alone
};

struct Workbook {
  std::string title;  // the file's document properties
  std::vector<Sheet> sheets;
};

// The sheet as RFC 4180 CSV: a line of the columns' keys, then a line per row. Money is pounds
// with two decimal places ("1234.56"), whole numbers as they are, empty cells empty.
std::string SheetCsv(const Sheet& sheet);

}  // namespace selfdirect::documents
