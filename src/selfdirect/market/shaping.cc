#include "selfdirect/market/shaping.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace selfdirect::market {

std::vector<PlanSpell> BuildSpells(std::vector<ApprovedPlan> approvals,
                                   std::span<const std::pair<std::string, Date>> closures) {
  std::stable_sort(approvals.begin(), approvals.end(), [](const auto& a, const auto& b) {
    return a.person != b.person ? a.person < b.person : a.from < b.from;
  });
  std::map<std::string, std::vector<Date>> closed;
  for (const auto& [person, on] : closures) closed[person].push_back(on);
  std::vector<PlanSpell> spells;
  spells.reserve(approvals.size());
  for (std::size_t i = 0; i < approvals.size(); ++i) {
    ApprovedPlan& a = approvals[i];
    PlanSpell s{std::move(a.person), PostcodeDistrict(a.postcode), a.from, std::nullopt,
                std::move(a.items)};
    const bool has_next = i + 1 < approvals.size() && approvals[i + 1].person == s.person;
    if (has_next) s.to = approvals[i + 1].from;
    // A closure on or after the start, before the next plan, ends the spell.
    if (auto c = closed.find(s.person); c != closed.end()) {
      for (Date on : c->second) {
        if (on >= s.from && (!s.to || on < *s.to)) s.to = on;
      }
    }
    spells.push_back(std::move(s));
  }
  return spells;
}

Status PriceItems(std::vector<ApprovedPlan>& approvals, WeeksPerYear weeks_per_year) {
  for (ApprovedPlan& plan : approvals) {
    for (SpellItem& item : plan.items) {
      auto annual = casework::AnnualCostOf(Pence(item.unit_price_pence), item.hundredths,
                                           item.frequency, weeks_per_year);
      if (!annual) return tl::unexpected(annual.error());
      item.annual_pence = annual->value();
    }
  }
  return Ok();
}

ConcentrationBand BandOfHhi(std::int64_t hhi) {
  if (hhi > 2000) return ConcentrationBand::kHighlyConcentrated;
  if (hhi > 1000) return ConcentrationBand::kConcentrated;
  return ConcentrationBand::kUnconcentrated;
}

const char* ConcentrationBandName(ConcentrationBand band) {
  switch (band) {
    case ConcentrationBand::kUnconcentrated:
      return "unconcentrated";
    case ConcentrationBand::kConcentrated:
      return "concentrated";
    case ConcentrationBand::kHighlyConcentrated:
      return "highly_concentrated";
  }
  return "unconcentrated";
}

const char* ConcentrationBandLabel(ConcentrationBand band) {
  switch (band) {
    case ConcentrationBand::kUnconcentrated:
      return "Unconcentrated";
    case ConcentrationBand::kConcentrated:
      return "Concentrated";
    case ConcentrationBand::kHighlyConcentrated:
      return "Highly concentrated";
  }
  return "Unconcentrated";
}

