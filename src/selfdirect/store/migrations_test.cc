#include "selfdirect/store/migrations.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
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

// Two tables, the second referring to the first, with one row each.
const std::vector<Migration> kParentAndChild = {
    {1, "parent",
     "CREATE TABLE parent (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a', 'b')))"
     " STRICT;"
     "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent "
     "(id))"
     " STRICT;"
     "INSERT INTO parent VALUES (1, 'a'); INSERT INTO child VALUES (10, 1);"}};

std::int64_t Count(Database& db, const std::string& sql) {
  std::int64_t n = -1;
  EXPECT_TRUE(db.Read([&](Connection& c) -> Status {
    auto st = c.Prepare(sql);
    if (!st) return tl::unexpected(st.error());
    (void)st->Step();
    n = st->Int(0);
    return Ok();
  }));
  return n;
}

TEST(Migrations, Migrate_RebuildsATableOthersReferToWhenTheMigrationSaysSo) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  auto migrations = kParentAndChild;
  migrations.push_back({2, "rebuild",
                        "-- selfdirect: rebuilds tables\n"
                        "CREATE TABLE parent_new (id INTEGER PRIMARY KEY,"
                        " kind TEXT NOT NULL CHECK (kind = 'a' OR kind = 'b')) STRICT;"
                        "INSERT INTO parent_new SELECT * FROM parent; DROP TABLE parent;"
                        "ALTER TABLE parent_new RENAME TO parent;"});
  auto r = Migrate(*db, kClock, migrations);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->current, 2);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM parent JOIN child ON child.parent_id = parent.id"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%kind IN%'"), 0);
  // Foreign keys are enforced again afterwards.
  auto orphan = db->Write(
      [](Connection& c) -> Status { return c.Execute("INSERT INTO child VALUES (11, 99)"); });
  EXPECT_FALSE(orphan);
}

TEST(Migrations, Migrate_ARebuildThatLeavesADanglingReferenceIsRolledBack) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  auto migrations = kParentAndChild;
  migrations.push_back({2, "loses a row",
                        "-- selfdirect: rebuilds tables\n"
                        "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, kind TEXT NOT NULL)"
                        " STRICT; DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;"});
  auto r = Migrate(*db, kClock, migrations);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("child refers to a row of parent"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(Count(*db, "SELECT max(version) FROM schema_migrations"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM parent"), 1);
  auto orphan = db->Write(
      [](Connection& c) -> Status { return c.Execute("INSERT INTO child VALUES (11, 99)"); });
  EXPECT_FALSE(orphan);
}

// A council with a fund (…01) and a person's direct payment account (…02), as raw SQL.
constexpr const char* kCouncilWithTwoAccounts =
    "INSERT INTO councils (council_id, code, name, created_at) VALUES"
    " ('01JC0000000000000000000001', 'E06000001', 'Hartlepool', 't');"
    "INSERT INTO ledger_accounts VALUES ('01JC0000000000000000000001',"
    " '01JA0000000000000000000001', 'council_fund', 'council', 'c', NULL, 'fund', 0, 0, NULL,"
    " 't', 0, 0, 0, 0), ('01JC0000000000000000000001', '01JA0000000000000000000002',"
    " 'direct_payment_holding', 'person', 'p', NULL, 'card', 0, 0, NULL, 't', 0, 0, 0, 0);";

TEST(Migrations, Migration18KeepsTheTransfersAndRunLinesItRebuilds) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  const auto& all = EmbeddedMigrations();
  ASSERT_GE(all.size(), 18u);
  ASSERT_TRUE(Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 17)));
  ASSERT_TRUE(db->Write([](Connection& c) -> Status {
    return c.Execute(
        std::string(kCouncilWithTwoAccounts) +
        "INSERT INTO ledger_transfers VALUES ('01JC0000000000000000000001', 'pending-1',"
        " '01JA0000000000000000000001', '01JA0000000000000000000002', 500, 'payment', 'r',"
        " 'pending', NULL, NULL, 't', ''), ('01JC0000000000000000000001', 'post-1',"
        " '01JA0000000000000000000001', '01JA0000000000000000000002', 500, 'payment', 'r',"
        " 'post_pending', 'pending-1', NULL, 't', '')");
  }));

  // Through migration 18 only: later ones change the table (0027 adds the value date).
  auto r = Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 18));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM ledger_transfers WHERE pending_id = 'pending-1'"), 1);
  EXPECT_EQ(Count(*db,
                  "SELECT count(*) FROM sqlite_schema WHERE name IN ('ledger_transfers',"
                  " 'payment_run_lines') AND sql NOT LIKE '% IN (%'"),
            2);
  EXPECT_EQ(Count(*db,
                  "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name ="
                  " 'ledger_transfers' AND name LIKE 'ledger_transfers_%'"),
            3);
  // The rebuilt table still refuses what the old one refused.
  auto second_post = db->Write([](Connection& c) -> Status {
    return c.Execute(
        "INSERT INTO ledger_transfers VALUES ('01JC0000000000000000000001', 'post-2',"
        " '01JA0000000000000000000001', '01JA0000000000000000000002', 500, 'payment', 'r',"
        " 'post_pending', 'pending-1', NULL, 't', '')");
  });
  EXPECT_FALSE(second_post);
  auto bad_code = db->Write([](Connection& c) -> Status {
    return c.Execute(
        "INSERT INTO ledger_transfers VALUES ('01JC0000000000000000000001', 'x',"
        " '01JA0000000000000000000001', '01JA0000000000000000000002', 500, 'gift', 'r',"
        " 'none', NULL, NULL, 't', '')");
  });
  EXPECT_FALSE(bad_code);
}

