#include "selfdirect/market/services.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "selfdirect/core/text.h"

namespace selfdirect::market {
namespace {

constexpr std::array kTypes = {ServiceType::kHomeCare,          ServiceType::kDayCentre,
                               ServiceType::kRespite,           ServiceType::kResidential,
                               ServiceType::kSupportedLiving,   ServiceType::kCommunityActivity,
                               ServiceType::kEmploymentSupport, ServiceType::kEquipment,
                               ServiceType::kTransport,         ServiceType::kOther};

// The Care Act outcomes (casework/eligibility.cc: the adults' ten, then the carers' outcomes
// that are not among them), by the same codes. A test keeps the two lists in step.
constexpr NeedArea kNeedAreas[] = {
    {"nutrition", "Managing and maintaining nutrition"},
    {"hygiene", "Maintaining personal hygiene"},
    {"toilet", "Managing toilet needs"},
    {"clothing", "Being appropriately clothed"},
    {"home_safety", "Being able to make use of the home safely"},
    {"habitable_home", "Maintaining a habitable home environment"},
    {"relationships", "Developing and maintaining family or other personal relationships"},
    {"work_learning", "Accessing and engaging in work, training, education or volunteering"},
    {"community", "Making use of necessary facilities or services in the local community"},
    {"caring_for_child", "Carrying out any caring responsibilities for a child"},
    {"caring_for_others", "Providing care to other persons for whom the carer provides care"},
    {"recreation", "Engaging in recreational activities"},
};

std::size_t Characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const char* ServiceUnitName(ServiceUnit unit) {
  switch (unit) {
    case ServiceUnit::kHour:
      return "hour";
    case ServiceUnit::kDay:
      return "day";
    case ServiceUnit::kSession:
      return "session";
    case ServiceUnit::kItem:
      return "item";
    case ServiceUnit::kWeek:
      return "week";
  }
  return "item";
}

std::optional<ServiceUnit> ParseServiceUnit(std::string_view text) {
  for (ServiceUnit u : {ServiceUnit::kHour, ServiceUnit::kDay, ServiceUnit::kSession,
                        ServiceUnit::kItem, ServiceUnit::kWeek}) {
    if (text == ServiceUnitName(u)) return u;
  }
  return std::nullopt;
}

const char* ServiceTypeName(ServiceType type) {
  switch (type) {
    case ServiceType::kHomeCare:
      return "home_care";
    case ServiceType::kDayCentre:
      return "day_centre";
    case ServiceType::kRespite:
      return "respite";
    case ServiceType::kResidential:
      return "residential";
    case ServiceType::kSupportedLiving:
      return "supported_living";
    case ServiceType::kCommunityActivity:
      return "community_activity";
    case ServiceType::kEmploymentSupport:
      return "employment_support";
    case ServiceType::kEquipment:
      return "equipment";
    case ServiceType::kTransport:
      return "transport";
    case ServiceType::kOther:
      return "other";
  }
  return "other";
}

const char* ServiceTypeLabel(ServiceType type) {
  switch (type) {
    case ServiceType::kHomeCare:
      return "Home care";
    case ServiceType::kDayCentre:
      return "Day centre";
    case ServiceType::kRespite:
      return "Respite (short breaks)";
    case ServiceType::kResidential:
      return "Residential care";
    case ServiceType::kSupportedLiving:
      return "Supported living";
    case ServiceType::kCommunityActivity:
      return "Community activity";
    case ServiceType::kEmploymentSupport:
      return "Employment support";
    case ServiceType::kEquipment:
      return "Equipment";
    case ServiceType::kTransport:
      return "Transport";
    case ServiceType::kOther:
      return "Other";
  }
  return "Other";
}

std::optional<ServiceType> ParseServiceType(std::string_view text) {
  for (ServiceType t : kTypes) {
    if (text == ServiceTypeName(t)) return t;
  }
  return std::nullopt;
}

std::span<const ServiceType> AllServiceTypes() { return kTypes; }

bool OnTraditionalMenu(ServiceType type) {
  return type == ServiceType::kHomeCare || type == ServiceType::kDayCentre ||
         type == ServiceType::kRespite || type == ServiceType::kResidential;
}

const char* WeekdayName(Weekday day) {
  static constexpr const char* kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return kNames[static_cast<int>(day)];
}

const char* WeekdayLabel(Weekday day) {
  static constexpr const char* kLabels[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
  return kLabels[static_cast<int>(day)];
}

std::optional<Weekday> ParseWeekday(std::string_view text) {
  const std::string lower = Lower(Trim(text));
  for (int i = 0; i < 7; ++i) {
    const auto day = static_cast<Weekday>(i);
    if (lower == WeekdayName(day) || lower == Lower(WeekdayLabel(day))) return day;
  }
  return std::nullopt;
}

std::vector<Weekday> DaysOf(std::uint8_t mask) {
  std::vector<Weekday> out;
  for (int i = 0; i < 7; ++i) {
    if (mask & (1u << i)) out.push_back(static_cast<Weekday>(i));
  }
  return out;
}

std::span<const NeedArea> NeedAreas() { return kNeedAreas; }

const NeedArea* FindNeedArea(std::string_view code) {
  for (const NeedArea& a : kNeedAreas) {
    if (code == a.code) return &a;
  }
  return nullptr;
}

Result<Service> ValidateService(const ServiceRequest& r) {
  std::vector<FieldError> errors;
  Service s;
  s.what = Trim(r.what);
  if (s.what.empty()) {
    errors.push_back({"what", "Say what the service is, like \"Help at home\""});
  } else if (Characters(s.what) > 140) {
    errors.push_back({"what", "What the service is must be 140 characters or fewer"});
  }
  s.description = Trim(r.description);
  if (Characters(s.description) > 2000) {
    errors.push_back({"description", "The description must be 2,000 characters or fewer"});
  }
  auto unit = ParseServiceUnit(Trim(r.unit));
  if (!unit) {
    errors.push_back({"unit",
                      "Choose what the price is for: an hour, a day, a session, an item "
                      "or a week"});
  } else {
    s.unit = *unit;
  }
  const std::string price = Trim(r.price);
  if (price.empty()) {
    errors.push_back({"price", "Enter the price per unit in pounds and pence, like 18.50"});
  } else if (auto pence = ParsePounds(price); !pence) {
    errors.push_back({"price", "Enter the price per unit in pounds and pence, like 18.50"});
  } else if (pence->value() == 0) {
    errors.push_back({"price",
                      "The price cannot be £0.00: enter what one unit costs. A free "
                      "service can be described in another service's text instead"});
  } else if (pence->value() < 0) {
    errors.push_back({"price", "The price cannot be negative: enter what one unit costs"});
  } else if (pence->value() > kMaxServicePricePence) {
    errors.push_back({"price", "The price must be £100,000.00 a unit or less"});
  } else {
    s.price = *pence;
  }
  s.availability = Trim(r.availability);
  if (Characters(s.availability) > 500) {
    errors.push_back({"availability", "When it is available must be 500 characters or fewer"});
  }
  if (r.days.size() > 7) {
    errors.push_back({"days", "Choose each day of the week at most once"});
  } else {
    for (std::size_t i = 0; i < r.days.size(); ++i) {
      auto day = ParseWeekday(r.days[i]);
      if (!day) {
        errors.push_back({fmt::format("days[{}]", i), "Choose a day of the week, like mon"});
      } else if (s.days & DayBit(*day)) {
        errors.push_back(
            {fmt::format("days[{}]", i), fmt::format("{} is chosen twice", WeekdayLabel(*day))});
      } else {
        s.days = static_cast<std::uint8_t>(s.days | DayBit(*day));
      }
    }
  }
  if (r.need_areas.empty()) {
    errors.push_back({"need_areas", "Choose at least one need or outcome the service helps with"});
  } else if (r.need_areas.size() > NeedAreas().size()) {
    errors.push_back({"need_areas", "Choose each need or outcome at most once"});
  } else {
    for (std::size_t i = 0; i < r.need_areas.size(); ++i) {
      const std::string code = Trim(r.need_areas[i]);
      if (!FindNeedArea(code)) {
        errors.push_back({fmt::format("need_areas[{}]", i),
                          "Choose a need or outcome from the list (nutrition, hygiene, community, "
                          "…)"});
      } else if (std::find(s.need_areas.begin(), s.need_areas.end(), code) == s.need_areas.end()) {
        s.need_areas.push_back(code);
      }
    }
  }
  auto type = ParseServiceType(Trim(r.service_type));
  if (!type) {
    errors.push_back({"service_type",
                      "Choose the type of service, like home_care or "
                      "community_activity"});
  } else {
    s.type = *type;
  }
  s.approved = r.approved;
  if (!errors.empty()) return FailFields(std::move(errors));
  return s;
}

ItemApproval CheckPlanItem(const casework::PlanItem& item, const DirectoryMatch& match,
                           const ApprovedListSetting& setting) {
  if (!setting.required) return {};
  if (item.supplier != casework::Supplier::kProvider) return {};
  const std::string name = item.supplier_name.empty() ? "this provider" : item.supplier_name;
  if (!match.provider) {
    return {false,
            fmt::format("This scheme pays only for services on the council's approved list, and "
                        "{} is not in the council's directory. Choose an approved service from "
                        "the directory instead, or ask the council to add and approve {}.",
                        name, name)};
  }
  if (match.service) {
    if (match.service_approved) return {};
    return {false,
            fmt::format("This scheme pays only for services on the council's approved list, and "
                        "\"{}\" from {} is not approved. Choose an approved service instead, or "
                        "ask the council to approve this one.",
                        match.service_what, match.provider_name)};
  }
  if (match.approved_services > 0) return {};
  return {false,
          fmt::format("This scheme pays only for services on the council's approved list, and "
                      "none of {}'s services is approved. Choose an approved service from the "
                      "directory instead, or ask the council to approve one of theirs.",
                      match.provider_name)};
}

}  // namespace selfdirect::market
