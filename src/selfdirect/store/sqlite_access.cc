#include "selfdirect/store/sqlite_access.h"

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

constexpr const char* kUserColumns =
    "council_id, user_id, email, display_name, password_hash, disabled, failed_sign_ins, "
    "locked_until, created_at, totp_secret, totp_enabled, totp_last_step, person_id";

std::optional<std::string> OptionalText(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Text(column);
}

Result<std::optional<Timestamp>> OptionalTime(const Statement& st, int column) {
  if (st.IsNull(column)) return std::optional<Timestamp>{};
  auto t = ParseTimestamp(st.Text(column));
  if (!t) return tl::unexpected(CorruptValue("timestamp"));
  return std::optional<Timestamp>(*t);
}

std::optional<std::string> PersonText(const std::string& person_id) {
  if (person_id.empty()) return std::nullopt;
  return person_id;
}

std::optional<std::string> TimeText(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return FormatTimestamp(*t);
}

Result<User> ReadUser(const Statement& st) {
  User u;
  u.council_id = CouncilId(st.Text(0));
  u.id = UserId(st.Text(1));
  u.email = st.Text(2);
  u.display_name = st.Text(3);
  u.password_hash = OptionalText(st, 4);
  u.disabled = st.Int(5) != 0;
  u.failed_sign_ins = static_cast<int>(st.Int(6));
  auto locked = OptionalTime(st, 7);
  auto created = ParseTimestamp(st.Text(8));
  if (!locked || !created) return tl::unexpected(CorruptValue("users row"));
  u.locked_until = *locked;
  u.created_at = *created;
  u.totp_secret = OptionalText(st, 9);
  u.totp_enabled = st.Int(10) != 0;
  u.totp_last_step = st.Int(11);
  u.person_id = st.Text(12);
  return u;
}

Result<Session> ReadSession(const Statement& st) {
  auto created = ParseTimestamp(st.Text(4));
  auto seen = ParseTimestamp(st.Text(5));
  auto ended = OptionalTime(st, 6);
  if (!created || !seen || !ended) return tl::unexpected(CorruptValue("sessions row"));
  return Session{
      CouncilId(st.Text(0)), st.Text(1), UserId(st.Text(2)), st.Text(3), *created, *seen, *ended};
}

Result<PasswordLink> ReadLink(const Statement& st) {
  auto created = ParseTimestamp(st.Text(3));
  auto expires = ParseTimestamp(st.Text(4));
  auto used = OptionalTime(st, 5);
  if (!created || !expires || !used) return tl::unexpected(CorruptValue("password_links row"));
  return PasswordLink{
      CouncilId(st.Text(0)), st.Text(1), UserId(st.Text(2)), *created, *expires, *used};
}

constexpr const char* kAuditColumns =
    "council_id, seq, at, actor_user_id, actor_roles, action, resource_type, resource_id, "
    "subject_person_id, request_id, outcome, summary, prev_hash, hash";

Result<AuditEntry> ReadAudit(const Statement& st) {
  AuditEntry e;
  e.council_id = CouncilId(st.Text(0));
  e.seq = st.Int(1);
  auto at = ParseTimestamp(st.Text(2));
  // An edited timestamp must still reach the verifier, which reports it as a changed entry.
  e.at = at ? *at : Timestamp{};
  e.actor_user_id = st.Text(3);
  e.actor_roles = st.Text(4);
  e.action = st.Text(5);
  e.resource_type = st.Text(6);
  e.resource_id = st.Text(7);
  e.subject_person_id = st.Text(8);
  e.request_id = st.Text(9);
  const std::string outcome = st.Text(10);
  e.outcome = outcome == "allowed"  ? AuditOutcome::kAllowed
              : outcome == "denied" ? AuditOutcome::kDenied
                                    : AuditOutcome::kFailed;
  e.summary = st.Text(11);
  e.prev_hash = st.Text(12);
  e.hash = st.Text(13);
  return e;
}

}  // namespace