TEST(Migrations, Migration27IndexesTheDirectoryAgainWithTagsAndPrices) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  const auto& all = EmbeddedMigrations();
  ASSERT_GE(all.size(), 27u);
  ASSERT_TRUE(Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 26)));
  // Two services as migration 26 left them: numbered 1 and 2, their words in one column.
  auto old = db->Write([](Connection& c) -> Status {
    return c.Execute(
        "INSERT INTO councils (council_id, code, name, created_at) VALUES"
        " ('01JC0000000000000000000001', 'E06000001', 'Hartlepool', 't');"
        "INSERT INTO providers VALUES ('01JC0000000000000000000001', '01JP0000000000000000000001',"
        " 'Acorn', 'acorn', '', NULL, 'good', 3, NULL, 'north South_2', '', '', '', 'spot', "
        "'2026-11-22T09:00:00.000Z', '2026-11-22T09:00:00.000Z');"
        "INSERT INTO provider_areas VALUES ('01JC0000000000000000000001',"
        " '01JP0000000000000000000001', 'north'), ('01JC0000000000000000000001',"
        " '01JP0000000000000000000001', 'South_2');"
        "INSERT INTO services VALUES ('01JC0000000000000000000001', '01JS0000000000000000000001',"
        " '01JP0000000000000000000001', 1, 'Night sitting', '', 'hour', 1900, '', 96,"
        " 'home_safety', 'home_care', 0, '2026-11-22T09:00:00.000Z', '2026-11-22T09:00:00.000Z'), "
        "('01JC0000000000000000000001',"
        " '01JS0000000000000000000002', '01JP0000000000000000000001', 2, 'Help at home', '',"
        " 'hour', 1500, '', 1, 'hygiene', 'home_care', 1, '2026-11-22T09:00:00.000Z', "
        "'2026-11-22T09:00:00.000Z');"
        "INSERT INTO service_need_areas VALUES ('01JC0000000000000000000001',"
        " '01JS0000000000000000000001', 'home_safety'), ('01JC0000000000000000000001',"
        " '01JS0000000000000000000002', 'hygiene');"
        "INSERT INTO directory_text (rowid, words) VALUES (1, 'Acorn Night sitting'),"
        " (2, 'Acorn Help at home')");
  });
  ASSERT_TRUE(old) << old.error().message;

  auto r = Migrate(*db, kClock);
  ASSERT_TRUE(r) << r.error().message;
  // Each service is numbered by its price, with its old number as the unique part.
  EXPECT_EQ(Count(*db,
                  "SELECT count(*) FROM services WHERE search_rowid = (price_pence << 32) + "
                  "CASE service_id WHEN '01JS0000000000000000000001' THEN 1 ELSE 2 END"),
            2);
  SqliteStore store(*db);
  const CouncilId council("01JC0000000000000000000001");
  auto found = [&](market::DirectoryQuery q) {
    std::vector<std::string> out;
    EXPECT_TRUE(store.Read([&](Transaction& tx) -> Status {
      auto s = tx.Market().Search(council, q);
      if (!s) return tl::unexpected(s.error());
      for (const auto& h : s->hits) out.push_back(h.service.what);
      return Ok();
    }));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(found({}), (V{"Help at home", "Night sitting"}));  // cheapest first
  EXPECT_EQ(found({.words = {"sit"}}), V{"Night sitting"});
  EXPECT_EQ(found({.need_area = "hygiene"}), V{"Help at home"});
  EXPECT_EQ(found({.area = "South_2"}), (V{"Help at home", "Night sitting"}));
  EXPECT_EQ(found({.area = "south_2"}), V{});
  EXPECT_EQ(found({.day = market::Weekday::kSunday}), V{"Night sitting"});
  EXPECT_EQ(found({.max_price = Pence(1899)}), V{"Help at home"});
  EXPECT_EQ(found({.min_rating = market::CqcRating::kGood}), (V{"Help at home", "Night sitting"}));
  EXPECT_EQ(found({.min_rating = market::CqcRating::kOutstanding}), V{});
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'directory_text_0026'"), 0);
}

