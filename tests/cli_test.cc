// The selfdirect command as an operator uses it: help, version, migrate, settings precedence.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "selfdirect/store/migrations.h"
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
  std::vector<std::string> args = {SELFDIRECT_BINARY, "serve", "--port", "0", "--data", data,
                                   "--web-root", dir.File("no-web")};
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

}  // namespace
}  // namespace selfdirect
