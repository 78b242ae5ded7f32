#include "selfdirect/store/sqlite_access.h"

#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using selfdirect::testing::TempDir;

class SqliteAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*Database::Open({.path = dir_.File("a.db")}));
    ASSERT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
    council_ = Council{CouncilId(ids_.Next()), "E09000033", "Westminster", clock_.Now()};
    ASSERT_TRUE(
        store_->Write([&](Transaction& tx) { return tx.Councils().CreateCouncil(council_); }));
  }

  User MakeUser(const std::string& email, std::vector<Role> roles) {
    User u;
    u.council_id = council_.id;
    u.id = UserId(ids_.Next());
    u.email = email;
    u.display_name = "Name";
    u.roles = std::move(roles);
    u.created_at = clock_.Now();
    return u;
  }

  template <typename F>
  void InWrite(F f) {
    auto s = store_->Write([&](Transaction& tx) -> Status { return f(tx); });
    ASSERT_TRUE(s) << s.error().message;
  }

  TempDir dir_;
  FixedClock clock_{ParseTimestamp("2026-11-22T09:00:00.000Z").value()};
  UlidGenerator ids_{clock_};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
  Council council_;
};

TEST_F(SqliteAccessTest, Users_RoundTripWithRolesAndUpdates) {
  User u = MakeUser("jo@council.example", {Role::kAssessor, Role::kApprover});
  InWrite([&](Transaction& tx) { return tx.Access().CreateUser(u); });
  u.roles = {Role::kAdministrator};
  u.password_hash = "$argon2id$x";
  u.failed_sign_ins = 2;
  u.locked_until = clock_.Now() + std::chrono::minutes(15);
  InWrite([&](Transaction& tx) { return tx.Access().UpdateUser(u); });
  InWrite([&](Transaction& tx) -> Status {
    auto found = tx.Access().FindUserByEmail(council_.id, "jo@council.example");
    EXPECT_TRUE(found && *found);
    EXPECT_EQ((*found)->roles, std::vector<Role>{Role::kAdministrator});
    EXPECT_EQ((*found)->password_hash, "$argon2id$x");
    EXPECT_EQ((*found)->failed_sign_ins, 2);
    EXPECT_EQ((*found)->locked_until, u.locked_until);
    auto list = tx.Access().ListUsers(council_.id);
    EXPECT_EQ(list->size(), 1u);
    EXPECT_EQ(list->front().roles.size(), 1u);
    return Ok();
  });
}

TEST_F(SqliteAccessTest, Users_EmailIsUniqueWithinACouncil) {
  InWrite([&](Transaction& tx) { return tx.Access().CreateUser(MakeUser("a@x.example", {})); });
  auto dup = store_->Write(
      [&](Transaction& tx) { return tx.Access().CreateUser(MakeUser("a@x.example", {})); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteAccessTest, Users_AnotherCouncilsUserIsNotFound) {
  User u = MakeUser("a@x.example", {});
  InWrite([&](Transaction& tx) { return tx.Access().CreateUser(u); });
  InWrite([&](Transaction& tx) -> Status {
    EXPECT_FALSE(tx.Access().FindUser(CouncilId(ids_.Next()), u.id)->has_value());
    return Ok();
  });
}

TEST_F(SqliteAccessTest, Sessions_EndOnceAndAllAtOnce) {
  User u = MakeUser("a@x.example", {});
  const std::string h1(64, 'a'), h2(64, 'b');
  InWrite([&](Transaction& tx) -> Status {
    if (auto s = tx.Access().CreateUser(u); !s) return s;
    for (const auto& h : {h1, h2}) {
      if (auto s = tx.Access().CreateSession(
              {council_.id, h, u.id, "csrf", clock_.Now(), clock_.Now(), std::nullopt});
          !s) {
        return s;
      }
    }
    return tx.Access().EndSessionsOf(council_.id, u.id, clock_.Now());
  });
  InWrite([&](Transaction& tx) -> Status {
    EXPECT_TRUE((*tx.Access().FindSession(council_.id, h1))->ended_at.has_value());
    EXPECT_TRUE((*tx.Access().FindSession(council_.id, h2))->ended_at.has_value());
    return Ok();
  });
}

TEST_F(SqliteAccessTest, PasswordLinks_CanBeUsedOnlyOnce) {
  User u = MakeUser("a@x.example", {});
  const std::string h(64, 'c');
  InWrite([&](Transaction& tx) -> Status {
    if (auto s = tx.Access().CreateUser(u); !s) return s;
    return tx.Access().CreatePasswordLink(
        {council_.id, h, u.id, clock_.Now(), clock_.Now() + std::chrono::hours(72), std::nullopt});
  });
  InWrite([&](Transaction& tx) {
    return tx.Access().MarkPasswordLinkUsed(council_.id, h, clock_.Now());
  });
  auto again = store_->Write([&](Transaction& tx) {
    return tx.Access().MarkPasswordLinkUsed(council_.id, h, clock_.Now());
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteAccessTest, Audit_AppendsAChainThatVerifiesAndCannotBeChangedThroughSql) {
  for (int i = 0; i < 5; ++i) {
    InWrite([&](Transaction& tx) {
      AuditEntry e;
      e.council_id = council_.id;
      e.at = clock_.Now();
      e.action = "test";
      e.resource_type = "thing";
      e.resource_id = std::to_string(i);
      e.subject_person_id = i == 3 ? "PERSON" : "";
      return tx.Audit().Append(e);
    });
  }
  ChainVerifier verifier;
  InWrite([&](Transaction& tx) {
    return tx.Audit().Scan(council_.id, [&](const AuditEntry& e) { verifier.Add(e); });
  });
  EXPECT_EQ(verifier.checked(), 5);
  EXPECT_FALSE(verifier.first_break().has_value());

  auto update =
      db_->Write([](Connection& c) { return c.Execute("UPDATE audit_log SET summary = 'x'"); });
  EXPECT_FALSE(update);
  auto del = db_->Write([](Connection& c) { return c.Execute("DELETE FROM audit_log"); });
  EXPECT_FALSE(del);

  InWrite([&](Transaction& tx) -> Status {
    auto about = tx.Audit().Search({.council_id = council_.id, .subject_person_id = "PERSON"});
    EXPECT_EQ(about->size(), 1u);
    EXPECT_EQ(about->front().resource_id, "3");
    auto latest = tx.Audit().Search({.council_id = council_.id, .limit = 2});
    EXPECT_EQ(latest->size(), 2u);
    EXPECT_EQ(latest->front().seq, 5);
    return Ok();
  });
}

}  // namespace
}  // namespace selfdirect::store
