// The selfdirect command as an operator uses it: help, version, migrate, settings precedence.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "selfdirect/ledger/contribution_file.h"
#include "selfdirect/store/migrations.h"
#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect {
namespace {

using ::testing::HasSubstr;

struct Run {
  int status;
  std::string output;  // stdout and stderr together
};

// Runs the binary through the shell with `env` prepended (e.g. "SELFDIRECT_DATA=x").
Run Selfdirect(const std::string& args, const std::string& env = "") {
  const std::string command = "env -u SELFDIRECT_DATA -u SELFDIRECT_CONFIG " + env + " " +
                              SELFDIRECT_BINARY + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(Cli, HelpListsTheSubcommands) {
  auto r = Selfdirect("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.output, HasSubstr("serve"));
  EXPECT_THAT(r.output, HasSubstr("migrate"));
  EXPECT_THAT(r.output, HasSubstr("version"));
  auto serve = Selfdirect("serve --help");
  EXPECT_EQ(serve.status, 0);
  EXPECT_THAT(serve.output, HasSubstr("--port"));
  EXPECT_THAT(serve.output, HasSubstr("SELFDIRECT_PORT"));
}

TEST(Cli, VersionPrintsVersionAndSchema) {
  auto r = Selfdirect("version");
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.output, HasSubstr("selfdirect 0."));
  EXPECT_THAT(r.output, HasSubstr("schema"));
}

TEST(Cli, NoSubcommandOrABadFlagIsAnErrorWithHelp) {
  EXPECT_NE(Selfdirect("").status, 0);
  auto r = Selfdirect("serve --port notanumber");
  EXPECT_NE(r.status, 0);
  EXPECT_THAT(r.output, HasSubstr("port"));
}

TEST(Cli, MigrateCreatesTheDatabaseAndIsIdempotent) {
  testing::TempDir dir;
  const std::string db = dir.File("var/sd.db");
  auto first = Selfdirect("migrate --data " + db);
  EXPECT_EQ(first.status, 0) << first.output;
  EXPECT_THAT(first.output, HasSubstr("schema version"));
  EXPECT_TRUE(std::filesystem::exists(db));
  auto second = Selfdirect("migrate --data " + db);
  EXPECT_EQ(second.status, 0);
  EXPECT_THAT(second.output, HasSubstr("0 migrations applied"));
}

TEST(Cli, MigrateRefusesADatabaseFromANewerRelease) {
  testing::TempDir dir;
  const std::string db = dir.File("sd.db");
  ASSERT_EQ(Selfdirect("migrate --data " + db).status, 0);
  {
    auto opened = store::Database::Open({.path = db});
    ASSERT_TRUE(opened);
    ASSERT_TRUE((*opened)->Write([](store::Connection& c) {
      return c.Execute(
          "INSERT OR IGNORE INTO schema_migrations VALUES (999, 'future', '2030-01-01')");
    }));
  }
  auto r = Selfdirect("migrate --data " + db);
  EXPECT_NE(r.status, 0);
  EXPECT_THAT(r.output, HasSubstr("newer than this selfdirect"));
}

TEST(Cli, SettingsPrecedence_FlagThenEnvironmentThenConfigFile) {
  testing::TempDir dir;
  const std::string config = dir.File("selfdirect.yaml");
  std::ofstream(config) << "data: " << dir.File("from-config.db") << "\n";
  const std::string env = "SELFDIRECT_DATA=" + dir.File("from-env.db");

  EXPECT_EQ(Selfdirect("migrate --config " + config).status, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.File("from-config.db")));

  EXPECT_EQ(Selfdirect("migrate --config " + config, env).status, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.File("from-env.db")));

  EXPECT_EQ(
      Selfdirect("migrate --config " + config + " --data " + dir.File("from-flag.db"), env).status,
      0);
  EXPECT_TRUE(std::filesystem::exists(dir.File("from-flag.db")));
}

TEST(Cli, ConfigFileWithAnUnknownSettingIsRefused) {
  testing::TempDir dir;
  const std::string config = dir.File("bad.yaml");
  std::ofstream(config) << "data: x.db\ncolour: blue\n";
  auto r = Selfdirect("migrate --config " + config);
  EXPECT_NE(r.status, 0);
  EXPECT_THAT(r.output, HasSubstr("unknown setting 'colour'"));
}

TEST(Cli, ServePrintsItsAddressAndExitsCleanlyOnSigterm) {
  testing::TempDir dir;
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const std::string data = dir.File("sd.db");
  std::vector<std::string> args = {SELFDIRECT_BINARY, "serve", "--port",     "0",
                                   "--data",          data,    "--web-root", dir.File("no-web")};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, SELFDIRECT_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);

  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  EXPECT_THAT(line, HasSubstr("serving on http://127.0.0.1:"));
  EXPECT_TRUE(std::filesystem::exists(data)) << "serve migrates the database before listening";

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  close(out[0]);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Adds a council and a user; returns the printed set-password path.
std::string AddCouncilAndUser(const std::string& db, const std::string& email,
                              const std::string& role) {
  auto council = Selfdirect("councils add --data " + db + " --code E09000033 --name Westminster");
  EXPECT_TRUE(council.status == 0 || council.output.find("already exists") != std::string::npos)
      << council.output;
  auto user = Selfdirect("users add --data " + db + " --council E09000033 --email " + email +
                         " --name 'Ada Admin' --role " + role);
  EXPECT_EQ(user.status, 0) << user.output;
  const auto at = user.output.find("/set-password?council=E09000033&token=");
  EXPECT_NE(at, std::string::npos) << user.output;
  return user.output.substr(at, user.output.find('\n', at) - at);
}

