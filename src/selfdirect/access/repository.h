// Storage for accounts, sessions, one-time links and the audit log. Implemented in store/.
// Every method is scoped by council; a record of another council is simply not found.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "selfdirect/access/audit.h"
#include "selfdirect/access/grants.h"
#include "selfdirect/access/roles.h"
#include "selfdirect/access/sessions.h"
#include "selfdirect/core/result.h"

namespace selfdirect {

class AccessRepository {
 public:
  virtual ~AccessRepository() = default;

  // kConflict when the email is taken in that council.
  virtual Status CreateUser(const User& user) = 0;
  // Saves every field of an existing user (roles included).
  virtual Status UpdateUser(const User& user) = 0;
  virtual Result<std::optional<User>> FindUser(const CouncilId& council, const UserId& id) = 0;
  virtual Result<std::optional<User>> FindUserByEmail(const CouncilId& council,
                                                      const std::string& email) = 0;
  virtual Result<std::vector<User>> ListUsers(const CouncilId& council) = 0;

  virtual Status CreateSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(const CouncilId& council,
                                                     const std::string& id_hash) = 0;
  virtual Status TouchSession(const CouncilId& council, const std::string& id_hash,
                              Timestamp at) = 0;
  virtual Status EndSession(const CouncilId& council, const std::string& id_hash, Timestamp at) = 0;
  // Ends every open session of a user (password change, disabling), except `keep_id_hash`.
  virtual Status EndSessionsOf(const CouncilId& council, const UserId& user, Timestamp at,
                               const std::string& keep_id_hash = "") = 0;

  virtual Status CreatePasswordLink(const PasswordLink& link) = 0;
  virtual Result<std::optional<PasswordLink>> FindPasswordLink(const CouncilId& council,
                                                               const std::string& token_hash) = 0;
  virtual Status MarkPasswordLinkUsed(const CouncilId& council, const std::string& token_hash,
                                      Timestamp at) = 0;

  virtual Status CreateApiToken(const ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> FindApiTokenByHash(const CouncilId& council,
                                                             const std::string& token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ListApiTokens(const CouncilId& council) = 0;
  // kNotFound when there is no such token; revoking twice changes nothing.
  virtual Status RevokeApiToken(const CouncilId& council, const std::string& token_id,
                                Timestamp at) = 0;

  virtual Status CreateGrant(const AccessGrant& grant) = 0;
  // Every grant for the person, ended and revoked ones included, oldest first.
  virtual Result<std::vector<AccessGrant>> GrantsForPerson(const CouncilId& council,
                                                           const PersonId& person) = 0;
  // The grants a user holds, to anyone (a representative's "people I help").
  virtual Result<std::vector<AccessGrant>> GrantsHeldBy(const CouncilId& council,
                                                        const UserId& grantee) = 0;
  // kNotFound when the person has no such grant; revoking twice changes nothing.
  virtual Status RevokeGrant(const CouncilId& council, const PersonId& person,
                             const std::string& grant_id, Timestamp at) = 0;
};

struct AuditQuery {
  CouncilId council_id{};
  std::optional<std::string> actor_user_id{};
  std::optional<std::string> subject_person_id{};
  std::optional<std::string> action{};
  int limit = 100;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Seals the entry as the next link of its council's chain and stores it.
  virtual Status Append(AuditEntry& entry) = 0;
  // Every entry of a council in seq order, one at a time.
  virtual Status Scan(const CouncilId& council,
                      const std::function<void(const AuditEntry&)>& visit) = 0;
  // Most recent first.
  virtual Result<std::vector<AuditEntry>> Search(const AuditQuery& query) = 0;
  // Councils that have at least one entry.
  virtual Result<std::vector<CouncilId>> CouncilsWithEntries() = 0;
};

}  // namespace selfdirect
