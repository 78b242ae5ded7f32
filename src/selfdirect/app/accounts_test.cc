#include "selfdirect/app/accounts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/access/totp.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

const std::string kPassword = "correct horse battery staple";

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() {
    council_ = t_.AddCouncil("E09000033", "Westminster");
    admin_ = t_.AddUser(council_, "admin@w.example", {"administrator"});
  }

  Result<SignedIn> SignIn(const std::string& email, const std::string& password,
                          const std::string& address = "192.0.2.1", const std::string& code = "") {
    return t_.accounts().SignIn(Context{Actor::Anonymous(), "req", address},
                                {"E09000033", email, password, code});
  }

  std::string CodeNow(const std::string& secret) {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(t_.clock().Now().time_since_epoch())
            .count();
    return TotpCode(*DecodeBase32(secret), seconds);
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  std::vector<AuditEntry> Audit() {
    auto entries = t_.accounts().SearchAudit(Context::Operator("t"),
                                             {.council_id = council_.id, .limit = 500});
    return entries.value();
  }

  testing::TestApp t_;
  Council council_;
  User admin_;
};

TEST_F(AccountsTest, SignIn_StartsASessionThatAuthenticates) {
  auto s = SignIn("Admin@W.example ", kPassword);
  ASSERT_TRUE(s) << s.error().message;
  auto who = t_.accounts().Authenticate(s->cookie_value);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->actor.user_id, admin_.id);
  EXPECT_TRUE(who->actor.Has(Role::kAdministrator));
  EXPECT_EQ(who->session.csrf_token, s->csrf_token);
  // Each sign-in makes a new session id.
  auto again = SignIn("admin@w.example", kPassword);
  EXPECT_NE(again->cookie_value, s->cookie_value);
}

TEST_F(AccountsTest, SignIn_UnknownUserAndWrongPasswordGetTheSameAnswer) {
  auto unknown = SignIn("nobody@w.example", kPassword);
  auto wrong = SignIn("admin@w.example", "not the password at all");
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
}

TEST_F(AccountsTest, SignIn_RepeatedFailuresDelayThenLockTheAccount) {
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(SignIn("admin@w.example", "wrong wrong wrong"));
  // Now a delay applies: even the right password is refused until it passes.
  EXPECT_FALSE(SignIn("admin@w.example", kPassword));
  t_.clock().Advance(std::chrono::seconds(3));
  EXPECT_TRUE(SignIn("admin@w.example", kPassword)) << "a success resets the count";

  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(SignIn("admin@w.example", "wrong wrong wrong"));
    t_.clock().Advance(std::chrono::seconds(61));
  }
  auto locked = SignIn("admin@w.example", kPassword);
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().message, SignIn("nobody@w.example", "x").error().message);
  t_.clock().Advance(std::chrono::minutes(16));
  EXPECT_TRUE(SignIn("admin@w.example", kPassword));
}

TEST_F(AccountsTest, SignIn_OneAddressTryingManyAccountsIsSlowedDown) {
  Result<SignedIn> last = SignIn("a@w.example", "x", "198.51.100.7");
  for (int i = 0; i < 25; ++i)
    last = SignIn("user" + std::to_string(i) + "@w.example", "x", "198.51.100.7");
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code, ErrorCode::kRateLimited);
  // Another address is not affected.
  EXPECT_TRUE(SignIn("admin@w.example", kPassword, "203.0.113.9"));
}

TEST_F(AccountsTest, DisabledUsersCannotSignInAndLoseTheirSessions) {
  const User jo = t_.AddUser(council_, "jo@w.example", {"assessor"});
  auto session = SignIn("jo@w.example", kPassword);
  ASSERT_TRUE(session);
  ASSERT_TRUE(t_.accounts().DisableUser(As(admin_), council_.id, jo.id));
  EXPECT_FALSE(t_.accounts().Authenticate(session->cookie_value));
  auto again = SignIn("jo@w.example", kPassword);
  ASSERT_FALSE(again);
  EXPECT_THAT(again.error().message, HasSubstr("turned off"));
  EXPECT_FALSE(t_.accounts().DisableUser(As(admin_), council_.id, admin_.id))
      << "an administrator cannot lock themselves out";
}

TEST_F(AccountsTest, Sessions_ExpireWhenIdleAndAfterTwelveHours) {
  auto s = SignIn("admin@w.example", kPassword);
  t_.clock().Advance(std::chrono::minutes(29));
  EXPECT_TRUE(t_.accounts().Authenticate(s->cookie_value));
  t_.clock().Advance(std::chrono::minutes(31));
  auto idle = t_.accounts().Authenticate(s->cookie_value);
  ASSERT_FALSE(idle);
  EXPECT_THAT(idle.error().message, HasSubstr("signed out"));

  auto busy = SignIn("admin@w.example", kPassword);
  for (int i = 0; i < 12 * 3; ++i) {  // active every 20 minutes for 12 hours
    t_.clock().Advance(std::chrono::minutes(20));
    if (i < 35) {
      EXPECT_TRUE(t_.accounts().Authenticate(busy->cookie_value)) << i;
    }
  }
  EXPECT_FALSE(t_.accounts().Authenticate(busy->cookie_value));
}

