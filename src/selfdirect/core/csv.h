// CSV: a streaming reader and a field writer for RFC 4180 comma-separated files.
//
// Councils move data in and out as CSV (imports of people and budgets, exports for finance and
// analysts). Files can hold a million rows, so the reader streams: it pulls the input in chunks
// and yields one record at a time, and its memory is bounded by the limits below, never by the
// size of the file. Problems are values with a message an analyst can act on, naming the row
// (the record number, as a spreadsheet shows it: the header is row 1), the column and, when it
// differs, the line of the file.
//
//   std::ifstream file(path, std::ios::binary);
//   CsvReader reader(file);
//   Result<CsvHeader> header = CsvHeader::Read(reader, {"person_id", "age"});
//   if (!header) return tl::unexpected(header.error());
//   const std::size_t age = *header->IndexOf("age");
//   CsvRecord record;
//   while (true) {
//     Result<bool> got = reader.Next(record);
//     if (!got) {
//       problems.push_back(got.error().message);
//       if (reader.stopped()) break;  // the file is malformed past this point
//       continue;                     // one bad row; the next row is read normally
//     }
//     if (!*got) break;  // end of input
//     if (record.size() <= age) { ... too few columns ... }
//     Use(record[age]);  // a std::string_view, valid until `record` is read into again
//   }
//
//   std::string line;
//   AppendCsvField(line, "Smith, \"Jo\"");  // "Smith, ""Jo"""
//
// The format read: fields separated by commas; a field may be wrapped in double quotes, and then
// may contain commas, line breaks and doubled quotes ("" stands for one "). Records end at LF,
// CR LF or a lone CR; a line break inside a quoted field is kept exactly as written (CR LF stays
// CR LF). The final line break is optional. A UTF-8 byte order mark at the very start is skipped.
// An empty line is a record with one empty field (CsvRecord::blank()). Bytes are passed through
// unchanged; the reader does not check or convert the text encoding. Another delimiter (';', tab)
// takes the comma's place everywhere when CsvReaderOptions::delimiter says so.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "selfdirect/core/result.h"

namespace selfdirect {

// Where a CsvReader gets its bytes: writes up to `capacity` bytes to `buffer` and returns how
// many it wrote; 0 means the end of the input. A failure stops the reader with that error.
using CsvSource = std::function<Result<std::size_t>(char* buffer, std::size_t capacity)>;

struct CsvReaderOptions {
  // The longest a field may be, in bytes after removing quotes (for plain ASCII text, in
  // characters). A longer field makes its record an error; the reader carries on after it.
  std::size_t max_field_length = std::size_t{64} * 1024;
  // The most fields one record may have. A record with more is an error; the reader carries on.
  std::size_t max_fields_per_record = 10'000;
  // How many bytes the reader asks its source for at a time. Values below 1 are treated as 1.
  std::size_t chunk_size = std::size_t{64} * 1024;
  // The byte that separates fields: ',' for CSV; ';', '\t' or '|' for files some banks and
  // other countries' spreadsheets write. It may not be '"', CR or LF (those are treated as ',').
  char delimiter = ',';
};

// One record: its fields, its record number and the line it starts on. A CsvRecord is reused
// from read to read; it owns one byte buffer and one offset per field, so reading into it
// allocates nothing once it has grown to the size of the largest record.
class CsvRecord {
 public:
  // Number of fields; at least 1 for a record returned by CsvReader::Next.
  std::size_t size() const { return ends_.size(); }

  // Field `i` (0-based), quotes removed and "" turned into ". Requires i < size(). The view is
  // valid until this record is read into again or destroyed.
  std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1] + 1;
    return std::string_view(data_).substr(begin, ends_[i] - begin);
  }

  // 1-based position of the record in the file; the header, if any, is record 1.
  std::int64_t number() const { return number_; }

  // 1-based physical line the record starts on. It runs ahead of number() once a quoted field
  // has spanned lines. A line ends at LF, CR LF or a lone CR; inside a quoted field only LF
  // counts.
  std::int64_t line() const { return line_; }

  // True for a record read from an empty line: one field, and it is empty.
  bool blank() const { return ends_.size() == 1 && ends_[0] == 0; }

  // The fields as owned strings (for tests and small files; allocates).
  std::vector<std::string> ToStrings() const;

 private:
  friend class CsvReader;

  void Clear() {
    data_.clear();
    ends_.clear();
  }

  // Every field's bytes, each followed by one separator byte (a comma), so that the reader can
  // copy a run of unquoted fields with their commas in one go.
  std::string data_;
  std::vector<std::size_t> ends_;  // ends_[i]: one past the last byte of field i in data_
  std::int64_t number_ = 0;
  std::int64_t line_ = 0;
};

// Reads records one at a time from an input stream or a CsvSource. Not thread-safe; one reader
// per input. Memory in use is one chunk plus the largest record read (about
// max_fields_per_record × max_field_length bytes at most), whatever the size of the input.
class CsvReader {
 public:
  // Reads from `in`, which must outlive the reader. Open files in binary mode so that CR LF
  // reaches the reader as written. A stream that fails (badbit, or an exception it throws)
  // stops the reader with ErrorCode::kUnavailable.
  explicit CsvReader(std::istream& in, CsvReaderOptions options = {});