Status SqliteAccessRepository::SaveRoles(const User& user) {
  auto del = c_.Prepare("DELETE FROM user_roles WHERE council_id = $1 AND user_id = $2");
  if (!del) return tl::unexpected(del.error());
  if (auto s = del->Bind(user.council_id.str(), user.id.str()).Run(); !s) return s;
  for (Role r : user.roles) {
    auto ins = c_.Prepare("INSERT INTO user_roles (council_id, user_id, role) VALUES ($1, $2, $3)");
    if (!ins) return tl::unexpected(ins.error());
    if (auto s = ins->Bind(user.council_id.str(), user.id.str(), RoleName(r)).Run(); !s) return s;
  }
  return Ok();
}

Status SqliteAccessRepository::CreateUser(const User& u) {
  auto st = c_.Prepare(std::string("INSERT INTO users (") + kUserColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
  if (!st) return tl::unexpected(st.error());
  auto s = st->Bind(u.council_id.str(), u.id.str(), u.email, u.display_name, u.password_hash,
                    u.disabled ? 1 : 0, u.failed_sign_ins, TimeText(u.locked_until),
                    FormatTimestamp(u.created_at), u.totp_secret, u.totp_enabled ? 1 : 0,
                    u.totp_last_step, PersonText(u.person_id))
               .Run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "There is already a user with the email " + u.email);
  }
  if (!s && s.error().code == ErrorCode::kNotFound)
    return Fail(ErrorCode::kNotFound, "No such council");
  if (!s) return s;
  return SaveRoles(u);
}

Status SqliteAccessRepository::UpdateUser(const User& u) {
  auto st = c_.Prepare(
      "UPDATE users SET email = $3, display_name = $4, password_hash = $5, disabled = $6, "
      "failed_sign_ins = $7, locked_until = $8, totp_secret = $9, totp_enabled = $10, "
      "totp_last_step = $11 WHERE council_id = $1 AND user_id = $2");
  if (!st) return tl::unexpected(st.error());
  auto s = st->Bind(u.council_id.str(), u.id.str(), u.email, u.display_name, u.password_hash,
                    u.disabled ? 1 : 0, u.failed_sign_ins, TimeText(u.locked_until), u.totp_secret,
                    u.totp_enabled ? 1 : 0, u.totp_last_step)
               .Run();
  if (!s) return s;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "No such user");
  return SaveRoles(u);
}

Result<std::optional<User>> SqliteAccessRepository::FindOne(const std::string& where,
                                                            const CouncilId& council,
                                                            const std::string& key) {
  auto st = c_.Prepare(std::string("SELECT ") + kUserColumns +
                       " FROM users WHERE council_id = $1 AND " + where);
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), key);
  auto user = AtMostOne(Collect<User>(*st, ReadUser));
  if (!user || !*user) return user;
  auto roles = c_.Prepare(
      "SELECT role FROM user_roles WHERE council_id = $1 AND user_id = $2 ORDER BY role");
  if (!roles) return tl::unexpected(roles.error());
  roles->Bind(council.str(), (*user)->id.str());
  for (;;) {
    auto row = roles->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    if (auto r = ParseRole(roles->Text(0))) (*user)->roles.push_back(*r);
  }
  return user;
}

Result<std::optional<User>> SqliteAccessRepository::FindUser(const CouncilId& council,
                                                             const UserId& id) {
  return FindOne("user_id = $2", council, id.str());
}

Result<std::optional<User>> SqliteAccessRepository::FindUserByEmail(const CouncilId& council,
                                                                    const std::string& email) {
  return FindOne("email = $2", council, email);
}

Result<std::vector<User>> SqliteAccessRepository::ListUsers(const CouncilId& council) {
  auto st = c_.Prepare(std::string("SELECT ") + kUserColumns +
                       " FROM users WHERE council_id = $1 ORDER BY display_name, email");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  auto users = Collect<User>(*st, ReadUser);
  if (!users) return users;
  auto roles = c_.Prepare("SELECT user_id, role FROM user_roles WHERE council_id = $1");
  if (!roles) return tl::unexpected(roles.error());
  roles->Bind(council.str());
  for (;;) {
    auto row = roles->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    const std::string id = roles->Text(0);
    auto role = ParseRole(roles->Text(1));
    for (auto& u : *users) {
      if (u.id.str() == id && role) u.roles.push_back(*role);
    }
  }
  return users;
}

