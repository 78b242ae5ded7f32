// Personal assistants (PAs) and the budget holder as their employer.
//
// A budget holder who pays a PA from a direct payment is an employer (budgets.md, "Direct
// payments"): a contract, PAYE payroll, a workplace pension, employers' liability insurance of
// at least £5 million, holiday pay and a right-to-work check. A DBS check is optional unless the
// scheme asks for one or an authorised person acts for someone without capacity. A close
// relative living in the same household may be paid only when the council decides it is
// necessary (Care and Support (Direct Payments) Regulations 2014): that decision is recorded.
//
// The hourly rate is compared with the National Living Wage in force on a date; being below it
// is a warning a budget holder can act on, never a refusal.
//
//   auto pa = ValidatePersonalAssistant(request, today);        // field errors, or the PA
//   auto duties = ValidateEmployerDuties(duties_request);      // field errors, or the checklist
//   auto todo = NeedsAttention(pas, duties, settings, today);  // what to do, in plain English
//
// No I/O: the app layer stores what these functions return.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

using PersonalAssistantId = Id<struct PersonalAssistantTag>;

// One rate of the national minimum wage, in force from `from` until the next rate of the same
// band starts.
struct MinimumWageRate {
  Date from;
  const char* band;  // "21 and over"
  Pence hourly;
};

// The National Living Wage (workers aged 21 and over) from 1 April 2024, 2025 and 2026: £11.44,
// £12.21, £12.71. Only the 21-and-over band is shipped: the lower age bands could not be checked
// against the project's domain texts. Oldest first.
std::span<const MinimumWageRate> MinimumWageRates();

// The rate in force on `day`, or nothing before the first rate in the table.
std::optional<MinimumWageRate> MinimumWageOn(Date day);

// Employers' liability insurance must cover at least £5 million (Employers' Liability
// (Compulsory Insurance) Act 1969 and its regulations).
inline constexpr Pence kMinimumLiabilityCover{500'000'000};

struct PersonalAssistant {
  CouncilId council;
  PersonalAssistantId id;
  PersonId employer;  // the budget holder who employs them
  std::string name;
  Pence hourly_rate;
  std::int64_t hours_hundredths = 0;  // usual hours a week × 100 (12.5 hours = 1250)
  Date starts_on;
  std::optional<Date> ends_on;  // the last day they work, once they leave
  std::optional<Date> right_to_work_checked_on;
  std::optional<Date> dbs_checked_on;
  bool close_relative_in_household = false;
  // When a close relative in the same household: the council's decision that employing them
  // is necessary, with its date.
  std::string council_decision;
  std::optional<Date> council_decision_on;
  Timestamp created_at;
  Timestamp updated_at;
  UserId updated_by;
  std::int64_t revision = 1;

  // Employed on `day`: started, and not yet left.
  bool EmployedOn(Date day) const;
};

// The employer's duties checklist, one per budget holder. Every item is optional until done.
struct EmployerDuties {
  CouncilId council;
  PersonId employer;
  std::string payroll_provider;
  std::optional<Date> payroll_from;
  std::optional<Date> pension_enrolled_on;
  std::string pension_exempt_reason;  // why no PA needs enrolling, instead of a date
  std::string insurer;
  Pence insurance_cover;
  std::optional<Date> insurance_expires_on;
  std::optional<Date> contract_issued_on;
  std::string holiday_pay;  // how holiday pay is arranged, in the employer's words
  // An authorised person manages the direct payment for someone who lacks capacity: PAs then
  // need a DBS check.
  bool authorised_person_without_capacity = false;
  Timestamp updated_at;
  UserId updated_by;
  std::int64_t revision = 0;  // 0: never saved
};