TEST(Cli, UsersAddPrintsAOneTimeLinkAndListShowsTheUser) {
  testing::TempDir dir;
  const std::string db = dir.File("sd.db");
  const std::string link = AddCouncilAndUser(db, "Ada@Example.org", "administrator");
  EXPECT_EQ(link.size(), std::string("/set-password?council=E09000033&token=").size() + 43);
  auto list = Selfdirect("users list --data " + db + " --council E09000033");
  EXPECT_EQ(list.status, 0);
  EXPECT_THAT(list.output, HasSubstr("ada@example.org"));
  EXPECT_THAT(list.output, HasSubstr("administrator"));
  EXPECT_THAT(list.output, HasSubstr("no password yet"));
  auto bad_role = Selfdirect("users add --data " + db +
                             " --council E09000033 --email b@example.org --name B --role wizard");
  EXPECT_NE(bad_role.status, 0);
  EXPECT_THAT(bad_role.output, HasSubstr("'wizard' is not a role"));
  auto no_council =
      Selfdirect("users add --data " + db +
                 " --council E00000000 --email b@example.org --name B --role analyst");
  EXPECT_NE(no_council.status, 0);
  EXPECT_THAT(no_council.output, HasSubstr("councils add"));
  auto disable =
      Selfdirect("users disable --data " + db + " --council E09000033 --email ada@example.org");
  EXPECT_EQ(disable.status, 0) << disable.output;
  EXPECT_THAT(Selfdirect("users list --data " + db + " --council E09000033").output,
              HasSubstr("disabled"));
}

TEST(Cli, LedgerVerifyIsCleanThenNamesAnAccountChangedBehindTheLedgersBack) {
  testing::TempDir dir;
  const std::string db = dir.File("sd.db");
  auto empty = Selfdirect("ledger verify --data " + db);
  EXPECT_EQ(empty.status, 0) << empty.output;
  EXPECT_THAT(empty.output, HasSubstr("Ledger verified: 0 accounts, 0 transfers, balances agree"));
  ASSERT_EQ(Selfdirect("councils add --data " + db + " --code E09000033 --name Westminster").status,
            0);
  const LedgerAccountId fund("01JD0000000000000000ACCT01"), card("01JD0000000000000000ACCT02");
  {
    auto opened = store::Database::Open({.path = db});
    ASSERT_TRUE(opened);
    store::SqliteStore store(**opened);
    ASSERT_TRUE(store.Write([&](store::Transaction& tx) -> Status {
      auto council = tx.Councils().FindCouncilByCode("E09000033");
      if (!council || !*council) return Fail(ErrorCode::kNotFound, "no council");
      for (const auto& id : {fund, card}) {
        ledger::Account a;
        a.council = (*council)->id;
        a.id = id;
        a.owner = {ledger::OwnerKind::kCouncil, a.council.str()};
        a.name = id == fund ? "Care fund" : "Ada's card";
        if (auto s = tx.Ledger().CreateAccount(a); !s) return s;
      }
      ledger::Transfer t;
      t.id = TransferId("pay-1");
      t.council = (*council)->id;
      t.debit_account = fund;
      t.credit_account = card;
      t.amount = Pence(76923);
      auto r = tx.Ledger().CreateTransfers(std::span(&t, 1));
      if (!r) return tl::unexpected(r.error());
      return r->front() ? Ok() : Status(tl::unexpected(r->front().error()));
    }));
  }
  auto clean = Selfdirect("ledger verify --data " + db);
  EXPECT_EQ(clean.status, 0) << clean.output;
  EXPECT_THAT(clean.output, HasSubstr("Ledger verified: 2 accounts, 1 transfer, balances agree"));
  {
    auto opened = store::Database::Open({.path = db});
    ASSERT_TRUE(opened);
    ASSERT_TRUE((*opened)->Write([](store::Connection& c) {
      return c.Execute(
          "UPDATE ledger_accounts SET credits_posted = 80000 WHERE name = 'Ada''s card'");
    }));
  }
  auto broken = Selfdirect("ledger verify --data " + db);
  EXPECT_EQ(broken.status, 2) << broken.output;
  EXPECT_THAT(broken.output, HasSubstr("account 01JD0000000000000000ACCT02 (\"Ada's card\")"));
  EXPECT_THAT(broken.output,
              HasSubstr("credits posted is £800.00 but its transfers add up to £769.23"));
  EXPECT_THAT(broken.output, HasSubstr("debits and credits do not add up to the same"));
  EXPECT_THAT(broken.output, HasSubstr("Ledger NOT verified: 2 problems"));
}

TEST(Cli, PaymentsRunRefusesABadDateAnUnknownCouncilAndADateWithNothingDue) {
  testing::TempDir dir;
  const std::string db = dir.File("sd.db");
  ASSERT_EQ(Selfdirect("councils add --data " + db + " --code E09000033 --name Westminster").status,
            0);
  auto bad = Selfdirect("payments run --data " + db + " --council E09000033 --date 2026-02-30");
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("--date: enter the date of the run as YYYY-MM-DD"));
  auto unknown = Selfdirect("payments run --data " + db + " --council E09999999 --date 2026-12-01");
  EXPECT_EQ(unknown.status, 1) << unknown.output;
  auto nothing = Selfdirect("payments run --data " + db + " --council E09000033 --date 2026-12-01");
  EXPECT_EQ(nothing.status, 1) << nothing.output;
  EXPECT_THAT(
      nothing.output,
      HasSubstr("Nothing is due on or before 7 December 2026, the day before the next run"));
  auto verify = Selfdirect("ledger verify --data " + db);
  EXPECT_EQ(verify.status, 0) << verify.output;
}

TEST(Cli, ProvidersImportAddsTheSampleThenRefusesItAgainWithEveryProblem) {
  testing::TempDir dir;
  const std::string db = dir.File("sd.db");
  AddCouncilAndUser(db, "market@example.org", "commissioner");
  const std::string sample = std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/providers.csv";
  auto imported = Selfdirect("providers import --data " + db + " --council E09000033 " + sample);
  EXPECT_EQ(imported.status, 0) << imported.output;
  EXPECT_THAT(imported.output, HasSubstr("Imported 6 providers with 8 services into Westminster"));
  auto again = Selfdirect("providers import --data " + db + " --council E09000033 " + sample);
  EXPECT_NE(again.status, 0);
  EXPECT_THAT(again.output, HasSubstr("line 2, column cqc_location_id: Acorn Home Care already"));
  EXPECT_THAT(again.output, HasSubstr("problems; nothing was imported"));
}

