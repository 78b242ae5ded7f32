// Market shaping: what commissioners need to see of the local market, from the support plans
// people have agreed — aggregates only, never a name. Demand per kind of support over time, the
// services people are leaving (a decommissioning-risk list: how many still use each, the trend,
// and what those who left chose instead), and unmet demand (plan items still "to be chosen" long
// after the plan was agreed). No I/O: the store gives the plans' spells and the directory.
//
//   auto spells = BuildSpells(approvals, closures);
//   MarketShaping view = Shape(spells, services, today, {.unmet_after_days = 28});
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/services.h"

namespace selfdirect::market {

// One plan item as shaping needs it.
struct SpellItem {
  std::string service_id;    // the directory's service, "" when none
  std::string service_type;  // the kind of support, "" when not said
  std::string supplier;      // casework::SupplierName: "provider", "to_be_chosen", …
};

// An approved support plan: from the day it was signed off.
struct ApprovedPlan {
  std::string person;    // only ever counted
  std::string postcode;  // the person's postcode as recorded ("TS24 7QS"), "" when not known
  Date from;
  std::vector<SpellItem> items;
};

// An approved plan while it was in force: [from, to), open while in force.
struct PlanSpell {
  std::string person;
  std::string area;
  Date from;
  std::optional<Date> to;
  std::vector<SpellItem> items;

  bool InForceOn(Date day) const { return from <= day && (!to || day < *to); }
};

// The spells: each approved plan runs until the person's next approved plan, or until their case
// was closed (the latest closure on or after the plan's start). `closures` are (person, date).
// A spell's area is the person's postcode district.
std::vector<PlanSpell> BuildSpells(std::vector<ApprovedPlan> approvals,
                                   std::span<const std::pair<std::string, Date>> closures);

// The postcode district of a UK postcode ("TS24 7QS" → "TS24"); "" when it does not look like one.
std::string PostcodeDistrict(std::string_view postcode);

// A directory service, with its provider's name.
struct ServiceInfo {
  ServiceId id;
  std::string what;
  std::string provider_name;
  ServiceType type = ServiceType::kOther;
  std::vector<std::string> need_areas;
};

struct ShapingOptions {
  int unmet_after_days = 28;  // an item still "to be chosen" this long after sign-off is unmet
  // A service is at risk when the people using it fell by at least this share over a year…
  int decline_percent = 20;
  // …from at least this many (smaller numbers are noise).
  std::int64_t decline_from_at_least = 3;
};

// People using each kind of support on one day.
struct DemandPoint {
  Date on;
  std::vector<std::int64_t> people;  // per kind, in the order of MarketShaping::kinds
};

// Where people who stopped using a service went: a kind of support (or "No plan in force now").
struct MovedTo {
  std::string label;
  std::int64_t people = 0;
};

struct DecliningService {
  ServiceInfo service;
  std::vector<std::int64_t> trend;  // people using it a year, 9, 6 and 3 months ago, and today
  std::int64_t people_now = 0;
  std::int64_t people_year_ago = 0;
  int change_percent = 0;         // rounded towards zero; negative when fewer use it
  std::vector<MovedTo> moved_to;  // most first
};

struct UnmetDemand {
  std::string kind_label;  // "Home care", or "Kind not said"
  std::string area;        // postcode district, or "Area not known"
  std::int64_t items = 0;
  std::int64_t people = 0;
  int longest_days = 0;  // the longest any of them has waited since sign-off
};

struct MarketShaping {
  Date today;
  std::vector<std::string> kinds;   // labels: every market service type, then "Kind not said"
  std::vector<DemandPoint> demand;  // every three months for two years, ending today
  std::vector<DecliningService> declining;  // the steepest fall first
  std::vector<UnmetDemand> unmet;           // the most items first
  std::int64_t people_in_force = 0;         // people with an agreed plan in force today
};

// The commissioners' view on `today`. Counts people (a person counts once per kind or service,
// however many items they have of it).
MarketShaping Shape(std::span<const PlanSpell> spells, std::span<const ServiceInfo> services,
                    Date today, const ShapingOptions& options = {});

}  // namespace selfdirect::market
