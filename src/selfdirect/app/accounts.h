// Accounts: users, signing in and out, passwords, sessions, and the audit log's use cases.
//
//   Accounts accounts(store, clock, ids, {});
//   auto added = accounts.AddUser(Context::Operator("users add"), request);   // prints a link
//   auto signed_in = accounts.SignIn(ctx, {"E09000033", "jo@x.example", "…"});
//   auto who = accounts.Authenticate(cookie_value);                         // Actor + session
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/access/credentials.h"
#include "selfdirect/access/sessions.h"
#include "selfdirect/app/context.h"
#include "selfdirect/core/id.h"

namespace selfdirect::app {

struct AccountsOptions {
  HashStrength hash_strength = HashStrength::kModerate;
  SessionRules session_rules{};
  ThrottleRules throttle{};
  std::chrono::hours password_link_lifetime{72};
  // Failures from one client address (any account) before it is slowed down too.
  int address_free_failures = 20;
  // Administrators must turn on two-step sign-in (TOTP) before they may administer.
  bool require_totp_for_administrators = false;
};

struct NewUser {
  CouncilId council_id;
  std::string email;
  std::string display_name;
  std::vector<std::string> roles;  // RoleName values
  std::string person_id{};         // for a budget holder: their person record's id
};

struct NewGrant {
  std::string grantee_email;        // the representative's account
  std::vector<std::string> scopes;  // GrantScopeName values
  std::string ends_on;              // YYYY-MM-DD, the last day it works
  std::string reason;               // required when staff grant
};

// Someone the signed-in user helps: a person who has given them access, and what it allows.
struct PersonHelped {
  PersonId person;
  std::string full_name;
  std::vector<GrantScope> scopes;
  Date ends_on;
};

struct GrantView {
  AccessGrant grant;
  std::string grantee_name;
  std::string grantee_email;
  bool active = false;
};

// One look at (or change to) a person's record, as the person sees it.
struct RecordView {
  Timestamp at;
  std::string who;    // "Ada Lovelace", or "An unknown user" if the account is gone
  std::string roles;  // "assessor"
  std::string action;
  std::string outcome;
};

struct AddedUser {
  User user;
  std::string council_code;
  std::string password_link_token;  // shown once; only its hash is stored
  Timestamp password_link_expires_at;
};

// "/set-password?council=E09000033&token=…": the page where the new user sets a password.
std::string SetPasswordPath(const AddedUser& added);

struct SignInRequest {
  std::string council_code;  // may be empty when the deployment has exactly one council
  std::string email;
  std::string password;
  std::string totp_code;  // needed when the user has turned on two-step sign-in
};

struct TotpSetup {
  std::string secret;  // base 32, for typing into an authenticator app
  std::string uri;     // otpauth:// for a QR code
};

struct SignedIn {
  User user;
  std::string cookie_value;  // "<council id>.<secret>"
  std::string csrf_token;
};

struct Authenticated {
  Actor actor;
  Session session;
  User user;
  bool must_set_up_totp = false;  // an administrator who has not turned on two-step sign-in
};

struct AuditCheck {
  CouncilId council_id;
  std::int64_t entries = 0;
  std::optional<ChainBreak> first_break;
};

class Accounts {
 public:
  Accounts(store::Store& store, const Clock& clock, UlidGenerator& ids, AccountsOptions options)
      : store_(store), clock_(clock), ids_(ids), options_(options) {}

  // Creates a user with no password and returns a one-time link token to set one.
  // The operator may add anyone; an administrator only in their own council.
  Result<AddedUser> AddUser(const Context& ctx, const NewUser& request);

  // Sets the password of the link's user and uses the link up. Field errors name "password".
  Status SetPasswordWithLink(const Context& ctx, const std::string& council_code,
                             const std::string& token, const std::string& password);

  // Checks the credentials, with throttling and lock-out; on success starts a new session
  // (never reusing one the client offered). Every failure gets the same message.
  Result<SignedIn> SignIn(const Context& ctx, const SignInRequest& request);

