#include "selfdirect/casework/personal_assistants.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "selfdirect/core/text.h"

namespace selfdirect::casework {
namespace {

using date::April;
using date::year;

constexpr std::array<MinimumWageRate, 3> kRates = {{
    {year{2024} / April / 1, "21 and over", Pence(1144)},
    {year{2025} / April / 1, "21 and over", Pence(1221)},
    {year{2026} / April / 1, "21 and over", Pence(1271)},
}};

// Trimmed text, with an error when it is required and empty or longer than `most`.
std::string Text(std::vector<FieldError>& errors, const char* field, const std::string& value,
                 std::size_t most, const char* if_empty, const char* what) {
  std::string t = Trim(value);
  if (t.empty() && if_empty != nullptr) {
    errors.push_back({field, if_empty});
  } else if (t.size() > most) {
    errors.push_back({field, fmt::format("{} must be {} characters or fewer", what, most)});
  }
  return t;
}

// An optional date: nothing when empty, an error when not a real date (or, with `not_after`,
// later than it).
std::optional<Date> OptionalDate(std::vector<FieldError>& errors, const char* field,
                                 const std::string& value, const char* what,
                                 std::optional<Date> not_after = std::nullopt) {
  const std::string t = Trim(value);
  if (t.empty()) return std::nullopt;
  auto d = ParseIsoDate(t);
  if (!d) {
    errors.push_back({field, fmt::format("Enter {} as a real date, like 2026-04-01", what)});
    return std::nullopt;
  }
  if (not_after && *d > *not_after) {
    errors.push_back({field, fmt::format("{} cannot be in the future", what)});
    return std::nullopt;
  }
  return *d;
}

// "2.5" → 250; at most two decimal places, no symbol or separators.
std::optional<std::int64_t> ParseHundredths(const std::string& text) {
  if (text.find("£") != std::string::npos || text.find(',') != std::string::npos) {
    return std::nullopt;
  }
  auto value = ParsePounds(text);
  if (!value) return std::nullopt;
  return value->value();
}

}  // namespace

std::span<const MinimumWageRate> MinimumWageRates() { return kRates; }

std::optional<MinimumWageRate> MinimumWageOn(Date day) {
  std::optional<MinimumWageRate> out;
  for (const auto& r : kRates) {
    if (r.from <= day) out = r;
  }
  return out;
}

bool PersonalAssistant::EmployedOn(Date day) const {
  return starts_on <= day && (!ends_on || day <= *ends_on);
}

Result<PersonalAssistant> ValidatePersonalAssistant(const PersonalAssistantRequest& r, Date today) {
  std::vector<FieldError> errors;
  PersonalAssistant pa;
  pa.name = Text(errors, "name", r.name, 200, "Enter the personal assistant's name", "The name");
  const std::string rate = Trim(r.hourly_rate);
  if (rate.empty()) {
    errors.push_back({"hourly_rate", "Enter how much you pay them an hour, like 12.71"});
  } else if (auto p = ParsePounds(rate); !p || p->value() <= 0 || p->value() > 100'000) {
    errors.push_back({"hourly_rate",
                      "Enter the hourly rate in pounds and pence, more than £0 and at most "
                      "£1,000, like 12.71"});
  } else {
    pa.hourly_rate = *p;
  }
  const std::string hours = Trim(r.hours_per_week);
  if (hours.empty()) {
    errors.push_back({"hours_per_week", "Enter how many hours a week they usually work"});
  } else if (auto h = ParseHundredths(hours); !h || *h <= 0 || *h > 16'800) {
    errors.push_back({"hours_per_week",
                      "Enter the usual hours a week as a number more than 0 and at most 168, "
                      "like 20 or 12.5"});
  } else {
    pa.hours_hundredths = *h;
  }
  if (Trim(r.starts_on).empty()) {
    errors.push_back({"starts_on", "Enter the date they started or will start working for you"});
  } else if (auto d = OptionalDate(errors, "starts_on", r.starts_on, "The start date")) {
    pa.starts_on = *d;
  }
  pa.right_to_work_checked_on =
      OptionalDate(errors, "right_to_work_checked_on", r.right_to_work_checked_on,
                   "The date of the right-to-work check", today);
  pa.dbs_checked_on =
      OptionalDate(errors, "dbs_checked_on", r.dbs_checked_on, "The date of the DBS check", today);
  if (!r.close_relative_in_household) {
    errors.push_back({"close_relative_in_household",
                      "Say whether they are a close relative who lives in the same household"});
  } else {
    pa.close_relative_in_household = *r.close_relative_in_household;
  }
  if (pa.close_relative_in_household) {
    pa.council_decision =
        Text(errors, "council_decision", r.council_decision, 2000,
             "A close relative who lives with you can be paid from a direct payment only when "
             "the council decides it is necessary: enter the council's decision",
             "The council's decision");
    if (Trim(r.council_decision_on).empty()) {
      errors.push_back({"council_decision_on", "Enter the date of the council's decision"});
    } else {
      pa.council_decision_on = OptionalDate(errors, "council_decision_on", r.council_decision_on,
                                            "The date of the council's decision", today);
    }
  } else if (!Trim(r.council_decision).empty() || !Trim(r.council_decision_on).empty()) {
    errors.push_back({"council_decision",
                      "A council decision is recorded only for a close relative who lives in "
                      "the same household; leave it empty"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return pa;
}

Result<Date> ValidateEndDate(const PersonalAssistant& pa, const std::string& ends_on, Date today) {
  const std::string t = Trim(ends_on);
  if (t.empty()) return FailFields({{"ends_on", "Enter the last day they work for you"}});
  auto d = ParseIsoDate(t);
  if (!d) return FailFields({{"ends_on", "Enter the last day as a real date, like 2026-04-01"}});
  if (*d < pa.starts_on) {
    return FailFields({{"ends_on", fmt::format("The last day cannot be before they started ({})",
                                               FormatLongDate(pa.starts_on))}});
  }
  if (*d > AddDays(today, 366)) {
    return FailFields({{"ends_on", "The last day must be within the next year"}});
  }
  return *d;
}

Result<EmployerDuties> ValidateEmployerDuties(const EmployerDutiesRequest& r) {
  std::vector<FieldError> errors;
  EmployerDuties d;
  d.payroll_provider = Text(errors, "payroll_provider", r.payroll_provider, 200, nullptr,
                            "The payroll provider's name");
  d.payroll_from =
      OptionalDate(errors, "payroll_from", r.payroll_from, "The date the payroll provider started");
  if (!d.payroll_provider.empty() && !d.payroll_from && Trim(r.payroll_from).empty()) {
    errors.push_back({"payroll_from", "Enter the date the payroll provider started"});
  }
  if (d.payroll_provider.empty() && !Trim(r.payroll_from).empty()) {
    errors.push_back({"payroll_provider", "Enter the payroll provider's name"});
  }
  d.pension_enrolled_on = OptionalDate(errors, "pension_enrolled_on", r.pension_enrolled_on,
                                       "The date your PAs were enrolled in a pension");
  d.pension_exempt_reason =
      Text(errors, "pension_exempt_reason", r.pension_exempt_reason, 500, nullptr, "The reason");
  if (!Trim(r.pension_enrolled_on).empty() && !d.pension_exempt_reason.empty()) {
    errors.push_back({"pension_exempt_reason",
                      "Enter either the date your PAs were enrolled in a pension or why they do "
                      "not need to be, not both"});
  }
  d.insurer = Text(errors, "insurer", r.insurer, 200, nullptr, "The insurer's name");
  const std::string cover = Trim(r.insurance_cover);
  if (!cover.empty()) {
    auto p = ParsePounds(cover);
    if (!p || p->value() <= 0) {
      errors.push_back(
          {"insurance_cover", "Enter the amount of cover in pounds, like 5000000 or £10,000,000"});
    } else {
      d.insurance_cover = *p;
    }
  }
  d.insurance_expires_on = OptionalDate(errors, "insurance_expires_on", r.insurance_expires_on,
                                        "The date the insurance ends");
  const bool any_insurance =
      !d.insurer.empty() || !cover.empty() || !Trim(r.insurance_expires_on).empty();
  if (any_insurance) {
    if (d.insurer.empty()) errors.push_back({"insurer", "Enter the insurer's name"});
    if (cover.empty()) {
      errors.push_back({"insurance_cover", "Enter how much the insurance covers, in pounds"});
    }
    if (Trim(r.insurance_expires_on).empty()) {
      errors.push_back({"insurance_expires_on", "Enter the date the insurance ends"});
    }
  }
  d.contract_issued_on = OptionalDate(errors, "contract_issued_on", r.contract_issued_on,
                                      "The date you gave your PA their contract");
  d.holiday_pay =
      Text(errors, "holiday_pay", r.holiday_pay, 500, nullptr, "How holiday pay is arranged");
  d.authorised_person_without_capacity = r.authorised_person_without_capacity.value_or(false);
  if (!errors.empty()) return FailFields(std::move(errors));
  return d;
}

std::optional<Attention> MinimumWageWarning(const PersonalAssistant& pa, Date day) {
  auto rate = MinimumWageOn(day);
  if (!rate || pa.hourly_rate >= rate->hourly) return std::nullopt;
  return Attention{
      "below_minimum_wage", AttentionLevel::kWarning, pa.id,
      fmt::format("You pay {} {} an hour, which is less than the National Living Wage of {} an "
                  "hour from {} for workers aged {}. Raise their pay to at least {}, or check "
                  "the lower rate for their age on GOV.UK if they are under 21.",
                  pa.name, FormatPounds(pa.hourly_rate), FormatPounds(rate->hourly),
                  FormatLongDate(rate->from), rate->band, FormatPounds(rate->hourly))};
}

std::vector<Attention> NeedsAttention(std::span<const PersonalAssistant> assistants,
                                      const EmployerDuties& duties, const EmployerRules& rules,
                                      Date day) {
  std::vector<Attention> out;
  std::vector<const PersonalAssistant*> employed;
  for (const auto& pa : assistants) {
    if (pa.EmployedOn(day) || pa.starts_on > day) employed.push_back(&pa);
  }
  if (employed.empty()) return out;
  auto add = [&](const char* code, AttentionLevel level, std::optional<PersonalAssistantId> pa,
                 std::string message) {
    out.push_back({code, level, std::move(pa), std::move(message)});
  };

  // Insurance first: working without it is against the law.
  if (!duties.insurance_expires_on) {
    add("insurance_missing", AttentionLevel::kUrgent, std::nullopt,
        "Record your employers' liability insurance: by law an employer must have at least £5 "
        "million of cover before anyone works for them.");
  } else if (*duties.insurance_expires_on < day) {
    add("insurance_expired", AttentionLevel::kUrgent, std::nullopt,
        fmt::format("Your employers' liability insurance with {} ended on {}. Renew it now and "
                    "record the new end date: your PAs must not work without it.",
                    duties.insurer, FormatLongDate(*duties.insurance_expires_on)));
  } else if (DaysBetween(day, *duties.insurance_expires_on) <= rules.insurance_reminder_days) {
    const int days = DaysBetween(day, *duties.insurance_expires_on);
    add("insurance_expiring", AttentionLevel::kWarning, std::nullopt,
        fmt::format("Your employers' liability insurance with {} ends on {} ({}). Renew it "
                    "before then and record the new end date.",
                    duties.insurer, FormatLongDate(*duties.insurance_expires_on),
                    days == 0   ? "today"
                    : days == 1 ? "tomorrow"
                                : fmt::format("in {} days", days)));
  }
  if (duties.insurance_expires_on && duties.insurance_cover < kMinimumLiabilityCover) {
    add("insurance_cover_low", AttentionLevel::kWarning, std::nullopt,
        fmt::format("Your employers' liability insurance covers {}; the law requires at least "
                    "{}. Ask {} to raise the cover.",
                    FormatPounds(duties.insurance_cover), FormatPounds(kMinimumLiabilityCover),
                    duties.insurer));
  }

  for (const PersonalAssistant* pa : employed) {
    if (!pa->right_to_work_checked_on) {
      add("right_to_work_missing", AttentionLevel::kUrgent, pa->id,
          fmt::format("Check that {} has the right to work in the UK and record the date you "
                      "checked: you must do this before they start.",
                      pa->name));
    }
    if (auto warning = MinimumWageWarning(*pa, std::max(day, pa->starts_on))) {
      out.push_back(std::move(*warning));
    }
    const bool dbs_needed = rules.dbs_required || duties.authorised_person_without_capacity;
    if (dbs_needed && !pa->dbs_checked_on) {
      add("dbs_missing", AttentionLevel::kUrgent, pa->id,
          fmt::format("{} needs a DBS check{}. Apply for one and record the date it was done.",
                      pa->name,
                      duties.authorised_person_without_capacity
                          ? " because an authorised person manages this direct payment"
                          : " because the council's scheme asks for one"));
    }
  }

  if (duties.payroll_provider.empty()) {
    add("payroll_missing", AttentionLevel::kWarning, std::nullopt,
        "Record who runs your payroll: as an employer you must pay your PAs through PAYE. A "
        "payroll provider can do this for you.");
  }
  if (!duties.pension_enrolled_on && duties.pension_exempt_reason.empty()) {
    add("pension_missing", AttentionLevel::kWarning, std::nullopt,
        "Record your workplace pension: enrol any PA who is eligible, or write down why none "
        "needs to be.");
  }
  if (!duties.contract_issued_on) {
    add("contract_missing", AttentionLevel::kWarning, std::nullopt,
        "Give your PAs a written contract (a written statement of employment) and record the "
        "date you gave it.");
  }
  if (duties.holiday_pay.empty()) {
    add("holiday_pay_missing", AttentionLevel::kWarning, std::nullopt,
        "Write down how you pay holiday: PAs are entitled to 5.6 weeks of paid holiday a year.");
  }
  std::stable_sort(out.begin(), out.end(), [](const Attention& a, const Attention& b) {
    return a.level == AttentionLevel::kUrgent && b.level != AttentionLevel::kUrgent;
  });
  return out;
}

Workforce SummariseWorkforce(std::span<const PersonalAssistant> assistants, Date day,
                             int smallest) {
  Workforce w;
  w.on = day;
  const auto rate = MinimumWageOn(day);
  const Pence floor = rate ? rate->hourly : Pence(0);
  // Below the minimum wage, then 50p steps from it up to £3 above, then the rest.
  w.bands.push_back({Pence(0), floor});
  for (std::int64_t step = 0; step < 6; ++step) {
    w.bands.push_back({Pence(floor.value() + step * 50), Pence(floor.value() + (step + 1) * 50)});
  }
  w.bands.push_back({Pence(floor.value() + 300), std::nullopt});
  if (!rate) w.bands.erase(w.bands.begin());  // no rate in force: no "below" band
  for (const auto& pa : assistants) {
    if (!pa.EmployedOn(day)) continue;
    ++w.count;
    w.hours_hundredths += pa.hours_hundredths;
    if (rate && pa.hourly_rate < floor) ++w.below_minimum_wage;
    for (auto& band : w.bands) {
      if (pa.hourly_rate >= band.from && (!band.to || pa.hourly_rate < *band.to)) {
        ++band.count;
        break;
      }
    }
  }
  if (w.count < smallest) {
    w.count_suppressed = true;
    w.count = 0;
    w.hours_hundredths = 0;
    w.below_minimum_wage = 0;
    w.below_minimum_wage_suppressed = true;
    for (auto& band : w.bands) {
      band.count = 0;
      band.suppressed = true;
    }
    return w;
  }
  for (auto& band : w.bands) {
    if (band.count > 0 && band.count < smallest) {
      band.count = 0;
      band.suppressed = true;
    }
  }
  if (w.below_minimum_wage > 0 && w.below_minimum_wage < smallest) {
    w.below_minimum_wage = 0;
    w.below_minimum_wage_suppressed = true;
  }
  return w;
}

}  // namespace selfdirect::casework
