// libFuzzer target for the text parsers in core/ and http/: none may crash, hang or invoke
// undefined behaviour on any bytes, and whatever they accept must round-trip.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/period.h"
#include "selfdirect/http/service.h"

using namespace selfdirect;

namespace {

// One result of CsvReader::Next: a record's fields, or an error's message.
struct CsvOutcome {
  std::vector<std::string> fields;
  std::string error;
  bool stopped = false;

  friend bool operator==(const CsvOutcome&, const CsvOutcome&) = default;
};

// Everything a CsvReader yields for `text` when its source hands out `chunk` bytes at a time.
// Small limits, so that the skip-and-recover paths run often.
std::vector<CsvOutcome> ReadCsv(std::string_view text, std::size_t chunk) {
  std::size_t at = 0;
  CsvReader reader(
      [&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
        const std::size_t n = std::min(capacity, text.size() - at);
        std::memcpy(buffer, text.data() + at, n);
        at += n;
        return n;
      },
      {.max_field_length = 64, .max_fields_per_record = 16, .chunk_size = chunk});
  std::vector<CsvOutcome> out;
  CsvRecord record;
  // Every record or recoverable error consumes at least one byte, so this many calls must end.
  for (std::size_t calls = 0; calls <= text.size() + 1; ++calls) {
    Result<bool> got = reader.Next(record);
    if (!got) {
      out.push_back({{}, got.error().message, reader.stopped()});
      if (reader.stopped()) return out;
      continue;
    }
    if (!*got) return out;
    if (record.size() == 0) std::abort();
    out.push_back({record.ToStrings(), "", false});
  }
  std::abort();  // the reader did not reach the end
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto p = ParsePounds(text)) {
    if (ParsePounds(FormatPounds(*p)).value() != *p) std::abort();
    if (ParsePounds(FormatDecimal(*p)).value() != *p) std::abort();
  }
  if (auto wpy = ParseWeeksPerYear(text)) {
    if (ParseWeeksPerYear(FormatWeeksPerYear(*wpy)).value() != *wpy) std::abort();
    (void)ConvertPeriod(Pence(123456789), Period::kWeekly, Period::kAnnual, *wpy);
  }
  if (auto d = ParseIsoDate(text)) {
    if (FormatIsoDate(*d) != text) std::abort();
    (void)FinancialYearOf(*d).Label();
  }
  if (auto t = ParseTimestamp(text)) {
    if (FormatTimestamp(*t) != text) std::abort();
  }
  (void)CouncilId::Parse(text);
  (void)ParsePeriod(text);
  (void)http::PercentDecode(text);

  // CSV: the same records and errors whatever the chunk size (the first byte picks one), and
  // every record read, written back with AppendCsvField, reads again as the same fields.
  {
    const std::size_t chunk = text.empty() ? 1 : 1 + static_cast<unsigned char>(text[0]) % 16;
    const std::vector<CsvOutcome> whole = ReadCsv(text, text.size() + 1);
    if (ReadCsv(text, chunk) != whole) std::abort();
    std::string written;
    std::vector<CsvOutcome> records;
    for (const CsvOutcome& outcome : whole) {
      if (!outcome.error.empty()) continue;
      for (std::size_t i = 0; i < outcome.fields.size(); ++i) {
        if (i != 0) written += ',';
        AppendCsvField(written, outcome.fields[i]);
      }
      written += "\r\n";
      records.push_back(outcome);
    }
    if (ReadCsv(written, chunk) != records) std::abort();
  }
  return 0;
}