std::int64_t HerfindahlHirschman(std::span<const std::int64_t> amounts) {
  Int128 total = 0;
  Int128 squares = 0;
  for (std::int64_t a : amounts) {
    total += a;
    squares += static_cast<Int128>(a) * a;
  }
  if (total <= 0) return 0;
  return static_cast<std::int64_t>(
      RoundDivide(squares * 10'000, total * total, RoundingRule::kHalfUp));
}

std::int64_t ShareBasisPoints(std::int64_t part, std::int64_t total) {
  if (total <= 0) return 0;
  return static_cast<std::int64_t>(
      RoundDivide(static_cast<Int128>(part) * 10'000, total, RoundingRule::kHalfUp));
}

std::string PostcodeDistrict(std::string_view postcode) {
  std::string compact;
  for (char c : postcode) {
    if (c == ' ') continue;
    compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  // The inward code is the last three characters (a digit and two letters).
  if (compact.size() < 5 || compact.size() > 7) return "";
  const std::string inward = compact.substr(compact.size() - 3);
  if (!std::isdigit(static_cast<unsigned char>(inward[0])) ||
      !std::isalpha(static_cast<unsigned char>(inward[1])) ||
      !std::isalpha(static_cast<unsigned char>(inward[2]))) {
    return "";
  }
  const std::string outward = compact.substr(0, compact.size() - 3);
  if (!std::isalpha(static_cast<unsigned char>(outward[0]))) return "";
  for (char c : outward) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return "";
  }
  return outward;
}

namespace {

constexpr const char* kKindNotSaid = "Kind not said";

// The kind of support an item is, as a label: its service type, or what its supplier says.
std::string KindLabel(const SpellItem& item) {
  if (auto type = ParseServiceType(item.service_type)) return ServiceTypeLabel(*type);
  return kKindNotSaid;
}

// Where a person went, in words, for "moved to".
std::string DestinationLabel(const SpellItem& item) {
  if (auto type = ParseServiceType(item.service_type)) return ServiceTypeLabel(*type);
  if (item.supplier == "personal_assistant") return "A personal assistant";
  if (item.supplier == "not_a_care_service") return "Something that is not a care service";
  if (item.supplier == "to_be_chosen") return "Still to be chosen";
  return "Another provider (kind not said)";
}

// The spell of each person in force on `day` (at most one: spells of one person do not overlap).
std::map<std::string, const PlanSpell*> InForce(std::span<const PlanSpell> spells, Date day) {
  std::map<std::string, const PlanSpell*> out;
  for (const PlanSpell& s : spells) {
    if (s.InForceOn(day)) out[s.person] = &s;
  }
  return out;
}

bool Uses(const PlanSpell& s, const std::string& service_id) {
  return std::any_of(s.items.begin(), s.items.end(),
                     [&](const SpellItem& i) { return i.service_id == service_id; });
}

}  // namespace

MarketShaping Shape(std::span<const PlanSpell> spells, std::span<const ServiceInfo> services,
                    Date today, const ShapingOptions& options) {
  MarketShaping out;
  out.today = today;
  for (ServiceType t : AllServiceTypes()) out.kinds.push_back(ServiceTypeLabel(t));
  out.kinds.push_back(kKindNotSaid);
  auto kind_index = [&](const std::string& label) {
    return static_cast<std::size_t>(std::find(out.kinds.begin(), out.kinds.end(), label) -
                                    out.kinds.begin());
  };

  // Demand: every three months for two years, ending today.
  std::vector<Date> points;
  for (int back = 24; back >= 0; back -= 3) points.push_back(AddMonths(today, -back));
  std::vector<std::map<std::string, const PlanSpell*>> in_force;
  for (Date on : points) in_force.push_back(InForce(spells, on));
  for (std::size_t p = 0; p < points.size(); ++p) {
    DemandPoint point{points[p], std::vector<std::int64_t>(out.kinds.size(), 0)};
    for (const auto& [person, spell] : in_force[p]) {
      std::set<std::size_t> kinds;
      for (const SpellItem& item : spell->items) kinds.insert(kind_index(KindLabel(item)));
      for (std::size_t k : kinds) ++point.people[k];
    }
    out.demand.push_back(std::move(point));
  }
  const auto& now = in_force.back();
  out.people_in_force = static_cast<std::int64_t>(now.size());

  // Services losing people: now against a year ago (points 4 … 8 are 12, 9, 6, 3 months ago and
  // today).
  const auto& year_ago = in_force[4];
  for (const ServiceInfo& service : services) {
    const std::string id = service.id.str();
    DecliningService d;
    d.service = service;
    for (std::size_t p = 4; p < points.size(); ++p) {
      std::int64_t n = 0;
      for (const auto& [person, spell] : in_force[p]) n += Uses(*spell, id) ? 1 : 0;
      d.trend.push_back(n);
    }
    d.people_year_ago = d.trend.front();
    d.people_now = d.trend.back();
    if (d.people_year_ago < options.decline_from_at_least) continue;
    const std::int64_t fall = d.people_year_ago - d.people_now;
    if (fall * 100 < d.people_year_ago * options.decline_percent) continue;
    d.change_percent = static_cast<int>(-fall * 100 / d.people_year_ago);
    std::map<std::string, std::int64_t> moved;
    for (const auto& [person, spell] : year_ago) {
      if (!Uses(*spell, id)) continue;
      auto current = now.find(person);
      if (current == now.end()) {
        ++moved["No plan in force now"];
        continue;
      }
      if (Uses(*current->second, id)) continue;
      // What they have now that they did not have beside this service a year ago: someone who
      // swapped the day centre for a lunch club kept their home care, which is not where they went.
      std::set<std::string> had, went;
      for (const SpellItem& item : spell->items) {
        if (item.service_id != id) had.insert(DestinationLabel(item));
      }
      for (const SpellItem& item : current->second->items) {
        const std::string label = DestinationLabel(item);
        if (!had.contains(label)) went.insert(label);
      }
      if (current->second->items.empty()) {
        went.insert("A plan with nothing in it yet");
      } else if (went.empty()) {
        went.insert("More of the support they already had");
      }
      for (const std::string& w : went) ++moved[w];
    }
    for (const auto& [label, n] : moved) d.moved_to.push_back({label, n});
    std::stable_sort(d.moved_to.begin(), d.moved_to.end(),
                     [](const MovedTo& a, const MovedTo& b) { return a.people > b.people; });
    out.declining.push_back(std::move(d));
  }
  std::stable_sort(out.declining.begin(), out.declining.end(),
                   [](const DecliningService& a, const DecliningService& b) {
                     return a.change_percent < b.change_percent;
                   });

  // Unmet demand: items still to be chosen, in plans in force today, agreed long enough ago.
  std::map<std::pair<std::string, std::string>, UnmetDemand> unmet;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> unmet_people;
  for (const auto& [person, spell] : now) {
    const int waited = DaysBetween(spell->from, today);
    if (waited <= options.unmet_after_days) continue;
    for (const SpellItem& item : spell->items) {
      if (item.supplier != "to_be_chosen") continue;
      const std::string area = spell->area.empty() ? "Area not known" : spell->area;
      const auto key = std::make_pair(KindLabel(item), area);
      UnmetDemand& u = unmet[key];
      u.kind_label = key.first;
      u.area = key.second;
      ++u.items;
      u.longest_days = std::max(u.longest_days, waited);
      unmet_people[key].insert(person);
    }
  }
  for (auto& [key, u] : unmet) {
    u.people = static_cast<std::int64_t>(unmet_people[key].size());
    out.unmet.push_back(std::move(u));
  }
  std::stable_sort(out.unmet.begin(), out.unmet.end(),
                   [](const UnmetDemand& a, const UnmetDemand& b) { return a.items > b.items; });

  // Concentration: items bought from a directory provider in plans in force today, at their
  // recurring cost a year, per (kind, area) and per kind for the whole council (area "").
  struct Group {
    std::map<std::string, std::int64_t> pence;  // per provider id
    std::map<std::string, std::string> names;
    std::set<std::string> people;
  };
  std::map<std::pair<std::string, std::string>, Group> groups;
  for (const auto& [person, spell] : now) {
    for (const SpellItem& item : spell->items) {
      if (item.supplier != "provider" || item.provider_id.empty() || item.annual_pence <= 0) {
        continue;
      }
      const std::string kind = KindLabel(item);
      const std::string area = spell->area.empty() ? "Area not known" : spell->area;
      for (const std::string& where : {area, std::string()}) {
        Group& g = groups[{kind, where}];
        g.pence[item.provider_id] += item.annual_pence;
        g.names[item.provider_id] = item.provider_name;
        g.people.insert(person);
      }
    }
  }
  for (const auto& [key, g] : groups) {
    const auto people = static_cast<std::int64_t>(g.people.size());
    if (people < options.concentration_from_people) {
      ++out.concentration_suppressed;
      continue;
    }
    Concentration c;
    c.kind_label = key.first;
    c.area = key.second;
    c.providers = static_cast<std::int64_t>(g.pence.size());
    c.people = people;
    std::vector<std::int64_t> amounts;
    const std::pair<const std::string, std::int64_t>* largest = nullptr;
    for (const auto& entry : g.pence) {
      amounts.push_back(entry.second);
      c.annual_pence += entry.second;
      if (largest == nullptr || entry.second > largest->second ||
          (entry.second == largest->second &&
           g.names.at(entry.first) < g.names.at(largest->first))) {
        largest = &entry;
      }
    }
    c.hhi = HerfindahlHirschman(amounts);
    c.band = BandOfHhi(c.hhi);
    c.largest_provider_id = largest->first;
    c.largest_provider_name = g.names.at(largest->first);
    c.largest_share_basis_points = ShareBasisPoints(largest->second, c.annual_pence);
    out.concentration.push_back(std::move(c));
  }
  std::stable_sort(out.concentration.begin(), out.concentration.end(),
                   [](const Concentration& a, const Concentration& b) {
                     if (a.hhi != b.hhi) return a.hhi > b.hhi;
                     if (a.annual_pence != b.annual_pence) return a.annual_pence > b.annual_pence;
                     // Then by kind, the whole council ("") before its areas.
                     return std::tie(a.kind_label, a.area) < std::tie(b.kind_label, b.area);
                   });
  return out;
}

}  // namespace selfdirect::market