TEST(Cli, TeamsAddListJoinAndLeave) {
  testing::TempDir dir;
  const std::string db = dir.File("sd.db");
  AddCouncilAndUser(db, "sw@example.org", "assessor");
  auto empty = Selfdirect("teams list --data " + db + " --council E09000033");
  EXPECT_EQ(empty.status, 0) << empty.output;
  EXPECT_THAT(empty.output, HasSubstr("Westminster has no teams yet"));
  auto added =
      Selfdirect("teams add --data " + db + " --council E09000033 --name 'North locality'");
  EXPECT_EQ(added.status, 0) << added.output;
  EXPECT_THAT(added.output, HasSubstr("Set up the team North locality in Westminster"));
  auto twice =
      Selfdirect("teams add --data " + db + " --council E09000033 --name 'north locality'");
  EXPECT_NE(twice.status, 0);
  EXPECT_THAT(twice.output, HasSubstr("already a team"));
  auto joined = Selfdirect("teams join --data " + db +
                           " --council E09000033 --team 'NORTH locality' --email sw@example.org");
  EXPECT_EQ(joined.status, 0) << joined.output;
  EXPECT_THAT(joined.output, HasSubstr("joined North locality"));
  EXPECT_THAT(Selfdirect("teams list --data " + db + " --council E09000033").output,
              HasSubstr("North locality\t1 member\n"));
  auto nowhere = Selfdirect("teams join --data " + db +
                            " --council E09000033 --team South --email sw@example.org");
  EXPECT_NE(nowhere.status, 0);
  EXPECT_THAT(nowhere.output, HasSubstr("no team called \"South\""));
  auto left = Selfdirect("teams join --data " + db +
                         " --council E09000033 --team 'North locality' --email sw@example.org "
                         "--leave");
  EXPECT_EQ(left.status, 0) << left.output;
  EXPECT_THAT(Selfdirect("teams list --data " + db + " --council E09000033").output,
              HasSubstr("North locality\t0 members\n"));
}

class AuditVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("sd.db");
    AddCouncilAndUser(db_, "a@example.org", "administrator");
    AddCouncilAndUser(db_, "b@example.org", "auditor");
    AddCouncilAndUser(db_, "c@example.org", "analyst");
  }

  // Changes the database as someone with the file would: the append-only triggers go first.
  void Tamper(const std::string& sql) {
    auto opened = store::Database::Open({.path = db_});
    ASSERT_TRUE(opened);
    auto s = (*opened)->Write([&](store::Connection& c) {
      return c.Execute(
          "DROP TRIGGER IF EXISTS audit_log_no_update;"
          "DROP TRIGGER IF EXISTS audit_log_no_delete;" +
          sql);
    });
    ASSERT_TRUE(s) << s.error().message;
  }

  testing::TempDir dir_;
  std::string db_;
};

TEST_F(AuditVerifyTest, PassesOnAnUntouchedDatabase) {
  auto r = Selfdirect("audit verify --data " + db_);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("4 entries, chain intact"));
}

TEST_F(AuditVerifyTest, NamesAnEditedEntry) {
  Tamper("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3");
  auto r = Selfdirect("audit verify --data " + db_);
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.output, HasSubstr("BROKEN at entry 3"));
  EXPECT_THAT(r.output, HasSubstr("changed after it was written"));
}

TEST_F(AuditVerifyTest, NamesADeletedEntry) {
  Tamper("DELETE FROM audit_log WHERE seq = 2");
  auto r = Selfdirect("audit verify --data " + db_);
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.output, HasSubstr("entry 2 is missing"));
}

TEST_F(AuditVerifyTest, NamesReorderedEntries) {
  // Swap the contents of entries 2 and 3, keeping their numbers.
  Tamper(
      "UPDATE audit_log SET seq = 1000 WHERE seq = 2;"
      "UPDATE audit_log SET seq = 2 WHERE seq = 3;"
      "UPDATE audit_log SET seq = 3 WHERE seq = 1000;");
  auto r = Selfdirect("audit verify --data " + db_);
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.output, HasSubstr("BROKEN at entry 2"));
}

}  // namespace
}  // namespace selfdirect