  // The actor behind a session cookie, or kUnauthenticated when it is unknown, ended, expired,
  // or its user is disabled. Refreshes the session's idle timer.
  Result<Authenticated> Authenticate(const std::string& cookie_value);

  // Ends the session server-side.
  Status SignOut(const Context& ctx, const std::string& cookie_value);

  // Starts (or restarts) two-step sign-in setup for the actor: a new secret, not yet in force.
  Result<TotpSetup> BeginTotpSetup(const Context& ctx);
  // Puts two-step sign-in in force once the user types a correct code from their app.
  Status ConfirmTotp(const Context& ctx, const std::string& code);

  // Changes the actor's own password and ends every other session of theirs.
  Status ChangePassword(const Context& ctx, const std::string& cookie_value,
                        const std::string& current_password, const std::string& new_password);

  Result<std::vector<User>> ListUsers(const Context& ctx, const CouncilId& council);
  // Disables a user and ends their sessions. An administrator cannot disable themselves.
  Status DisableUser(const Context& ctx, const CouncilId& council, const UserId& user);
  Status SetRoles(const Context& ctx, const CouncilId& council, const UserId& user,
                  const std::vector<std::string>& roles);

  // Issues an API token for a machine client acting as `user`, with some of that user's roles.
  // The value is returned once; only its hash is kept.
  struct IssuedToken {
    ApiToken token;
    std::string value;
  };
  Result<IssuedToken> CreateApiToken(const Context& ctx, const CouncilId& council,
                                     const UserId& user, const std::string& name,
                                     const std::vector<std::string>& roles);
  Result<std::vector<ApiToken>> ListApiTokens(const Context& ctx, const CouncilId& council);
  Status RevokeApiToken(const Context& ctx, const CouncilId& council, const std::string& token_id);

  // The actor behind an API token: its roles, limited to those its user still holds.
  // kUnauthenticated when unknown, revoked, or its user is turned off.
  Result<Actor> AuthenticateToken(const std::string& value);

  // Access to one person's record, given to a representative (by the person, or by their social
  // worker with a reason), listed, and taken away.
  Result<std::vector<GrantView>> ListGrants(const Context& ctx, const PersonId& person);
  Result<AccessGrant> GrantAccess(const Context& ctx, const PersonId& person,
                                  const NewGrant& request);
  Status RevokeGrant(const Context& ctx, const PersonId& person, const std::string& grant_id);

  // "Who has seen my record": every recorded look at or change to the actor's own record.
  Result<std::vector<RecordView>> RecordViews(const Context& ctx);
  // The people who have given the signed-in user access (active grants only), by name.
  Result<std::vector<PersonHelped>> PeopleIHelp(const Context& ctx);

  // Users by council code and email, for the CLI.
  Result<User> FindUserByEmail(const Context& ctx, const std::string& council_code,
                               const std::string& email);

  // Walks every council's audit chain.
  Result<std::vector<AuditCheck>> VerifyAudit(const Context& ctx);

  Result<std::vector<AuditEntry>> SearchAudit(const Context& ctx, const AuditQuery& query);

 private:
  Result<Council> CouncilByCode(store::Transaction& tx, const std::string& code);
  Result<Relationship> RelationshipTo(store::Transaction& tx, const Actor& actor,
                                      const PersonId& person);
  // Asks the policy about a person's record, auditing a denial; the error to return, if any.
  // Call outside any transaction (a denial is written in a transaction of its own).
  Status AuthorizeOnPerson(const Context& ctx, Action action, const PersonId& person);
  Status ThrottledByAddress(const std::string& address, Timestamp now);
  void NoteAddressFailure(const std::string& address, Timestamp now, bool failed);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
  AccountsOptions options_;
  std::mutex address_mu_;
  struct AddressRecord {
    int failures = 0;
    Timestamp last;
  };
  std::map<std::string, AddressRecord> addresses_;
};

// Lower-cased and trimmed, as stored.
std::string NormaliseEmail(std::string_view email);

}  // namespace selfdirect::app