TEST(Migrations, Migration28DatesTheTransfersAlreadyRecordedByWhatIsKnown) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  const auto& all = EmbeddedMigrations();
  ASSERT_GE(all.size(), 28u);
  ASSERT_TRUE(Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 27)));
  // Three transfers recorded on 19 November: a statement line of 7 September, a payment of a
  // run dated 2 November (released late), and a transfer made through the API.
  auto s = db->Write([](Connection& c) -> Status {
    return c.Execute(
        std::string(kCouncilWithTwoAccounts) +
        "INSERT INTO ledger_transfers VALUES"
        " ('01JC0000000000000000000001', 'stmt:01JI0000000000000000000001:3',"
        " '01JA0000000000000000000002', '01JA0000000000000000000001', 500, 'spend', 'r', 'none',"
        " NULL, NULL, '2026-11-19T16:30:00.000Z', ''),"
        " ('01JC0000000000000000000001', 'dp:b:2026-11-02', '01JA0000000000000000000001',"
        " '01JA0000000000000000000002', 500, 'payment', 'r', 'none', NULL, NULL,"
        " '2026-11-19T16:31:00.000Z', ''),"
        " ('01JC0000000000000000000001', 'api-1', '01JA0000000000000000000001',"
        " '01JA0000000000000000000002', 500, 'top_up', 'r', 'none', NULL, NULL,"
        " '2026-11-19T16:32:00.000Z', '');"
        "INSERT INTO statement_formats (council_id, name, yaml, created_at, created_by) VALUES"
        " ('01JC0000000000000000000001', 'Bank', 'y', 't', '');"
        "INSERT INTO statement_imports VALUES ('01JC0000000000000000000001',"
        " '01JI0000000000000000000001', '01JA0000000000000000000002', 'p', 'Bank',"
        " '" +
        std::string(64, 'a') +
        "', NULL, 't', '', 1, 0, 500, 0, 1);"
        "INSERT INTO statement_lines (council_id, import_id, position, row_number, line_number,"
        " line_date, payee, amount, reference, description, card, category, reason,"
        " needs_review, recategorised, note, transfer_id) VALUES ('01JC0000000000000000000001',"
        " '01JI0000000000000000000001', 0, 3, 4, '2026-09-07', 'Shop', -500, '', '', '',"
        " 'plan_item', '', 0, 0, '', 'stmt:01JI0000000000000000000001:3');"
        "INSERT INTO payment_runs (council_id, run_id, run_date, status, threshold_pence,"
        " started_at, started_by, budgets, payments, total_pence, held) VALUES"
        " ('01JC0000000000000000000001', '01JR0000000000000000000001', '2026-11-02', 'released',"
        " 0, 't', '', 1, 1, 500, 0);"
        "INSERT INTO payment_run_lines VALUES ('01JC0000000000000000000001',"
        " '01JR0000000000000000000001', 1, 'dp:b:2026-11-02', 'b', 'p', 'direct_payment',"
        " 'holding_account', 500, '2026-11-02', '2026-11-29', '', 1)");
  });
  ASSERT_TRUE(s) << s.error().message;

  auto r = Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 28));
  ASSERT_TRUE(r) << r.error().message;
  auto day = [&](const char* id) {
    return Count(*db, std::string("SELECT CAST(replace(value_date, '-', '') AS INTEGER) FROM "
                                  "ledger_transfers WHERE transfer_id = '") +
                          id + "'");
  };
  EXPECT_EQ(day("stmt:01JI0000000000000000000001:3"), 20260907);
  EXPECT_EQ(day("dp:b:2026-11-02"), 20261102);
  EXPECT_EQ(day("api-1"), 20261119);
}

