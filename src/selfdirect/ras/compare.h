// Who gains and who loses under a new model version: the figures a council needs before it
// changes its RAS, by age band, support reason and decile of need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace selfdirect::ras {

struct PersonChange {
  std::string id;
  std::int64_t old_pence = 0;
  std::int64_t new_pence = 0;
  std::optional<int> age;      // whole years, when the file has an age column
  std::string support_reason;  // as in the file; "" when absent
};

struct GroupChange {
  std::string group;
  std::int64_t people = 0;
  std::int64_t gainers = 0;
  std::int64_t losers = 0;
  std::int64_t old_total_pence = 0;
  std::int64_t new_total_pence = 0;
  std::int64_t largest_loss_pence = 0;  // the most anyone in the group loses (0 if nobody)
};

struct ComparisonReport {
  GroupChange everyone;
  std::vector<GroupChange> by_age_band;        // "18 to 24", "25 to 64", "65 to 74", ...
  std::vector<GroupChange> by_support_reason;  // in order of first appearance
  std::vector<GroupChange> by_need_decile;     // "1" (lowest current budgets) to "10"
  // People whose budget falls by more than the threshold, largest fall (in percent) first.
  std::vector<PersonChange> large_falls;
};

// The age bands every report in this module uses, youngest first.
inline constexpr const char* kAgeBands[] = {"18 to 24", "25 to 64", "65 to 74", "75 to 84",
                                            "85 and over"};

// The band of kAgeBands an age in whole years falls in.
const char* AgeBand(int age);

// How big a fall must be to be listed: a share of the old budget, or an amount.
struct FallThreshold {
  std::int64_t basis_points = 1000;   // 10% unless set
  std::optional<std::int64_t> pence;  // when set, an amount instead of a share
};

// Builds the report. Deciles of need are by the current (old) budget: the tenth decile is the
// tenth of people with the largest budgets now, who are assessed as having the most need.
ComparisonReport CompareModels(std::vector<PersonChange> people, const FallThreshold& threshold);

// True when this person's fall is larger than the threshold.
bool FallsBeyond(const PersonChange& person, const FallThreshold& threshold);

}  // namespace selfdirect::ras