namespace selfdirect {
namespace {

const std::string kModels = std::string(SELFDIRECT_SOURCE_DIR) + "/models/";

TEST(CliRas, CheckPassesTheShippedModels) {
  auto r = Selfdirect("ras check " + kModels + "points-price.yaml " + kModels + "regression.yaml " +
                      kModels + "levels.yaml");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("points-price.yaml: ok — points-price version 1 (weekly), 26 "
                                  "questions"));
}

TEST(CliRas, CheckNamesEveryProblemWithLineAndColumn) {
  testing::TempDir dir;
  std::ifstream in(kModels + "levels.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("period: annual"), 14, "period: yearly");
  text.replace(text.find("total(assessment_items)"), 23, "total(asessment_items)");
  const std::string broken = dir.File("broken.yaml");
  std::ofstream(broken) << text;
  auto r = Selfdirect("ras check " + broken);
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.output, ::testing::ContainsRegex("broken.yaml:[0-9]+:9: period should be weekly "
                                                 "or annual"));
  EXPECT_THAT(r.output, ::testing::ContainsRegex("broken.yaml:[0-9]+:[0-9]+: total\\(\\) takes "
                                                 "the name of a group"));
  EXPECT_THAT(r.output, HasSubstr("2 problems"));

  std::ofstream(dir.File("huge.yaml")) << std::string(50'000'000, '#');
  auto huge = Selfdirect("ras check " + dir.File("huge.yaml"));
  EXPECT_EQ(huge.status, 1);
  EXPECT_THAT(huge.output, HasSubstr("the file is 50.0 MB"));
}

TEST(CliRas, EvaluateExplainsOrListsRefusedAnswers) {
  testing::TempDir dir;
  std::ofstream(dir.File("answers.json"))
      << R"({"personal_care":"c","using_toilet":"b","dressing":"b","eating_drinking":"a",)"
      << R"("moving_about":"b","staying_safe":"a","nights":"a","housework":"b",)"
      << R"("relationships_contact":"a","daytime_activity":"b","getting_out":"b",)"
      << R"("looking_after_children":"a","age":67,"living_setting":"own_home",)"
      << R"("has_unpaid_carer":false,"support_reason":"physical_support"})";
  auto json = Selfdirect("ras evaluate --model " + kModels + "levels.yaml --answers " +
                         dir.File("answers.json") + " --format json");
  EXPECT_EQ(json.status, 0) << json.output;
  EXPECT_THAT(json.output, HasSubstr("\"model\":\"levels\""));
  EXPECT_THAT(json.output, HasSubstr("\"amount_pence\":"));
  auto text = Selfdirect("ras evaluate --model " + kModels + "levels.yaml --answers " +
                         dir.File("answers.json"));
  EXPECT_THAT(text.output, HasSubstr("a year"));

  std::ofstream(dir.File("bad.json")) << R"({"personal_care":"z","age":"sixty"})";
  auto bad = Selfdirect("ras evaluate --model " + kModels + "levels.yaml --answers " +
                        dir.File("bad.json"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.output, HasSubstr("age: should be a number, not the text \"sixty\""));
  EXPECT_THAT(bad.output, HasSubstr("using_toilet: has no answer"));
  std::ofstream(dir.File("notjson.json")) << "personal_care: c";
  EXPECT_THAT(Selfdirect("ras evaluate --model " + kModels + "levels.yaml --answers " +
                         dir.File("notjson.json"))
                  .output,
              HasSubstr("not valid JSON"));
}

TEST(CliRas, PublishOnceThenRefusesTheSameVersion) {
  testing::TempDir dir;
  const std::string data = dir.File("s.db");
  ASSERT_EQ(
      Selfdirect("councils add --data " + data + " --code E06000001 --name Hartlepool").status, 0);
  auto first =
      Selfdirect("ras publish --data " + data + " --council E06000001 " + kModels + "levels.yaml");
  EXPECT_EQ(first.status, 0) << first.output;
  EXPECT_THAT(first.output, HasSubstr("Published levels version 1"));
  auto again =
      Selfdirect("ras publish --data " + data + " --council E06000001 " + kModels + "levels.yaml");
  EXPECT_EQ(again.status, 1);
  EXPECT_THAT(again.output, HasSubstr("give this one version 2 or higher"));
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

constexpr const char* kLevelsHeader =
    "id,personal_care,using_toilet,dressing,eating_drinking,moving_about,staying_safe,nights,"
    "housework,relationships_contact,daytime_activity,getting_out,looking_after_children,age,"
    "living_setting,has_unpaid_carer,support_reason\n";

TEST(CliRas, RunWritesAmountsAndRefusedRowsSeparately) {
  testing::TempDir dir;
  std::ofstream(dir.File("people.csv"))
      << kLevelsHeader << "A1,c,b,b,a,b,a,a,b,a,b,b,a,67,own_home,no,physical_support\n"
      << "A2,c,b,b,a,b,a,a,b,a,b,b,a,sixty,own_home,no,physical_support\n"
      << "A3,d,d,d,d,d,d,d,d,d,d,d,d,30,supported_living,yes,learning_disability\n";
  auto r = Selfdirect("ras run --model " + kModels + "levels.yaml --input " +
                      dir.File("people.csv") + " --output " + dir.File("out.csv"));
  EXPECT_EQ(r.status, 3) << r.output;  // some rows were refused
  EXPECT_THAT(r.output, HasSubstr("Worked out 2 of 3 people with levels version 1"));
  EXPECT_THAT(r.output, HasSubstr("1 row was refused"));
  EXPECT_THAT(ReadAll(dir.File("out.csv")), ::testing::StartsWith("id,amount_pence\nA1,"));
  EXPECT_THAT(ReadAll(dir.File("out.csv")), HasSubstr("\nA3,2782050\n"));
  EXPECT_THAT(ReadAll(dir.File("out.csv.errors.csv")),
              HasSubstr("3,3,A2,\"age: \"\"sixty\"\" is not a number"));

  std::ofstream(dir.File("short.csv")) << "id,personal_care\nA1,c\n";
  auto missing = Selfdirect("ras run --model " + kModels + "levels.yaml --input " +
                            dir.File("short.csv") + " --output " + dir.File("o2.csv"));
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.output, HasSubstr("using_toilet"));
  EXPECT_THAT(missing.output, HasSubstr("support_reason"));
}

TEST(CliRas, CompareShowsWhoGainsAndWhoLoses) {
  testing::TempDir dir;
  std::string text = ReadAll(kModels + "levels.yaml");
  text.replace(text.find("version: 1"), 10, "version: 2");
  // Level 5 in supported living falls from £27,820.50 to £20,000 a year.
  text.replace(text.find("27820.5"), 7, "20000");
  text = text.substr(0, text.find("\nexamples:"));
  std::ofstream(dir.File("v2.yaml")) << text << "\n";
  std::ofstream(dir.File("people.csv"))
      << kLevelsHeader << "A1,c,b,b,a,b,a,a,b,a,b,b,a,67,own_home,no,physical_support\n"
      << "A3,d,d,d,d,d,d,d,d,d,d,d,d,30,supported_living,yes,learning_disability\n";
  auto r = Selfdirect("ras compare --old " + kModels + "levels.yaml --new " + dir.File("v2.yaml") +
                      " --input " + dir.File("people.csv") + " --falls " + dir.File("falls.csv"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("0 gain, 1 lose, 1 see no change."));
  EXPECT_THAT(r.output, HasSubstr("1 person would see their budget fall by more than 10%."));
  EXPECT_THAT(r.output, HasSubstr("learning_disability"));
  EXPECT_THAT(ReadAll(dir.File("falls.csv")),
              HasSubstr("A3,2782050,2000000,-782050,30,learning_disability"));
}

TEST(CliRas, CalibrateWritesANewVersionAndAReport) {
  testing::TempDir dir;
  // Everyone at level 1 or 5 in their own home, costing 10% more than the table says.
  std::ofstream packages(dir.File("packages.csv"));
  packages << std::string(kLevelsHeader).substr(0, std::string(kLevelsHeader).size() - 1)
           << ",cost\n";
  for (int i = 0; i < 30; ++i) {
    const bool high = i % 2 == 0;
    const char* a = high ? "d" : "a";
    packages << "K" << i;
    for (int q = 0; q < 12; ++q) packages << "," << a;
    packages << "," << (30 + i) << ",own_home,no,physical_support," << (high ? "37180" : "3432")
             << "\n";
  }
  packages.close();
  auto r = Selfdirect("ras calibrate --model " + kModels + "levels.yaml --packages " +
                      dir.File("packages.csv") + " --output " + dir.File("v2.yaml") + " --plot " +
                      dir.File("fit.svg"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Fitted 20 parameters of levels version 1 to 30 packages"));
  EXPECT_THAT(r.output, ::testing::ContainsRegex("level_amount\\[5, own_home\\] +33800 +37180"));
  EXPECT_THAT(r.output, HasSubstr("(no package informs it: kept)"));
  EXPECT_THAT(r.output, HasSubstr("Outliers removed: 0 packages"));
  const std::string v2 = ReadAll(dir.File("v2.yaml"));
  EXPECT_THAT(v2, HasSubstr("version: 2"));
  EXPECT_THAT(v2, HasSubstr("own_home: 37180,"));
  EXPECT_THAT(v2, HasSubstr("\nfit:\n  fitted_on: "));
  EXPECT_EQ(Selfdirect("ras check " + dir.File("v2.yaml")).status, 0);
  EXPECT_THAT(ReadAll(dir.File("fit.svg")), HasSubstr("<svg"));

  std::ofstream(dir.File("nocost.csv")) << kLevelsHeader;
  auto nocost = Selfdirect("ras calibrate --model " + kModels + "levels.yaml --packages " +
                           dir.File("nocost.csv") + " --output " + dir.File("v3.yaml"));
  EXPECT_EQ(nocost.status, 1);
  EXPECT_THAT(nocost.output, HasSubstr("cost"));
}

TEST(Cli, ServeRefusesATlsCertificateItCannotRead) {
  testing::TempDir dir;
  auto r = Selfdirect("serve --data " + dir.File("s.db") + " --port 0 --tls-certificate " +
                      dir.File("missing.pem") + " --tls-private-key " + dir.File("missing.key"));
  EXPECT_NE(r.status, 0);
  EXPECT_THAT(r.output, HasSubstr("Cannot read the TLS certificate chain"));
  EXPECT_THAT(r.output, HasSubstr("missing.pem"));
}

}  // namespace
}  // namespace selfdirect

namespace selfdirect {
namespace {

class CliPeopleImport : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("sd.db");
    auto council = Selfdirect("councils add --data " + db_ +
                              " --code E06000001 --name \"Hartlepool Borough Council\"");
    ASSERT_EQ(council.status, 0) << council.output;
  }

  selfdirect::Run Import(const std::string& csv, const std::string& flags = "") {
    std::ofstream(dir_.File("people.csv"), std::ios::binary) << csv;
    return Selfdirect("people import --data " + db_ + " --council E06000001 " + flags + " " +
                      dir_.File("people.csv"));
  }

  testing::TempDir dir_;
  std::string db_;
};

TEST_F(CliPeopleImport, TheSampleFileImportsAndPrintsEachReferenceWithItsNewId) {
  const std::string sample = std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/people-import.csv";
  auto dry = Selfdirect("people import --dry-run --data " + db_ + " --council E06000001 " + sample);
  EXPECT_EQ(dry.status, 0) << dry.output;
  EXPECT_THAT(dry.output, HasSubstr("5 people ready to import into Hartlepool Borough Council. "
                                    "Nothing was imported (--dry-run)."));

  auto r = Selfdirect("people import --data " + db_ + " --council E06000001 " + sample);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Imported 5 people into Hartlepool Borough Council.\n"));
  EXPECT_THAT(r.output, HasSubstr("external_reference,person_id\nCARE-100231,"));
  EXPECT_THAT(r.output, ::testing::ContainsRegex("CARE-100263,[0-9A-Z]{26}\n"));
  EXPECT_THAT(r.output,
              ::testing::Not(HasSubstr("\r")));  // no progress bar when stderr is not a terminal

  // The same file again: the NHS numbers are on the council's records now; nothing is added.
  auto again = Selfdirect("people import --data " + db_ + " --council E06000001 " + sample);
  EXPECT_EQ(again.status, 1);
  EXPECT_THAT(again.output,
              HasSubstr("line 2, column nhs_number: A person already on the council's records"));
  EXPECT_THAT(again.output, HasSubstr("3 problems; nothing was imported"));

  auto audit = Selfdirect("audit verify --data " + db_);
  EXPECT_EQ(audit.status, 0) << audit.output;
}

TEST_F(CliPeopleImport, ABadRowImportsNothingAndEveryProblemIsOneLine) {
  auto r = Import(
      "given_name,family_name,date_of_birth,nhs_number\r\n"
      "Ada,Okafor,1948-03-27,943 476 5919\r\n"
      "Bert,,1950-01-01,943 476 5919\r\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.output,
            "line 3, column family_name: Enter their last name\n"
            "line 3, column nhs_number: The NHS number 943 476 5919 is also on line 2: each "
            "person must appear once\n" +
                dir_.File("people.csv") +
                ": 2 problems; nothing was imported. Put them right and run the import again.\n");
  auto fixed = Import(
      "given_name,family_name,date_of_birth,nhs_number\r\n"
      "Ada,Okafor,1948-03-27,943 476 5919\r\n"
      "Bert,Smith,1950-01-01,\r\n");
  EXPECT_EQ(fixed.status, 0) << fixed.output;
  EXPECT_EQ(fixed.output, "Imported 2 people into Hartlepool Borough Council.\n");
}

TEST_F(CliPeopleImport, AMissingOrUnknownHeaderOrAnEmptyFileIsRefused) {
  auto unknown = Import("given_name,surname,date_of_birth\nAda,Okafor,1948-03-27\n");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_THAT(unknown.output, HasSubstr("line 1, column surname: selfdirect does not know this "
                                        "column"));
  EXPECT_THAT(unknown.output, HasSubstr("line 1: The header has no family_name column"));
  auto empty = Import("");
  EXPECT_EQ(empty.status, 1);
  EXPECT_THAT(empty.output, HasSubstr("The file is empty"));
  auto no_council =
      Selfdirect("people import --data " + db_ + " --council E00000000 " + dir_.File("people.csv"));
  EXPECT_EQ(no_council.status, 1);
  EXPECT_THAT(no_council.output, HasSubstr("councils add"));
  auto no_file = Selfdirect("people import --data " + db_ + " --council E06000001 " +
                            dir_.File("missing.csv"));
  EXPECT_NE(no_file.status, 0);
  EXPECT_THAT(no_file.output, HasSubstr("missing.csv"));
}

class CliStatements : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("sd.db");
    auto council = Selfdirect("councils add --data " + db_ +
                              " --code E06000001 --name \"Hartlepool Borough Council\"");
    ASSERT_EQ(council.status, 0) << council.output;
    // Ada, her direct payment card and the council's payment into it (a payment run's work).
    auto opened = store::Database::Open({.path = db_});
    ASSERT_TRUE(opened);
    store::SqliteStore store(**opened);
    ASSERT_TRUE(store.Write([&](store::Transaction& tx) -> Status {
      auto council = tx.Councils().FindCouncilByCode("E06000001");
      if (!council || !*council) return Fail(ErrorCode::kNotFound, "no council");
      const CouncilId id = (*council)->id;
      const Timestamp now = ParseTimestamp("2026-11-01T09:00:00.000Z").value();
      casework::Person p;
      p.council = id;
      p.id = PersonId("01JD00000000000000000PER51");
      p.given_name = "Ada";
      p.family_name = "Okafor";
      p.date_of_birth = *ParseIsoDate("1948-03-27");
      p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
      p.ethnicity = "Z";
      p.has_unpaid_carer = "not_known";
      p.created_at = now;
      if (auto c = tx.Casework().CreatePerson(p, {casework::Stage::kActive, false}); !c) return c;
      ledger::Account fund, card;
      fund.council = card.council = id;
      fund.id = LedgerAccountId("01JD0000000000000000ACCT01");
      fund.owner = {ledger::OwnerKind::kCouncil, id.str()};
      fund.name = "Care fund";
      card.id = card_;
      card.type = ledger::AccountType::kDirectPaymentHolding;
      card.owner = {ledger::OwnerKind::kPerson, p.id.str()};
      card.flags = ledger::DefaultFlags(card.type);
      card.name = "Ada Okafor's direct payment";
      fund.created_at = card.created_at = now;
      if (auto c = tx.Ledger().CreateAccount(fund); !c) return c;
      if (auto c = tx.Ledger().CreateAccount(card); !c) return c;
      ledger::Transfer t;
      t.id = TransferId("run:2026-11-02:1");
      t.council = id;
      t.debit_account = fund.id;
      t.credit_account = card.id;
      t.amount = Pence(2'488'40);
      t.created_at = now;
      auto r = tx.Ledger().CreateTransfers(std::span(&t, 1));
      if (!r) return tl::unexpected(r.error());
      return r->front() ? Ok() : Status(tl::unexpected(r->front().error()));
    }));
    auto format = Selfdirect("statements formats add --data " + db_ +
                             " --council E06000001 --name \"Northern Bank\" --council-payer "
                             "\"HARTLEPOOL BC DIRECT PAYMENTS\" " +
                             Sample("statement-formats/northern-bank.yaml"));
    ASSERT_EQ(format.status, 0) << format.output;
    EXPECT_EQ(format.output,
              "Added the statement format \"Northern Bank\" to Hartlepool Borough Council.\n");
  }

  static std::string Sample(const std::string& name) {
    return std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/" + name;
  }

  selfdirect::Run Import(const std::string& file) {
    return Selfdirect("statements import --data " + db_ + " --council E06000001 --account " +
                      card_.str() + " --format \"Northern Bank\" " + file);
  }

  testing::TempDir dir_;
  std::string db_;
  const LedgerAccountId card_{"01JD0000000000000000ACCT02"};
  const PersonId ada_{"01JD00000000000000000PER51"};
};

TEST_F(CliStatements, TheSampleImportsOnceWithEveryLineAndItsCategory) {
  auto r = Import(Sample("statement-northern-bank.csv"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Imported 12 lines from "));
  EXPECT_THAT(r.output, HasSubstr("into Ada Okafor's direct payment"));
  EXPECT_THAT(r.output, HasSubstr("£2,300.00 in, £2,353.19 out, 11 transfers made."));
  EXPECT_THAT(r.output, HasSubstr("HMRC PAYE  → unknown_payee"));
  EXPECT_THAT(r.output, HasSubstr("NEEDS REVIEW"));
  EXPECT_THAT(r.output, HasSubstr("HARTLEPOOL BC DIRECT PAYMENTS  → council_payment"));

  auto again = Import(Sample("statement-northern-bank.csv"));
  EXPECT_EQ(again.status, 1) << again.output;
  EXPECT_THAT(again.output, HasSubstr("This file was already imported into this account on"));

  auto verify = Selfdirect("ledger verify --data " + db_);
  EXPECT_EQ(verify.status, 0) << verify.output;
  EXPECT_THAT(verify.output, HasSubstr("4 accounts, 12 transfers, balances agree"));
}

TEST_F(CliStatements, ABankFileOfContributionsIsCheckedThenRecordedOnce) {
  // Ada owes £40.00 towards her contribution (a payment run's charge to her receivable).
  {
    auto opened = store::Database::Open({.path = db_});
    ASSERT_TRUE(opened);
    store::SqliteStore store(**opened);
    ASSERT_TRUE(store.Write([&](store::Transaction& tx) -> Status {
      auto council = tx.Councils().FindCouncilByCode("E06000001");
      if (!council || !*council) return Fail(ErrorCode::kNotFound, "no council");
      ledger::Account owes;
      owes.council = (*council)->id;
      owes.id = LedgerAccountId("01JD0000000000000000ACCT03");
      owes.type = ledger::AccountType::kContributionReceivable;
      owes.owner = {ledger::OwnerKind::kPerson, ada_.str()};
      owes.flags = ledger::DefaultFlags(owes.type);
      owes.name = "Ada Okafor's contribution";
      owes.created_at = ParseTimestamp("2026-11-02T09:00:00.000Z").value();
      if (auto c = tx.Ledger().CreateAccount(owes); !c) return c;
      ledger::Transfer t;
      t.id = TransferId("charge:1");
      t.council = owes.council;
      t.debit_account = owes.id;
      t.credit_account = LedgerAccountId("01JD0000000000000000ACCT01");
      t.amount = Pence(4000);
      t.code = ledger::TransferCode::kContribution;
      t.created_at = owes.created_at;
      auto r = tx.Ledger().CreateTransfers(std::span(&t, 1));
      if (!r) return tl::unexpected(r.error());
      return r->front() ? Ok() : Status(tl::unexpected(r->front().error()));
    }));
  }
  std::ofstream(dir_.File("bank.csv"), std::ios::binary)
      << "Date,Type,Description,Reference,Amount,Balance\n"
         "20/11/2026,BGC,ADA OKAFOR,"
      << ledger::ContributionReference(ada_)
      << ",15.00,15.00\n"
         "21/11/2026,DD,BANK CHARGES,FEE,-2.50,12.50\n";
  const std::string command = "statements contributions --data " + db_ +
                              " --council E06000001 --format \"Northern Bank\" " +
                              dir_.File("bank.csv");
  auto checked = Selfdirect(command);
  EXPECT_EQ(checked.status, 0) << checked.output;
  EXPECT_THAT(checked.output, HasSubstr("record             £15.00 from Ada Okafor towards"));
  EXPECT_THAT(checked.output, HasSubstr("money_out          Money out of the account"));
  EXPECT_THAT(checked.output, HasSubstr("1 payment towards contributions, £15.00 in all, can be "
                                        "recorded. Run again with --record to record them."));
  EXPECT_THAT(Selfdirect("ledger verify --data " + db_).output,
              HasSubstr("3 accounts, 2 transfers, balances agree"));

  auto recorded = Selfdirect(command + " --record");
  EXPECT_EQ(recorded.status, 0) << recorded.output;
  EXPECT_THAT(recorded.output, HasSubstr("£15.00 in all, is recorded."));
  EXPECT_THAT(Selfdirect("ledger verify --data " + db_).output,
              HasSubstr("4 accounts, 3 transfers, balances agree"));
  auto again = Selfdirect(command + " --record");
  EXPECT_THAT(again.output, HasSubstr("already_recorded   This file was read before"));
  EXPECT_THAT(again.output, HasSubstr("No line of this file can be recorded"));
  EXPECT_THAT(Selfdirect("ledger verify --data " + db_).output,
              HasSubstr("4 accounts, 3 transfers, balances agree"));

  auto no_format = Selfdirect("statements contributions --data " + db_ +
                              " --council E06000001 --format Nope " + dir_.File("bank.csv"));
  EXPECT_EQ(no_format.status, 1) << no_format.output;
  EXPECT_THAT(no_format.output, HasSubstr("There is no statement format called \"Nope\""));
}

TEST_F(CliStatements, ABadFileNamesEveryBadRowAndChangesNothing) {
  std::ofstream(dir_.File("bad.csv"), std::ios::binary)
      << "Date,Type,Description,Reference,Amount,Balance\n"
         "02/11/2026,BGC,HARTLEPOOL BC DIRECT PAYMENTS,DP,2250.00,2488.40\n"
         "31/11/2026,SO,JADE OKAFOR,PA,-312.50,2175.90\n"
         "05/11/2026,DD,SMITHS CARE LTD,INV,-48x.00,1689.90\n";
  auto r = Import(dir_.File("bad.csv"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("bad.csv: row 3, column \"Date\""));
  EXPECT_THAT(r.output, HasSubstr("bad.csv: row 4, column \"Amount\""));
  EXPECT_THAT(r.output, HasSubstr("nothing was imported"));
  auto verify = Selfdirect("ledger verify --data " + db_);
  EXPECT_EQ(verify.status, 0) << verify.output;
  EXPECT_THAT(verify.output, HasSubstr("2 accounts, 1 transfer, balances agree"));
}

TEST(CliDemo, BadArgumentsAreRefusedBeforeTheDatabaseIsTouched) {
  testing::TempDir dir;
  const std::string db = dir.File("demo.db");
  const std::pair<std::string, std::string> cases[] = {
      {"--seed abc", "--seed must be a whole number"},
      {"--seed -3", "--seed must be a whole number"},
      {"--people 0", "--people must be a whole number from 1 to 1,000,000"},
      {"--people 5000000", "--people must be a whole number from 1 to 1,000,000"},
      {"--people many", "--people must be a whole number"},
      {"--as-of 2026-02-30", "--as-of must be a real date"},
      {"--as-of 1950-06-01", "--as-of must be a real date from 2000 to 2099"},
      {"--years 0", "--years must be a whole number from 1 to 10"},
      {"--years 10000", "--years must be a whole number from 1 to 10"},
      {"--years three", "--years must be a whole number from 1 to 10"},
  };
  for (const auto& [args, message] : cases) {
    auto r = Selfdirect("demo generate --data " + db + " " + args);
    EXPECT_EQ(r.status, 1) << args << ": " << r.output;
    EXPECT_THAT(r.output, HasSubstr(message)) << args;
    EXPECT_THAT(r.output, HasSubstr("Nothing was written.")) << args;
    EXPECT_FALSE(std::filesystem::exists(db)) << args;
  }
}

TEST(CliDemo, LoadsACouncilOncePrintsTheSignInsAndRefusesADatabaseWithPeople) {
  testing::TempDir dir;
  const std::string db = dir.File("demo.db");
  auto r = Selfdirect("demo generate --data " + db +
                      " --people 40 --seed 3 --as-of 2026-11-23 --years 2");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("(seed 3, 2 years to 2026-11-23)"));
  EXPECT_THAT(r.output, HasSubstr("Loaded Demoshire Council (synthetic demo data) (E06000999)"));
  EXPECT_THAT(r.output, HasSubstr("40 people:"));
  EXPECT_THAT(r.output, HasSubstr("Demo sign-ins (council code E06000999)"));
  EXPECT_THAT(r.output, ::testing::ContainsRegex("social.worker@demoshire.example +"
                                                 "demo-social-worker-pass"));
  EXPECT_THAT(r.output, HasSubstr("Budget holder"));

  auto again = Selfdirect("demo generate --data " + db + " --people 40 --seed 3");
  EXPECT_EQ(again.status, 1) << again.output;
  EXPECT_THAT(again.output, HasSubstr("already has a council (Demoshire Council (synthetic demo "
                                      "data)) with people on its records"));
  EXPECT_THAT(again.output, HasSubstr("Nothing was written."));

  auto quiet = Selfdirect("demo generate --data " + db + " --if-empty");
  EXPECT_EQ(quiet.status, 0) << quiet.output;
  EXPECT_THAT(quiet.output, HasSubstr("already has a council: no demo council loaded"));
  EXPECT_THAT(quiet.output, ::testing::Not(HasSubstr("Demo sign-ins")));
}

TEST(CliDemo, WritesTheCouncilAsCsvFilesTheSameForTheSameSeedWithoutADatabase) {
  testing::TempDir dir;
  const std::string db = dir.File("demo.db");
  auto r = Selfdirect("demo generate --data " + db + " --people 60 --seed 4 --as-of 2026-11-23 " +
                      "--csv " + dir.File("a"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Wrote 14 files"));
  EXPECT_FALSE(std::filesystem::exists(db));
  auto again =
      Selfdirect("demo generate --people 60 --seed 4 --as-of 2026-11-23 --csv " + dir.File("b"));
  ASSERT_EQ(again.status, 0) << again.output;
  auto read = [](const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  };
  for (const char* table : {"people.csv", "plans.csv", "plan_items.csv", "concerns.csv"}) {
    const std::string a = read(dir.File(std::string("a/") + table));
    EXPECT_FALSE(a.empty()) << table;
    EXPECT_EQ(a, read(dir.File(std::string("b/") + table))) << table;
  }
  // 60 people and a header.
  const std::string people = read(dir.File("a/people.csv"));
  EXPECT_EQ(std::count(people.begin(), people.end(), '\n'), 61);
  EXPECT_THAT(people, ::testing::StartsWith("person,given_name,family_name,date_of_birth,"));

  // A path that is a file cannot be a directory; bad numbers are refused as before.
  std::ofstream(dir.File("plain")) << "x";
  auto bad = Selfdirect("demo generate --people 5 --csv " + dir.File("plain"));
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("cannot make or use that directory"));
  auto seed = Selfdirect("demo generate --seed abc --csv " + dir.File("c"));
  EXPECT_EQ(seed.status, 1);
  EXPECT_THAT(seed.output, HasSubstr("--seed must be a whole number"));
  EXPECT_FALSE(std::filesystem::exists(dir.File("c")));
}

TEST(CliSimulate, ABadScenarioFileNamesEveryProblemAndRunsNothing) {
  testing::TempDir dir;
  const std::string file = dir.File("bad.yaml");
  std::ofstream(file) << "name: Bad\nhorizon_years: 10000\nseed: forty-two\n"
                         "demand_growth_percent_a_year: -150\ncuts: 25\n";
  auto r = Selfdirect("simulate --scenario " + file + " --people 0 --csv " + dir.File("out"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("--people must be a whole number from 1 to 1,000,000"));
  EXPECT_THAT(r.output, HasSubstr(file + ": horizon_years must be a whole number from 1 to 100"));
  EXPECT_THAT(r.output, HasSubstr(file + ": seed must be a whole number"));
  EXPECT_THAT(r.output, HasSubstr(file + ": demand_growth_percent_a_year must be above -100%"));
  EXPECT_THAT(r.output,
              HasSubstr(file + ": a scenario has no setting \"cuts\"; it may have: name"));
  EXPECT_THAT(r.output, HasSubstr("Nothing was run."));
  EXPECT_THAT(r.output, ::testing::Not(HasSubstr("Scenario:")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("out")));

  auto missing = Selfdirect("simulate --scenario " + dir.File("none.yaml"));
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.output, HasSubstr("none.yaml: cannot be read"));
}

TEST(CliSimulate, RunsAnExampleScenarioAndWritesTheCsvFiles) {
  testing::TempDir dir;
  auto r = Selfdirect("simulate --scenario " + std::string(SELFDIRECT_SOURCE_DIR) +
                      "/scenarios/responsibility-shift.yaml --people 300 --seed 4 --csv " +
                      dir.File("out"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Scenario: Responsibility shifts to the individual"));
  EXPECT_THAT(r.output, HasSubstr("the price per point goes from £4.35 to £3.70 a week (-15%)"));
  EXPECT_THAT(r.output, HasSubstr("People with a direct payment: "));
  EXPECT_THAT(r.output, HasSubstr("By support reason:"));
  EXPECT_THAT(r.output, HasSubstr("Sufficiency: "));
  for (const char* name : {"years.csv", "groups.csv", "sufficiency.csv"}) {
    std::ifstream csv(dir.File("out/" + std::string(name)));
    std::string header;
    EXPECT_TRUE(std::getline(csv, header)) << name;
  }
  std::ifstream years(dir.File("out/years.csv"));
  int lines = 0;
  for (std::string line; std::getline(years, line);) ++lines;
  EXPECT_EQ(lines, 1 + 1 + 10);  // the header, today, ten years
}

TEST(CliSimulate, WritesTheWorkbookBesideTheCsvFiles) {
  testing::TempDir dir;
  const std::string book = dir.File("shift.xlsx");
  auto r = Selfdirect("simulate --scenario " + std::string(SELFDIRECT_SOURCE_DIR) +
                      "/scenarios/responsibility-shift.yaml --people 300 --seed 4 --csv " +
                      dir.File("out") + " --xlsx " + book);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Wrote " + dir.File("out/years.csv")));
  EXPECT_THAT(r.output, HasSubstr("Wrote " + book));
  std::ifstream in(book, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_THAT(bytes, HasSubstr("xl/worksheets/sheet4.xml"));
}

TEST(CliSimulate, AnXlsxPathThatCannotBeWrittenIsRefusedBeforeAnythingRuns) {
  testing::TempDir dir;
  const std::string scenario =
      std::string(SELFDIRECT_SOURCE_DIR) + "/scenarios/responsibility-shift.yaml";
  auto missing =
      Selfdirect("simulate --scenario " + scenario + " --xlsx " + dir.File("no/such/run.xlsx"));
  EXPECT_EQ(missing.status, 1) << missing.output;
  EXPECT_THAT(missing.output,
              HasSubstr("--xlsx " + dir.File("no/such/run.xlsx") + ": the directory " +
                        dir.File("no/such") + " does not exist"));
  EXPECT_THAT(missing.output, HasSubstr("Nothing was run."));
  EXPECT_THAT(missing.output, ::testing::Not(HasSubstr("Scenario:")));
  auto directory = Selfdirect("simulate --scenario " + scenario + " --xlsx " + dir.File(""));
  EXPECT_EQ(directory.status, 1) << directory.output;
  EXPECT_THAT(directory.output, HasSubstr("is a directory"));
  EXPECT_FALSE(std::filesystem::exists(dir.File("no")));
}

}  // namespace
}  // namespace selfdirect
