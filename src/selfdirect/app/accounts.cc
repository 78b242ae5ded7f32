#include "selfdirect/app/accounts.h"

#include <algorithm>
#include <cctype>

#include "selfdirect/access/totp.h"

namespace selfdirect::app {
namespace {

constexpr const char* kSignInFailed =
    "Enter a correct email address and password. After 10 wrong attempts an account is locked "
    "for 15 minutes.";

Error SignInFailed() { return Error{ErrorCode::kUnauthenticated, kSignInFailed, {}}; }

Error LinkNotUsable() {
  const std::string message =
      "This link has expired or has already been used. Ask whoever set up your account for a "
      "new one.";
  return Error{ErrorCode::kInvalidArgument, message, {{"token", message}}};
}

bool PlausibleEmail(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size() || email.size() > 254) {
    return false;
  }
  if (email.find('@', at + 1) != std::string::npos) return false;
  if (email.find('.', at) == std::string::npos) return false;
  return std::none_of(email.begin(), email.end(),
                      [](unsigned char c) { return std::isspace(c) || c < 0x20 || c == 0x7F; });
}

Result<std::vector<Role>> ParseRoles(const std::vector<std::string>& names,
                                     std::vector<FieldError>* errors) {
  std::vector<Role> roles;
  for (const auto& name : names) {
    if (auto r = ParseRole(name)) {
      if (std::find(roles.begin(), roles.end(), *r) == roles.end()) roles.push_back(*r);
    } else {
      errors->push_back({"roles", "'" + name.substr(0, 40) +
                                      "' is not a role. Choose from: "
                                      "budget-holder, representative, support-planner, assessor, "
                                      "approver, finance-officer, commissioner, safeguarding-lead, "
                                      "analyst, administrator, auditor"});
    }
  }
  if (names.empty()) errors->push_back({"roles", "Choose at least one role"});
  return roles;
}

template <typename T>
Result<T> Unwrap(Result<std::optional<T>> found, const char* what) {
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, std::string("There is no such ") + what);
  return std::move(**found);
}

Actor ActorFor(const User& user) { return Actor{user.council_id, user.id, user.roles}; }

}  // namespace

std::string SetPasswordPath(const AddedUser& added) {
  return "/set-password?council=" + added.council_code + "&token=" + added.password_link_token;
}

