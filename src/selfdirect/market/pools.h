// Pooled budgets: several budget holders agree to put part of their direct payments together
// for a shared service (a group activity, a shared personal assistant, a shared house's support).
//
// A pool is an agreement: its name, what it pays for, what it costs every 4 weeks (when the
// members state it), each member's share every 4 weeks, and what happens to the balance when a
// member leaves. Every member consents before money moves; the pool starts when every member
// has consented. Its money is in its own ledger account (ledger::AccountType::kPooledBudget):
// each period's shares are transfers from the members' direct-payment accounts with the keys
// ContributionKey gives, so that collecting a period twice moves the money once.
//
//   auto pool = ValidateNewPool({.name = "Tuesday art group", .pays_for = "Tutor and room hire",
//                                .cost = "240.00", .leaving_rule = "shared_by_contributions",
//                                .members = {{ada.str(), "120.00"}, {ben.str(), "120.00"}}});
//   pool = RecordConsent(*pool, ada, {ConsentBy::kPerson, "", user, now}, today);
//   pool = RecordConsent(*pool, ben, {...}, today);   // pool->status is now kActive
//   auto due = ContributionsDue(*pool, today);        // one per member, this period's shares
//
// No I/O: the app layer loads and stores pools (pools_repository.h) and moves the money.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect::market {

using PoolId = Id<struct PoolTag>;

// The length of a pool's period: shares are stated and collected every 4 weeks.
inline constexpr int kPoolPeriodDays = 28;
// The fewest members a pool can have.
inline constexpr std::size_t kPoolLeastMembers = 2;

// What happens to the pool's balance when a member leaves, as the members agreed.
enum class LeavingRule {
  // The leaving member takes their part of the balance, in proportion to what each current
  // member has put in (largest remainder, in whole pence).
  kSharedByContributions,
  // The balance stays with the pool for the members who remain.
  kStaysWithPool,
};
const char* LeavingRuleCode(LeavingRule rule);   // "shared_by_contributions"
const char* LeavingRuleWords(LeavingRule rule);  // a sentence for the statement
std::optional<LeavingRule> ParseLeavingRule(std::string_view code);

enum class PoolStatus { kProposed, kActive, kClosed };
const char* PoolStatusCode(PoolStatus status);  // "proposed"
std::optional<PoolStatus> ParsePoolStatus(std::string_view code);

enum class MemberStatus { kProposed, kConsented, kActive, kLeft };
const char* MemberStatusCode(MemberStatus status);  // "consented"
std::optional<MemberStatus> ParseMemberStatus(std::string_view code);

// Who gave a member's consent.
enum class ConsentBy {
  kPerson,          // the member, signed in
  kRepresentative,  // someone the member gave a grant to manage their money
  kSocialWorker,    // their social worker, recording consent the person gave them (with how)
};
const char* ConsentByCode(ConsentBy by);  // "social_worker"
std::optional<ConsentBy> ParseConsentBy(std::string_view code);

struct Consent {
  ConsentBy by = ConsentBy::kPerson;
  std::string how;  // how the person gave it; required when a social worker records it
  UserId recorded_by;
  Timestamp at;
};

struct PoolMember {
  int seq = 0;  // 1, 2, … in the order members were added; keys their transfers
  PersonId person;
  Pence share;  // every 4 weeks
  MemberStatus status = MemberStatus::kProposed;
  Timestamp joined_at;
  UserId added_by;
  std::optional<Consent> consent;
  std::optional<Date> left_on;
  Pence taken;  // what they took from the balance when they left

  bool current() const { return status != MemberStatus::kLeft; }
};

struct Pool {
  CouncilId council;
  PoolId id;
  std::string name;
  std::string pays_for;
  std::string service_id;     // a directory service's id, or ""
  std::optional<Pence> cost;  // every 4 weeks, when the members state it
  LeavingRule leaving_rule = LeavingRule::kSharedByContributions;
  PoolStatus status = PoolStatus::kProposed;
  LedgerAccountId account;
  std::optional<Date> starts_on;  // the first day of its first period, once active
  Timestamp created_at;
  UserId created_by;
  std::int64_t revision = 1;
  std::vector<PoolMember> members;

  const PoolMember* Member(const PersonId& person) const;  // the current one, or the last left
  PoolMember* Member(const PersonId& person);
};

// One member as the proposal names them; text as typed.
struct MemberRequest {
  std::string person;  // the person's id (their reference)
  std::string share;   // pounds every 4 weeks, e.g. "120.00"
};

struct PoolRequest {
  std::string name;
  std::string pays_for;
  std::string service_id;  // optional
  std::string cost;        // optional: pounds every 4 weeks
  std::string leaving_rule;
  std::vector<MemberRequest> members;
};

