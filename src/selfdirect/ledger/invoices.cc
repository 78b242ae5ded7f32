#include "selfdirect/ledger/invoices.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "selfdirect/core/csv.h"
#include "selfdirect/core/text.h"

namespace selfdirect::ledger {
namespace {

constexpr std::size_t kMaxProviderName = 140;
constexpr std::size_t kMaxInvoiceNumber = 40;
constexpr int kMaxPeriodDays = 366;
constexpr std::int64_t kMaxUnitsHundredths = 10'000'000;  // 100,000 units
constexpr std::int64_t kMaxUnitPricePence = 10'000'000;   // £100,000.00
constexpr std::int64_t kMaxTotalPence = 1'000'000'000;    // £10,000,000.00

// Days in a week and in a year, multiplied: the common scale weekly and yearly allowances are
// compared on, so that no division (and no rounding) happens before the comparison.
constexpr std::int64_t kWeekYear = std::int64_t{7} * 365;

// "2.5" → 250; at most two decimal places, no sign, no £, no commas.
std::optional<std::int64_t> ParseHundredths(std::string_view text) {
  if (text.empty() || text.find_first_of("£,-+") != std::string_view::npos) return std::nullopt;
  auto parsed = ParsePounds(text);  // the same strict decimal form
  if (!parsed) return std::nullopt;
  return parsed->value();
}

std::string UnitWord(const std::string& unit, std::int64_t hundredths) {
  std::string word = unit.empty() ? "unit" : unit;
  if (hundredths == 100 || word.ends_with('s')) return word;
  return word + "s";
}

// "10 hours": units and their word.
std::string UnitsOf(std::int64_t hundredths, const std::string& unit) {
  return FormatUnits(hundredths) + " " + UnitWord(unit, hundredths);
}

std::string PeriodWords(Date from, Date to) {
  return from == to ? FormatLongDate(from)
                    : fmt::format("{} to {}", FormatLongDate(from), FormatLongDate(to));
}

bool Overlaps(Date a_from, Date a_to, Date b_from, Date b_to) {
  return a_from <= b_to && b_from <= a_to;
}

// A spreadsheet reads a field starting with = + - @ as a formula; the export is opened in
// spreadsheets by people checking it.
std::string Safe(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

// Cut to at most `n` bytes, never inside a UTF-8 sequence.
std::string Cut(std::string text, std::size_t n) {
  if (text.size() <= n) return text;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  text.resize(n);
  return text;
}

}  // namespace

Status CheckTolerance(const InvoiceTolerance& t) {
  std::vector<FieldError> errors;
  if (t.basis_points < 0 || t.basis_points > kMaxToleranceBasisPoints) {
    errors.push_back({"invoice_tolerance_basis_points",
                      "Enter the tolerance in basis points from 0 to 10,000 (200 is 2%)"});
  }
  if (t.minimum.value() < 0 || t.minimum.value() > kMaxToleranceMinimumPence) {
    errors.push_back({"invoice_tolerance_minimum_pence",
                      "Enter the smallest tolerance in pence, from 0 to 10,000,000 (£100,000.00)"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return Ok();
}

Pence ToleranceFor(Pence expected, const InvoiceTolerance& t) {
  const std::int64_t base = std::max<std::int64_t>(0, expected.value());
  auto share =
      Pence(base).MulDiv(std::clamp<std::int64_t>(t.basis_points, 0, kMaxToleranceBasisPoints),
                         10'000, RoundingRule::kDown);
  const std::int64_t part = share ? share->value() : 0;
  return Pence(std::max({part, t.minimum.value(), std::int64_t{0}}));
}

std::string ProviderKey(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

Result<Pence> AmountFor(std::int64_t units_hundredths, Pence unit_price) {
  return unit_price.MulDiv(units_hundredths, 100, RoundingRule::kHalfUp);
}

std::string FormatUnits(std::int64_t hundredths) {
  const std::int64_t whole = hundredths / 100, part = hundredths % 100;
  if (part == 0) return fmt::format("{}", whole);
  if (part % 10 == 0) return fmt::format("{}.{}", whole, part / 10);
  return fmt::format("{}.{:02}", whole, part);
}

InvoiceFile ReadInvoiceFile(std::string_view bytes) {
  InvoiceFile out;
  const auto whole_file = [&](std::string message) {
    out.problems.push_back({"file", std::move(message)});
    return out;
  };
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return whole_file(
        "The file is saved as UTF-16 (\"Unicode text\"), not UTF-8: save it again as \"CSV UTF-8 "
        "(comma delimited)\"");
  }
  std::size_t at = 0;
  CsvReader reader(
      [&](char* buffer, std::size_t capacity) -> Result<std::size_t> {
        const std::size_t n = std::min(capacity, bytes.size() - at);
        std::memcpy(buffer, bytes.data() + at, n);
        at += n;
        return n;
      },
      CsvReaderOptions{.max_field_length = 1'000, .max_fields_per_record = 100});
  static constexpr std::array<std::string_view, 8> kColumns = {
      "provider",  "person_id", "invoice_number", "period_from",
      "period_to", "units",     "unit_price",     "total"};
  auto header = CsvHeader::Read(reader, std::span<const std::string_view>(kColumns));
  if (!header) {
    return whole_file(bytes.empty() ? std::string("The file is empty: it has no invoices")
                                    : header.error().message);
  }
  std::array<std::size_t, 8> index{};
  for (std::size_t k = 0; k < kColumns.size(); ++k) index[k] = *header->IndexOf(kColumns[k]);
  CsvRecord record;
  while (true) {
    Result<bool> got = reader.Next(record);
    if (!got) {
      out.problems.push_back(
          {fmt::format("rows[{}]", reader.record_number()), got.error().message});
      if (reader.stopped()) break;
      continue;
    }
    if (!*got) break;
    if (record.blank()) continue;
    if (record.size() != header->size()) {
      out.problems.push_back(
          {fmt::format("rows[{}]", record.number()),
           fmt::format("Row {} has {} fields but the header has {} columns: check for a missing "
                       "or extra comma",
                       record.number(), record.size(), header->size())});
      continue;
    }
    if (out.rows.size() == kMaxInvoiceFileRows) {
      return whole_file(
          "The file has more than 5,000 invoices: split it into smaller files and import each");
    }
    InvoiceRow row;
    row.row = record.number();
    std::array<std::string*, 8> fields = {&row.request.provider,       &row.request.person_id,
                                          &row.request.invoice_number, &row.request.period_from,
                                          &row.request.period_to,      &row.request.units,
                                          &row.request.unit_price,     &row.request.total};
    for (std::size_t k = 0; k < fields.size(); ++k) *fields[k] = std::string(record[index[k]]);
    out.rows.push_back(std::move(row));
  }
  if (out.rows.empty() && out.problems.empty()) {
    return whole_file("The file has a header row but no invoices under it");
  }
  return out;
}

std::optional<std::string> PeriodTooFarAhead(const InvoiceFacts& facts, Date today) {
  if (DaysBetween(today, facts.from) <= kMaxInvoiceDaysAhead) return std::nullopt;
  return "The invoice starts on " + FormatLongDate(facts.from) +
         ", more than a month from today: check the year, and record an invoice for support "
         "still to come no more than a month ahead";
}

Result<InvoiceFacts> ValidateInvoice(const InvoiceRequest& r) {
  std::vector<FieldError> errors;
  InvoiceFacts f;
  f.provider_name = Trim(r.provider);
  if (f.provider_name.empty()) {
    errors.push_back({"provider", "Enter the provider's name as the support plan gives it"});
  } else if (f.provider_name.size() > kMaxProviderName) {
    errors.push_back({"provider", "The provider's name must be 140 characters or fewer"});
  }
  f.provider_key = ProviderKey(f.provider_name);
  if (auto person = PersonId::Parse(Trim(r.person_id))) {
    f.person = *person;
  } else {
    errors.push_back(
        {"person_id", "Enter the person's reference from their record: 26 letters and numbers"});
  }
  f.number = Trim(r.invoice_number);
  if (f.number.empty()) {
    errors.push_back({"invoice_number", "Enter the invoice number the provider gave it"});
  } else if (f.number.size() > kMaxInvoiceNumber) {
    errors.push_back({"invoice_number", "The invoice number must be 40 characters or fewer"});
  }
  for (char c : f.number) {
    f.number_key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  auto from = ParseIsoDate(Trim(r.period_from));
  auto to = ParseIsoDate(Trim(r.period_to));
  if (!from) {
    errors.push_back(
        {"period_from", "Enter the first day the invoice covers as a real date, like 2026-11-02"});
  }
  if (!to) {
    errors.push_back(
        {"period_to", "Enter the last day the invoice covers as a real date, like 2026-11-15"});
  }
  if (from && to) {
    f.from = *from;
    f.to = *to;
    if (*to < *from) {
      errors.push_back({"period_to", "The last day must be the same as or after the first day"});
    } else if (DaysBetween(*from, *to) + 1 > kMaxPeriodDays) {
      errors.push_back({"period_to", "An invoice may cover at most a year (366 days)"});
    }
  }
  const std::string units = Trim(r.units);
  auto hundredths = ParseHundredths(units);
  if (!hundredths || *hundredths <= 0 || *hundredths > kMaxUnitsHundredths) {
    errors.push_back({"units", units.empty()
                                   ? "Enter how many units (hours, visits) the invoice is for"
                                   : "Enter the units as a number above 0 with at most two "
                                     "decimal places, like 12.5"});
  } else {
    f.units_hundredths = *hundredths;
  }
  auto price = ParsePounds(Trim(r.unit_price));
  if (!price || price->value() <= 0 || price->value() > kMaxUnitPricePence) {
    errors.push_back({"unit_price", Trim(r.unit_price).empty()
                                        ? "Enter the price of one unit, like 20.00"
                                        : "Enter the price of one unit in pounds above £0.00 and "
                                          "at most £100,000.00, like 20.00"});
  } else {
    f.unit_price = *price;
  }
  auto total = ParsePounds(Trim(r.total));
  if (!total || total->value() <= 0 || total->value() > kMaxTotalPence) {
    errors.push_back({"total", Trim(r.total).empty()
                                   ? "Enter the invoice's total, like 200.00"
                                   : "Enter the total in pounds above £0.00 and at most "
                                     "£10,000,000.00, like 200.00"});
  } else {
    f.total = *total;
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return f;
}

InvoiceMatch MatchInvoice(const InvoiceFacts& inv, const MatchBasis& basis,
                          const InvoiceTolerance& tolerance) {
  InvoiceMatch m;
  if (!basis.has_budget) {
    m.reasons.push_back(
        "The person has no budget in payment: there is no signed-off plan to pay this invoice "
        "from");
  }
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < basis.plan_items.size(); ++i) {
    const casework::PlanItem& item = basis.plan_items[i];
    if (item.route == casework::PaymentRoute::kCouncilArranged && !inv.provider_key.empty() &&
        ProviderKey(item.supplier_name) == inv.provider_key) {
      candidates.push_back(i);
    }
  }
  const auto distance = [&](Pence p) {
    const std::int64_t d = p.value() - inv.unit_price.value();
    return d < 0 ? -d : d;
  };
  if (candidates.empty()) {
    if (basis.has_budget) {
      m.reasons.push_back(fmt::format(
          "The person's signed-off plan has no council-arranged service from {}: check the "
          "provider's name and the person against the plan",
          inv.provider_name));
    }
  } else {
    // The items at the price nearest the invoice's, added together.
    Pence best = basis.plan_items[candidates.front()].unit_price;
    for (std::size_t i : candidates) {
      if (distance(basis.plan_items[i].unit_price) < distance(best)) {
        best = basis.plan_items[i].unit_price;
      }
    }
    const std::int64_t days = DaysBetween(inv.from, inv.to) + 1;
    Int128 allowed = 0;  // units × 100 × kWeekYear
    std::vector<std::size_t> group;
    for (std::size_t i : candidates) {
      const casework::PlanItem& item = basis.plan_items[i];
      if (item.unit_price != best) continue;
      group.push_back(i);
      switch (item.frequency) {
        case casework::ItemFrequency::kPerWeek:
          allowed += static_cast<Int128>(item.hundredths) * days * 365;
          break;
        case casework::ItemFrequency::kPerYear:
          allowed += static_cast<Int128>(item.hundredths) * days * 7;
          break;
        case casework::ItemFrequency::kOneOff:
          allowed += static_cast<Int128>(item.hundredths) * kWeekYear;
          break;
      }
    }
    const casework::PlanItem& first = basis.plan_items[group.front()];
    m.plan_item = group.front();
    m.plan_price = best;
    m.planned_hundredths_floor = static_cast<std::int64_t>(allowed / kWeekYear);
    if (static_cast<Int128>(inv.units_hundredths) * kWeekYear > allowed) {
      std::string per;
      if (group.size() == 1 && first.frequency != casework::ItemFrequency::kOneOff) {
        per = fmt::format(" ({} a {})", UnitsOf(first.hundredths, first.unit),
                          first.frequency == casework::ItemFrequency::kPerWeek ? "week" : "year");
      }
      m.reasons.push_back(fmt::format(
          "The invoice is for {}, more than the {} the plan allows for {}{}",
          UnitsOf(inv.units_hundredths, first.unit),
          UnitsOf(m.planned_hundredths_floor, first.unit),
          days == 1 ? std::string("that day") : fmt::format("those {} days", days), per));
    }
    auto expected = AmountFor(inv.units_hundredths, best);
    auto invoiced = AmountFor(inv.units_hundredths, inv.unit_price);
    if (expected && invoiced) {
      m.expected = *expected;
      m.tolerance = ToleranceFor(*expected, tolerance);
      const std::int64_t diff = invoiced->value() - expected->value();
      if ((diff < 0 ? -diff : diff) > m.tolerance.value()) {
        m.reasons.push_back(fmt::format(
            "The price of {} per {} is not the plan's {}: {} {} over the {} invoiced, beyond "
            "the tolerance of {}",
            FormatPounds(inv.unit_price), first.unit.empty() ? "unit" : first.unit,
            FormatPounds(best), FormatPounds(Pence(diff < 0 ? -diff : diff)),
            diff < 0 ? "less" : "more", UnitsOf(inv.units_hundredths, first.unit),
            FormatPounds(m.tolerance)));
      }
    }
  }
  auto should_be = AmountFor(inv.units_hundredths, inv.unit_price);
  if (should_be && *should_be != inv.total) {
    m.reasons.push_back(fmt::format("The total of {} is not {} × {} = {}", FormatPounds(inv.total),
                                    FormatUnits(inv.units_hundredths), FormatPounds(inv.unit_price),
                                    FormatPounds(*should_be)));
  }
  if (basis.has_budget) {
    if (inv.from < basis.budget_start) {
      m.reasons.push_back(fmt::format("The invoice covers days before the budget started on {}",
                                      FormatLongDate(basis.budget_start)));
    }
    if (basis.budget_end && inv.to > *basis.budget_end) {
      m.reasons.push_back(
          fmt::format("The invoice covers days after the budget ended: its last funded day was {}",
                      FormatLongDate(*basis.budget_end)));
    }
  }
  for (const Suspension& s : basis.suspensions) {
    if (Overlaps(inv.from, inv.to, s.from, s.to)) {
      m.reasons.push_back(fmt::format(
          "Payments were stopped {} ({}), and the invoice covers days in that time",
          s.from == s.to
              ? "on " + FormatLongDate(s.from)
              : fmt::format("from {} to {}", FormatLongDate(s.from), FormatLongDate(s.to)),
          s.reason));
    }
  }
  for (const EarlierInvoice& e : basis.earlier) {
    if (Overlaps(inv.from, inv.to, e.from, e.to)) {
      m.reasons.push_back(
          fmt::format("{} has already billed days in this period on invoice {} ({})",
                      inv.provider_name, e.number, PeriodWords(e.from, e.to)));
    }
  }
  return m;
}

const char* InvoiceStatusName(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::kMatched:
      return "matched";
    case InvoiceStatus::kHeld:
      return "held";
    case InvoiceStatus::kApproved:
      return "approved";
    case InvoiceStatus::kRejected:
      return "rejected";
  }
  return "held";
}

const char* InvoiceStatusLabel(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::kMatched:
      return "Matched and posted";
    case InvoiceStatus::kHeld:
      return "Held for a finance officer";
    case InvoiceStatus::kApproved:
      return "Approved and posted";
    case InvoiceStatus::kRejected:
      return "Rejected";
  }
  return "Held for a finance officer";
}

std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view text) {
  for (InvoiceStatus s : {InvoiceStatus::kMatched, InvoiceStatus::kHeld, InvoiceStatus::kApproved,
                          InvoiceStatus::kRejected}) {
    if (text == InvoiceStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* InvoiceSourceName(InvoiceSource source) {
  return source == InvoiceSource::kFile ? "file" : "form";
}

std::optional<InvoiceSource> ParseInvoiceSource(std::string_view text) {
  if (text == "form") return InvoiceSource::kForm;
  if (text == "file") return InvoiceSource::kFile;
  return std::nullopt;
}

Transfer InvoiceTransfer(const Invoice& invoice, const LedgerAccountId& commitment,
                         const LedgerAccountId& provider_payable, Timestamp at, const UserId& by) {
  Transfer t;
  t.id = TransferId("invoice:" + invoice.id.str());
  t.council = invoice.council;
  t.debit_account = commitment;
  t.credit_account = provider_payable;
  t.amount = invoice.facts.total;
  t.code = TransferCode::kInvoice;
  t.reference = Cut(
      fmt::format("invoice {} from {}", invoice.facts.number, invoice.facts.provider_name), 200);
  t.created_at = at;
  t.created_by = by;
  return t;
}

std::string AccountsPayableFile(std::span<const Invoice> invoices) {
  std::string out =
      "provider_name,provider_id,invoice_number,amount,person_id,period_from,period_to,"
      "invoice_id\r\n";
  for (const Invoice& i : invoices) {
    const std::array<std::string, 8> fields = {
        Safe(i.facts.provider_name), Safe(i.provider_id.value_or("")),
        Safe(i.facts.number),        FormatDecimal(i.facts.total),
        i.facts.person.str(),        FormatIsoDate(i.facts.from),
        FormatIsoDate(i.facts.to),   i.id.str()};
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k > 0) out.push_back(',');
      AppendCsvField(out, fields[k]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace selfdirect::ledger
