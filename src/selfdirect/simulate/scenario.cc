#include "selfdirect/simulate/scenario.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "selfdirect/core/pence.h"

namespace selfdirect::simulate {
namespace {

constexpr std::int64_t kHundred = 100 * 100;  // 100% in basis points
// Demand may not grow more than a million-fold over the horizon: beyond that it is not a
// projection, and the totals would leave the range pence can count.
constexpr std::int64_t kMaxGrowthFactor = 1'000'000;

template <typename T>
std::optional<T> WholeNumber(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// True when (1 + growth)^years stays within kMaxGrowthFactor (growth in basis points).
bool GrowthWithinLimit(std::int64_t growth_bp, int years) {
  // The factor in parts per million; stop as soon as it passes the limit.
  Int128 factor = 1'000'000;
  for (int y = 0; y < years; ++y) {
    factor = factor * (kWhole + growth_bp) / kWhole;
    if (factor > static_cast<Int128>(kMaxGrowthFactor) * 1'000'000) return false;
  }
  return true;
}

class Parser {
 public:
  std::vector<FieldError> problems;

  void Add(std::string field, std::string message) {
    problems.push_back({std::move(field), std::move(message)});
  }

  std::optional<std::string> Text(const YAML::Node& node, const std::string& key) {
    if (!node.IsScalar()) {
      Add(key, fmt::format("{} should be a line of text", key));
      return std::nullopt;
    }
    return node.Scalar();
  }

  // A whole number from low to high.
  template <typename T>
  std::optional<T> Whole(const YAML::Node& node, const std::string& key, T low, T high,
                         std::string_view example, std::string_view what = "") {
    const std::string text = node.IsScalar() ? node.Scalar() : std::string("(not a single value)");
    auto value = node.IsScalar() ? WholeNumber<T>(text) : std::nullopt;
    if (!value || *value < low || *value > high) {
      Add(key, fmt::format("{} must be a whole number from {} to {}, like {}{} (it was \"{}\")",
                           key, low, high, example, what, text));
      return std::nullopt;
    }
    return value;
  }

  // A percentage (at most two places) in [low, high] basis points, or above `low` when
  // `low_excluded`.
  std::optional<std::int64_t> Percent(const YAML::Node& node, const std::string& key,
                                      std::int64_t low, std::int64_t high, bool low_excluded,
                                      std::string_view example) {
    const std::string text = node.IsScalar() ? node.Scalar() : std::string("(not a single value)");
    auto bp = node.IsScalar() ? ParsePercentBp(text) : std::nullopt;
    const std::string range =
        low_excluded
            ? fmt::format("above {} and at most {}", FormatPercentBp(low), FormatPercentBp(high))
            : fmt::format("from {} to {}", FormatPercentBp(low), FormatPercentBp(high));
    if (!bp) {
      Add(key, fmt::format("{} must be a percentage {}, written as a number with at most two "
                           "decimal places and no % sign, like {} (it was \"{}\")",
                           key, range, example, text));
      return std::nullopt;
    }
    if (*bp > high || *bp < low || (low_excluded && *bp == low)) {
      Add(key, fmt::format("{} must be {} (it was {})", key, range, FormatPercentBp(*bp)));
      return std::nullopt;
    }
    return bp;
  }
};

}  // namespace

const std::vector<std::string_view>& ScenarioKeys() {
  static const std::vector<std::string_view> keys = {
      "name",
      "description",
      "horizon_years",
      "seed",
      "runs",
      "price_per_point_change_percent",
      "eligibility_min_outcomes_not_achieved",
      "funding_change_percent",
      "demand_growth_percent_a_year",
      "demand_growth_spread_percent",
      "contribution_percent",
      "top_up_percent",
      "direct_payment_share_percent",
  };
  return keys;
}

std::optional<std::int64_t> ParsePercentBp(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  const std::size_t digits_from = i;
  std::int64_t whole = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (whole > 1'000'000'000) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
    ++i;
  }
  if (i == digits_from) return std::nullopt;
  std::int64_t fraction = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    int places = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (++places > 2) return std::nullopt;
      fraction = fraction * 10 + (text[i] - '0');
      ++i;
    }
    if (places == 0) return std::nullopt;
    if (places == 1) fraction *= 10;
  }
  if (i != text.size()) return std::nullopt;
  const std::int64_t bp = whole * 100 + fraction;
  return negative ? -bp : bp;
}

std::string FormatPercentBp(std::int64_t bp) {
  const std::int64_t magnitude = bp < 0 ? -bp : bp;
  std::string text = fmt::format("{}{}", bp < 0 ? "-" : "", magnitude / 100);
  if (const std::int64_t cents = magnitude % 100; cents != 0) {
    text += cents % 10 == 0 ? fmt::format(".{}", cents / 10) : fmt::format(".{:02}", cents);
  }
  return text + "%";
}

