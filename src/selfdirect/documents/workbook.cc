#include "selfdirect/documents/workbook.h"

#include "selfdirect/core/csv.h"
#include "selfdirect/core/pence.h"

namespace selfdirect::documents {
namespace {

void AppendLine(std::string& csv, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) csv += ',';
    AppendCsvField(csv, fields[i]);
  }
  csv += '\n';
}

std::string CsvText(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kText:
      return cell.text;
    case Cell::Kind::kWhole:
      return std::to_string(cell.number);
    case Cell::Kind::kPence:
      return FormatDecimal(Pence(cell.number));
    case Cell::Kind::kEmpty:
      break;
  }
  return "";
}

}  // namespace

std::string SheetCsv(const Sheet& sheet) {
  std::string csv;
  std::vector<std::string> fields;
  for (const Column& c : sheet.columns) fields.push_back(c.key);
  AppendLine(csv, fields);
  for (const std::vector<Cell>& row : sheet.rows) {
    fields.clear();
    for (const Cell& cell : row) fields.push_back(CsvText(cell));
    AppendLine(csv, fields);
  }
  return csv;
}

}  // namespace selfdirect::documents
