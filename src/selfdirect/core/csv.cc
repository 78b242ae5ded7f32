#include "selfdirect/core/csv.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <exception>
#include <istream>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace selfdirect {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Bytes the scanner may read past the end of the data in a chunk (they are allocated, and the
// answers for them are thrown away).
constexpr std::size_t kBlock = 64;

// Bit i set when block[i] ends a run of plain text in an unquoted field: the delimiter (a
// comma), a quote, CR or LF. Reads exactly kBlock bytes.
std::uint64_t StopsIn(const char* block, char delimiter) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(delimiter);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  std::uint64_t mask = 0;
  for (std::size_t k = 0; k < kBlock / 16; ++k) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
    const __m128i stops =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, cr), _mm_cmpeq_epi8(bytes, lf)));
    mask |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(stops))} << (16 * k);
  }
  return mask;
#else
  std::uint64_t mask = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    const char c = block[i];
    const bool stop = c == delimiter || c == '"' || c == '\r' || c == '\n';
    mask |= std::uint64_t{stop} << i;
  }
  return mask;
#endif
}

// Finds, in one chunk, the next byte that ends a run of unquoted text, looking at 64 bytes at a
// time and remembering what it saw, so that short fields cost a few instructions each.
class StopFinder {
 public:
  // [begin, end) is the data; at least kBlock readable bytes must follow `end`.
  StopFinder(const char* end, char delimiter) : end_(end), delimiter_(delimiter) {}

  // The first stop byte at or after `from`, or end when there is none.
  const char* Next(const char* from) {
    while (true) {
      if (block_ != nullptr && from >= block_ && from < block_ + kBlock) {
        const std::uint64_t ahead = stops_ & (~std::uint64_t{0} << (from - block_));
        if (ahead != 0) return block_ + std::countr_zero(ahead);
        from = block_ + kBlock;
      }
      if (from >= end_) return end_;
      block_ = from;
      stops_ = StopsIn(from, delimiter_);
      const auto left = static_cast<std::size_t>(end_ - from);
      if (left < kBlock) stops_ &= (std::uint64_t{1} << left) - 1;
    }
  }

 private:
  const char* end_;
  char delimiter_;
  const char* block_ = nullptr;
  std::uint64_t stops_ = 0;
};

// 1234567 → "1,234,567": numbers in messages are read by people.
std::string Grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Grouped(std::int64_t n) {
  return n < 0 ? "-" + Grouped(static_cast<std::uint64_t>(-(n + 1)) + 1)
               : Grouped(static_cast<std::uint64_t>(n));
}

// A column name as quoted in a message: in double quotes, cut short (on a UTF-8 character
// boundary) when it is too long to read.
std::string Quoted(std::string_view name) {
  constexpr std::size_t kShown = 60;
  if (name.size() <= kShown) return "\"" + std::string(name) + "\"";
  std::size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(name.substr(0, cut)) + "…\"";
}