Status SqliteAccessRepository::CreateSession(const Session& s) {
  auto st = c_.Prepare(
      "INSERT INTO sessions (council_id, id_hash, user_id, csrf_token, created_at, last_seen_at, "
      "ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(s.council_id.str(), s.id_hash, s.user_id.str(), s.csrf_token,
             FormatTimestamp(s.created_at), FormatTimestamp(s.last_seen_at), TimeText(s.ended_at))
      .Run();
}

Result<std::optional<Session>> SqliteAccessRepository::FindSession(const CouncilId& council,
                                                                   const std::string& id_hash) {
  auto st = c_.Prepare(
      "SELECT council_id, id_hash, user_id, csrf_token, created_at, last_seen_at, ended_at "
      "FROM sessions WHERE council_id = $1 AND id_hash = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id_hash);
  return AtMostOne(Collect<Session>(*st, ReadSession));
}

Status SqliteAccessRepository::TouchSession(const CouncilId& council, const std::string& id_hash,
                                            Timestamp at) {
  auto st = c_.Prepare(
      "UPDATE sessions SET last_seen_at = $3 WHERE council_id = $1 AND id_hash = $2 "
      "AND ended_at IS NULL");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), id_hash, FormatTimestamp(at)).Run();
}

Status SqliteAccessRepository::EndSession(const CouncilId& council, const std::string& id_hash,
                                          Timestamp at) {
  auto st = c_.Prepare(
      "UPDATE sessions SET ended_at = $3 WHERE council_id = $1 AND id_hash = $2 "
      "AND ended_at IS NULL");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), id_hash, FormatTimestamp(at)).Run();
}

Status SqliteAccessRepository::EndSessionsOf(const CouncilId& council, const UserId& user,
                                             Timestamp at, const std::string& keep_id_hash) {
  auto st = c_.Prepare(
      "UPDATE sessions SET ended_at = $3 WHERE council_id = $1 AND user_id = $2 "
      "AND ended_at IS NULL AND id_hash <> $4");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), user.str(), FormatTimestamp(at), keep_id_hash).Run();
}

Status SqliteAccessRepository::CreatePasswordLink(const PasswordLink& l) {
  auto st = c_.Prepare(
      "INSERT INTO password_links (council_id, token_hash, user_id, created_at, expires_at, "
      "used_at) VALUES ($1, $2, $3, $4, $5, $6)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(l.council_id.str(), l.token_hash, l.user_id.str(), FormatTimestamp(l.created_at),
             FormatTimestamp(l.expires_at), TimeText(l.used_at))
      .Run();
}

Result<std::optional<PasswordLink>> SqliteAccessRepository::FindPasswordLink(
    const CouncilId& council, const std::string& token_hash) {
  auto st = c_.Prepare(
      "SELECT council_id, token_hash, user_id, created_at, expires_at, used_at "
      "FROM password_links WHERE council_id = $1 AND token_hash = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), token_hash);
  return AtMostOne(Collect<PasswordLink>(*st, ReadLink));
}

Status SqliteAccessRepository::MarkPasswordLinkUsed(const CouncilId& council,
                                                    const std::string& token_hash, Timestamp at) {
  auto st = c_.Prepare(
      "UPDATE password_links SET used_at = $3 WHERE council_id = $1 AND token_hash = $2 "
      "AND used_at IS NULL");
  if (!st) return tl::unexpected(st.error());
  if (auto s = st->Bind(council.str(), token_hash, FormatTimestamp(at)).Run(); !s) return s;
  if (c_.Changes() == 0) {
    return Fail(ErrorCode::kConflict, "This link has already been used");
  }
  return Ok();
}

namespace {

constexpr const char* kTokenColumns =
    "council_id, token_id, token_hash, user_id, name, roles, created_at, revoked_at";

std::string JoinRoles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) out += std::string(out.empty() ? "" : ",") + RoleName(r);
  return out;
}

