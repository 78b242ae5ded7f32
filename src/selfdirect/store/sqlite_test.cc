#include "selfdirect/store/sqlite.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using selfdirect::testing::TempDir;

std::unique_ptr<Database> OpenTemp(const TempDir& dir) {
  auto db = Database::Open({.path = dir.File("sub/dir/test.db"), .readers = 2});
  EXPECT_TRUE(db) << db.error().message;
  return std::move(*db);
}

TEST(Database, Open_CreatesTheFolderAndUsesWal) {
  TempDir dir;
  auto db = OpenTemp(dir);
  std::string mode;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
    auto st = c.Prepare("PRAGMA journal_mode");
    if (!st) return tl::unexpected(st.error());
    (void)st->Step();
    mode = st->Text(0);
    return Ok();
  }));
  EXPECT_EQ(mode, "wal");
}

TEST(Database, Write_RollsBackEverythingWhenTheBodyFails) {
  TempDir dir;
  auto db = OpenTemp(dir);
  ASSERT_TRUE(
      db->Write([](Connection& c) { return c.Execute("CREATE TABLE t (x INTEGER) STRICT"); }));
  auto failed = db->Write([](Connection& c) -> Status {
    auto st = c.Prepare("INSERT INTO t (x) VALUES ($1)");
    if (auto s = st->Bind(1).Run(); !s) return s;
    return Fail(ErrorCode::kConflict, "changed my mind");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kConflict);
  std::int64_t count = -1;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
    auto st = c.Prepare("SELECT count(*) FROM t");
    (void)st->Step();
    count = st->Int(0);
    return Ok();
  }));
  EXPECT_EQ(count, 0);
}

TEST(Database, Read_RefusesWrites) {
  TempDir dir;
  auto db = OpenTemp(dir);
  ASSERT_TRUE(
      db->Write([](Connection& c) { return c.Execute("CREATE TABLE t (x INTEGER) STRICT"); }));
  auto s = db->Read([](Connection& c) { return c.Execute("INSERT INTO t VALUES (1)"); });
  EXPECT_FALSE(s);
}

TEST(Database, StrictTablesAndForeignKeysAreEnforced) {
  TempDir dir;
  auto db = OpenTemp(dir);
  ASSERT_TRUE(db->Write([](Connection& c) {
    return c.Execute(
        "CREATE TABLE p (id TEXT PRIMARY KEY) STRICT;"
        "CREATE TABLE q (p TEXT NOT NULL REFERENCES p (id), n INTEGER) STRICT;");
  }));
  auto orphan = db->Write([](Connection& c) -> Status {
    return c.Prepare("INSERT INTO q (p, n) VALUES ($1, $2)")->Bind("missing", 1).Run();
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::kNotFound);
  auto wrong_type = db->Write([](Connection& c) -> Status {
    return c.Execute("INSERT INTO p (id) VALUES (1); INSERT INTO q (p, n) VALUES ('1', 'abc')");
  });
  EXPECT_FALSE(wrong_type);
  auto dup = db->Write([](Connection& c) -> Status {
    return c.Execute("INSERT INTO p (id) VALUES ('a'); INSERT INTO p (id) VALUES ('a')");
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
}

TEST(Database, ReadersSeeCommittedWritesAndRunConcurrently) {
  TempDir dir;
  auto db = OpenTemp(dir);
  ASSERT_TRUE(
      db->Write([](Connection& c) { return c.Execute("CREATE TABLE t (x INTEGER) STRICT"); }));
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto s = (t % 2 == 0)
                     ? db->Write([&](Connection& c) -> Status {
                         return c.Prepare("INSERT INTO t (x) VALUES ($1)")->Bind(i).Run();
                       })
                     : db->Read([](Connection& c) -> Status {
                         return c.Prepare("SELECT count(*) FROM t")->Step().map([](bool) {});
                       });
        if (!s) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  std::int64_t count = 0;
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
    auto st = c.Prepare("SELECT count(*) FROM t");
    (void)st->Step();
    count = st->Int(0);
    return Ok();
  }));
  EXPECT_EQ(count, 100);
}

}  // namespace
}  // namespace selfdirect::store
