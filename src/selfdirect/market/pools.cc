#include "selfdirect/market/pools.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>

namespace selfdirect::market {
namespace {

struct Code {
  const char* code;
  const char* words;
};

constexpr std::array<Code, 2> kLeavingRules = {{
    {"shared_by_contributions",
     "A member who leaves takes their part of the balance, in proportion to what each member "
     "has put in."},
    {"stays_with_pool", "The balance stays with the pool for the members who remain."},
}};
constexpr std::array<const char*, 3> kPoolStatuses = {"proposed", "active", "closed"};
constexpr std::array<const char*, 4> kMemberStatuses = {"proposed", "consented", "active", "left"};
constexpr std::array<const char*, 3> kConsentBy = {"person", "representative", "social_worker"};

template <typename E, std::size_t N>
std::optional<E> FindCode(const std::array<const char*, N>& list, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (code == list[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

std::string Trim(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\n' || text[b] == '\r')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' ||
                   text[e - 1] == '\r')) {
    --e;
  }
  return std::string(text.substr(b, e - b));
}

// An amount in pounds that must be more than £0.00; nullopt with an error beside the others.
std::optional<Pence> PositivePounds(const std::string& text, const std::string& field,
                                    const char* what, std::vector<FieldError>& errors) {
  const std::string trimmed = Trim(text);
  if (trimmed.empty()) {
    errors.push_back({field, fmt::format("Enter {} in pounds, for example 120.00", what)});
    return std::nullopt;
  }
  auto amount = ParsePounds(trimmed);
  if (!amount) {
    errors.push_back({field, fmt::format("Enter {} in pounds, for example 120.00", what)});
    return std::nullopt;
  }
  if (amount->value() <= 0) {
    errors.push_back({field, fmt::format("Enter {} of more than £0.00", what)});
    return std::nullopt;
  }
  return *amount;
}

// The sum of the shares, or an error when it does not fit.
std::optional<Pence> Sum(const std::vector<Pence>& shares) {
  Pence total;
  for (Pence p : shares) {
    auto next = total.Plus(p);
    if (!next) return std::nullopt;
    total = *next;
  }
  return total;
}

std::string AddUpMessage(Pence shares, Pence cost) {
  return fmt::format(
      "The members' shares add up to {} every 4 weeks, but the pool costs {}. Change the shares "
      "or the cost so that they match",
      FormatPounds(shares), FormatPounds(cost));
}

}  // namespace

const char* LeavingRuleCode(LeavingRule rule) { return kLeavingRules[static_cast<int>(rule)].code; }
const char* LeavingRuleWords(LeavingRule rule) {
  return kLeavingRules[static_cast<int>(rule)].words;
}
std::optional<LeavingRule> ParseLeavingRule(std::string_view code) {
  for (std::size_t i = 0; i < kLeavingRules.size(); ++i) {
    if (code == kLeavingRules[i].code) return static_cast<LeavingRule>(i);
  }
  return std::nullopt;
}
const char* PoolStatusCode(PoolStatus status) { return kPoolStatuses[static_cast<int>(status)]; }
std::optional<PoolStatus> ParsePoolStatus(std::string_view code) {
  return FindCode<PoolStatus>(kPoolStatuses, code);
}
const char* MemberStatusCode(MemberStatus status) {
  return kMemberStatuses[static_cast<int>(status)];
}
std::optional<MemberStatus> ParseMemberStatus(std::string_view code) {
  return FindCode<MemberStatus>(kMemberStatuses, code);
}
const char* ConsentByCode(ConsentBy by) { return kConsentBy[static_cast<int>(by)]; }
std::optional<ConsentBy> ParseConsentBy(std::string_view code) {
  return FindCode<ConsentBy>(kConsentBy, code);
}

const PoolMember* Pool::Member(const PersonId& person) const {
  const PoolMember* found = nullptr;
  for (const auto& m : members) {
    if (m.person != person) continue;
    if (m.current()) return &m;
    found = &m;
  }
  return found;
}

PoolMember* Pool::Member(const PersonId& person) {
  return const_cast<PoolMember*>(std::as_const(*this).Member(person));
}

Result<Pool> ValidateNewPool(const PoolRequest& r) {
  std::vector<FieldError> errors;
  Pool pool;
  pool.name = Trim(r.name);
  if (pool.name.empty()) {
    errors.push_back({"name", "Enter a name for the pool, for example \"Tuesday art group\""});
  } else if (pool.name.size() > 120) {
    errors.push_back({"name", "Keep the name to 120 characters or fewer"});
  }
  pool.pays_for = Trim(r.pays_for);
  if (pool.pays_for.empty()) {
    errors.push_back({"pays_for",
                      "Say what the pool pays for, for example \"a tutor and the "
                      "room for a weekly art group\""});
  } else if (pool.pays_for.size() > 1000) {
    errors.push_back({"pays_for", "Keep what the pool pays for to 1,000 characters or fewer"});
  }
  const std::string service = Trim(r.service_id);
  if (!service.empty()) {
    if (!IsUlid(service)) {
      errors.push_back({"service_id",
                        "Enter the service's id from the directory (26 letters and digits), or "
                        "leave it out"});
    } else {
      pool.service_id = service;
    }
  }
  bool cost_ok = true;
  if (!Trim(r.cost).empty()) {
    auto cost = PositivePounds(r.cost, "cost", "what the pool costs every 4 weeks", errors);
    cost_ok = cost.has_value();
    pool.cost = cost;
  }
  auto rule = ParseLeavingRule(Trim(r.leaving_rule));
  if (!rule) {
    errors.push_back({"leaving_rule",
                      "Choose what happens to the balance when a member leaves: "
                      "shared_by_contributions or stays_with_pool"});
  } else {
    pool.leaving_rule = *rule;
  }
  if (r.members.size() < kPoolLeastMembers) {
    errors.push_back({"members", "A pool needs at least two members"});
  } else if (r.members.size() > 50) {
    errors.push_back({"members", "A pool can have at most 50 members"});
  }
  std::vector<Pence> shares;
  bool shares_ok = true;
  for (std::size_t i = 0; i < r.members.size() && i < 50; ++i) {
    const std::string at = fmt::format("members[{}]", i);
    PoolMember m;
    m.seq = static_cast<int>(i) + 1;
    auto person = PersonId::Parse(Trim(r.members[i].person));
    if (!person) {
      errors.push_back({at + ".person",
                        "Enter the member's reference: 26 letters and digits, as it is shown on "
                        "their pooled budgets page"});
    } else {
      m.person = *person;
      for (const auto& earlier : pool.members) {
        if (earlier.person == m.person) {
          errors.push_back({at + ".person", "This person is already a member of the pool"});
        }
      }
    }
    auto share = PositivePounds(r.members[i].share, at + ".share",
                                "the member's share every 4 weeks", errors);
    if (share) {
      m.share = *share;
      shares.push_back(*share);
    } else {
      shares_ok = false;
    }
    pool.members.push_back(std::move(m));
  }
  if (pool.cost && cost_ok && shares_ok && !shares.empty()) {
    auto total = Sum(shares);
    if (!total) {
      errors.push_back({"cost", "The shares are too large to add up"});
    } else if (*total != *pool.cost) {
      errors.push_back({"cost", AddUpMessage(*total, *pool.cost)});
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return pool;
}

Status CheckShareAffordable(Pence share, std::optional<Pence> per_four_weeks,
                            const std::string& field) {
  if (share.value() <= 0) {
    return FailFields({{field, "Enter a share of more than £0.00"}});
  }
  if (!per_four_weeks || per_four_weeks->value() <= 0) {
    return FailFields({{field,
                        "This member has no direct payment to pool: only money paid as a direct "
                        "payment can go into a pooled budget"}});
  }
  if (share > *per_four_weeks) {
    return FailFields({{field, fmt::format("The share of {} every 4 weeks is more than the {} the "
                                           "member's direct payment pays every 4 weeks",
                                           FormatPounds(share), FormatPounds(*per_four_weeks))}});
  }
  return Ok();
}

Result<Pool> RecordConsent(const Pool& pool, const PersonId& person, const Consent& consent,
                           Date today) {
  if (pool.status == PoolStatus::kClosed) {
    return Fail(ErrorCode::kFailedPrecondition, "This pool has closed");
  }
  Pool next = pool;
  PoolMember* m = next.Member(person);
  if (m == nullptr || !m->current()) {
    return Fail(ErrorCode::kNotFound, "This person is not a member of the pool");
  }
  if (m->status != MemberStatus::kProposed) {
    return Fail(ErrorCode::kFailedPrecondition,
                "This member's consent is already recorded: nothing was changed");
  }
  Consent c = consent;
  c.how = Trim(c.how);
  if (c.by == ConsentBy::kSocialWorker && c.how.empty()) {
    return FailFields({{"how",
                        "Say how the person gave their consent, for example \"at a home visit "
                        "on 20 November, with the easy-read agreement\""}});
  }
  if (c.how.size() > 500) return FailFields({{"how", "Keep this to 500 characters or fewer"}});
  m->consent = std::move(c);
  m->status = next.status == PoolStatus::kActive ? MemberStatus::kActive : MemberStatus::kConsented;
  if (next.status == PoolStatus::kProposed) {
    std::size_t current = 0;
    bool all = true;
    for (const auto& member : next.members) {
      if (!member.current()) continue;
      ++current;
      if (member.status == MemberStatus::kProposed) all = false;
    }
    if (all && current >= kPoolLeastMembers) {
      next.status = PoolStatus::kActive;
      next.starts_on = today;
      for (auto& member : next.members) {
        if (member.status == MemberStatus::kConsented) member.status = MemberStatus::kActive;
      }
    }
  }
  return next;
}

Result<Pool> AddMember(const Pool& pool, const PersonId& person, const std::string& share_text,
                       const std::string& new_cost) {
  if (pool.status == PoolStatus::kClosed) {
    return Fail(ErrorCode::kFailedPrecondition, "This pool has closed: no one can join it");
  }
  std::vector<FieldError> errors;
  const PoolMember* existing = pool.Member(person);
  if (existing != nullptr && existing->current()) {
    errors.push_back({"person", "This person is already a member of the pool"});
  }
  if (pool.members.size() >= 50) {
    errors.push_back({"person", "A pool can have at most 50 members"});
  }
  auto share = PositivePounds(share_text, "share", "the member's share every 4 weeks", errors);
  std::optional<Pence> cost;
  if (pool.cost) {
    cost = PositivePounds(new_cost, "cost",
                          "what the pool will cost every 4 weeks with the new member", errors);
  } else if (!Trim(new_cost).empty()) {
    errors.push_back({"cost", "This pool does not state its cost: leave the cost out"});
  }
  if (share && cost) {
    std::vector<Pence> shares{*share};
    for (const auto& m : pool.members) {
      if (m.current()) shares.push_back(m.share);
    }
    auto total = Sum(shares);
    if (!total) {
      errors.push_back({"cost", "The shares are too large to add up"});
    } else if (*total != *cost) {
      errors.push_back({"cost", AddUpMessage(*total, *cost)});
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  Pool next = pool;
  if (cost) next.cost = cost;
  PoolMember m;
  m.seq = 1;
  for (const auto& other : pool.members) m.seq = std::max(m.seq, other.seq + 1);
  m.person = person;
  m.share = *share;
  next.members.push_back(std::move(m));
  return next;
}

std::optional<PoolPeriod> PeriodOf(const Pool& pool, Date day) {
  if (!pool.starts_on || day < *pool.starts_on) return std::nullopt;
  const int n = DaysBetween(*pool.starts_on, day) / kPoolPeriodDays;
  const Date start = AddDays(*pool.starts_on, n * kPoolPeriodDays);
  return PoolPeriod{start, AddDays(start, kPoolPeriodDays - 1)};
}

Result<std::vector<ContributionDue>> ContributionsDue(const Pool& pool, Date today) {
  if (pool.status != PoolStatus::kActive) {
    return Fail(ErrorCode::kFailedPrecondition,
                pool.status == PoolStatus::kClosed
                    ? "This pool has closed: no more shares are collected"
                    : "This pool has not started: every member must consent first");
  }
  auto period = PeriodOf(pool, today);
  if (!period) {
    return Fail(ErrorCode::kFailedPrecondition, "This pool starts on " +
                                                    FormatLongDate(*pool.starts_on) +
                                                    ": shares are collected from then");
  }
  std::vector<ContributionDue> out;
  for (const auto& m : pool.members) {
    if (m.status != MemberStatus::kActive) continue;
    out.push_back(
        {m.seq, m.person, m.share, *period, ContributionKey(pool.id, m.seq, period->start)});
  }
  return out;
}

std::string ContributionKey(const PoolId& pool, int seq, Date period_start) {
  return fmt::format("pool:{}:m{}:{}", pool.str(), seq, FormatIsoDate(period_start));
}
std::string LeavingKey(const PoolId& pool, int seq) {
  return fmt::format("pool:{}:m{}:leave", pool.str(), seq);
}
std::string PaymentKey(const PoolId& pool, std::string_view key) {
  return fmt::format("pool:{}:out:{}", pool.str(), key);
}

PoolTransferKey ParsePoolTransferKey(const PoolId& pool, std::string_view key) {
  PoolTransferKey out;
  const std::string prefix = "pool:" + pool.str() + ":";
  if (!key.starts_with(prefix)) return out;
  std::string_view rest = key.substr(prefix.size());
  if (rest.starts_with("out:")) {
    out.kind = PoolTransferKey::Kind::kPayment;
    return out;
  }
  if (!rest.starts_with("m")) return out;
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon < 2) return out;
  int seq = 0;
  for (char c : rest.substr(1, colon - 1)) {
    if (c < '0' || c > '9' || seq > 100000) return out;
    seq = seq * 10 + (c - '0');
  }
  const std::string_view tail = rest.substr(colon + 1);
  if (tail == "leave") {
    out.kind = PoolTransferKey::Kind::kLeaving;
    out.seq = seq;
    return out;
  }
  auto start = ParseIsoDate(tail);
  if (!start) return out;
  out.kind = PoolTransferKey::Kind::kContribution;
  out.seq = seq;
  out.period_start = *start;
  return out;
}

Result<PoolPayment> ValidatePayment(const PaymentRequest& r) {
  std::vector<FieldError> errors;
  PoolPayment p;
  p.key = Trim(r.key);
  const bool key_ok =
      !p.key.empty() && p.key.size() <= 16 && std::all_of(p.key.begin(), p.key.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '.' || c == '-';
      });
  if (!key_ok) {
    errors.push_back({"key",
                      "Enter a reference for this payment that you will not use again, such as "
                      "the invoice number: 1 to 16 letters, digits and the characters _ . -"});
  }
  auto amount = PositivePounds(r.amount, "amount", "the amount paid", errors);
  if (amount) p.amount = *amount;
  p.reference = Trim(r.reference);
  if (p.reference.empty()) {
    errors.push_back({"reference",
                      "Say who was paid and what for, for example \"Art tutor, "
                      "November\""});
  } else if (p.reference.size() > 150) {
    errors.push_back({"reference", "Keep this to 150 characters or fewer"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return p;
}

std::vector<Pence> SplitByContributions(Pence amount, std::span<const Pence> weights) {
  std::vector<Pence> out(weights.size());
  if (weights.empty() || amount.value() <= 0) return out;
  Int128 total = 0;
  for (Pence w : weights) total += w.value();
  const bool equal = total == 0;
  if (equal) total = static_cast<Int128>(weights.size());
  std::vector<Int128> remainder(weights.size());
  Int128 given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Int128 w = equal ? 1 : weights[i].value();
    const Int128 exact = static_cast<Int128>(amount.value()) * w;
    out[i] = Pence(static_cast<std::int64_t>(exact / total));
    remainder[i] = exact % total;
    given += out[i].value();
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  Int128 left = static_cast<Int128>(amount.value()) - given;
  for (std::size_t k = 0; left > 0 && k < order.size(); ++k, --left) {
    out[order[k]] = Pence(out[order[k]].value() + 1);
  }
  return out;
}

Result<Leaving> Leave(const Pool& pool, const PersonId& person, Pence balance,
                      std::span<const std::pair<int, Pence>> put_in, Date today) {
  Leaving out;
  out.pool = pool;
  PoolMember* leaver = out.pool.Member(person);
  if (leaver == nullptr || !leaver->current()) {
    return Fail(ErrorCode::kNotFound, "This person is not a member of the pool");
  }
  if (balance.value() < 0) balance = Pence(0);
  auto contributed = [&](int seq) {
    for (const auto& [s, p] : put_in) {
      if (s == seq) return p;
    }
    return Pence(0);
  };
  // Everyone who is in the pool now, the leaver among them, in the order they joined.
  std::vector<PoolMember*> current;
  for (auto& m : out.pool.members) {
    if (m.current()) current.push_back(&m);
  }
  Pence left_in_pool = balance;
  if (pool.leaving_rule == LeavingRule::kSharedByContributions && balance.value() > 0) {
    std::vector<Pence> weights;
    weights.reserve(current.size());
    for (const PoolMember* m : current) weights.push_back(contributed(m->seq));
    const auto parts = SplitByContributions(balance, weights);
    for (std::size_t i = 0; i < current.size(); ++i) {
      if (current[i] != leaver) continue;
      leaver->taken = parts[i];
      left_in_pool = Pence(balance.value() - parts[i].value());
    }
  }
  leaver->status = MemberStatus::kLeft;
  leaver->left_on = today;
  if (leaver->taken.value() > 0)
    out.payouts.push_back({leaver->seq, leaver->person, leaver->taken});
  std::vector<PoolMember*> remaining;
  for (PoolMember* m : current) {
    if (m != leaver) remaining.push_back(m);
  }
  if (remaining.size() < kPoolLeastMembers) {
    // Too few to be a pool: it closes. Whoever is left takes what is left, if they consented to
    // the pool; otherwise (they never agreed to it) the leaver takes it all.
    out.pool.status = PoolStatus::kClosed;
    PoolMember* heir = leaver;
    for (PoolMember* m : remaining) {
      m->status = MemberStatus::kLeft;
      m->left_on = today;
      if (m->consent) heir = m;
    }
    if (left_in_pool.value() > 0) {
      heir->taken = Pence(heir->taken.value() + left_in_pool.value());
      if (heir == leaver && !out.payouts.empty()) {
        out.payouts.front().amount = heir->taken;
      } else {
        out.payouts.push_back({heir->seq, heir->person, left_in_pool});
      }
    }
  }
  return out;
}

}  // namespace selfdirect::market
