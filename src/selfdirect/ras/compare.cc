#include "selfdirect/ras/compare.h"

#include <algorithm>
#include <numeric>

#include "selfdirect/core/pence.h"

namespace selfdirect::ras {
namespace {

void Add(GroupChange& g, const PersonChange& p) {
  ++g.people;
  if (p.new_pence > p.old_pence) ++g.gainers;
  if (p.new_pence < p.old_pence) ++g.losers;
  g.old_total_pence += p.old_pence;
  g.new_total_pence += p.new_pence;
  g.largest_loss_pence = std::max(g.largest_loss_pence, p.old_pence - p.new_pence);
}

// The fall as a share of the old budget, in basis points (a fall from nothing counts as 100%).
std::int64_t FallBasisPoints(const PersonChange& p) {
  const std::int64_t fall = p.old_pence - p.new_pence;
  if (fall <= 0) return 0;
  if (p.old_pence <= 0) return 10000;
  return static_cast<std::int64_t>(
      RoundDivide(static_cast<Int128>(fall) * 10000, p.old_pence, RoundingRule::kDown));
}

}  // namespace

const char* AgeBand(int age) {
  if (age < 25) return kAgeBands[0];
  if (age < 65) return kAgeBands[1];
  if (age < 75) return kAgeBands[2];
  if (age < 85) return kAgeBands[3];
  return kAgeBands[4];
}

bool FallsBeyond(const PersonChange& person, const FallThreshold& threshold) {
  const std::int64_t fall = person.old_pence - person.new_pence;
  if (fall <= 0) return false;
  if (threshold.pence) return fall > *threshold.pence;
  return FallBasisPoints(person) > threshold.basis_points;
}

ComparisonReport CompareModels(std::vector<PersonChange> people, const FallThreshold& threshold) {
  ComparisonReport report;
  report.everyone.group = "Everyone";
  for (const char* b : kAgeBands) report.by_age_band.push_back({b});
  bool any_age = false;
  for (const PersonChange& p : people) {
    Add(report.everyone, p);
    if (p.age) {
      any_age = true;
      const char* band = AgeBand(*p.age);
      for (GroupChange& g : report.by_age_band) {
        if (g.group == band) Add(g, p);
      }
    }
    if (!p.support_reason.empty()) {
      auto it = std::find_if(report.by_support_reason.begin(), report.by_support_reason.end(),
                             [&](const GroupChange& g) { return g.group == p.support_reason; });
      if (it == report.by_support_reason.end()) {
        report.by_support_reason.push_back({p.support_reason});
        it = report.by_support_reason.end() - 1;
      }
      Add(*it, p);
    }
    if (FallsBeyond(p, threshold)) report.large_falls.push_back(p);
  }
  if (!any_age) report.by_age_band.clear();
  // Deciles of need by the current budget (ties broken by file order, so the split is stable).
  std::vector<std::size_t> order(people.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return people[a].old_pence < people[b].old_pence;
  });
  if (!people.empty()) {
    for (int d = 1; d <= 10; ++d) report.by_need_decile.push_back({std::to_string(d)});
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      const std::size_t decile = rank * 10 / order.size();
      Add(report.by_need_decile[decile], people[order[rank]]);
    }
  }
  std::stable_sort(report.large_falls.begin(), report.large_falls.end(),
                   [](const PersonChange& a, const PersonChange& b) {
                     return FallBasisPoints(a) > FallBasisPoints(b);
                   });
  return report;
}

}  // namespace selfdirect::ras
