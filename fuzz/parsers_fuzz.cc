// libFuzzer target for the text parsers in core/ and http/: none may crash, hang or invoke
// undefined behaviour on any bytes, and whatever they accept must round-trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/period.h"
#include "selfdirect/http/service.h"

using namespace selfdirect;

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
  return 0;
}