TEST(Migrations, Migration29GivesRunLinesTheirAccountsAndRunsTheirPostedMark) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  const auto& all = EmbeddedMigrations();
  ASSERT_GE(all.size(), 29u);
  ASSERT_TRUE(Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 28)));
  // A budget with a commitment (C), a holding account (H), a managed budget (M) and a
  // contribution receivable (R), and a run stopped half-way: lines 1 and 3 posted, 2 held, 4 not
  // yet posted, 5 of a budget that is not there.
  auto s = db->Write([](Connection& c) -> Status {
    std::string sql =
        "INSERT INTO councils (council_id, code, name, created_at) VALUES"
        " ('01JC0000000000000000000001', 'E06000001', 'Hartlepool', 't');"
        "INSERT INTO schemes (council_id, scheme_id, name, kind, weeks_per_year_num,"
        " weeks_per_year_den, payment_interval, surplus_threshold_weeks, first_review_weeks,"
        " review_interval_months, created_at) VALUES ('01JC0000000000000000000001',"
        " '01JS0000000000000000000001', 'Adults', 'adult-social-care', 52, 1, 'four-weekly', 8,"
        " 6, 12, 't');"
        "INSERT INTO people (council_id, person_id, given_name, family_name, date_of_birth,"
        " nhs_number, address, postcode, phone, email, gender, ethnicity,"
        " primary_support_reason, accommodation, employment, has_unpaid_carer, easy_read,"
        " large_print, interpreter_language, communication_other, stage, has_active_plan,"
        " created_at, created_by, revision) VALUES ('01JC0000000000000000000001',"
        " '01JP0000000000000000000001', 'Ada', 'Okafor', '1950-01-01', '', '', '', '', '', '',"
        " '', '', '', '', 'no', 0, 0, '', '', 'in_payment', 1, 't', '', 1);";
    for (const char* a : {"C", "H", "M", "R"}) {
      sql += fmt::format(
          "INSERT INTO ledger_accounts VALUES ('01JC0000000000000000000001',"
          " '01JA000000000000000000000{}', 'budget_commitment', 'person', 'p', NULL, 'a', 0, 0,"
          " NULL, 't', 0, 0, 0, 0);",
          a);
    }
    sql +=
        "INSERT INTO budgets (council_id, budget_id, person_id, scheme_id, starts_on,"
        " collection, payment_interval, weeks_per_year_num, weeks_per_year_den,"
        " commitment_account, holding_account, managed_account, contribution_account,"
        " created_at, created_by) VALUES ('01JC0000000000000000000001',"
        " '01JB0000000000000000000001', '01JP0000000000000000000001',"
        " '01JS0000000000000000000001', '2026-11-02', 'gross', 'four-weekly', 52, 1,"
        " '01JA000000000000000000000C', '01JA000000000000000000000H',"
        " '01JA000000000000000000000M', '01JA000000000000000000000R', 't', '');"
        "INSERT INTO payment_runs (council_id, run_id, run_date, status, threshold_pence,"
        " started_at, started_by, budgets, payments, total_pence, held) VALUES"
        " ('01JC0000000000000000000001', '01JR0000000000000000000001', '2026-11-02',"
        " 'releasing', 0, 't', '', 1, 2, 1000, 1);"
        "INSERT INTO payment_run_lines VALUES"
        " ('01JC0000000000000000000001', '01JR0000000000000000000001', 1, 'dp:b:1',"
        " '01JB0000000000000000000001', 'p', 'direct_payment', 'holding_account', 500, 'f',"
        " 't', '', 1),"
        " ('01JC0000000000000000000001', '01JR0000000000000000000001', 2, 'oneoff:b:1',"
        " '01JB0000000000000000000001', 'p', 'one_off', 'holding_account', 500, 'f', 't',"
        " 'no details', 0),"
        " ('01JC0000000000000000000001', '01JR0000000000000000000001', 3, 'mb:b:1',"
        " '01JB0000000000000000000001', 'p', 'managed_budget', 'holding_organisation', 500,"
        " 'f', 't', '', 1),"
        " ('01JC0000000000000000000001', '01JR0000000000000000000001', 4, 'contribution:b:1',"
        " '01JB0000000000000000000001', 'p', 'contribution', 'person', 500, 'f', 't', '', 0),"
        " ('01JC0000000000000000000001', '01JR0000000000000000000001', 5, 'dp:gone:1',"
        " '01JB000000000000000000GONE', 'p', 'direct_payment', 'holding_account', 500, 'f',"
        " 't', '', 0)";
    return c.Execute(sql);
  });
  ASSERT_TRUE(s) << s.error().message;

  auto r = Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 29));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(Count(*db, "SELECT posted_through FROM payment_runs"), 3);
  const auto accounts = [&](int seq) {
    std::string out;
    EXPECT_TRUE(db->Read([&](Connection& c) -> Status {
      auto st = c.Prepare(
          "SELECT substr(debit_account_id, 26) || '>' || substr(credit_account_id, 26) FROM "
          "payment_run_lines WHERE seq = $1");
      if (!st) return tl::unexpected(st.error());
      st->Bind(seq);
      if (auto row = st->Step(); !row || !*row) return Fail(ErrorCode::kNotFound, "no line");
      out = st->Text(0);
      return Ok();
    }));
    return out;
  };
  EXPECT_EQ(accounts(1), "C>H");
  EXPECT_EQ(accounts(2), "C>H");
  EXPECT_EQ(accounts(3), "C>M");
  EXPECT_EQ(accounts(4), "R>C");
  EXPECT_EQ(accounts(5), ">");
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM payment_run_lines WHERE amount = 500"), 5);
  EXPECT_EQ(Count(*db,
                  "SELECT count(*) FROM sqlite_schema WHERE name = 'payment_run_lines' AND sql "
                  "LIKE '%WITHOUT ROWID%' AND sql NOT LIKE '%posted%'"),
            1);
}