std::string NormaliseEmail(std::string_view email) {
  std::size_t b = 0, e = email.size();
  while (b < e && std::isspace(static_cast<unsigned char>(email[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(email[e - 1]))) --e;
  std::string out(email.substr(b, e - b));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Result<Council> Accounts::CouncilByCode(store::Transaction& tx, const std::string& code) {
  if (code.empty()) {  // a deployment with one council need not ask which
    auto councils = tx.Councils().ListCouncils();
    if (!councils) return tl::unexpected(councils.error());
    if (councils->size() == 1) return councils->front();
  }
  auto found = tx.Councils().FindCouncilByCode(code);
  if (!found) return tl::unexpected(found.error());
  if (!*found) {
    return Fail(ErrorCode::kNotFound,
                "There is no council with the code '" + code.substr(0, 20) + "'");
  }
  return **found;
}

Result<AddedUser> Accounts::AddUser(const Context& ctx, const NewUser& request) {
  std::vector<FieldError> errors;
  const std::string email = NormaliseEmail(request.email);
  if (!PlausibleEmail(email)) {
    errors.push_back({"email",
                      "Enter an email address in the correct format, like "
                      "name@council.gov.uk"});
  }
  std::string name = request.display_name;
  name.erase(0, name.find_first_not_of(" \t"));
  name.erase(name.find_last_not_of(" \t") + 1);
  if (name.empty() || name.size() > 200) {
    errors.push_back({"display_name", "Enter the person's name (200 characters or fewer)"});
  }
  auto roles = ParseRoles(request.roles, &errors);
  if (!request.person_id.empty() && !PersonId::Parse(request.person_id)) {
    errors.push_back({"person_id", "That is not a person record's identifier"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));

  if (auto a = Authorize(store_, clock_, ctx, Action::kUsersManage,
                         Resource::Council(request.council_id), "users", request.council_id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  AddedUser out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto council = Unwrap(tx.Councils().FindCouncil(request.council_id), "council");
    if (!council) return tl::unexpected(council.error());
    out.council_code = council->code;
    const Timestamp now = clock_.Now();
    out.user.council_id = council->id;
    out.user.id = UserId(ids_.Next());
    out.user.email = email;
    out.user.display_name = name;
    out.user.roles = *roles;
    out.user.created_at = now;
    out.user.person_id = request.person_id;
    if (auto c = tx.Access().CreateUser(out.user); !c) {
      if (c.error().code == ErrorCode::kConflict) {
        return FailFields({{"email", "There is already an account with this email address"}});
      }
      return c;
    }
    out.password_link_token = NewSecret();
    out.password_link_expires_at = now + options_.password_link_lifetime;
    if (auto c = tx.Access().CreatePasswordLink(
            {council->id, Sha256Hex(out.password_link_token), out.user.id, now,
             now + options_.password_link_lifetime, std::nullopt});
        !c) {
      return c;
    }
    std::string role_names;
    for (Role r : out.user.roles)
      role_names += std::string(role_names.empty() ? "" : ",") + RoleName(r);
    AuditEntry e = MakeAuditEntry(ctx, council->id, now, "users.create", "user", out.user.id.str(),
                                  AuditOutcome::kAllowed, "added a user with roles " + role_names);
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Status Accounts::SetPasswordWithLink(const Context& ctx, const std::string& council_code,
                                     const std::string& token, const std::string& password) {
  const std::string token_hash = Sha256Hex(token);
  // 1. Is the link usable, and is the password acceptable for its user?
  std::optional<User> user;
  auto checked = store_.Read([&](store::Transaction& tx) -> Status {
    auto council = CouncilByCode(tx, council_code);
    if (!council) return tl::unexpected(LinkNotUsable());
    auto link = tx.Access().FindPasswordLink(council->id, token_hash);
    if (!link) return tl::unexpected(link.error());
    if (!*link || (*link)->used_at || clock_.Now() >= (*link)->expires_at) {
      return tl::unexpected(LinkNotUsable());
    }
    auto found = Unwrap(tx.Access().FindUser(council->id, (*link)->user_id), "user");
    if (!found) return tl::unexpected(found.error());
    if (found->disabled) return tl::unexpected(LinkNotUsable());
    user = std::move(*found);
    return Ok();
  });
  if (!checked) return checked;
  if (auto ok = CheckNewPassword(password, user->email); !ok) return ok;
  // 2. Hash outside any transaction: argon2id is deliberately slow.
  auto hashed = HashPassword(password, options_.hash_strength);
  if (!hashed) return tl::unexpected(hashed.error());
  // 3. Use the link up (exactly once, even when two requests race) and set the password.
  return store_.Write([&](store::Transaction& tx) -> Status {
    const Timestamp now = clock_.Now();
    if (auto used = tx.Access().MarkPasswordLinkUsed(user->council_id, token_hash, now); !used) {
      return used.error().code == ErrorCode::kConflict ? tl::unexpected(LinkNotUsable()) : used;
    }
    auto fresh = Unwrap(tx.Access().FindUser(user->council_id, user->id), "user");
    if (!fresh) return tl::unexpected(fresh.error());
    fresh->password_hash = *hashed;
    fresh->failed_sign_ins = 0;
    fresh->locked_until.reset();
    if (auto s = tx.Access().UpdateUser(*fresh); !s) return s;
    if (auto s = tx.Access().EndSessionsOf(fresh->council_id, fresh->id, now); !s) return s;
    Context as_user = ctx;
    as_user.actor = ActorFor(*fresh);
    AuditEntry e = MakeAuditEntry(as_user, fresh->council_id, now, "account.password.set", "user",
                                  fresh->id.str(), AuditOutcome::kAllowed,
                                  "set a password with a one-time link");
    return tx.Audit().Append(e);
  });
}

Status Accounts::ThrottledByAddress(const std::string& address, Timestamp now) {
  if (address.empty()) return Ok();
  std::lock_guard lock(address_mu_);
  auto it = addresses_.find(address);
  if (it == addresses_.end()) return Ok();
  ThrottleRules rules = options_.throttle;
  rules.free_failures = options_.address_free_failures;
  if (now < NextAttemptAllowedAt(it->second.failures, it->second.last, rules)) {
    return Fail(ErrorCode::kRateLimited,
                "There have been too many attempts to sign in from your connection. Wait a "
                "minute, then try again.");
  }
  return Ok();
}

void Accounts::NoteAddressFailure(const std::string& address, Timestamp now, bool failed) {
  if (address.empty()) return;
  std::lock_guard lock(address_mu_);
  if (!failed) {
    addresses_.erase(address);
    return;
  }
  if (addresses_.size() > 100'000) addresses_.clear();  // bounded memory under a flood
  auto& record = addresses_[address];
  ++record.failures;
  record.last = now;
}

Result<SignedIn> Accounts::SignIn(const Context& ctx, const SignInRequest& request) {
  const Timestamp started = clock_.Now();
  if (auto t = ThrottledByAddress(ctx.client_address, started); !t) {
    return tl::unexpected(t.error());
  }
  const std::string email = NormaliseEmail(request.email);

  // Look the user up, then check the password outside any transaction (argon2id is slow).
  std::optional<User> user;
  auto looked_up = store_.Read([&](store::Transaction& tx) -> Status {
    auto council = CouncilByCode(tx, request.council_code);
    if (!council) return Ok();  // same answer as a wrong password
    auto found = tx.Access().FindUserByEmail(council->id, email);
    if (!found) return tl::unexpected(found.error());
    user = std::move(*found);
    return Ok();
  });
  if (!looked_up) return tl::unexpected(looked_up.error());

  const bool usable = user && user->password_hash.has_value();
  const bool locked = user && user->locked_until && started < *user->locked_until;
  // Always run one argon2id verification so that every path takes about as long.
  const bool password_ok =
      VerifyPassword(request.password, usable && !locked
                                           ? *user->password_hash
                                           : DummyPasswordHash(options_.hash_strength)) &&
      usable && !locked;

  if (!user) {
    NoteAddressFailure(ctx.client_address, started, true);
    return tl::unexpected(SignInFailed());
  }

  SignedIn out;
  Error failure = SignInFailed();
  auto recorded = store_.Write([&](store::Transaction& tx) -> Status {
    auto fresh = Unwrap(tx.Access().FindUser(user->council_id, user->id), "user");
    if (!fresh) return tl::unexpected(fresh.error());
    const Timestamp now = clock_.Now();
    Context as_user = ctx;
    as_user.actor = ActorFor(*fresh);
    if (!password_ok) {
      if (!locked) {
        ++fresh->failed_sign_ins;
        fresh->locked_until =
            fresh->failed_sign_ins >= options_.throttle.lock_after
                ? now + options_.throttle.lock_for
                : NextAttemptAllowedAt(fresh->failed_sign_ins, now, options_.throttle);
        if (fresh->locked_until == now) fresh->locked_until.reset();
        if (auto s = tx.Access().UpdateUser(*fresh); !s) return s;
      }
      AuditEntry e = MakeAuditEntry(as_user, fresh->council_id, now, "account.sign-in", "user",
                                    fresh->id.str(), AuditOutcome::kDenied,
                                    locked ? "attempt while locked" : "wrong password");
      return tx.Audit().Append(e);
    }
    if (fresh->disabled) {
      failure = Error{ErrorCode::kPermissionDenied,
                      "Your account has been turned off. Contact your council's selfdirect "
                      "administrator.",
                      {}};
      AuditEntry e = MakeAuditEntry(as_user, fresh->council_id, now, "account.sign-in", "user",
                                    fresh->id.str(), AuditOutcome::kDenied, "account disabled");
      return tx.Audit().Append(e);
    }
    if (fresh->totp_enabled) {
      const auto step = fresh->totp_secret ? VerifyTotp(*fresh->totp_secret, request.totp_code, now,
                                                        fresh->totp_last_step)
                                           : std::nullopt;
      if (!step) {
        const std::string message = request.totp_code.empty()
                                        ? "Enter the 6-digit code from your authenticator app"
                                        : "The code is not right. Enter the code your "
                                          "authenticator app shows now";
        failure = Error{ErrorCode::kUnauthenticated, message, {{"code", message}}};
        if (!request.totp_code.empty()) {
          ++fresh->failed_sign_ins;
          if (auto s = tx.Access().UpdateUser(*fresh); !s) return s;
        }
        AuditEntry e = MakeAuditEntry(as_user, fresh->council_id, now, "account.sign-in", "user",
                                      fresh->id.str(), AuditOutcome::kDenied,
                                      request.totp_code.empty() ? "code needed" : "wrong code");
        return tx.Audit().Append(e);
      }
      fresh->totp_last_step = *step;
    }
    fresh->failed_sign_ins = 0;
    fresh->locked_until.reset();
    if (auto s = tx.Access().UpdateUser(*fresh); !s) return s;
    const std::string secret = NewSecret();
    out.csrf_token = NewSecret();
    out.cookie_value = SessionCookieValue(fresh->council_id, secret);
    if (auto s = tx.Access().CreateSession({fresh->council_id, Sha256Hex(secret), fresh->id,
                                            out.csrf_token, now, now, std::nullopt});
        !s) {
      return s;
    }
    out.user = *fresh;
    AuditEntry e = MakeAuditEntry(as_user, fresh->council_id, now, "account.sign-in", "user",
                                  fresh->id.str(), AuditOutcome::kAllowed, "signed in");
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  NoteAddressFailure(ctx.client_address, started, out.cookie_value.empty());
  if (out.cookie_value.empty()) return tl::unexpected(failure);
  return out;
}

Result<Authenticated> Accounts::Authenticate(const std::string& cookie_value) {
  auto parts = ParseSessionCookie(cookie_value);
  if (!parts) return Fail(ErrorCode::kUnauthenticated, "Sign in to continue");
  const std::string id_hash = Sha256Hex(parts->secret);
  std::optional<Authenticated> out;
  bool expired = false;
  auto read = store_.Read([&](store::Transaction& tx) -> Status {
    auto session = tx.Access().FindSession(parts->council_id, id_hash);
    if (!session) return tl::unexpected(session.error());
    if (!*session) return Ok();
    const auto state = Evaluate(**session, clock_.Now(), options_.session_rules);
    if (state != SessionState::kActive) {
      expired = state != SessionState::kEnded;
      return Ok();
    }
    auto user = tx.Access().FindUser(parts->council_id, (*session)->user_id);
    if (!user) return tl::unexpected(user.error());
    if (!*user || (*user)->disabled) return Ok();
    out = Authenticated{ActorFor(**user), **session, **user};
    if (options_.require_totp_for_administrators && (*user)->Has(Role::kAdministrator) &&
        !(*user)->totp_enabled) {
      // Until two-step sign-in is on, the account may use everything but administration.
      std::erase(out->actor.roles, Role::kAdministrator);
      out->actor.administrator_needs_totp = true;
      out->must_set_up_totp = true;
    }
    return Ok();
  });
  if (!read) return tl::unexpected(read.error());
  const Timestamp now = clock_.Now();
  if (expired) {
    (void)store_.Write([&](store::Transaction& tx) {
      return tx.Access().EndSession(parts->council_id, id_hash, now);
    });
    return Fail(ErrorCode::kUnauthenticated,
                "You were signed out because you had not done anything for a while. Sign in "
                "again to continue.");
  }
  if (!out) return Fail(ErrorCode::kUnauthenticated, "Sign in to continue");
  // Refresh the idle timer at most once a minute, to keep reads from writing on every request.
  if (now - out->session.last_seen_at >= std::chrono::minutes(1)) {
    auto touched = store_.Write([&](store::Transaction& tx) {
      return tx.Access().TouchSession(parts->council_id, id_hash, now);
    });
    if (!touched) return tl::unexpected(touched.error());
    out->session.last_seen_at = now;
  }
  return std::move(*out);
}

Status Accounts::SignOut(const Context& ctx, const std::string& cookie_value) {
  auto parts = ParseSessionCookie(cookie_value);
  if (!parts) return Ok();  // nothing to end
  return store_.Write([&](store::Transaction& tx) -> Status {
    const Timestamp now = clock_.Now();
    if (auto s = tx.Access().EndSession(parts->council_id, Sha256Hex(parts->secret), now); !s) {
      return s;
    }
    if (!ctx.actor.signed_in()) return Ok();
    AuditEntry e = MakeAuditEntry(ctx, parts->council_id, now, "account.sign-out", "user",
                                  ctx.actor.user_id.str(), AuditOutcome::kAllowed, "signed out");
    return tx.Audit().Append(e);
  });
}

Result<TotpSetup> Accounts::BeginTotpSetup(const Context& ctx) {
  if (auto d = Decide(ctx.actor, Action::kOwnAccount, {}); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  TotpSetup out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto user = Unwrap(tx.Access().FindUser(ctx.actor.council_id, ctx.actor.user_id), "user");
    if (!user) return tl::unexpected(user.error());
    auto council = Unwrap(tx.Councils().FindCouncil(ctx.actor.council_id), "council");
    if (!council) return tl::unexpected(council.error());
    if (user->totp_enabled) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "Two-step sign-in is already on for your account");
    }
    out.secret = NewTotpSecret();
    out.uri = TotpUri("selfdirect (" + council->name + ")", user->email, out.secret);
    user->totp_secret = out.secret;
    if (auto u = tx.Access().UpdateUser(*user); !u) return u;
    AuditEntry e =
        MakeAuditEntry(ctx, user->council_id, clock_.Now(), "account.totp.begin", "user",
                       user->id.str(), AuditOutcome::kAllowed, "began two-step sign-in setup");
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Status Accounts::ConfirmTotp(const Context& ctx, const std::string& code) {
  if (auto d = Decide(ctx.actor, Action::kOwnAccount, {}); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto user = Unwrap(tx.Access().FindUser(ctx.actor.council_id, ctx.actor.user_id), "user");
    if (!user) return tl::unexpected(user.error());
    if (!user->totp_secret || user->totp_enabled) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "Start two-step sign-in setup first, then enter the code your app shows");
    }
    const auto step = VerifyTotp(*user->totp_secret, code, clock_.Now(), user->totp_last_step);
    if (!step) {
      return FailFields({{"code",
                          "The code is not right. Check the app shows selfdirect and "
                          "enter the 6 digits it shows now"}});
    }
    user->totp_enabled = true;
    user->totp_last_step = *step;
    if (auto u = tx.Access().UpdateUser(*user); !u) return u;
    AuditEntry e =
        MakeAuditEntry(ctx, user->council_id, clock_.Now(), "account.totp.enable", "user",
                       user->id.str(), AuditOutcome::kAllowed, "turned on two-step sign-in");
    return tx.Audit().Append(e);
  });
}

Status Accounts::ChangePassword(const Context& ctx, const std::string& cookie_value,
                                const std::string& current_password,
                                const std::string& new_password) {
  if (auto d = Decide(ctx.actor, Action::kOwnAccount, {}); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  auto parts = ParseSessionCookie(cookie_value);
  std::optional<User> user;
  auto read = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = Unwrap(tx.Access().FindUser(ctx.actor.council_id, ctx.actor.user_id), "user");
    if (!found) return tl::unexpected(found.error());
    user = std::move(*found);
    return Ok();
  });
  if (!read) return read;
  if (!user->password_hash || !VerifyPassword(current_password, *user->password_hash)) {
    return FailFields({{"current_password", "Your current password is not right"}});
  }
  if (auto ok = CheckNewPassword(new_password, user->email); !ok) {
    Error e = ok.error();
    for (auto& f : e.fields) f.field = "new_password";
    return tl::unexpected(e);
  }
  auto hashed = HashPassword(new_password, options_.hash_strength);
  if (!hashed) return tl::unexpected(hashed.error());
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto fresh = Unwrap(tx.Access().FindUser(ctx.actor.council_id, ctx.actor.user_id), "user");
    if (!fresh) return tl::unexpected(fresh.error());
    fresh->password_hash = *hashed;
    if (auto s = tx.Access().UpdateUser(*fresh); !s) return s;
    const Timestamp now = clock_.Now();
    const std::string keep = parts ? Sha256Hex(parts->secret) : "";
    if (auto s = tx.Access().EndSessionsOf(fresh->council_id, fresh->id, now, keep); !s) return s;
    AuditEntry e = MakeAuditEntry(ctx, fresh->council_id, now, "account.password.change", "user",
                                  fresh->id.str(), AuditOutcome::kAllowed,
                                  "changed password; other sessions ended");
    return tx.Audit().Append(e);
  });
}

Result<std::vector<User>> Accounts::ListUsers(const Context& ctx, const CouncilId& council) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kUsersManage, Resource::Council(council),
                         "users", council.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<User> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto users = tx.Access().ListUsers(council);
    if (!users) return tl::unexpected(users.error());
    out = std::move(*users);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Status Accounts::DisableUser(const Context& ctx, const CouncilId& council, const UserId& user) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kUsersManage, Resource::Council(council),
                         "user", user.str());
      !a) {
    return a;
  }
  if (ctx.actor.user_id == user) {
    return Fail(ErrorCode::kFailedPrecondition,
                "You cannot turn off your own account. Ask another administrator.");
  }
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto found = Unwrap(tx.Access().FindUser(council, user), "user");
    if (!found) return tl::unexpected(found.error());
    if (found->disabled) return Ok();  // already off: nothing changes, nothing to record
    found->disabled = true;
    const Timestamp now = clock_.Now();
    if (auto s = tx.Access().UpdateUser(*found); !s) return s;
    if (auto s = tx.Access().EndSessionsOf(council, user, now); !s) return s;
    AuditEntry e = MakeAuditEntry(ctx, council, now, "users.disable", "user", user.str(),
                                  AuditOutcome::kAllowed, "turned the account off");
    return tx.Audit().Append(e);
  });
}