// Checks a proposal (every problem at once, each named by its field: "name", "pays_for",
// "service_id", "cost", "leaving_rule", "members", "members[i].person", "members[i].share")
// and returns the pool with its members proposed, in the order given. At least two members,
// each once, each share more than £0.00; when the pool states its cost, the shares must add up
// to it exactly ("cost" names both figures). The caller fills council, id, account, created_at,
// created_by and the members' joined_at and added_by.
Result<Pool> ValidateNewPool(const PoolRequest& request);

// A share the member's direct payment can carry: more than £0.00 and not more than what their
// direct payment pays every 4 weeks (`per_four_weeks`; nullopt when they have no direct
// payment). kInvalidArgument naming `field` and both amounts.
Status CheckShareAffordable(Pence share, std::optional<Pence> per_four_weeks,
                            const std::string& field);

// Records a member's consent. Refused (kNotFound) for someone who is not a current member,
// (kFailedPrecondition) when they have consented already or the pool has closed, and
// (kInvalidArgument, field "how") when a social worker records it without saying how the person
// gave it. When every current member has consented and there are at least two, the pool
// starts on `today` (status kActive, its members kActive); a member consenting to a pool that
// has started becomes active at once.
Result<Pool> RecordConsent(const Pool& pool, const PersonId& person, const Consent& consent,
                           Date today);

// Adds a member to a pool that has not closed (proposed: they must consent). A pool that
// states its cost must be given its new cost (`new_cost`, pounds every 4 weeks) and the current
// members' shares and the new one must add up to it ("cost" names both figures); the other
// members' shares do not change. Refused for someone already a current member.
Result<Pool> AddMember(const Pool& pool, const PersonId& person, const std::string& share,
                       const std::string& new_cost);

// The 4 weeks containing `day` (from the pool's start); nullopt before it starts.
struct PoolPeriod {
  Date start;
  Date end;
};
std::optional<PoolPeriod> PeriodOf(const Pool& pool, Date day);

// The shares due for the period containing `today`: one per active member.
struct ContributionDue {
  int seq = 0;
  PersonId person;
  Pence amount;
  PoolPeriod period;
  std::string key;  // the ledger transfer's id: "pool:{pool}:m{seq}:{period start}"
};
// kFailedPrecondition when the pool is not active.
Result<std::vector<ContributionDue>> ContributionsDue(const Pool& pool, Date today);

// The transfer keys a pool's money moves under. Each is at most 64 characters.
std::string ContributionKey(const PoolId& pool, int seq, Date period_start);
std::string LeavingKey(const PoolId& pool, int seq);               // "pool:{pool}:m{seq}:leave"
std::string PaymentKey(const PoolId& pool, std::string_view key);  // "pool:{pool}:out:{key}"

// What a pool transfer's key says it is.
struct PoolTransferKey {
  enum class Kind { kContribution, kLeaving, kPayment, kOther } kind = Kind::kOther;
  int seq = 0;                       // the member's, for a contribution or a leaving
  std::optional<Date> period_start;  // for a contribution
};
PoolTransferKey ParsePoolTransferKey(const PoolId& pool, std::string_view key);

// A payment out of the pool: a key (1 to 16 of A–Z a–z 0–9 _ . -, e.g. an invoice number,
// chosen by whoever records it so that recording it twice pays once), an amount and what it was
// for. Every problem at once, by field ("key", "amount", "reference").
struct PaymentRequest {
  std::string key;
  std::string amount;  // pounds
  std::string reference;
};
struct PoolPayment {
  std::string key;
  Pence amount;
  std::string reference;
};
Result<PoolPayment> ValidatePayment(const PaymentRequest& request);

// Splits `amount` in proportion to `weights` with whole pence: each gets the floor of its exact
// part, and the pence left over go one each to the largest remainders (ties to the earlier).
// All weights zero (or none) share equally. Integer arithmetic only; the parts add up to
// `amount` exactly. `amount` must be >= 0 and weights >= 0.
std::vector<Pence> SplitByContributions(Pence amount, std::span<const Pence> weights);

// A member leaving. `balance` is the pool account's balance; `put_in` is what each current
// member (by seq) has put in so far. Returns the pool with the member left and what each
// member takes from the balance now: the leaver's part by the leaving rule (nothing when the
// balance stays with the pool), and, when fewer than two members would remain, the pool closes
// and the one remaining member takes the rest. Refused (kNotFound) for someone who is not a
// current member.
struct Payout {
  int seq = 0;
  PersonId person;
  Pence amount;
};
struct Leaving {
  Pool pool;
  std::vector<Payout> payouts;  // leaver first; amounts of zero are left out
};
Result<Leaving> Leave(const Pool& pool, const PersonId& person, Pence balance,
                      std::span<const std::pair<int, Pence>> put_in, Date today);

}  // namespace selfdirect::market