  // Reads from `source`, called until it returns 0 or fails.
  explicit CsvReader(CsvSource source, CsvReaderOptions options = {});

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`.
  //   true  — `record` holds the next record.
  //   false — the input has ended; there are no more records (and `record` is unchanged).
  //   error — ErrorCode::kInvalidArgument, with a message naming the row and column (and the
  //     line of the file, when that differs from the row):
  //     * a field longer than max_field_length, or more than max_fields_per_record fields: this
  //       record is skipped, stopped() stays false, and the next call reads the record after it;
  //     * a quoted field still open at the end of the input, a quote inside an unquoted field,
  //       or text after a closing quote: stopped() becomes true.
  //   After stopped(), every call returns the same error again. A failing source stops the
  //   reader with the source's error. On any error `record`'s contents are unspecified.
  Result<bool> Next(CsvRecord& record);

  // True once the reader has met an error it cannot get past (see Next).
  bool stopped() const { return stopped_.has_value(); }

  // Record number and starting line of the record most recently read or attempted, for
  // reporting; 0 before the first call to Next.
  std::int64_t record_number() const { return record_number_; }
  std::int64_t record_line() const { return record_line_; }

  // Column names used in later error messages: `row 12, column 3 ("age")`. CsvHeader::Read sets
  // them; call it yourself for a file whose header you read another way.
  void NameColumns(std::vector<std::string> names) { column_names_ = std::move(names); }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };
  enum class Problem { kNone, kFieldTooLong, kTooManyFields };

  Result<bool> Fill();
  Status SkipByteOrderMark();
  Result<bool> ReadRecord(CsvRecord& record);
  void Append(CsvRecord& record, const char* bytes, std::size_t count);
  void EndField(CsvRecord& record);
  Result<bool> EndRecord();
  // Stops the reader for good with this error.
  tl::unexpected<Error> Stop(std::string message, ErrorCode code = ErrorCode::kInvalidArgument);
  std::string Where(std::size_t column, std::int64_t line) const;

  CsvSource source_;
  CsvReaderOptions options_;
  std::size_t capacity_ = 0;  // most bytes a chunk may hold
  std::vector<char> chunk_;   // capacity_ bytes, then room for the scanner to overrun
  std::size_t pos_ = 0;       // next unread byte in chunk_
  std::size_t end_ = 0;       // one past the last valid byte in chunk_
  bool at_end_ = false;       // the source has returned 0
  bool started_ = false;      // the byte order mark has been looked for
  bool skip_lf_ = false;      // the last record ended at a CR; an LF straight after belongs to it
  std::int64_t line_ = 1;     // physical line of the next unread byte
  std::int64_t record_number_ = 0;
  std::int64_t record_line_ = 0;
  std::optional<Error> stopped_;
  std::vector<std::string> column_names_;

  // Per record, while it is being read.
  std::size_t field_count_ = 0;   // fields finished so far, including any beyond the limit
  std::size_t field_length_ = 0;  // bytes in the current field so far, including any not kept
  Problem problem_ = Problem::kNone;
  std::size_t problem_column_ = 0;  // 1-based
  std::size_t problem_length_ = 0;  // for kFieldTooLong: the field's whole length
};

// The header record of a CSV file: column names, and their indexes by name.
class CsvHeader {
 public:
  // Reads the next record from `reader` (normally record 1) as the header, and checks it:
  //   * every name in `required` is present (an error lists all the missing ones at once);
  //   * no two columns have the same name.
  // Names are compared exactly, byte for byte; when a required name is missing but differs from
  // a column only in letter case or surrounding spaces, the message says so. On success the
  // reader's error messages name columns from now on (CsvReader::NameColumns). Fails with
  // kInvalidArgument for an empty input or a header that breaks these rules, and passes on any
  // error from the reader.
  static Result<CsvHeader> Read(CsvReader& reader, std::span<const std::string_view> required);
  static Result<CsvHeader> Read(CsvReader& reader,
                                std::initializer_list<std::string_view> required = {}) {
    return Read(reader, std::span<const std::string_view>(required.begin(), required.size()));
  }

  // Builds a header from names already known; same duplicate and required-column checks.
  static Result<CsvHeader> FromNames(std::vector<std::string> names,
                                     std::span<const std::string_view> required = {});

  // 0-based index of the column called `name`, or nullopt when there is none.
  std::optional<std::size_t> IndexOf(std::string_view name) const;

  // Number of columns.
  std::size_t size() const { return names_.size(); }

  // The column names in file order.
  const std::vector<std::string>& names() const { return names_; }

 private:
  static Result<CsvHeader> Build(std::vector<std::string> names,
                                 std::span<const std::string_view> required, std::int64_t row);

  std::vector<std::string> names_;
  std::vector<std::size_t> sorted_;  // indexes into names_, ordered by name, for IndexOf
};

// Appends `field` to `out` as one CSV field: as it is when that is unambiguous, otherwise in
// double quotes with each " doubled. Quotes are added when the field contains a comma, a quote,
// CR or LF, or starts with a UTF-8 byte order mark (which a reader would otherwise drop at the
// start of a file). Separators and line ends are the caller's: join fields with ',' and end
// records with "\r\n" or "\n". A record of a single empty field is an empty line, so it must be
// followed by a line end even when it is the last record.
//
// This does not defend against spreadsheet formula injection (a field starting with =, +, - or
// @); an export that will be opened in a spreadsheet must deal with that itself.
void AppendCsvField(std::string& out, std::string_view field);

// `text` made safe to open in a spreadsheet: a leading ' when it starts with =, +, -, @, a tab or
// a CR, so that no spreadsheet takes it for a formula; otherwise unchanged. For exports a person
// will open, before AppendCsvField.
std::string SpreadsheetText(std::string_view text);

}  // namespace selfdirect