// "a", "a and b", "a, b and c".
std::string JoinedWithAnd(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// Lower-case ASCII letters and drop surrounding spaces and tabs: for "did you mean" hints only.
std::string Loosened(std::string_view name) {
  const std::size_t first = name.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const std::size_t last = name.find_last_not_of(" \t");
  std::string out(name.substr(first, last - first + 1));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

CsvSource StreamSource(std::istream& in) {
  return [&in](char* buffer, std::size_t capacity) -> Result<std::size_t> {
    const auto unreadable = [] {
      return Fail(ErrorCode::kUnavailable,
                  "The file could not be read (the device or connection failed part-way "
                  "through). Check the file is still there and try again");
    };
    if (in.bad() || (in.fail() && !in.eof())) return unreadable();
    try {
      in.read(buffer, static_cast<std::streamsize>(capacity));
    } catch (...) {
      // A stream with exceptions() set may throw at an ordinary end of file.
      if (in.bad()) return unreadable();
    }
    if (in.bad()) return unreadable();
    return static_cast<std::size_t>(in.gcount());
  };
}

}  // namespace

std::vector<std::string> CsvRecord::ToStrings() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

CsvReader::CsvReader(std::istream& in, CsvReaderOptions options)
    : CsvReader(StreamSource(in), options) {}

CsvReader::CsvReader(CsvSource source, CsvReaderOptions options)
    : source_(std::move(source)), options_(options) {
  options_.chunk_size = std::max<std::size_t>(options_.chunk_size, 1);
  if (options_.delimiter == '"' || options_.delimiter == '\r' || options_.delimiter == '\n') {
    options_.delimiter = ',';
  }
  // At least three bytes, so that a byte order mark can be seen whole whatever the chunk size,
  // and room for the scanner to look a block past the end.
  capacity_ = std::max<std::size_t>(options_.chunk_size, kByteOrderMark.size());
  chunk_.resize(capacity_ + kBlock);
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  if (stopped_) return tl::unexpected(*stopped_);
  try {
    if (!started_) {
      if (Status skipped = SkipByteOrderMark(); !skipped) return tl::unexpected(skipped.error());
    }
    if (skip_lf_) {
      Result<bool> more = Fill();
      if (!more) return tl::unexpected(more.error());
      if (*more && chunk_[pos_] == '\n') ++pos_;
      skip_lf_ = false;
    }
    Result<bool> more = Fill();
    if (!more) return tl::unexpected(more.error());
    if (!*more) return false;
    return ReadRecord(record);
  } catch (const std::exception& e) {
    // Only allocation failure or a throwing source can get here.
    stopped_ =
        Error{ErrorCode::kInternal, std::string("Reading the CSV file failed: ") + e.what(), {}};
    return tl::unexpected(*stopped_);
  } catch (...) {
    stopped_ = Error{ErrorCode::kInternal, "Reading the CSV file failed", {}};
    return tl::unexpected(*stopped_);
  }
}

Result<bool> CsvReader::Fill() {
  if (pos_ < end_) return true;
  if (at_end_) return false;
  Result<std::size_t> got = source_(chunk_.data(), options_.chunk_size);
  if (!got) {
    stopped_ = got.error();
    return tl::unexpected(got.error());
  }
  if (*got > options_.chunk_size) {
    return Stop("The CSV source returned more bytes than it was asked for", ErrorCode::kInternal);
  }
  pos_ = 0;
  end_ = *got;
  if (end_ == 0) at_end_ = true;
  return end_ != 0;
}

Status CsvReader::SkipByteOrderMark() {
  started_ = true;
  while (end_ < kByteOrderMark.size() && !at_end_) {
    const std::size_t capacity = std::min(options_.chunk_size, capacity_ - end_);
    Result<std::size_t> got = source_(chunk_.data() + end_, capacity);
    if (!got) {
      stopped_ = got.error();
      return tl::unexpected(got.error());
    }
    if (*got > capacity)
      return Stop("The CSV source returned more bytes than it was asked for", ErrorCode::kInternal);
    if (*got == 0) at_end_ = true;
    end_ += *got;
  }
  if (std::string_view(chunk_.data(), end_).starts_with(kByteOrderMark)) {
    pos_ = kByteOrderMark.size();
  }
  return Ok();
}

Result<bool> CsvReader::ReadRecord(CsvRecord& record) {
  record.Clear();
  record.number_ = record_number_ = record_number_ + 1;
  record.line_ = record_line_ = line_;
  field_count_ = 0;
  field_length_ = 0;
  problem_ = Problem::kNone;
  State state = State::kFieldStart;
  std::int64_t quote_line = 0;  // where the current quoted field opened

  while (true) {
    if (pos_ == end_) {
      Result<bool> more = Fill();
      if (!more) return tl::unexpected(more.error());
      if (!*more) {
        if (state == State::kQuoted) {
          return Stop(Where(field_count_ + 1, quote_line) +
                      ": this field starts with a quote mark (\") that is never closed, so the "
                      "rest of the file was read as part of it. Add the missing closing quote; "
                      "reading stopped here");
        }
        EndField(record);
        return EndRecord();
      }
    }
    const char* const chunk = chunk_.data();
    const char* const here = chunk + pos_;
    const char* const end = chunk + end_;

    switch (state) {
      case State::kFieldStart:
        if (*here == '"') {
          quote_line = line_;
          ++pos_;
          state = State::kQuoted;
          break;
        }
        state = State::kUnquoted;
        [[fallthrough]];

      case State::kUnquoted: {
        // Field after field while they are unquoted, without going round the outer loop. Fields
        // that end at a comma and are within the limits are only noted as they are found; the
        // bytes from `run` up to `field` (those fields and their commas) are then copied in one
        // go. A comma serves as the one byte that follows each field in the record's buffer.
        StopFinder finder(end, options_.delimiter);
        const char* run = here;
        const char* field = here;
        const char* stop = nullptr;  // what ends the field at `field`, once found
        while (true) {
          stop = finder.Next(field);
          if (stop == end || *stop != options_.delimiter) break;
          const std::size_t length = field_length_ + static_cast<std::size_t>(stop - field);
          if (problem_ == Problem::kNone && length <= options_.max_field_length &&
              field_count_ < options_.max_fields_per_record) {
            record.ends_.push_back(record.data_.size() + static_cast<std::size_t>(stop - run));
            ++field_count_;
            field_length_ = 0;
          } else {
            record.data_.append(run, static_cast<std::size_t>(field - run));
            Append(record, field, static_cast<std::size_t>(stop - field));
            EndField(record);
            run = stop + 1;
          }
          field = stop + 1;
          if (field == end || *field == '"') {
            stop = nullptr;  // the next field starts in the next chunk, or is quoted
            break;
          }
        }
        record.data_.append(run, static_cast<std::size_t>(field - run));
        if (stop == nullptr) {
          pos_ = static_cast<std::size_t>(field - chunk);
          state = State::kFieldStart;
          break;
        }
        Append(record, field, static_cast<std::size_t>(stop - field));
        if (stop == end) {
          pos_ = end_;
          break;  // the field goes on in the next chunk
        }
        pos_ = static_cast<std::size_t>(stop - chunk) + 1;
        if (*stop == '\n' || *stop == '\r') {
          ++line_;
          skip_lf_ = *stop == '\r';
          EndField(record);
          return EndRecord();
        }
        return Stop(Where(field_count_ + 1, line_) +
                    ": there is a quote mark (\") in the middle of this field. A field that "
                    "contains quote marks must be wrapped in quotes, with each quote inside "
                    "doubled: 5\" tall is written \"5\"\" tall\". Reading stopped here");
      }

      case State::kQuoted: {
        const void* found = std::memchr(here, '"', static_cast<std::size_t>(end - here));
        const char* stop = found != nullptr ? static_cast<const char*>(found) : end;
        line_ += std::count(here, stop, '\n');
        Append(record, here, static_cast<std::size_t>(stop - here));
        pos_ = static_cast<std::size_t>(stop - chunk);
        if (stop != end) {
          ++pos_;
          state = State::kAfterQuote;
        }
        break;
      }

      case State::kAfterQuote:
        ++pos_;
        switch (*here) {
          case '"':  // "" inside quotes: one quote mark
            Append(record, here, 1);
            state = State::kQuoted;
            break;
          case '\n':
            ++line_;
            EndField(record);
            return EndRecord();
          case '\r':
            ++line_;
            skip_lf_ = true;
            EndField(record);
            return EndRecord();
          default:
            if (*here == options_.delimiter) {
              EndField(record);
              state = State::kFieldStart;
              break;
            }
            return Stop(Where(field_count_ + 1, line_) +
                        ": the closing quote mark (\") of this field is followed by more text "
                        "instead of " +
                        (options_.delimiter == ',' ? std::string("a comma")
                                                   : std::string("the separator between fields")) +
                        " or the end of the line. If the quote is part of the text, double it "
                        "(\"\"). Reading stopped here");
        }
        break;
    }
  }
}

void CsvReader::Append(CsvRecord& record, const char* bytes, std::size_t count) {
  field_length_ += count;
  if (problem_ != Problem::kNone) return;  // the record is being skipped
  if (field_length_ > options_.max_field_length) {
    problem_ = Problem::kFieldTooLong;
    problem_column_ = field_count_ + 1;
    return;
  }
  record.data_.append(bytes, count);
}

void CsvReader::EndField(CsvRecord& record) {
  ++field_count_;
  if (problem_ == Problem::kFieldTooLong && problem_column_ == field_count_) {
    problem_length_ = field_length_;
  }
  field_length_ = 0;
  if (problem_ != Problem::kNone) return;
  if (field_count_ > options_.max_fields_per_record) {
    problem_ = Problem::kTooManyFields;
    problem_column_ = field_count_;
    return;
  }
  record.ends_.push_back(record.data_.size());
  record.data_.push_back(',');  // every field is followed by one byte (see CsvRecord)
}

Result<bool> CsvReader::EndRecord() {
  switch (problem_) {
    case Problem::kNone:
      return true;
    case Problem::kFieldTooLong:
      return Fail(ErrorCode::kInvalidArgument,
                  Where(problem_column_, record_line_) + ": this field is " +
                      Grouped(std::uint64_t{problem_length_}) +
                      " characters long; the most a field may be is " +
                      Grouped(std::uint64_t{options_.max_field_length}) + ". This row was skipped");
    case Problem::kTooManyFields:
      return Fail(
          ErrorCode::kInvalidArgument,
          Where(problem_column_, record_line_) + ": this row has " +
              Grouped(std::uint64_t{field_count_}) + " fields; the most a row may have is " +
              Grouped(std::uint64_t{options_.max_fields_per_record}) + ". This row was skipped");
  }
  return true;
}

tl::unexpected<Error> CsvReader::Stop(std::string message, ErrorCode code) {
  stopped_ = Error{code, std::move(message), {}};
  return tl::unexpected(*stopped_);
}

std::string CsvReader::Where(std::size_t column, std::int64_t line) const {
  std::string out = "row " + Grouped(record_number_);
  if (line != record_number_) out += " (line " + Grouped(line) + " of the file)";
  out += ", column " + Grouped(std::uint64_t{column});
  if (column >= 1 && column <= column_names_.size()) {
    out += " (" + Quoted(column_names_[column - 1]) + ")";
  }
  return out;
}

namespace {

// Checks a header's names; `row` is its record number, or 0 when not read from a file.
Status CheckHeader(const std::vector<std::string>& names, const std::vector<std::size_t>& sorted,
                   std::span<const std::string_view> required, std::int64_t row) {
  const std::string header = row > 0 ? "The header (row " + Grouped(row) + ")" : "The header";
  std::vector<std::string> problems;
  std::vector<FieldError> fields;

  // Missing required columns, all at once.
  std::vector<std::string> missing;
  std::vector<std::string> hints;
  for (std::string_view name : required) {
    const auto at =
        std::lower_bound(sorted.begin(), sorted.end(), name,
                         [&](std::size_t i, std::string_view n) { return names[i] < n; });
    if (at != sorted.end() && names[*at] == name) continue;
    if (std::find(missing.begin(), missing.end(), Quoted(name)) != missing.end()) continue;
    missing.push_back(Quoted(name));
    fields.push_back({std::string(name), "This column is required but the file does not have it"});
    const std::string loose = Loosened(name);
    for (const std::string& present : names) {
      if (Loosened(present) == loose) {
        hints.push_back("the file has " + Quoted(present) + ", not " + Quoted(name));
        break;
      }
    }
  }
  if (!missing.empty()) {
    std::string problem = header +
                          (missing.size() == 1 ? " is missing the required column "
                                               : " is missing the required columns ") +
                          JoinedWithAnd(missing) + ".";
    if (!hints.empty()) {
      problem += " Column names must match exactly, including capitals and spaces: " +
                 JoinedWithAnd(hints) + ".";
    }
    problems.push_back(std::move(problem));
  }

  // Duplicate names: `sorted` puts equal names side by side, in column order.
  std::vector<std::string> duplicates;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i + 1;
    while (j < sorted.size() && names[sorted[j]] == names[sorted[i]]) ++j;
    if (j - i > 1) {
      std::vector<std::string> columns;
      for (std::size_t k = i; k < j; ++k) columns.push_back(Grouped(std::uint64_t{sorted[k] + 1}));
      const std::string& name = names[sorted[i]];
      duplicates.push_back((name.empty() ? "no name" : Quoted(name)) + " (columns " +
                           JoinedWithAnd(columns) + ")");
      fields.push_back({name, "More than one column has this name"});
    }
    i = j;
  }
  if (!duplicates.empty()) {
    problems.push_back(header + " gives more than one column the same name: " +
                       JoinedWithAnd(duplicates) + ". Each column must have a different name.");
  }

  if (problems.empty()) return Ok();
  std::string message;
  for (const std::string& problem : problems) {
    if (!message.empty()) message += ' ';
    message += problem;
  }
  return tl::unexpected(Error{ErrorCode::kInvalidArgument, std::move(message), std::move(fields)});
}

}  // namespace