Result<ApiToken> ReadToken(const Statement& st) {
  ApiToken t;
  t.council_id = CouncilId(st.Text(0));
  t.token_id = st.Text(1);
  t.token_hash = st.Text(2);
  t.user_id = UserId(st.Text(3));
  t.name = st.Text(4);
  const std::string roles = st.Text(5);
  std::size_t start = 0;
  while (start < roles.size()) {
    auto comma = roles.find(',', start);
    if (comma == std::string::npos) comma = roles.size();
    if (auto r = ParseRole(std::string_view(roles).substr(start, comma - start)))
      t.roles.push_back(*r);
    start = comma + 1;
  }
  auto created = ParseTimestamp(st.Text(6));
  auto revoked = OptionalTime(st, 7);
  if (!created || !revoked) return tl::unexpected(CorruptValue("api_tokens row"));
  t.created_at = *created;
  t.revoked_at = *revoked;
  return t;
}

}  // namespace

Status SqliteAccessRepository::CreateApiToken(const ApiToken& t) {
  auto st = c_.Prepare(std::string("INSERT INTO api_tokens (") + kTokenColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(t.council_id.str(), t.token_id, t.token_hash, t.user_id.str(), t.name,
             JoinRoles(t.roles), FormatTimestamp(t.created_at), TimeText(t.revoked_at))
      .Run();
}

Result<std::optional<ApiToken>> SqliteAccessRepository::FindApiTokenByHash(
    const CouncilId& council, const std::string& token_hash) {
  auto st = c_.Prepare(std::string("SELECT ") + kTokenColumns +
                       " FROM api_tokens WHERE council_id = $1 AND token_hash = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), token_hash);
  return AtMostOne(Collect<ApiToken>(*st, ReadToken));
}

Result<std::vector<ApiToken>> SqliteAccessRepository::ListApiTokens(const CouncilId& council) {
  auto st = c_.Prepare(std::string("SELECT ") + kTokenColumns +
                       " FROM api_tokens WHERE council_id = $1 ORDER BY created_at, token_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<ApiToken>(*st, ReadToken);
}

Status SqliteAccessRepository::RevokeApiToken(const CouncilId& council, const std::string& token_id,
                                              Timestamp at) {
  auto st = c_.Prepare(
      "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $3) "
      "WHERE council_id = $1 AND token_id = $2");
  if (!st) return tl::unexpected(st.error());
  if (auto s = st->Bind(council.str(), token_id, FormatTimestamp(at)).Run(); !s) return s;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no such API token");
  return Ok();
}

namespace {

constexpr const char* kGrantColumns =
    "council_id, grant_id, person_id, grantee_user_id, scopes, ends_on, granted_by_user_id, "
    "reason, created_at, revoked_at";

Result<AccessGrant> ReadGrant(const Statement& st) {
  AccessGrant g;
  g.council_id = CouncilId(st.Text(0));
  g.grant_id = st.Text(1);
  g.person_id = PersonId(st.Text(2));
  g.grantee = UserId(st.Text(3));
  g.scopes = SplitScopes(st.Text(4));
  auto ends = ParseIsoDate(st.Text(5));
  g.granted_by = UserId(st.Text(6));
  g.reason = st.Text(7);
  auto created = ParseTimestamp(st.Text(8));
  auto revoked = OptionalTime(st, 9);
  if (!ends || !created || !revoked) return tl::unexpected(CorruptValue("access_grants row"));
  g.ends_on = *ends;
  g.created_at = *created;
  g.revoked_at = *revoked;
  return g;
}

}  // namespace

Status SqliteAccessRepository::CreateGrant(const AccessGrant& g) {
  auto st = c_.Prepare(std::string("INSERT INTO access_grants (") + kGrantColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(g.council_id.str(), g.grant_id, g.person_id.str(), g.grantee.str(),
             JoinScopes(g.scopes), FormatIsoDate(g.ends_on), g.granted_by.str(), g.reason,
             FormatTimestamp(g.created_at), TimeText(g.revoked_at))
      .Run();
}

Result<std::vector<AccessGrant>> SqliteAccessRepository::GrantsForPerson(const CouncilId& council,
                                                                         const PersonId& person) {
  auto st = c_.Prepare(std::string("SELECT ") + kGrantColumns +
                       " FROM access_grants WHERE council_id = $1 AND person_id = $2"
                       " ORDER BY created_at, grant_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), person.str());
  return Collect<AccessGrant>(*st, ReadGrant);
}

Result<std::vector<AccessGrant>> SqliteAccessRepository::GrantsHeldBy(const CouncilId& council,
                                                                      const UserId& grantee) {
  auto st = c_.Prepare(std::string("SELECT ") + kGrantColumns +
                       " FROM access_grants WHERE council_id = $1 AND grantee_user_id = $2"
                       " ORDER BY created_at, grant_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), grantee.str());
  return Collect<AccessGrant>(*st, ReadGrant);
}

Status SqliteAccessRepository::RevokeGrant(const CouncilId& council, const PersonId& person,
                                           const std::string& grant_id, Timestamp at) {
  auto st = c_.Prepare(
      "UPDATE access_grants SET revoked_at = coalesce(revoked_at, $4) "
      "WHERE council_id = $1 AND person_id = $2 AND grant_id = $3");
  if (!st) return tl::unexpected(st.error());
  if (auto s = st->Bind(council.str(), person.str(), grant_id, FormatTimestamp(at)).Run(); !s) {
    return s;
  }
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no such grant");
  return Ok();
}

Status SqliteAuditRepository::Append(AuditEntry& entry) {
  auto last = c_.Prepare(std::string("SELECT ") + kAuditColumns +
                         " FROM audit_log WHERE council_id = $1 ORDER BY seq DESC LIMIT 1");
  if (!last) return tl::unexpected(last.error());
  last->Bind(entry.council_id.str());
  auto previous = AtMostOne(Collect<AuditEntry>(*last, ReadAudit));
  if (!previous) return tl::unexpected(previous.error());
  SealEntry(entry, *previous);
  auto st = c_.Prepare(std::string("INSERT INTO audit_log (") + kAuditColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(entry.council_id.str(), entry.seq, FormatTimestamp(entry.at), entry.actor_user_id,
             entry.actor_roles, entry.action, entry.resource_type, entry.resource_id,
             entry.subject_person_id, entry.request_id, AuditOutcomeName(entry.outcome),
             entry.summary, entry.prev_hash, entry.hash)
      .Run();
}

Status SqliteAuditRepository::Scan(const CouncilId& council,
                                   const std::function<void(const AuditEntry&)>& visit) {
  auto st = c_.Prepare(std::string("SELECT ") + kAuditColumns +
                       " FROM audit_log WHERE council_id = $1 ORDER BY seq");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  for (;;) {
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Ok();
    auto e = ReadAudit(*st);
    if (!e) return tl::unexpected(e.error());
    visit(*e);
  }
}

Result<std::vector<AuditEntry>> SqliteAuditRepository::Search(const AuditQuery& q) {
  // Optional filters are bound as NULL and switched off in SQL, so one statement serves all.
  auto st = c_.Prepare(std::string("SELECT ") + kAuditColumns +
                       " FROM audit_log WHERE council_id = $1"
                       " AND ($2 IS NULL OR actor_user_id = $2)"
                       " AND ($3 IS NULL OR subject_person_id = $3)"
                       " AND ($4 IS NULL OR action = $4)"
                       " ORDER BY seq DESC LIMIT $5");
  if (!st) return tl::unexpected(st.error());
  st->Bind(q.council_id.str(), q.actor_user_id, q.subject_person_id, q.action,
           std::int64_t{q.limit});
  return Collect<AuditEntry>(*st, ReadAudit);
}

Result<std::vector<CouncilId>> SqliteAuditRepository::CouncilsWithEntries() {
  auto st = c_.Prepare("SELECT DISTINCT council_id FROM audit_log ORDER BY council_id");
  if (!st) return tl::unexpected(st.error());
  return Collect<CouncilId>(
      *st, [](const Statement& s) -> Result<CouncilId> { return CouncilId(s.Text(0)); });
}

}  // namespace selfdirect::store