Status Accounts::SetRoles(const Context& ctx, const CouncilId& council, const UserId& user,
                          const std::vector<std::string>& role_names) {
  std::vector<FieldError> errors;
  auto roles = ParseRoles(role_names, &errors);
  if (!errors.empty()) return FailFields(std::move(errors));
  if (auto a = Authorize(store_, clock_, ctx, Action::kUsersManage, Resource::Council(council),
                         "user", user.str());
      !a) {
    return a;
  }
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto found = Unwrap(tx.Access().FindUser(council, user), "user");
    if (!found) return tl::unexpected(found.error());
    std::string before = RoleList(ActorFor(*found));
    found->roles = *roles;
    if (auto s = tx.Access().UpdateUser(*found); !s) return s;
    AuditEntry e = MakeAuditEntry(ctx, council, clock_.Now(), "users.roles", "user", user.str(),
                                  AuditOutcome::kAllowed,
                                  "roles " + before + " -> " + RoleList(ActorFor(*found)));
    return tx.Audit().Append(e);
  });
}

Result<Accounts::IssuedToken> Accounts::CreateApiToken(const Context& ctx, const CouncilId& council,
                                                       const UserId& user, const std::string& name,
                                                       const std::vector<std::string>& role_names) {
  std::vector<FieldError> errors;
  std::string label = name;
  label.erase(0, label.find_first_not_of(" \t"));
  label.erase(label.find_last_not_of(" \t") + 1);
  if (label.empty() || label.size() > 200) {
    errors.push_back({"name", "Say what the token is for, for example \"Finance system export\""});
  }
  auto roles = ParseRoles(role_names, &errors);
  if (!errors.empty()) return FailFields(std::move(errors));
  if (auto a = Authorize(store_, clock_, ctx, Action::kUsersManage, Resource::Council(council),
                         "api-token", user.str());
      !a) {
    return tl::unexpected(a.error());
  }
  IssuedToken out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto owner = Unwrap(tx.Access().FindUser(council, user), "user");
    if (!owner) return tl::unexpected(owner.error());
    for (Role r : *roles) {
      if (!owner->Has(r)) {
        return FailFields({{"roles", std::string("The user does not hold the role ") + RoleName(r) +
                                         ", so a token for them cannot either"}});
      }
    }
    const std::string secret = NewSecret();
    const Timestamp now = clock_.Now();
    out.token =
        ApiToken{council, ids_.Next(), Sha256Hex(secret), user, label, *roles, now, std::nullopt};
    out.value = ApiTokenValue(council, secret);
    if (auto c = tx.Access().CreateApiToken(out.token); !c) return c;
    AuditEntry e = MakeAuditEntry(ctx, council, now, "api-tokens.create", "api-token",
                                  out.token.token_id, AuditOutcome::kAllowed,
                                  "issued a token '" + label + "' for user " + user.str());
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<ApiToken>> Accounts::ListApiTokens(const Context& ctx,
                                                      const CouncilId& council) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kUsersManage, Resource::Council(council),
                         "api-tokens", council.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<ApiToken> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto list = tx.Access().ListApiTokens(council);
    if (!list) return tl::unexpected(list.error());
    out = std::move(*list);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Status Accounts::RevokeApiToken(const Context& ctx, const CouncilId& council,
                                const std::string& token_id) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kUsersManage, Resource::Council(council),
                         "api-token", token_id);
      !a) {
    return a;
  }
  return store_.Write([&](store::Transaction& tx) -> Status {
    const Timestamp now = clock_.Now();
    if (auto r = tx.Access().RevokeApiToken(council, token_id, now); !r) return r;
    AuditEntry e = MakeAuditEntry(ctx, council, now, "api-tokens.revoke", "api-token", token_id,
                                  AuditOutcome::kAllowed, "revoked");
    return tx.Audit().Append(e);
  });
}