// What a caller sends for a PA: text as typed, so that every problem can be named.
struct PersonalAssistantRequest {
  std::string name;
  std::string hourly_rate;     // pounds: "12.21"
  std::string hours_per_week;  // "20", "12.5"
  std::string starts_on;       // YYYY-MM-DD
  std::string right_to_work_checked_on;
  std::string dbs_checked_on;
  std::optional<bool> close_relative_in_household;  // required
  std::string council_decision;
  std::string council_decision_on;
};

// Checks every field (all problems at once, each named) and returns the PA; the caller fills
// council, id, employer and the stamps. Check dates may not be in the future; a close relative
// in the same household needs the council's decision and its date.
Result<PersonalAssistant> ValidatePersonalAssistant(const PersonalAssistantRequest& request,
                                                    Date today);

// The last day a PA works: not before they started, not more than a year ahead.
Result<Date> ValidateEndDate(const PersonalAssistant& pa, const std::string& ends_on, Date today);

struct EmployerDutiesRequest {
  std::string payroll_provider;
  std::string payroll_from;
  std::string pension_enrolled_on;
  std::string pension_exempt_reason;
  std::string insurer;
  std::string insurance_cover;  // pounds: "5000000"
  std::string insurance_expires_on;
  std::string contract_issued_on;
  std::string holiday_pay;
  std::optional<bool> authorised_person_without_capacity;  // false when absent
};

// Checks the checklist: a payroll provider needs a start date, insurance needs its insurer,
// cover and expiry together, a pension is either enrolled (a date) or exempt (a reason), not
// both. Cover below £5 million is allowed here and warned about by NeedsAttention.
Result<EmployerDuties> ValidateEmployerDuties(const EmployerDutiesRequest& request);

// The scheme's rules for employers (SchemeSettings).
struct EmployerRules {
  bool dbs_required = false;         // the scheme asks every PA to have a DBS check
  int insurance_reminder_days = 30;  // warn this many days before the insurance ends
};

enum class AttentionLevel { kUrgent, kWarning };

struct Attention {
  std::string code;  // stable: "insurance_expired", "below_minimum_wage", …
  AttentionLevel level = AttentionLevel::kWarning;
  std::optional<PersonalAssistantId> assistant;  // the PA it is about, if one
  std::string message;                           // a sentence the budget holder can act on
};

// Whether `pa`'s hourly rate is below the minimum wage in force on `day`: the warning, if so.
std::optional<Attention> MinimumWageWarning(const PersonalAssistant& pa, Date day);

// Everything needing attention for an employer on `day`, urgent first: insurance missing,
// expired, ending within the reminder period or below £5 million; no payroll, pension, contract
// or holiday pay arrangement; and for each PA employed on `day`, no right-to-work check, a rate
// below the minimum wage, a DBS check required and missing. Empty when the employer has no PA.
std::vector<Attention> NeedsAttention(std::span<const PersonalAssistant> assistants,
                                      const EmployerDuties& duties, const EmployerRules& rules,
                                      Date day);

// The PA workforce of a council for commissioners: aggregates only.
struct PayBand {
  Pence from;               // inclusive
  std::optional<Pence> to;  // exclusive; none for the top band
  std::int64_t count = 0;   // PAs in the band
  bool suppressed = false;  // fewer than the smallest count shown: count withheld
};
struct Workforce {
  Date on;
  std::int64_t count = 0;
  std::int64_t hours_hundredths = 0;  // usual hours a week, all PAs
  std::int64_t below_minimum_wage = 0;
  bool below_minimum_wage_suppressed = false;
  bool count_suppressed = false;  // fewer than `smallest` PAs: nothing else is shown
  std::vector<PayBand> bands;
};

// Counts the PAs employed on `day` (hourly rates only; no names go in) into pay bands: below
// the minimum wage in force, then 50p steps up to £3 above it, then the rest. A band with fewer
// than `smallest` (but more than none) PAs has its count suppressed; fewer than `smallest` PAs
// in all suppresses everything.
Workforce SummariseWorkforce(std::span<const PersonalAssistant> assistants, Date day, int smallest);

}  // namespace selfdirect::casework
