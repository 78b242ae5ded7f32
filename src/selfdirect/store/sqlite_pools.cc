#include "selfdirect/store/sqlite_pools.h"

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using market::Pool;
using market::PoolMember;

constexpr const char* kPoolColumns =
    "council_id, pool_id, name, pays_for, service_id, cost_pence, leaving_rule, status, "
    "account_id, starts_on, created_at, created_by, revision";

constexpr const char* kMemberColumns =
    "council_id, pool_id, seq, person_id, share_pence, status, joined_at, added_by, consent_by, "
    "consent_how, consent_recorded_by, consented_at, left_on, taken_pence";

Result<Pool> ReadPool(const Statement& st) {
  Pool p;
  p.council = CouncilId(st.Text(0));
  p.id = market::PoolId(st.Text(1));
  p.name = st.Text(2);
  p.pays_for = st.Text(3);
  p.service_id = st.Text(4);
  if (!st.IsNull(5)) p.cost = Pence(st.Int(5));
  auto rule = market::ParseLeavingRule(st.Text(6));
  auto status = market::ParsePoolStatus(st.Text(7));
  p.account = LedgerAccountId(st.Text(8));
  auto created = ParseTimestamp(st.Text(10));
  if (!rule || !status || !created) return tl::unexpected(CorruptValue("pools row"));
  p.leaving_rule = *rule;
  p.status = *status;
  if (const std::string starts = st.Text(9); !starts.empty()) {
    auto d = ParseIsoDate(starts);
    if (!d) return tl::unexpected(CorruptValue("pools.starts_on"));
    p.starts_on = *d;
  }
  p.created_at = *created;
  p.created_by = UserId(st.Text(11));
  p.revision = st.Int(12);
  return p;
}

Result<PoolMember> ReadMember(const Statement& st) {
  PoolMember m;
  m.seq = static_cast<int>(st.Int(2));
  m.person = PersonId(st.Text(3));
  m.share = Pence(st.Int(4));
  auto status = market::ParseMemberStatus(st.Text(5));
  auto joined = ParseTimestamp(st.Text(6));
  if (!status || !joined) return tl::unexpected(CorruptValue("pool_members row"));
  m.status = *status;
  m.joined_at = *joined;
  m.added_by = UserId(st.Text(7));
  if (const std::string by = st.Text(8); !by.empty()) {
    auto parsed = market::ParseConsentBy(by);
    auto at = ParseTimestamp(st.Text(11));
    if (!parsed || !at) return tl::unexpected(CorruptValue("pool_members consent"));
    m.consent = market::Consent{*parsed, st.Text(9), UserId(st.Text(10)), *at};
  }
  if (const std::string left = st.Text(12); !left.empty()) {
    auto d = ParseIsoDate(left);
    if (!d) return tl::unexpected(CorruptValue("pool_members.left_on"));
    m.left_on = *d;
  }
  m.taken = Pence(st.Int(13));
  return m;
}

std::optional<std::int64_t> CostValue(const Pool& p) {
  if (!p.cost) return std::nullopt;
  return p.cost->value();
}

std::string DateOrEmpty(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : ""; }

}  // namespace

Status SqlitePoolRepository::SaveMembers(const Pool& pool) {
  const std::string sql = std::string("INSERT INTO pool_members (") + kMemberColumns +
                          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                          "ON CONFLICT (council_id, pool_id, seq) DO UPDATE SET "
                          "share_pence = excluded.share_pence, status = excluded.status, "
                          "consent_by = excluded.consent_by, consent_how = excluded.consent_how, "
                          "consent_recorded_by = excluded.consent_recorded_by, "
                          "consented_at = excluded.consented_at, left_on = excluded.left_on, "
                          "taken_pence = excluded.taken_pence";
  for (const PoolMember& m : pool.members) {
    // A statement is prepared (from the connection's cache) for each row: one is bound once.
    auto st = c_.Prepare(sql);
    if (!st) return tl::unexpected(st.error());
    const auto& c = m.consent;
    auto run = st->Bind(pool.council.str(), pool.id.str(), m.seq, m.person.str(), m.share.value(),
                        market::MemberStatusCode(m.status), FormatTimestamp(m.joined_at),
                        m.added_by.str(), c ? market::ConsentByCode(c->by) : "",
                        c ? c->how : std::string(), c ? c->recorded_by.str() : std::string(),
                        c ? FormatTimestamp(c->at) : std::string(), DateOrEmpty(m.left_on),
                        m.taken.value())
                   .Run();
    if (!run) return run;
  }
  return Ok();
}