TEST_F(AccountsTest, SignOut_EndsTheSessionServerSide) {
  auto s = SignIn("admin@w.example", kPassword);
  ASSERT_TRUE(t_.accounts().SignOut(As(admin_), s->cookie_value));
  EXPECT_FALSE(t_.accounts().Authenticate(s->cookie_value));
}

TEST_F(AccountsTest, PasswordLinks_WorkOnceAndExpire) {
  auto added = t_.accounts().AddUser(
      As(admin_), {council_.id, "new@w.example", "New Person", {"assessor", "approver"}});
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_FALSE(added->user.password_hash);
  auto weak = t_.accounts().SetPasswordWithLink({}, "E09000033", added->password_link_token,
                                                "password1234");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().fields.at(0).field, "password");
  ASSERT_TRUE(t_.accounts().SetPasswordWithLink({}, "E09000033", added->password_link_token,
                                                "blue tractor morning"));
  auto reused = t_.accounts().SetPasswordWithLink({}, "E09000033", added->password_link_token,
                                                  "another good phrase");
  ASSERT_FALSE(reused);
  EXPECT_THAT(reused.error().message, HasSubstr("expired or has already been used"));
  EXPECT_TRUE(SignIn("new@w.example", "blue tractor morning"));

  auto late =
      t_.accounts().AddUser(As(admin_), {council_.id, "late@w.example", "Late", {"analyst"}});
  t_.clock().Advance(std::chrono::hours(73));
  EXPECT_FALSE(t_.accounts().SetPasswordWithLink({}, "E09000033", late->password_link_token,
                                                 "blue tractor morning"));
}

TEST_F(AccountsTest, AddUser_ValidatesEveryFieldAndOnlyAdministratorsMayAdd) {
  auto bad = t_.accounts().AddUser(As(admin_), {council_.id, "not an email", "", {"wizard"}});
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("email", "display_name", "roles"));

  const User jo = t_.AddUser(council_, "jo@w.example", {"assessor"});
  auto denied = t_.accounts().AddUser(As(jo), {council_.id, "x@w.example", "X", {"auditor"}});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);

  const Council other = t_.AddCouncil("E08000025", "Birmingham");
  auto elsewhere = t_.accounts().AddUser(As(admin_), {other.id, "x@b.example", "X", {"auditor"}});
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);
}

TEST_F(AccountsTest, ChangePassword_NeedsTheCurrentOneAndEndsOtherSessions) {
  auto here = SignIn("admin@w.example", kPassword);
  auto there = SignIn("admin@w.example", kPassword);
  auto wrong =
      t_.accounts().ChangePassword(As(admin_), here->cookie_value, "nope", "purple kettle river");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().fields.at(0).field, "current_password");
  ASSERT_TRUE(t_.accounts().ChangePassword(As(admin_), here->cookie_value, kPassword,
                                           "purple kettle river"));
  EXPECT_TRUE(t_.accounts().Authenticate(here->cookie_value));
  EXPECT_FALSE(t_.accounts().Authenticate(there->cookie_value));
  EXPECT_TRUE(SignIn("admin@w.example", "purple kettle river"));
}

TEST_F(AccountsTest, EveryChangeAndEveryDenialIsAudited) {
  const User jo = t_.AddUser(council_, "jo@w.example", {"assessor"});
  (void)SignIn("jo@w.example", "wrong password here");
  (void)t_.accounts().ListUsers(As(jo), council_.id);  // denied: not an administrator
  std::vector<std::string> seen;
  for (const auto& e : Audit()) seen.push_back(e.action + ":" + AuditOutcomeName(e.outcome));
  EXPECT_THAT(seen, ::testing::IsSupersetOf({"councils.create:allowed", "users.create:allowed",
                                             "account.password.set:allowed",
                                             "account.sign-in:denied", "users.manage:denied"}));
  auto checks = t_.accounts().VerifyAudit(Context::Operator("t"));
  ASSERT_TRUE(checks);
  ASSERT_EQ(checks->size(), 1u);
  EXPECT_FALSE(checks->front().first_break);
  EXPECT_GE(checks->front().entries, 7);
}