Result<CsvHeader> CsvHeader::Read(CsvReader& reader, std::span<const std::string_view> required) {
  CsvRecord record;
  Result<bool> got = reader.Next(record);
  if (!got) return tl::unexpected(got.error());
  if (!*got) {
    std::vector<std::string> wanted;
    for (std::string_view name : required) wanted.push_back(Quoted(name));
    return Fail(ErrorCode::kInvalidArgument,
                "The file is empty: it should start with a header row naming the columns" +
                    (wanted.empty() ? std::string() : " (" + JoinedWithAnd(wanted) + ")"));
  }
  Result<CsvHeader> header = Build(record.ToStrings(), required, record.number());
  if (!header) return header;
  reader.NameColumns(header->names_);
  return header;
}

Result<CsvHeader> CsvHeader::FromNames(std::vector<std::string> names,
                                       std::span<const std::string_view> required) {
  return Build(std::move(names), required, 0);
}

Result<CsvHeader> CsvHeader::Build(std::vector<std::string> names,
                                   std::span<const std::string_view> required, std::int64_t row) {
  CsvHeader header;
  header.names_ = std::move(names);
  header.sorted_.resize(header.names_.size());
  for (std::size_t i = 0; i < header.sorted_.size(); ++i) header.sorted_[i] = i;
  std::stable_sort(header.sorted_.begin(), header.sorted_.end(), [&](std::size_t a, std::size_t b) {
    return header.names_[a] < header.names_[b];
  });
  if (Status checked = CheckHeader(header.names_, header.sorted_, required, row); !checked) {
    return tl::unexpected(checked.error());
  }
  return header;
}

std::optional<std::size_t> CsvHeader::IndexOf(std::string_view name) const {
  const auto at =
      std::lower_bound(sorted_.begin(), sorted_.end(), name,
                       [&](std::size_t i, std::string_view n) { return names_[i] < n; });
  if (at == sorted_.end() || names_[*at] != name) return std::nullopt;
  return *at;
}

void AppendCsvField(std::string& out, std::string_view field) {
  const bool quote =
      field.find_first_of(",\"\r\n") != std::string_view::npos || field.starts_with(kByteOrderMark);
  if (!quote) {
    out.append(field);
    return;
  }
  out.reserve(out.size() + field.size() + 2);
  out += '"';
  while (true) {
    const std::size_t q = field.find('"');
    if (q == std::string_view::npos) break;
    out.append(field.substr(0, q + 1));
    out += '"';
    field.remove_prefix(q + 1);
  }
  out.append(field);
  out += '"';
}

std::string SpreadsheetText(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

}  // namespace selfdirect
