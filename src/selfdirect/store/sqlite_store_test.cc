#include "selfdirect/store/sqlite_store.h"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using selfdirect::testing::TempDir;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*Database::Open({.path = dir_.File("s.db")}));
    ASSERT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
  }

  Council MakeCouncil(const std::string& code) {
    return Council{CouncilId(ids_.Next()), code, "Council " + code, clock_.Now()};
  }

  TempDir dir_;
  FixedClock clock_{ParseTimestamp("2026-11-22T09:00:00.000Z").value()};
  UlidGenerator ids_{clock_};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, Council_RoundTripsEveryField) {
  const Council council = MakeCouncil("E09000033");
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.Councils().CreateCouncil(council); }));
  std::optional<Council> found;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto r = tx.Councils().FindCouncil(council.id);
    if (!r) return tl::unexpected(r.error());
    found = *r;
    return Ok();
  }));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, council.id);
  EXPECT_EQ(found->code, "E09000033");
  EXPECT_EQ(found->created_at, council.created_at);
}

TEST_F(SqliteStoreTest, Council_DuplicateCodeIsAConflictAndChangesNothing) {
  ASSERT_TRUE(store_->Write(
      [&](Transaction& tx) { return tx.Councils().CreateCouncil(MakeCouncil("E09000033")); }));
  auto dup = store_->Write(
      [&](Transaction& tx) { return tx.Councils().CreateCouncil(MakeCouncil("E09000033")); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_NE(dup.error().message.find("E09000033"), std::string::npos);
  std::size_t count = 0;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    count = tx.Councils().ListCouncils()->size();
    return Ok();
  }));
  EXPECT_EQ(count, 1u);
}

TEST_F(SqliteStoreTest, Scheme_RoundTripsSettingsAndIsScopedToItsCouncil) {
  const Council a = MakeCouncil("E09000033");
  const Council b = MakeCouncil("E08000025");
  Scheme scheme{a.id,
                SchemeId(ids_.Next()),
                "Adult personal budgets",
                SchemeKind::kAdultSocialCare,
                SchemeSettings{{365, 7}, Period::kMonthly, 6, 7, 11},
                clock_.Now()};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    if (auto s = tx.Councils().CreateCouncil(a); !s) return s;
    if (auto s = tx.Councils().CreateCouncil(b); !s) return s;
    return tx.Councils().CreateScheme(scheme);
  }));
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto mine = tx.Councils().ListSchemes(a.id);
    EXPECT_EQ(mine->size(), 1u);
    EXPECT_EQ(mine->front().settings, scheme.settings);
    EXPECT_EQ(mine->front().name, scheme.name);
    EXPECT_TRUE(tx.Councils().ListSchemes(b.id)->empty());
    // The same scheme id under another council is not found.
    EXPECT_FALSE(tx.Councils().FindScheme(b.id, scheme.id)->has_value());
    EXPECT_TRUE(tx.Councils().FindScheme(a.id, scheme.id)->has_value());
    return Ok();
  }));
}

TEST_F(SqliteStoreTest, Scheme_ForAMissingCouncilIsNotFound) {
  Scheme scheme{CouncilId(ids_.Next()),
                SchemeId(ids_.Next()),
                "Orphan",
                SchemeKind::kCarers,
                {},
                clock_.Now()};
  auto s = store_->Write([&](Transaction& tx) { return tx.Councils().CreateScheme(scheme); });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace selfdirect::store