Status SqlitePoolRepository::CreatePool(const Pool& pool) {
  auto st = c_.Prepare(std::string("INSERT INTO pools (") + kPoolColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)");
  if (!st) return tl::unexpected(st.error());
  auto run =
      st->Bind(pool.council.str(), pool.id.str(), pool.name, pool.pays_for, pool.service_id,
               CostValue(pool), market::LeavingRuleCode(pool.leaving_rule),
               market::PoolStatusCode(pool.status), pool.account.str(), DateOrEmpty(pool.starts_on),
               FormatTimestamp(pool.created_at), pool.created_by.str())
          .Run();
  if (!run) return run;
  return SaveMembers(pool);
}

Result<std::optional<Pool>> SqlitePoolRepository::FindPool(const CouncilId& council,
                                                           const market::PoolId& id) {
  auto st = c_.Prepare(std::string("SELECT ") + kPoolColumns +
                       " FROM pools WHERE council_id = $1 AND pool_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  auto pool = AtMostOne(Collect<Pool>(*st, ReadPool));
  if (!pool || !*pool) return pool;
  auto members = c_.Prepare(std::string("SELECT ") + kMemberColumns +
                            " FROM pool_members WHERE council_id = $1 AND pool_id = $2"
                            " ORDER BY seq");
  if (!members) return tl::unexpected(members.error());
  members->Bind(council.str(), id.str());
  auto rows = Collect<PoolMember>(*members, ReadMember);
  if (!rows) return tl::unexpected(rows.error());
  (*pool)->members = std::move(*rows);
  return pool;
}

Status SqlitePoolRepository::SavePool(const Pool& pool, std::int64_t expected_revision) {
  // What the pool is for and its account never change; its cost changes when someone joins.
  auto st = c_.Prepare(
      "UPDATE pools SET cost_pence = $3, status = $4, starts_on = $5, revision = revision + 1 "
      "WHERE council_id = $1 AND pool_id = $2 AND revision = $6");
  if (!st) return tl::unexpected(st.error());
  auto run =
      st->Bind(pool.council.str(), pool.id.str(), CostValue(pool),
               market::PoolStatusCode(pool.status), DateOrEmpty(pool.starts_on), expected_revision)
          .Run();
  if (!run) return run;
  if (c_.Changes() != 1) {
    return Fail(ErrorCode::kConflict,
                "Someone else changed this pool while you were working on it. Reload the page "
                "to see what they recorded, then try again");
  }
  return SaveMembers(pool);
}

Result<std::vector<market::PoolId>> SqlitePoolRepository::PoolsOf(const CouncilId& council,
                                                                  const PersonId& person) {
  auto st = c_.Prepare(
      "SELECT DISTINCT p.pool_id, p.created_at FROM pools p JOIN pool_members m "
      "ON m.council_id = p.council_id AND m.pool_id = p.pool_id "
      "WHERE p.council_id = $1 AND m.person_id = $2 ORDER BY p.created_at DESC, p.pool_id DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return Collect<market::PoolId>(
      *st, [](const Statement& s) -> Result<market::PoolId> { return market::PoolId(s.Text(0)); });
}

Result<std::vector<market::PoolId>> SqlitePoolRepository::ListPools(const CouncilId& council) {
  auto st = c_.Prepare(
      "SELECT pool_id FROM pools WHERE council_id = $1 ORDER BY created_at DESC, pool_id DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<market::PoolId>(
      *st, [](const Statement& s) -> Result<market::PoolId> { return market::PoolId(s.Text(0)); });
}

}  // namespace selfdirect::store