Result<Scenario> ParseScenario(std::string_view text, std::string_view file_name) {
  if (text.size() > kMaxScenarioBytes) {
    return FailFields({{"", fmt::format("{} is {} bytes; a scenario file may be at most {}",
                                        file_name, text.size(), kMaxScenarioBytes)}},
                      "The scenario file is too large");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return FailFields({{"", fmt::format("{} is not readable YAML: line {}, column {}: {}",
                                        file_name, e.mark.line + 1, e.mark.column + 1, e.msg)}},
                      "The scenario file is not readable");
  }
  if (!root.IsMap()) {
    return FailFields({{"", fmt::format("{} should be a set of \"key: value\" lines, starting "
                                        "with name:",
                                        file_name)}},
                      "The scenario file is not a scenario");
  }

  Parser p;
  Scenario s;
  std::set<std::string> seen;
  std::string known;
  for (std::string_view k : ScenarioKeys()) {
    if (!known.empty()) known += ", ";
    known += k;
  }

  // Values kept to check together once each is read.
  std::optional<std::int64_t> growth, spread;
  for (const auto& entry : root) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
    const YAML::Node& value = entry.second;
    if (!seen.insert(key).second) {
      p.Add(key, fmt::format("{} is given twice; give it once", key));
      continue;
    }
    if (key == "name") {
      if (auto t = p.Text(value, key)) {
        if (t->empty() || t->size() > 200) {
          p.Add(key, "name must be from 1 to 200 characters");
        } else {
          s.name = *t;
        }
      }
    } else if (key == "description") {
      if (auto t = p.Text(value, key)) s.description = *t;
    } else if (key == "horizon_years") {
      if (auto v = p.Whole<int>(value, key, 1, kMaxHorizonYears, "20", " years"))
        s.horizon_years = *v;
    } else if (key == "seed") {
      if (auto v = p.Whole<std::uint64_t>(value, key, 0, UINT64_MAX, "42",
                                          ": the same seed gives the same result")) {
        s.seed = *v;
      }
    } else if (key == "runs") {
      if (auto v = p.Whole<int>(value, key, 1, kMaxRuns, "200", " Monte Carlo runs")) s.runs = *v;
    } else if (key == "price_per_point_change_percent") {
      s.price_per_point_change_bp = p.Percent(value, key, -kHundred, 10 * kHundred, true, "-10");
    } else if (key == "eligibility_min_outcomes_not_achieved") {
      if (auto v = p.Whole<int>(value, key, 1, 10, "2", " of the ten outcomes")) {
        s.eligibility_min_outcomes = *v;
      }
    } else if (key == "funding_change_percent") {
      s.funding_change_bp = p.Percent(value, key, -kHundred, 10 * kHundred, true, "-25");
    } else if (key == "demand_growth_percent_a_year") {
      growth = p.Percent(value, key, -kHundred, kHundred, true, "3.53");
    } else if (key == "demand_growth_spread_percent") {
      spread = p.Percent(value, key, 0, kHundred, false, "1");
    } else if (key == "contribution_percent") {
      if (auto v = p.Percent(value, key, 0, kHundred, false, "10")) s.contribution_bp = *v;
    } else if (key == "top_up_percent") {
      if (auto v = p.Percent(value, key, 0, kHundred, false, "30")) s.top_up_bp = *v;
    } else if (key == "direct_payment_share_percent") {
      s.direct_payment_share_bp = p.Percent(value, key, 0, kHundred, false, "100");
    } else {
      p.Add(key, fmt::format("a scenario has no setting \"{}\"; it may have: {}", key, known));
    }
  }
  if (!seen.contains("name"))
    p.Add("name", "name is needed: a few words saying what this scenario is");
  if (growth) s.demand_growth_bp = *growth;
  if (spread) s.demand_growth_spread_bp = *spread;
  if (growth && spread && *growth - *spread <= -kHundred) {
    p.Add("demand_growth_spread_percent",
          fmt::format("demand_growth_percent_a_year less the spread must be above -100% (it is {})",
                      FormatPercentBp(*growth - *spread)));
  } else if (!GrowthWithinLimit(s.demand_growth_bp + s.demand_growth_spread_bp, s.horizon_years)) {
    p.Add("demand_growth_percent_a_year",
          fmt::format("growth of {} a year (with the spread) for {} years multiplies demand more "
                      "than a million-fold; shorten horizon_years or lower the growth",
                      FormatPercentBp(s.demand_growth_bp + s.demand_growth_spread_bp),
                      s.horizon_years));
  }
  if (!p.problems.empty()) {
    std::string message = fmt::format("{} has {} problem{}", file_name, p.problems.size(),
                                      p.problems.size() == 1 ? "" : "s");
    return FailFields(std::move(p.problems), std::move(message));
  }
  return s;
}

}  // namespace selfdirect::simulate
