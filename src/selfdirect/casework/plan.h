// A support plan: the outcomes the person wants, in their own words, and what will be bought or
// done to meet them, with its cost against the indicative budget.
//
// Plans are versioned: a submitted version is never edited; changes make a new version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/period.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

enum class PaymentRoute { kDirectPayment, kManagedBudget, kCouncilArranged };
enum class ItemFrequency { kPerWeek, kPerYear, kOneOff };
enum class Supplier { kProvider, kPersonalAssistant, kToBeChosen, kNotACareService };

struct PlanOutcome {
  std::string id;     // "o1", "o2", … unique within the plan
  std::string words;  // the person's own words
};

struct PlanItem {
  std::string what;  // "Help to get up and dressed", "A gym pass"
  Supplier supplier = Supplier::kToBeChosen;
  std::string supplier_name;    // the provider's or assistant's name, when known
  std::string unit;             // "hour", "visit", "session", "item", …
  Pence unit_price;             // per unit
  std::int64_t hundredths = 0;  // units × 100 (2.5 hours = 250)
  ItemFrequency frequency = ItemFrequency::kPerWeek;
  std::vector<std::string> outcomes;  // PlanOutcome ids it serves
  PaymentRoute route = PaymentRoute::kDirectPayment;
  // The directory's service it buys, when chosen in the marketplace ("" when not): an opaque id
  // here; the app checks it names a service of the council's directory.
  std::string service_id;
  // What kind of support it is: a market service type code ("home_care", "day_centre", …), or ""
  // when not said. The service's own type when a service is named. Checked by the app.
  std::string service_type;
};

struct PlanRisk {
  std::string risk;
  std::string how_managed;  // how the person has chosen to manage it
};

struct PlanContent {
  std::vector<PlanOutcome> outcomes;
  std::vector<PlanItem> items;
  std::vector<std::string> written_with;  // "person", "family", "support_planner", "social_worker"
  std::vector<PlanRisk> risks;
  std::string emergency;  // what happens in an emergency
};

// What a caller sends: text as typed, amounts as text, so that every problem can be named.
struct PlanItemRequest {
  std::string what, supplier, supplier_name, unit, unit_price, quantity, frequency, route;
  std::vector<std::string> outcomes;
  std::string service_id, service_type;
};
struct PlanRequest {
  std::vector<PlanOutcome> outcomes;
  std::vector<PlanItemRequest> items;
  std::vector<std::string> written_with;
  std::vector<PlanRisk> risks;
  std::string emergency;
};

// Checks every field (each problem named: "items[2].unit_price") and returns the plan.
// Refused: a price of zero or less or over £100,000 a unit; a quantity of zero or less, with
// more than two decimal places, or absurd (more than 168 hours a week, more than 10,000 of
// anything a week); an outcome an item names that the plan does not have; a plan with no
// outcome; a service id that is not an id (26 letters and digits). Whether the service exists
// and whether the service type is one of the market's is for the caller (app/), which knows the
// directory.
Result<PlanContent> ValidatePlan(const PlanRequest& request);

struct PlanCost {
  Pence weekly;   // recurring cost a week (per-year items spread over the weeks of the year)
  Pence annual;   // recurring cost a year
  Pence one_off;  // one-off purchases
  Pence first_year() const { return Pence(annual.value() + one_off.value()); }
};

// The cost with the scheme's weeks per year: each line (price × quantity) rounded half up to
// the penny once; weeks and years converted by the core DefaultRule for the direction.
Result<PlanCost> CostOf(const PlanContent& plan, WeeksPerYear weeks_per_year);

// One item's recurring cost a year: its line (price × quantity) rounded half up to the penny
// once, as CostOf does, and a per-week line converted to a year by the core DefaultRule; a
// per-year line as it is; 0 for a one-off purchase (not recurring). The items' costs of a plan
// can add up to a penny or so more or less than CostOf's annual, which converts the weekly total
// once rather than each line.
Result<Pence> AnnualCostOf(Pence unit_price, std::int64_t hundredths, ItemFrequency frequency,
                           WeeksPerYear weeks_per_year);

// How the plan's first-year cost stands against the indicative budget (both a year), in plain
// English: "£1,234.00 left to plan with" or "This plan costs £210.00 a year more than the
// indicative budget of £12,000.00".
std::string AgainstIndicative(Pence plan_first_year, Pence indicative_annual);

const char* PaymentRouteName(PaymentRoute route);  // "direct_payment" | "managed_budget" | …
const char* ItemFrequencyName(ItemFrequency f);    // "per_week" | "per_year" | "one_off"
const char* SupplierName(Supplier s);              // "provider" | "personal_assistant" | …

}  // namespace selfdirect::casework