Result<Actor> Accounts::AuthenticateToken(const std::string& value) {
  auto parts = ParseApiToken(value);
  if (!parts) return Fail(ErrorCode::kUnauthenticated, "The API token is not valid");
  std::optional<Actor> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto token = tx.Access().FindApiTokenByHash(parts->council_id, Sha256Hex(parts->secret));
    if (!token) return tl::unexpected(token.error());
    if (!*token || (*token)->revoked_at) return Ok();
    auto user = tx.Access().FindUser(parts->council_id, (*token)->user_id);
    if (!user) return tl::unexpected(user.error());
    if (!*user || (*user)->disabled) return Ok();
    Actor actor{parts->council_id, (*user)->id, {}, true};
    for (Role r : (*token)->roles) {
      if ((*user)->Has(r)) actor.roles.push_back(r);
    }
    out = std::move(actor);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (!out) return Fail(ErrorCode::kUnauthenticated, "The API token is not valid or was revoked");
  return *out;
}

Result<Relationship> Accounts::RelationshipTo(store::Transaction& tx, const Actor& actor,
                                              const PersonId& person) {
  return app::RelationshipTo(tx, actor, person, clock_.Today());
}

Status Accounts::AuthorizeOnPerson(const Context& ctx, Action action, const PersonId& person) {
  return app::AuthorizeOnPerson(store_, clock_, ctx, action, person);
}

