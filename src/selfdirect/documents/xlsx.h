// A workbook (workbook.h) rendered to XLSX with libxlsxwriter: the only file that includes it.
//
//   Result<std::string> xlsx = documents::RenderXlsx(workbook);  // the file's bytes
//
// Each sheet: its headings in bold in a frozen first row with a filter on it, then the rows.
// Whole numbers are numbers with thousands separators; money is a number of pounds shown as
// "£1,234.56" (pence become pounds here and only here, for display: nothing is computed with
// them). Columns are as wide as their contents (or as Column::width says).
//
// libxlsxwriter 1.1.4 (Debian 12) writes only to a file, so the workbook is written to a fresh
// private directory under the system's temporary directory ($TMPDIR), read back and the
// directory removed, whatever happens.
#pragma once

#include <string>

#include "selfdirect/core/result.h"
#include "selfdirect/documents/workbook.h"

namespace selfdirect::documents {

// Excel's most characters in a cell; longer text is cut to fit and ends with "…".
inline constexpr std::size_t kMaxCellText = 32'767;

// The XLSX file's bytes (a zip). Fails with kInvalidArgument for a sheet name Excel refuses (or
// two sheets of the same name) and kInternal when the file cannot be written or read back.
Result<std::string> RenderXlsx(const Workbook& workbook);

}  // namespace selfdirect::documents
