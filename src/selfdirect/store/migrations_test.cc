#include "selfdirect/store/migrations.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using selfdirect::testing::TempDir;

const FixedClock kClock(ParseTimestamp("2026-11-22T09:00:00.000Z").value());

TEST(Migrations, EmbeddedMigrationsAreNumberedFromOneWithoutGaps) {
  const auto& all = EmbeddedMigrations();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].version, static_cast<int>(i) + 1);
}

TEST(Migrations, Migrate_AppliesPendingOnceAndRecordsThem) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  auto before = InspectSchema(*db);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->current, 0);
  EXPECT_FALSE(before->up_to_date());

  auto after = Migrate(*db, kClock);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_TRUE(after->up_to_date());
  EXPECT_EQ(after->current, EmbeddedMigrations().back().version);

  auto again = Migrate(*db, kClock);  // nothing left to do
  ASSERT_TRUE(again);
  EXPECT_EQ(again->current, after->current);
  std::string applied_at;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
    auto st = c.Prepare("SELECT applied_at FROM schema_migrations WHERE version = 1");
    (void)st->Step();
    applied_at = st->Text(0);
    return Ok();
  }));
  EXPECT_EQ(applied_at, "2026-11-22T09:00:00.000Z");
}

TEST(Migrations, Migrate_RefusesADatabaseNewerThanTheBinary) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  const std::vector<Migration> newer = {{1, "one", "CREATE TABLE a (x INTEGER) STRICT"},
                                        {2, "two", "CREATE TABLE b (x INTEGER) STRICT"}};
  ASSERT_TRUE(Migrate(*db, kClock, newer));
  const std::vector<Migration> older = {newer[0]};
  auto r = Migrate(*db, kClock, older);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message.find("schema version 2"), std::string::npos);
}

TEST(Migrations, Migrate_AFailingMigrationLeavesNoTrace) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  const std::vector<Migration> bad = {
      {1, "one", "CREATE TABLE a (x INTEGER) STRICT"},
      {2, "broken", "CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1)"}};
  auto r = Migrate(*db, kClock, bad);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("migration 2 (broken)"), std::string::npos);
  auto state = InspectSchema(*db, bad);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->current, 1);
  std::int64_t tables = -1;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
    auto st = c.Prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'b'");
    (void)st->Step();
    tables = st->Int(0);
    return Ok();
  }));
  EXPECT_EQ(tables, 0);
}

}  // namespace
}  // namespace selfdirect::store