TEST_F(AccountsTest, TwoStepSignIn_NeedsACodeFromTheAppEachTimeAndNeverTheSameCodeTwice) {
  auto setup = t_.accounts().BeginTotpSetup(As(admin_));
  ASSERT_TRUE(setup) << setup.error().message;
  EXPECT_THAT(setup->uri, HasSubstr("otpauth://totp/"));
  // Not in force until confirmed.
  EXPECT_TRUE(SignIn("admin@w.example", kPassword));
  auto wrong = t_.accounts().ConfirmTotp(As(admin_), "000000");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().fields.at(0).field, "code");
  ASSERT_TRUE(t_.accounts().ConfirmTotp(As(admin_), CodeNow(setup->secret)));

  t_.clock().Advance(std::chrono::seconds(30));
  auto no_code = SignIn("admin@w.example", kPassword);
  ASSERT_FALSE(no_code);
  EXPECT_EQ(no_code.error().fields.at(0).field, "code");
  const std::string code = CodeNow(setup->secret);
  EXPECT_TRUE(SignIn("admin@w.example", kPassword, "192.0.2.1", code));
  EXPECT_FALSE(SignIn("admin@w.example", kPassword, "192.0.2.1", code)) << "a code works once";
  EXPECT_FALSE(SignIn("admin@w.example", "wrong password", "192.0.2.1", CodeNow(setup->secret)));
}

TEST_F(AccountsTest, Administrators_CannotAdministerUntilTwoStepSignInIsOn_WhenRequired) {
  AccountsOptions options;
  options.hash_strength = HashStrength::kMinimum;
  options.require_totp_for_administrators = true;
  UlidGenerator ids(t_.clock());
  Accounts strict(t_.store(), t_.clock(), ids, options);
  auto s = strict.SignIn({}, {"E09000033", "admin@w.example", kPassword, ""});
  ASSERT_TRUE(s);
  auto who = strict.Authenticate(s->cookie_value);
  ASSERT_TRUE(who);
  EXPECT_TRUE(who->must_set_up_totp);
  EXPECT_FALSE(who->actor.Has(Role::kAdministrator));
  // Refused administration says why, and what to do.
  auto refused = strict.ListUsers(Context{who->actor, "r", ""}, who->actor.council_id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(refused.error().message, HasSubstr("Set up two-step sign-in"));
  auto setup = strict.BeginTotpSetup(Context{who->actor, "r", ""});
  ASSERT_TRUE(strict.ConfirmTotp(Context{who->actor, "r", ""}, CodeNow(setup->secret)));
  auto after = strict.Authenticate(s->cookie_value);
  EXPECT_FALSE(after->must_set_up_totp);
  EXPECT_TRUE(after->actor.Has(Role::kAdministrator));
}

TEST_F(AccountsTest, PeopleIHelp_ListsThoseWhoGaveMeAccessUntilItEnds) {
  const PersonId person("01JD00000000000000000PER52");
  ASSERT_TRUE(t_.store().Write([&](store::Transaction& tx) -> Status {
    casework::Person p;
    p.council = council_.id;
    p.id = person;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = *ParseIsoDate("1948-03-27");
    p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
    p.ethnicity = "Z";
    p.has_unpaid_carer = "not_known";
    p.created_at = t_.clock().Now();
    return tx.Casework().CreatePerson(p, {});
  }));
  auto holder = t_.accounts().AddUser(
      Context::Operator("t"),
      {council_.id, "holder2@w.example", "Holder", {"budget-holder"}, person.str()});
  ASSERT_TRUE(holder);
  const User rep = t_.AddUser(council_, "rep2@w.example", {"representative"});
  EXPECT_TRUE(t_.accounts().PeopleIHelp(As(rep))->empty());
  ASSERT_TRUE(t_.accounts().GrantAccess(As(holder->user), person,
                                        {"rep2@w.example", {"view"}, "2026-12-31", ""}));
  ASSERT_TRUE(t_.accounts().GrantAccess(As(holder->user), person,
                                        {"rep2@w.example", {"write-plan"}, "2027-01-31", ""}));
  auto people = t_.accounts().PeopleIHelp(As(rep));
  ASSERT_TRUE(people.has_value()) << people.error().message;
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ(people->front().full_name, "Ada Okafor");
  EXPECT_EQ(people->front().scopes.size(), 2u);
  EXPECT_EQ(FormatIsoDate(people->front().ends_on), "2027-01-31");
  EXPECT_TRUE(t_.accounts().PeopleIHelp(As(holder->user))->empty());
  t_.clock().Advance(std::chrono::hours(24 * 80));
  EXPECT_TRUE(t_.accounts().PeopleIHelp(As(rep))->empty());
  EXPECT_EQ(t_.accounts().PeopleIHelp(Context{Actor::Anonymous(), "r", ""}).error().code,
            ErrorCode::kUnauthenticated);
}

TEST_F(AccountsTest, Grants_GivenByThePersonOrTheirSocialWorkerWithAReasonAndTheyEnd) {
  const PersonId person("01JD00000000000000000PER51");
  auto holder_added = t_.accounts().AddUser(
      Context::Operator("t"),
      {council_.id, "holder@w.example", "Holder", {"budget-holder"}, person.str()});
  ASSERT_TRUE(holder_added);
  const User holder = holder_added->user;
  const User rep = t_.AddUser(council_, "rep@w.example", {"representative"});
  const User worker = t_.AddUser(council_, "sw@w.example", {"assessor"});
  const User stranger = t_.AddUser(council_, "other@w.example", {"commissioner"});

  auto bad =
      t_.accounts().GrantAccess(As(holder), person, {"rep@w.example", {"spy"}, "2020-01-01", ""});
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("scopes", "ends_on"));

  auto not_rep = t_.accounts().GrantAccess(As(holder), person,
                                           {"other@w.example", {"view"}, "2026-12-31", ""});
  ASSERT_FALSE(not_rep);
  EXPECT_EQ(not_rep.error().fields.at(0).field, "grantee_email");

  auto no_reason =
      t_.accounts().GrantAccess(As(worker), person, {"rep@w.example", {"view"}, "2026-12-31", ""});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().fields.at(0).field, "reason");

  auto stranger_try = t_.accounts().GrantAccess(As(stranger), person,
                                                {"rep@w.example", {"view"}, "2026-12-31", "x"});
  ASSERT_FALSE(stranger_try);
  EXPECT_EQ(stranger_try.error().code, ErrorCode::kNotFound);

  auto grant = t_.accounts().GrantAccess(
      As(holder), person,
      {"rep@w.example", {"view", "manage-money"}, "2026-12-31", "my daughter helps me"});
  ASSERT_TRUE(grant) << grant.error().message;
  auto seen_by_rep = t_.accounts().ListGrants(As(rep), person);
  ASSERT_TRUE(seen_by_rep);
  ASSERT_EQ(seen_by_rep->size(), 1u);
  EXPECT_TRUE(seen_by_rep->front().active);

  // After the end date the representative has no standing at all.
  t_.clock().Advance(std::chrono::hours(24 * 40));
  auto expired = t_.accounts().ListGrants(As(rep), person);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(t_.accounts().RevokeGrant(As(holder), person, grant->grant_id));
  auto listed = t_.accounts().ListGrants(As(holder), person);
  EXPECT_TRUE(listed->front().grant.revoked_at.has_value());
}

