// SQLite implementations of the access module's repositories (accounts, sessions, audit).
#pragma once

#include "selfdirect/access/repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteAccessRepository final : public AccessRepository {
 public:
  explicit SqliteAccessRepository(Connection& c) : c_(c) {}

  Status CreateUser(const User& user) override;
  Status UpdateUser(const User& user) override;
  Result<std::optional<User>> FindUser(const CouncilId& council, const UserId& id) override;
  Result<std::optional<User>> FindUserByEmail(const CouncilId& council,
                                              const std::string& email) override;
  Result<std::vector<User>> ListUsers(const CouncilId& council) override;

  Status CreateSession(const Session& session) override;
  Result<std::optional<Session>> FindSession(const CouncilId& council,
                                             const std::string& id_hash) override;
  Status TouchSession(const CouncilId& council, const std::string& id_hash, Timestamp at) override;
  Status EndSession(const CouncilId& council, const std::string& id_hash, Timestamp at) override;
  Status EndSessionsOf(const CouncilId& council, const UserId& user, Timestamp at,
                       const std::string& keep_id_hash = "") override;

  Status CreatePasswordLink(const PasswordLink& link) override;
  Result<std::optional<PasswordLink>> FindPasswordLink(const CouncilId& council,
                                                       const std::string& token_hash) override;
  Status MarkPasswordLinkUsed(const CouncilId& council, const std::string& token_hash,
                              Timestamp at) override;

  Status CreateApiToken(const ApiToken& token) override;
  Result<std::optional<ApiToken>> FindApiTokenByHash(const CouncilId& council,
                                                     const std::string& token_hash) override;
  Result<std::vector<ApiToken>> ListApiTokens(const CouncilId& council) override;
  Status RevokeApiToken(const CouncilId& council, const std::string& token_id,
                        Timestamp at) override;

  Status CreateGrant(const AccessGrant& grant) override;
  Result<std::vector<AccessGrant>> GrantsForPerson(const CouncilId& council,
                                                   const PersonId& person) override;
  Result<std::vector<AccessGrant>> GrantsHeldBy(const CouncilId& council,
                                                const UserId& grantee) override;
  Status RevokeGrant(const CouncilId& council, const PersonId& person, const std::string& grant_id,
                     Timestamp at) override;

 private:
  Status SaveRoles(const User& user);
  Result<std::optional<User>> FindOne(const std::string& where, const CouncilId& council,
                                      const std::string& key);
  Connection& c_;
};

class SqliteAuditRepository final : public AuditRepository {
 public:
  explicit SqliteAuditRepository(Connection& c) : c_(c) {}

  Status Append(AuditEntry& entry) override;
  Status Scan(const CouncilId& council,
              const std::function<void(const AuditEntry&)>& visit) override;
  Result<std::vector<AuditEntry>> Search(const AuditQuery& query) override;
  Result<std::vector<CouncilId>> CouncilsWithEntries() override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store