TEST(Migrations, Migration30KeepsEveryAccountAndAllowsContributionsPaidIn) {
  TempDir dir;
  auto db = std::move(*Database::Open({.path = dir.File("m.db")}));
  const auto& all = EmbeddedMigrations();
  ASSERT_GE(all.size(), 30u);
  ASSERT_TRUE(Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 29)));
  const std::string council =
      "INSERT INTO councils (council_id, code, name, created_at) VALUES"
      " ('01JC0000000000000000000001', 'E06000001', 'Hartlepool', 't');";
  const auto account = [](const char* id, const char* type) {
    return fmt::format(
        "INSERT INTO ledger_accounts VALUES ('01JC0000000000000000000001', '{}', '{}',"
        " 'council', 'c', NULL, 'x', 0, 0, NULL, 't', 700, 0, 0, 0);",
        id, type);
  };
  ASSERT_TRUE(db->Write([&](Connection& c) {
    return c.Execute(council + account("01JA00000000000000000FUND1", "council_fund"));
  }));
  // Before: the type is refused by the table's CHECK.
  EXPECT_FALSE(db->Write([&](Connection& c) {
    return c.Execute(account("01JA0000000000000000PAIDIN", "contributions_paid_in"));
  }));

  ASSERT_TRUE(Migrate(*db, kClock, std::vector<Migration>(all.begin(), all.begin() + 30)));
  EXPECT_EQ(Count(*db, "SELECT debits_posted FROM ledger_accounts WHERE type = 'council_fund'"),
            700);
  auto s = db->Write([&](Connection& c) {
    return c.Execute(account("01JA0000000000000000PAIDIN", "contributions_paid_in"));
  });
  EXPECT_TRUE(s) << s.error().message;
  EXPECT_FALSE(db->Write(
      [&](Connection& c) { return c.Execute(account("01JA00000000000000000BAD01", "cash")); }));
  EXPECT_EQ(
      Count(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'ledger_accounts_by_owner'"), 1);
}

}  // namespace
}  // namespace selfdirect::store