TEST_F(AccountsTest, WhoHasSeenMyRecord_ListsLooksAndChangesWithNames) {
  const PersonId person("01JD00000000000000000PER51");
  auto holder =
      t_.accounts()
          .AddUser(Context::Operator("t"),
                   {council_.id, "holder@w.example", "Holder", {"budget-holder"}, person.str()})
          ->user;
  const User rep = t_.AddUser(council_, "rep@w.example", {"representative"});
  ASSERT_TRUE(
      t_.accounts().GrantAccess(As(holder), person, {"rep@w.example", {"view"}, "2026-12-31", ""}));
  (void)t_.accounts().ListGrants(As(t_.AddUser(council_, "nosy@w.example", {"analyst"})),
                                 person);  // a denied look is recorded too
  auto views = t_.accounts().RecordViews(As(holder));
  ASSERT_TRUE(views) << views.error().message;
  std::vector<std::string> seen;
  for (const auto& v : *views) seen.push_back(v.who + ":" + v.action + ":" + v.outcome);
  ASSERT_TRUE(t_.accounts().ListGrants(As(rep), person));     // a permitted look is recorded
  ASSERT_TRUE(t_.accounts().ListGrants(As(holder), person));  // recorded, not shown back
  views = t_.accounts().RecordViews(As(holder));
  seen.clear();
  for (const auto& v : *views) seen.push_back(v.who + ":" + v.action + ":" + v.outcome);
  EXPECT_THAT(seen, ::testing::IsSupersetOf({"Holder:grants.create:allowed",
                                             "Test nosy@w.example:grants.read:denied",
                                             "Test rep@w.example:grants.read:allowed"}));
  EXPECT_THAT(seen, ::testing::Not(::testing::Contains("Holder:grants.read:allowed")));
  auto not_linked = t_.accounts().RecordViews(As(rep));
  ASSERT_FALSE(not_linked);
  EXPECT_THAT(not_linked.error().message, HasSubstr("not linked"));
}

TEST_F(AccountsTest, OnlyAuditorsSearchTheAuditLog) {
  const User auditor = t_.AddUser(council_, "audit@w.example", {"auditor"});
  EXPECT_TRUE(t_.accounts().SearchAudit(As(auditor), {.council_id = council_.id}));
  auto denied = t_.accounts().SearchAudit(As(admin_), {.council_id = council_.id});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace selfdirect::app
