// Services in the directory (issue #7, docs/market.md): what a provider offers, at what price per
// unit, when, for which of the Care Act outcome areas, and of which type, including whether it
// is on the council's "traditional menu" (home care, day centre, respite, residential) that the
// control measures count spend outside of. And the approved list: a scheme may say that
// purchases must come from services the council has approved; by default it does not, since
// money may buy anything likely to meet the agreed outcomes.
//
//   auto service = ValidateService(request);   // "price" named when it is zero or less
//   ItemApproval a = CheckPlanItem(item, found, list);
//   if (!a.allowed) show(a.reason);            // said, never hidden
//
// Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/market/providers.h"

namespace selfdirect::market {

enum class ServiceUnit { kHour, kDay, kSession, kItem, kWeek };
const char* ServiceUnitName(ServiceUnit unit);  // "hour", "day", "session", "item", "week"
std::optional<ServiceUnit> ParseServiceUnit(std::string_view text);

enum class ServiceType {
  kHomeCare,
  kDayCentre,
  kRespite,
  kResidential,
  kSupportedLiving,
  kCommunityActivity,
  kEmploymentSupport,
  kEquipment,
  kTransport,
  kOther,
};
// "home_care", "day_centre", "respite", "residential", "supported_living",
// "community_activity", "employment_support", "equipment", "transport", "other".
const char* ServiceTypeName(ServiceType type);
const char* ServiceTypeLabel(ServiceType type);  // "Home care", "Day centre", …
std::optional<ServiceType> ParseServiceType(std::string_view text);
std::span<const ServiceType> AllServiceTypes();
// The council's traditional menu: home care, day centre, respite and residential care.
bool OnTraditionalMenu(ServiceType type);

// Days of the week as a set of bits: Monday is bit 0, Sunday bit 6.
enum class Weekday { kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };
const char* WeekdayName(Weekday day);                        // "mon", "tue", … "sun"
const char* WeekdayLabel(Weekday day);                       // "Monday", …
std::optional<Weekday> ParseWeekday(std::string_view text);  // "mon" or "monday", any case
inline std::uint8_t DayBit(Weekday day) {
  return static_cast<std::uint8_t>(1u << static_cast<int>(day));
}
std::vector<Weekday> DaysOf(std::uint8_t mask);

// The need and outcome areas a service may serve: the Care Act outcomes eligibility records
// (casework::AdultOutcomes, then the carers' outcomes not already among them), by their codes.
struct NeedArea {
  const char* code;
  const char* label;
};
std::span<const NeedArea> NeedAreas();
const NeedArea* FindNeedArea(std::string_view code);

struct Service {
  CouncilId council;
  ServiceId id;
  ProviderId provider;
  std::string what;         // "Help at home", up to 140 characters
  std::string description;  // up to 2,000 characters
  ServiceUnit unit = ServiceUnit::kHour;
  Pence price;                          // per unit; always above 0
  std::string availability;             // "Weekday mornings, 7am to noon", up to 500 characters
  std::uint8_t days = 0;                // the days it runs (DayBit); 0 when not said
  std::vector<std::string> need_areas;  // NeedArea codes, at least one
  ServiceType type = ServiceType::kOther;
  bool approved = false;  // on the council's approved list
  Timestamp created_at;
  Timestamp updated_at;

  bool traditional_menu() const { return OnTraditionalMenu(type); }
};

struct ServiceRequest {
  std::string what, description, unit, price, availability;
  std::vector<std::string> days;        // "mon", "tuesday", …
  std::vector<std::string> need_areas;  // NeedArea codes
  std::string service_type;
  bool approved = false;
};

inline constexpr std::int64_t kMaxServicePricePence = 10'000'000;  // £100,000.00 a unit

// Checks every field and returns the service (council, ids and times left for the caller).
// Problems, each named: "what" (1 to 140 characters); "description" (up to 2,000); "unit" (one of
// the five); "price" (pounds and pence, "18.50" or "£18.50": above £0.00 and at most
// £100,000.00 — zero and negative prices are refused with their own words); "availability" (up
// to 500); "days" / "days[N]" (days of the week, each once); "need_areas" / "need_areas[N]" (at
// least one, each a NeedArea code); "service_type" (one of the types).
Result<Service> ValidateService(const ServiceRequest& request);

// ----- The approved list -----

// A scheme's setting: whether what the plan buys from providers must be on the approved list.
// Off unless a council turns it on.
struct ApprovedListSetting {
  bool required = false;
};

// What the directory knows about the provider or service a plan item names.
struct DirectoryMatch {
  std::optional<ProviderId> provider;  // the provider of that name, when the register has one
  std::string provider_name;
  // The service, when the item names one (or the provider has exactly one of that name).
  std::optional<ServiceId> service;
  std::string service_what;
  bool service_approved = false;
  std::int64_t approved_services = 0;  // the provider's approved services
};

struct ItemApproval {
  bool allowed = true;
  std::string reason;  // plain English, when not allowed: what is wrong and what to do instead
};

// Whether a plan item may be bought under the scheme's setting. Never hides an item: the answer
// says why. Allowed: anything when the scheme does not restrict; an item whose supplier is still
// to be chosen, a personal assistant or not a care service (the approved list is of providers'
// services); an item from a provider whose named service is approved, or (no service named) a
// provider with at least one approved service. Otherwise not allowed, with the reason: the
// provider is not in the directory, the service is not approved, or the provider has no approved
// service; each saying what to do (choose an approved service from the directory, or ask the
// council to approve this one).
ItemApproval CheckPlanItem(const casework::PlanItem& item, const DirectoryMatch& match,
                           const ApprovedListSetting& setting);

}  // namespace selfdirect::market
