#include "selfdirect/app/application.h"

#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::app {
namespace {

const Context kOperator = Context::Operator("test");

class ApplicationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*store::Database::Open({.path = dir_.File("a.db")}));
    store_ = std::make_unique<store::SqliteStore>(*db_);
  }
  void MigrateNow() { ASSERT_TRUE(store::Migrate(*db_, clock_)); }

  testing::TempDir dir_;
  FixedClock clock_{ParseTimestamp("2026-11-22T09:00:00.000Z").value()};
  UlidGenerator ids_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::SqliteStore> store_;
};

TEST_F(ApplicationTest, Readiness_SaysWhatToDoBeforeMigrating) {
  Application app(*store_, clock_, ids_);
  auto before = app.CheckReadiness();
  EXPECT_TRUE(before.database_reachable);
  EXPECT_FALSE(before.ready());
  EXPECT_NE(before.problem.find("selfdirect migrate"), std::string::npos);
  MigrateNow();
  auto after = app.CheckReadiness();
  EXPECT_TRUE(after.ready()) << after.problem;
  EXPECT_EQ(after.schema_version, after.schema_latest);
}

TEST_F(ApplicationTest, CreateScheme_ValidatesThenStoresUnderTheCouncil) {
  MigrateNow();
  Application app(*store_, clock_, ids_);
  auto council = app.CreateCouncil(kOperator, {" E09000033 ", "Westminster City Council"});
  ASSERT_TRUE(council) << council.error().message;
  EXPECT_EQ(council->code, "E09000033");

  auto bad = app.CreateScheme(kOperator, council->id, {.name = "", .kind = "adult-social-care"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "name");
  EXPECT_TRUE(app.ListSchemes(kOperator, council->id)->empty())
      << "a rejected request changed nothing";

  auto scheme = app.CreateScheme(
      kOperator, council->id,
      {.name = "Personal budgets", .kind = "adult-social-care", .weeks_per_year = "52.14"});
  ASSERT_TRUE(scheme) << scheme.error().message;
  auto listed = app.ListSchemes(kOperator, council->id);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().settings.weeks_per_year, (WeeksPerYear{2607, 50}));
}

TEST_F(ApplicationTest, CreateScheme_ForAnUnknownCouncilIsNotFound) {
  MigrateNow();
  Application app(*store_, clock_, ids_);
  auto r = app.CreateScheme(kOperator, CouncilId(ids_.Next()), {.name = "X", .kind = "carers"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(app.ListSchemes(kOperator, CouncilId(ids_.Next())).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace selfdirect::app