Result<std::vector<GrantView>> Accounts::ListGrants(const Context& ctx, const PersonId& person) {
  if (auto a = AuthorizeOnPerson(ctx, Action::kGrantsRead, person); !a) {
    return tl::unexpected(a.error());
  }
  std::vector<GrantView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto relationship = RelationshipTo(tx, ctx.actor, person);
    if (!relationship) return tl::unexpected(relationship.error());
    auto grants = tx.Access().GrantsForPerson(ctx.actor.council_id, person);
    if (!grants) return tl::unexpected(grants.error());
    for (const auto& g : *grants) {
      // A representative sees their own grants, not who else can look.
      if (!relationship->self && !relationship->in_caseload && g.grantee != ctx.actor.user_id) {
        continue;
      }
      GrantView v{g, "", "", g.ActiveOn(clock_.Today())};
      auto grantee = tx.Access().FindUser(g.council_id, g.grantee);
      if (grantee && *grantee) {
        v.grantee_name = (*grantee)->display_name;
        v.grantee_email = (*grantee)->email;
      }
      out.push_back(std::move(v));
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  // Every read of a person's data is recorded, and shows on their "who has seen my record".
  auto recorded = store_.Write([&](store::Transaction& tx) {
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "grants.read", "person",
                                  person.str(), AuditOutcome::kAllowed, "looked at who has access");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  return out;
}

Result<AccessGrant> Accounts::GrantAccess(const Context& ctx, const PersonId& person,
                                          const NewGrant& request) {
  std::vector<FieldError> errors;
  std::vector<GrantScope> scopes;
  for (const auto& name : request.scopes) {
    if (auto s = ParseGrantScope(name)) {
      scopes.push_back(*s);
    } else {
      errors.push_back({"scopes", "Choose what they may do: view, manage-money or write-plan"});
    }
  }
  if (request.scopes.empty()) errors.push_back({"scopes", "Choose at least one thing they may do"});
  auto ends = ParseIsoDate(request.ends_on);
  const Date today = clock_.Today();
  if (!ends) {
    errors.push_back({"ends_on", "Enter the last day the access works, like 2027-03-31"});
  } else if (date::sys_days{*ends} < date::sys_days{today}) {
    errors.push_back({"ends_on", "The last day must be today or later"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));

  if (auto a = AuthorizeOnPerson(ctx, Action::kGrantsManage, person); !a) {
    return tl::unexpected(a.error());
  }
  AccessGrant grant;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto relationship = RelationshipTo(tx, ctx.actor, person);
    if (!relationship) return tl::unexpected(relationship.error());
    const Decision d = Decide(ctx.actor, Action::kGrantsManage,
                              Resource::Person(ctx.actor.council_id, person, *relationship));
    if (!d.allowed()) return tl::unexpected(d.AsError());  // changed since the check above
    if (!relationship->self && request.reason.find_first_not_of(" \t") == std::string::npos) {
      return FailFields({{"reason",
                          "Say why you are giving this access (for example, the "
                          "person asked for it at their review)"}});
    }
    auto grantee =
        tx.Access().FindUserByEmail(ctx.actor.council_id, NormaliseEmail(request.grantee_email));
    if (!grantee) return tl::unexpected(grantee.error());
    if (!*grantee || (*grantee)->disabled || !(*grantee)->Has(Role::kRepresentative)) {
      return FailFields({{"grantee_email",
                          "There is no representative's account with that email address. Ask "
                          "the council to set one up first"}});
    }
    const Timestamp now = clock_.Now();
    grant = AccessGrant{ctx.actor.council_id, ids_.Next(),    person, (*grantee)->id, scopes, *ends,
                        ctx.actor.user_id,    request.reason, now,    std::nullopt};
    if (auto c = tx.Access().CreateGrant(grant); !c) return c;
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, now, "grants.create", "grant",
                                  grant.grant_id, AuditOutcome::kAllowed,
                                  "gave " + JoinScopes(scopes) + " until " + FormatIsoDate(*ends));
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return grant;
}

Status Accounts::RevokeGrant(const Context& ctx, const PersonId& person,
                             const std::string& grant_id) {
  if (auto a = AuthorizeOnPerson(ctx, Action::kGrantsManage, person); !a) return a;
  return store_.Write([&](store::Transaction& tx) -> Status {
    const Timestamp now = clock_.Now();
    if (auto r = tx.Access().RevokeGrant(ctx.actor.council_id, person, grant_id, now); !r) {
      return r;
    }
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, now, "grants.revoke", "grant",
                                  grant_id, AuditOutcome::kAllowed, "took access away");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
}

Result<std::vector<PersonHelped>> Accounts::PeopleIHelp(const Context& ctx) {
  if (auto d = Decide(ctx.actor, Action::kOwnAccount, {}); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  std::vector<PersonHelped> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto grants = tx.Access().GrantsHeldBy(ctx.actor.council_id, ctx.actor.user_id);
    if (!grants) return tl::unexpected(grants.error());
    const Date today = clock_.Today();
    for (const AccessGrant& g : *grants) {
      if (!g.ActiveOn(today)) continue;
      auto existing = std::find_if(out.begin(), out.end(),
                                   [&](const PersonHelped& p) { return p.person == g.person_id; });
      if (existing != out.end()) {  // two grants to one person: what both allow, the later end
        for (GrantScope scope : g.scopes) {
          if (std::find(existing->scopes.begin(), existing->scopes.end(), scope) ==
              existing->scopes.end()) {
            existing->scopes.push_back(scope);
          }
        }
        if (DaysBetween(existing->ends_on, g.ends_on) > 0) existing->ends_on = g.ends_on;
        continue;
      }
      auto person = tx.Casework().FindPerson(ctx.actor.council_id, g.person_id);
      if (!person) return tl::unexpected(person.error());
      if (!*person) continue;
      out.push_back({g.person_id, (*person)->person.FullName(), g.scopes, g.ends_on});
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<RecordView>> Accounts::RecordViews(const Context& ctx) {
  if (auto d = Decide(ctx.actor, Action::kOwnAccount, {}); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  std::string person_id;
  auto me = store_.Read([&](store::Transaction& tx) -> Status {
    auto user = Unwrap(tx.Access().FindUser(ctx.actor.council_id, ctx.actor.user_id), "user");
    if (!user) return tl::unexpected(user.error());
    person_id = user->person_id;
    return Ok();
  });
  if (!me) return tl::unexpected(me.error());
  if (person_id.empty()) {
    return Fail(ErrorCode::kNotFound,
                "Your account is not linked to a person's record, so there is nothing to show");
  }
  if (auto a = AuthorizeOnPerson(ctx, Action::kRecordViewsRead, PersonId(person_id)); !a) {
    return tl::unexpected(a.error());
  }
  std::vector<RecordView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    const std::string& my_person = person_id;
    auto entries = tx.Audit().Search(
        {.council_id = ctx.actor.council_id, .subject_person_id = my_person, .limit = 500});
    if (!entries) return tl::unexpected(entries.error());
    for (const auto& e : *entries) {
      // The person's own looks at their own record are recorded, but not shown back to them.
      if (e.actor_user_id == ctx.actor.user_id.str() && e.action.ends_with(".read")) continue;
      RecordView v{e.at, "An unknown user", e.actor_roles, e.action, AuditOutcomeName(e.outcome)};
      if (e.actor_user_id.empty()) {
        v.who = "The system";
      } else if (auto who = UserId::Parse(e.actor_user_id)) {
        auto found = tx.Access().FindUser(ctx.actor.council_id, *who);
        if (found && *found) v.who = (*found)->display_name;
      }
      out.push_back(std::move(v));
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<User> Accounts::FindUserByEmail(const Context& ctx, const std::string& council_code,
                                       const std::string& email) {
  std::optional<User> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto council = CouncilByCode(tx, council_code);
    if (!council) return tl::unexpected(council.error());
    if (auto d = Decide(ctx.actor, Action::kUsersManage, Resource::Council(council->id));
        !d.allowed()) {
      return tl::unexpected(d.AsError());
    }
    auto found = Unwrap(tx.Access().FindUserByEmail(council->id, NormaliseEmail(email)), "user");
    if (!found) return tl::unexpected(found.error());
    out = std::move(*found);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return *out;
}

Result<std::vector<AuditCheck>> Accounts::VerifyAudit(const Context& ctx) {
  std::vector<AuditCheck> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto councils = tx.Audit().CouncilsWithEntries();
    if (!councils) return tl::unexpected(councils.error());
    for (const auto& council : *councils) {
      if (!Decide(ctx.actor, Action::kAuditRead, Resource::Council(council)).allowed()) continue;
      ChainVerifier verifier;
      if (auto scan = tx.Audit().Scan(council, [&](const AuditEntry& e) { verifier.Add(e); });
          !scan) {
        return scan;
      }
      out.push_back({council, verifier.checked(), verifier.first_break()});
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<AuditEntry>> Accounts::SearchAudit(const Context& ctx, const AuditQuery& query) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kAuditRead,
                         Resource::Council(query.council_id), "audit", query.council_id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<AuditEntry> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    AuditQuery bounded = query;
    bounded.limit = std::clamp(query.limit, 1, 500);
    auto found = tx.Audit().Search(bounded);
    if (!found) return tl::unexpected(found.error());
    out = std::move(*found);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

}  // namespace selfdirect::app
