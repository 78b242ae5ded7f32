#include "selfdirect/casework/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace selfdirect::casework {
namespace {

template <typename E>
struct Named {
  E value;
  const char* name;
};

constexpr Named<PaymentRoute> kRoutes[] = {{PaymentRoute::kDirectPayment, "direct_payment"},
                                           {PaymentRoute::kManagedBudget, "managed_budget"},
                                           {PaymentRoute::kCouncilArranged, "council_arranged"}};
constexpr Named<ItemFrequency> kFrequencies[] = {{ItemFrequency::kPerWeek, "per_week"},
                                                 {ItemFrequency::kPerYear, "per_year"},
                                                 {ItemFrequency::kOneOff, "one_off"}};
constexpr Named<Supplier> kSuppliers[] = {{Supplier::kProvider, "provider"},
                                          {Supplier::kPersonalAssistant, "personal_assistant"},
                                          {Supplier::kToBeChosen, "to_be_chosen"},
                                          {Supplier::kNotACareService, "not_a_care_service"}};

template <typename E, std::size_t N>
std::optional<E> Parse(const Named<E> (&table)[N], std::string_view text) {
  for (const auto& n : table) {
    if (text == n.name) return n.value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
const char* NameOf(const Named<E> (&table)[N], E value) {
  for (const auto& n : table) {
    if (n.value == value) return n.name;
  }
  return "";
}

// "2.5" → 250 hundredths; at most two decimal places.
std::optional<std::int64_t> ParseHundredths(const std::string& text) {
  auto pounds = ParsePounds(text);  // the same strict decimal form, two places at most
  if (!pounds || text.find("£") != std::string::npos || text.find(',') != std::string::npos) {
    return std::nullopt;
  }
  return pounds->value();
}

}  // namespace

const char* PaymentRouteName(PaymentRoute r) { return NameOf(kRoutes, r); }
const char* ItemFrequencyName(ItemFrequency f) { return NameOf(kFrequencies, f); }
const char* SupplierName(Supplier s) { return NameOf(kSuppliers, s); }

Result<PlanContent> ValidatePlan(const PlanRequest& r) {
  std::vector<FieldError> errors;
  PlanContent plan;
  std::set<std::string> outcome_ids;
  if (r.outcomes.empty()) {
    errors.push_back({"outcomes", "Add at least one outcome the person wants, in their words"});
  }
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    const PlanOutcome& o = r.outcomes[i];
    const std::string field = fmt::format("outcomes[{}]", i);
    if (o.id.empty() || !outcome_ids.insert(o.id).second) {
      errors.push_back({field + ".id", "Each outcome needs its own id"});
    }
    if (o.words.empty()) errors.push_back({field + ".words", "Write the outcome in their words"});
    if (o.words.size() > 1000) {
      errors.push_back({field + ".words", "An outcome must be 1,000 characters or fewer"});
    }
    plan.outcomes.push_back(o);
  }
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    const PlanItemRequest& in = r.items[i];
    const std::string field = fmt::format("items[{}]", i);
    PlanItem item;
    item.what = in.what;
    if (item.what.empty()) errors.push_back({field + ".what", "Say what this is"});
    if (item.what.size() > 300) {
      errors.push_back({field + ".what", "Must be 300 characters or fewer"});
    }
    auto supplier = Parse(kSuppliers, in.supplier.empty() ? "to_be_chosen" : in.supplier);
    if (!supplier) {
      errors.push_back({field + ".supplier",
                        "Choose who: a provider, a personal assistant, to "
                        "be chosen, or not a care service"});
    } else {
      item.supplier = *supplier;
    }
    item.supplier_name = in.supplier_name;
    item.unit = in.unit.empty() ? "item" : in.unit;
    auto price = ParsePounds(in.unit_price);
    if (!price) {
      errors.push_back({field + ".unit_price",
                        "Enter the price of one " + item.unit + " in pounds, like 21.50"});
    } else if (price->value() <= 0) {
      errors.push_back({field + ".unit_price", "The price must be more than £0"});
    } else if (price->value() > 10'000'000) {
      errors.push_back({field + ".unit_price", "The price of one unit must be £100,000 or less"});
    } else {
      item.unit_price = *price;
    }
    auto frequency = Parse(kFrequencies, in.frequency.empty() ? "per_week" : in.frequency);
    if (!frequency) {
      errors.push_back({field + ".frequency", "Choose per week, per year or one-off"});
    } else {
      item.frequency = *frequency;
    }
    auto quantity = ParseHundredths(in.quantity);
    if (!quantity) {
      errors.push_back({field + ".quantity",
                        "Enter how many, like 10 or 2.5 (at most two "
                        "decimal places)"});
    } else if (*quantity <= 0) {
      errors.push_back({field + ".quantity", "The number must be more than 0"});
    } else if (item.frequency == ItemFrequency::kPerWeek && item.unit == "hour" &&
               *quantity > 168 * 100) {
      errors.push_back({field + ".quantity", "A week has 168 hours; check the number of hours"});
    } else if (*quantity > 10'000 * 100 * (item.frequency == ItemFrequency::kPerYear ? 53 : 1)) {
      errors.push_back({field + ".quantity", "That is more than could be used; check the number"});
    } else {
      item.hundredths = *quantity;
    }
    auto route = Parse(kRoutes, in.route.empty() ? "direct_payment" : in.route);
    if (!route) {
      errors.push_back({field + ".route",
                        "Choose how it is paid: direct payment, managed "
                        "budget or council-arranged"});
    } else {
      item.route = *route;
    }
    for (const std::string& o : in.outcomes) {
      if (outcome_ids.count(o) == 0) {
        errors.push_back({field + ".outcomes", "\"" + o + "\" is not one of the plan's outcomes"});
      }
    }
    item.outcomes = in.outcomes;
    if (!in.service_id.empty()) {
      // Stored as the directory stores it (upper case); the app checks the service exists.
      if (auto id = Id<struct DirectoryServiceTag>::Parse(in.service_id); id) {
        item.service_id = id->str();
      } else {
        errors.push_back({field + ".service_id",
                          "That is not a service from the directory; find the service again in "
                          "Find support, or remove this item"});
      }
    }
    item.service_type = in.service_type;
    plan.items.push_back(std::move(item));
  }
  for (const std::string& w : r.written_with) {
    if (w != "person" && w != "family" && w != "support_planner" && w != "social_worker") {
      errors.push_back({"written_with",
                        "Choose from: the person, family, a support planner, a "
                        "social worker"});
    }
  }
  plan.written_with = r.written_with;
  plan.risks = r.risks;
  plan.emergency = r.emergency;
  if (plan.emergency.size() > 5000) {
    errors.push_back({"emergency", "Must be 5,000 characters or fewer"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return plan;
}

Result<PlanCost> CostOf(const PlanContent& plan, WeeksPerYear wpy) {
  PlanCost cost;
  Int128 weekly = 0;
  Int128 yearly = 0;
  Int128 one_off = 0;
  for (const PlanItem& item : plan.items) {
    auto line = item.unit_price.MulDiv(item.hundredths, 100, RoundingRule::kHalfUp);
    if (!line) return tl::unexpected(line.error());
    switch (item.frequency) {
      case ItemFrequency::kPerWeek:
        weekly += line->value();
        break;
      case ItemFrequency::kPerYear:
        yearly += line->value();
        break;
      case ItemFrequency::kOneOff:
        one_off += line->value();
        break;
    }
  }
  if (weekly > INT64_MAX || yearly > INT64_MAX || one_off > INT64_MAX) {
    return Fail(ErrorCode::kOverflow, "The plan's total is too large");
  }
  auto weekly_as_annual = ConvertPeriod(Pence(static_cast<std::int64_t>(weekly)), Period::kWeekly,
                                        Period::kAnnual, wpy);
  if (!weekly_as_annual) return tl::unexpected(weekly_as_annual.error());
  auto annual = weekly_as_annual->Plus(Pence(static_cast<std::int64_t>(yearly)));
  if (!annual) return tl::unexpected(annual.error());
  auto yearly_as_weekly = ConvertPeriod(Pence(static_cast<std::int64_t>(yearly)), Period::kAnnual,
                                        Period::kWeekly, wpy);
  if (!yearly_as_weekly) return tl::unexpected(yearly_as_weekly.error());
  auto week = yearly_as_weekly->Plus(Pence(static_cast<std::int64_t>(weekly)));
  if (!week) return tl::unexpected(week.error());
  cost.weekly = *week;
  cost.annual = *annual;
  cost.one_off = Pence(static_cast<std::int64_t>(one_off));
  return cost;
}

Result<Pence> AnnualCostOf(Pence unit_price, std::int64_t hundredths, ItemFrequency frequency,
                           WeeksPerYear wpy) {
  if (frequency == ItemFrequency::kOneOff) return Pence(0);
  auto line = unit_price.MulDiv(hundredths, 100, RoundingRule::kHalfUp);
  if (!line) return tl::unexpected(line.error());
  if (frequency == ItemFrequency::kPerYear) return *line;
  return ConvertPeriod(*line, Period::kWeekly, Period::kAnnual, wpy);
}

std::string AgainstIndicative(Pence plan, Pence indicative) {
  if (plan.value() == indicative.value()) {
    return fmt::format("This plan uses exactly the indicative budget of {}",
                       FormatPounds(indicative));
  }
  if (plan.value() < indicative.value()) {
    return fmt::format("{} left to plan with, of the indicative budget of {} a year",
                       FormatPounds(Pence(indicative.value() - plan.value())),
                       FormatPounds(indicative));
  }
  return fmt::format(
      "This plan costs {} a year more than the indicative budget of {}. It can "
      "still be submitted: the approver will need a reason for the difference",
      FormatPounds(Pence(plan.value() - indicative.value())), FormatPounds(indicative));
}

}  // namespace selfdirect::casework
