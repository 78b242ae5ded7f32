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

#include "selfdirect/casework/plan.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/period.h"
#include "selfdirect/core/result.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/services.h"

namespace selfdirect::market {

// One plan item as shaping needs it.
struct SpellItem {
  std::string service_id;    // the directory's service, "" when none
  std::string service_type;  // the kind of support, "" when not said
  std::string supplier;      // casework::SupplierName: "provider", "to_be_chosen", …
  // The directory service's provider (id and public name), "" when the item names no service.
  std::string provider_id;
  std::string provider_name;
  // Its price as agreed: per unit, units × 100, and how often.
  std::int64_t unit_price_pence = 0;
  std::int64_t hundredths = 0;
  casework::ItemFrequency frequency = casework::ItemFrequency::kPerWeek;
  // Its recurring cost a year (casework::AnnualCostOf), set by PriceItems; 0 until then.
  std::int64_t annual_pence = 0;
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

// Sets each item's annual_pence from its price with the scheme's weeks per year
// (casework::AnnualCostOf). Fails only when a price is too large to add up.
Status PriceItems(std::vector<ApprovedPlan>& approvals, WeeksPerYear weeks_per_year);

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
  // A concentration group (kind of support, area) drawn from fewer people than this is not shown.
  std::int64_t concentration_from_people = 5;
};

// People using each kind of support on one day.
struct DemandPoint {
  Date on;
  std::vector<std::int64_t> people;  // per kind, in the order of MarketShaping::kinds
};

// Where people who stopped using a service went: each kind of support in their plan now that was
// not in it beside the service a year ago ("More of the support they already had" when none is
// new), or "No plan in force now".
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

// How concentrated a market is, by its Herfindahl–Hirschman index, with the thresholds of the
// UK merger assessment guidelines of 2010 (CC2 (Revised) / OFT1254, section 5.3): an HHI
// exceeding 1,000 is concentrated, exceeding 2,000 highly concentrated.
enum class ConcentrationBand { kUnconcentrated, kConcentrated, kHighlyConcentrated };
ConcentrationBand BandOfHhi(std::int64_t hhi);
const char* ConcentrationBandName(ConcentrationBand band);   // "unconcentrated", …
const char* ConcentrationBandLabel(ConcentrationBand band);  // "Unconcentrated", …

// The Herfindahl–Hirschman index of providers' amounts (each ≥ 0): the sum of the squares of
// their shares in per cent, 0 to 10,000. Computed exactly as 10,000 × Σ amount² ÷ (Σ amount)² in
// 128-bit integers and rounded half up to a whole point once (shares are never rounded first);
// 0 when the amounts add up to nothing. A single provider is 10,000; n equal providers 10,000/n.
// Exact while the amounts add up to at most 10^15 pence (£10 trillion), far beyond any council.
std::int64_t HerfindahlHirschman(std::span<const std::int64_t> amounts);

// `part` of `total` in basis points (hundredths of a per cent), rounded half up; 0 when the
// total is 0.
std::int64_t ShareBasisPoints(std::int64_t part, std::int64_t total);

// Providers' revenue concentration for one kind of support in one area (or the whole council):
// from the items bought from directory providers in plans in force today, each at its recurring
// cost a year.
struct Concentration {
  std::string kind_label;  // "Home care", or "Kind not said"
  std::string area;        // postcode district, "Area not known", or "" for the whole council
  std::int64_t providers = 0;
  std::int64_t people = 0;        // people buying it (at least options.concentration_from_people)
  std::int64_t annual_pence = 0;  // what their plans commit to these providers a year
  std::int64_t hhi = 0;           // 0 to 10,000
  ConcentrationBand band = ConcentrationBand::kUnconcentrated;
  std::string largest_provider_id;    // the provider with the most (a provider, never a person)
  std::string largest_provider_name;  // (ties: the name first in order)
  std::int64_t largest_share_basis_points = 0;
};

struct MarketShaping {
  Date today;
  std::vector<std::string> kinds;   // labels: every market service type, then "Kind not said"
  std::vector<DemandPoint> demand;  // every three months for two years, ending today
  std::vector<DecliningService> declining;  // the steepest fall first
  std::vector<UnmetDemand> unmet;           // the most items first
  std::int64_t people_in_force = 0;         // people with an agreed plan in force today
  // Concentration per kind and area and per kind for the whole council, the highest HHI first
  // (then the most spend, then by kind with the whole council before its areas); groups from fewer
  // than concentration_from_people people left out, and counted here.
  std::vector<Concentration> concentration;
  std::int64_t concentration_suppressed = 0;
};

// The commissioners' view on `today`. Counts people (a person counts once per kind or service,
// however many items they have of it).
MarketShaping Shape(std::span<const PlanSpell> spells, std::span<const ServiceInfo> services,
                    Date today, const ShapingOptions& options = {});

}  // namespace selfdirect::market
