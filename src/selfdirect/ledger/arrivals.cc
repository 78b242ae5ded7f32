#include "selfdirect/ledger/arrivals.h"

#include <algorithm>
#include <cstdlib>

namespace selfdirect::ledger {

Result<ArrivalReconciliation> ReconcileArrivals(std::vector<PaidIn> paid,
                                                std::vector<Arrival> arrived,
                                                std::optional<Date> covers_from,
                                                std::optional<Date> covers_to, int tolerance_days) {
  ArrivalReconciliation out;
  out.covers_from = covers_from;
  out.covers_to = covers_to;
  std::stable_sort(paid.begin(), paid.end(),
                   [](const PaidIn& a, const PaidIn& b) { return a.on < b.on; });
  std::stable_sort(arrived.begin(), arrived.end(), [](const Arrival& a, const Arrival& b) {
    return a.on != b.on ? a.on < b.on : a.row < b.row;
  });
  auto add = [](Pence& total, Pence amount) -> Status {
    auto sum = total.Plus(amount);
    if (!sum) return tl::unexpected(sum.error());
    total = *sum;
    return Ok();
  };
  std::vector<bool> used(arrived.size(), false);
  for (const Arrival& a : arrived) {
    if (auto s = add(out.arrived_total, a.amount); !s) return tl::unexpected(s.error());
  }
  for (PaidIn& p : paid) {
    if (auto s = add(out.paid_total, p.amount); !s) return tl::unexpected(s.error());
    std::optional<std::size_t> best;
    int best_days = 0;
    for (std::size_t i = 0; i < arrived.size(); ++i) {
      if (used[i] || arrived[i].amount != p.amount) continue;
      const int days = DaysBetween(p.on, arrived[i].on);
      if (std::abs(days) > tolerance_days) continue;
      if (!best || std::abs(days) < std::abs(best_days)) {
        best = i;
        best_days = days;
      }
    }
    if (best) {
      used[*best] = true;
      if (auto s = add(out.matched_total, p.amount); !s) return tl::unexpected(s.error());
      out.matched.push_back({std::move(p), arrived[*best], best_days});
      continue;
    }
    const bool covered = covers_from && covers_to && *covers_from <= p.on &&
                         AddDays(p.on, tolerance_days) <= *covers_to;
    (covered ? out.not_arrived : out.not_covered).push_back(std::move(p));
  }
  for (std::size_t i = 0; i < arrived.size(); ++i) {
    if (!used[i]) out.not_paid.push_back(arrived[i]);
  }
  return out;
}

}  // namespace selfdirect::ledger
