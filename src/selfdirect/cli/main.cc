// The selfdirect command: serve, migrate, version, councils, users, people, audit, ledger,
// statements, ras, demo, simulate.
//
// Settings come from flags, then SELFDIRECT_* environment variables, then a YAML config file
// (--config or SELFDIRECT_CONFIG), then built-in defaults; the first that sets a value wins.
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "selfdirect/app/accounts.h"
#include "selfdirect/app/application.h"
#include "selfdirect/app/casework.h"
#include "selfdirect/app/ledger.h"
#include "selfdirect/app/ras_models.h"
#include "selfdirect/app/safeguarding.h"
#include "selfdirect/cli/demo_commands.h"
#include "selfdirect/cli/json_log.h"
#include "selfdirect/cli/ledger_commands.h"
#include "selfdirect/cli/monitoring_commands.h"
#include "selfdirect/cli/payments_commands.h"
#include "selfdirect/cli/people_commands.h"
#include "selfdirect/cli/providers_commands.h"
#include "selfdirect/cli/ras_commands.h"
#include "selfdirect/cli/simulate_commands.h"
#include "selfdirect/cli/statements_commands.h"
#include "selfdirect/http/finance_overview_api.h"
#include "selfdirect/http/invoices_api.h"
#include "selfdirect/http/ledger_api.h"
#include "selfdirect/http/market_api.h"
#include "selfdirect/http/money_api.h"
#include "selfdirect/http/monitoring_api.h"
#include "selfdirect/http/payments_api.h"
#include "selfdirect/http/personal_assistants_api.h"
#include "selfdirect/http/pools_api.h"
#include "selfdirect/http/safeguarding_api.h"
#include "selfdirect/http/scenarios_api.h"
#include "selfdirect/http/server.h"
#include "selfdirect/http/statements_api.h"
#include "selfdirect/store/sqlite_store.h"

namespace selfdirect::cli {
namespace {

constexpr const char* kVersion = SELFDIRECT_VERSION;

struct Settings {
  std::string data = "var/selfdirect.db";
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string web_root = "web/dist";
  int threads = 0;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  bool no_migrate = false;
  bool quiet = false;
  bool tls = false;
  // On unless turned off with --allow-administrators-without-totp (or
  // --require-totp-for-administrators=false): see ResolveRequireTotp.
  bool require_totp_for_administrators = true;
  bool allow_administrators_without_totp = false;
  // argon2id at its minimum cost instead of libsodium's MODERATE: for automated tests, which
  // sign in hundreds of times, never for real passwords.
  bool fast_password_hashing_for_tests = false;
  std::string tls_certificate;
  std::string tls_private_key;
  // councils add / users add / users disable
  std::string code;
  std::string name;
  std::string council;
  std::string email;
  std::vector<std::string> roles;
  std::string person;
  std::string model_file;  // ras publish
  std::string team;        // teams join
  bool leave = false;      // teams join --leave
};

// Finds --config FILE / --config=FILE in argv, else SELFDIRECT_CONFIG.
std::string ConfigPath(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--config" && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with("--config=")) return std::string(arg.substr(9));
  }
  const char* env = std::getenv("SELFDIRECT_CONFIG");
  return env ? env : "";
}

// Applies the YAML file's top-level keys as defaults of the subcommand's options, so that
// flags and environment variables still override them. Unknown keys are errors.
void ApplyConfigFile(const std::string& path, CLI::App& sub) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw CLI::FileError("cannot read config file " + path + ": " + e.what());
  }
  if (!root.IsMap()) throw CLI::FileError("config file " + path + " must be a map of settings");
  for (const auto& entry : root) {
    const auto key = entry.first.as<std::string>();
    if (key == "config") continue;
    auto* option = sub.get_option_no_throw("--" + key);
    if (option == nullptr) {
      throw CLI::FileError("config file " + path + ": unknown setting '" + key + "'");
    }
    if (!entry.second.IsScalar()) {
      throw CLI::FileError("config file " + path + ": '" + key + "' must be a single value");
    }
    option->default_val(entry.second.as<std::string>());
  }
}

// Whether a flag was typed on the command line, as --name or --name=value.
bool OnCommandLine(int argc, char** argv, std::string_view name) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == name || (arg.starts_with(name) && arg.substr(name.size()).starts_with('='))) {
      return true;
    }
  }
  return false;
}

// Where a setting's value came from, weakest first.
enum class Source { kDefault, kConfigFile, kEnvironment, kFlag };

Source SourceOf(const CLI::Option& option, int argc, char** argv) {
  if (OnCommandLine(argc, argv, option.get_name())) return Source::kFlag;
  // Not typed, yet given: CLI11 read it from the environment.
  if (option.count() > 0) return Source::kEnvironment;
  // ApplyConfigFile gives a setting from the file as the option's default.
  if (!option.get_default_str().empty()) return Source::kConfigFile;
  return Source::kDefault;
}

// Two-step sign-in for administrators is one setting with two names, each the other's
// opposite: --require-totp-for-administrators (on by default) and
// --allow-administrators-without-totp, to turn it off for a local experiment. Each keeps the
// usual order on its own (flag, then environment, then config file); between the two, the
// one from the stronger source wins, and two from the same source that disagree are refused.
void ResolveRequireTotp(Settings& s, const CLI::Option& require, const CLI::Option& allow, int argc,
                        char** argv) {
  const Source require_source = SourceOf(require, argc, argv);
  const Source allow_source = SourceOf(allow, argc, argv);
  const bool required_by_allow = !s.allow_administrators_without_totp;
  if (require_source == allow_source && require_source != Source::kDefault &&
      s.require_totp_for_administrators != required_by_allow) {
    throw CLI::ValidationError(require.get_name() + " and " + allow.get_name(),
                               "they say opposite things from the same place (flags, environment "
                               "or config file); give only one");
  }
  if (allow_source > require_source) s.require_totp_for_administrators = required_by_allow;
}

void AddDataOption(CLI::App& sub, Settings& s) {
  // With a parse-complete callback, CLI11 reads the environment only for the subcommand that
  // was named, so one subcommand's SELFDIRECT_DATA cannot overwrite another's --data flag.
  sub.parse_complete_callback([] {});
  sub.add_option("--data", s.data, "SQLite database file")
      ->envname("SELFDIRECT_DATA")
      ->capture_default_str();
  sub.add_option("--config", "YAML file of settings (flags and environment win)")
      ->envname("SELFDIRECT_CONFIG");
}

struct Opened {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::SqliteStore> store;
};

int Fatal(const std::string& message) {
  std::cerr << "selfdirect: " << message << "\n";
  return 1;
}

std::optional<Opened> Open(const Settings& s, int readers, std::string* error) {
  auto db = store::Database::Open({.path = s.data, .readers = std::max(2, readers)});
  if (!db) {
    *error = db.error().message;
    return std::nullopt;
  }
  Opened o{std::move(*db), nullptr};
  o.store = std::make_unique<store::SqliteStore>(*o.db);
  return o;
}

// The application over a migrated database, for the operator's commands.
struct Stack {
  Opened opened;
  SystemClock clock;
  std::unique_ptr<UlidGenerator> ids;
  std::unique_ptr<app::Application> application;
  std::unique_ptr<app::Accounts> accounts;
};

std::unique_ptr<Stack> OpenStack(const Settings& s, std::string* error) {
  auto opened = Open(s, 1, error);
  if (!opened) return nullptr;
  auto stack = std::make_unique<Stack>();
  stack->opened = std::move(*opened);
  auto migrated = store::Migrate(*stack->opened.db, stack->clock);
  if (!migrated) {
    *error = migrated.error().message;
    return nullptr;
  }
  stack->ids = std::make_unique<UlidGenerator>(stack->clock);
  stack->application =
      std::make_unique<app::Application>(*stack->opened.store, stack->clock, *stack->ids);
  stack->accounts = std::make_unique<app::Accounts>(*stack->opened.store, stack->clock, *stack->ids,
                                                    app::AccountsOptions{});
  return stack;
}

std::string Describe(const Error& e) {
  std::string out = e.message;
  for (const auto& f : e.fields) out += "\n  " + f.field + ": " + f.message;
  return out;
}

Result<Council> CouncilByCode(Stack& stack, const std::string& code) {
  auto council = stack.application->GetCouncilByCode(app::Context::Operator("councils"), code);
  if (!council && council.error().code == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kNotFound, council.error().message +
                                          ". Add it with: selfdirect "
                                          "councils add --code " +
                                          code + " --name \"…\"");
  }
  return council;
}

int RunRasPublish(const Settings& s) {
  std::ifstream file(s.model_file, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  app::RasModels ras(*stack->opened.store, stack->clock);
  app::Context ctx = app::Context::Operator("ras publish");
  auto council = ras.ResolveCouncil(ctx, s.council);
  if (!council) return Fatal(Describe(council.error()));
  ctx.actor.council_id = council->id;
  auto published = ras.Publish(ctx, text.str());
  if (!published) {
    for (const FieldError& field : published.error().fields) {
      std::cerr << s.model_file << ": " << field.message << "\n";
    }
    return Fatal(Describe(published.error()));
  }
  std::cout << "Published " << published->model_id << " version " << published->version << " ("
            << published->title << ") for " << council->name << "\n";
  return 0;
}

int RunCouncilsAdd(const Settings& s) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council =
      stack->application->CreateCouncil(app::Context::Operator("councils add"), {s.code, s.name});
  if (!council) return Fatal(Describe(council.error()));
  std::cout << "Added " << council->name << " (" << council->code << "), id " << council->id.str()
            << "\n";
  return 0;
}

int RunUsersAdd(const Settings& s) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  auto added = stack->accounts->AddUser(app::Context::Operator("users add"),
                                        {council->id, s.email, s.name, s.roles, s.person});
  if (!added) return Fatal(Describe(added.error()));
  std::cout << "Added " << added->user.display_name << " <" << added->user.email << "> to "
            << council->name << ".\n"
            << "Send them this one-time link to set their password (it works once, for 72 "
               "hours):\n  "
            << app::SetPasswordPath(*added) << "\n"
            << "(after this server's address, e.g. http://localhost:8080"
            << app::SetPasswordPath(*added) << ")\n";
  return 0;
}

int RunUsersList(const Settings& s) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  auto users = stack->accounts->ListUsers(app::Context::Operator("users list"), council->id);
  if (!users) return Fatal(Describe(users.error()));
  for (const auto& u : *users) {
    std::string roles;
    for (Role r : u.roles) roles += std::string(roles.empty() ? "" : ",") + RoleName(r);
    std::cout << u.email << "\t" << u.display_name << "\t" << roles << "\t"
              << (u.disabled ? "disabled" : (u.password_hash ? "active" : "no password yet"))
              << "\n";
  }
  return 0;
}

int RunUsersDisable(const Settings& s) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  const auto ctx = app::Context::Operator("users disable");
  auto user = stack->accounts->FindUserByEmail(ctx, s.council, s.email);
  if (!user) return Fatal(Describe(user.error()));
  auto done = stack->accounts->DisableUser(ctx, user->council_id, user->id);
  if (!done) return Fatal(Describe(done.error()));
  std::cout << "Turned off " << user->email << " and ended their sessions.\n";
  return 0;
}

// Teams: the operator acts for the council named on the command line.
int RunTeams(const Settings& s, const std::string& what) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  app::Context ctx = app::Context::Operator("teams " + what);
  ctx.actor.council_id = council->id;
  app::RasModels ras(*stack->opened.store, stack->clock);
  app::Casework casework(*stack->opened.store, stack->clock, *stack->ids, ras);
  if (what == "add") {
    auto team = casework.CreateTeam(ctx, s.name);
    if (!team) return Fatal(Describe(team.error()));
    std::cout << "Set up the team " << team->name << " in " << council->name << ", id "
              << team->id.str() << "\n";
    return 0;
  }
  auto teams = casework.Teams(ctx);
  if (!teams) return Fatal(Describe(teams.error()));
  if (what == "list") {
    if (teams->empty()) std::cout << council->name << " has no teams yet.\n";
    for (const auto& t : *teams) {
      std::cout << t.id.str() << "\t" << t.name << "\t" << t.members.size() << " member"
                << (t.members.size() == 1 ? "" : "s") << "\n";
    }
    return 0;
  }
  // join (or --leave)
  const casework::Team* team = nullptr;
  for (const auto& t : *teams) {
    std::string a = t.name, b = s.team;
    std::transform(a.begin(), a.end(), a.begin(), ::tolower);
    std::transform(b.begin(), b.end(), b.begin(), ::tolower);
    if (a == b || t.id.str() == s.team) team = &t;
  }
  if (team == nullptr) {
    return Fatal("There is no team called \"" + s.team + "\" in " + council->name +
                 "; `selfdirect teams list` shows them");
  }
  auto user = stack->accounts->FindUserByEmail(ctx, s.council, s.email);
  if (!user) return Fatal(Describe(user.error()));
  auto set = casework.SetTeamMember(ctx, team->id, user->id, !s.leave);
  if (!set) return Fatal(Describe(set.error()));
  std::cout << user->display_name << (s.leave ? " left " : " joined ") << team->name << ".\n";
  return 0;
}

int RunPeopleImport(const Settings& s, const PeopleImportArguments& arguments) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  return RunPeopleImport(*stack->opened.store, stack->clock, *stack->ids, *council, arguments,
                         std::cout, std::cerr);
}

int RunProvidersImportCommand(const Settings& s, const std::string& file) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  return RunProvidersImport(*stack->opened.store, stack->clock, *stack->ids, *council, file,
                            std::cout, std::cerr);
}

int RunAuditVerify(const Settings& s) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto checks = stack->accounts->VerifyAudit(app::Context::Operator("audit verify"));
  if (!checks) return Fatal(Describe(checks.error()));
  int broken = 0;
  for (const auto& c : *checks) {
    if (c.first_break) {
      ++broken;
      std::cout << "council " << c.council_id.str() << ": BROKEN at entry " << c.first_break->seq
                << ": " << c.first_break->reason << "\n";
    } else {
      std::cout << "council " << c.council_id.str() << ": " << c.entries
                << " entries, chain intact\n";
    }
  }
  if (checks->empty()) std::cout << "The audit log is empty.\n";
  return broken == 0 ? 0 : 2;
}

int RunLedgerVerify(const Settings& s) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  return cli::RunLedgerVerify(*stack->opened.store, stack->clock, *stack->ids, std::cout,
                              std::cerr);
}

int RunPaymentsRun(const Settings& s, const PaymentsRunArguments& arguments) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  return RunPayments(*stack->opened.store, stack->clock, *stack->ids, *council, arguments,
                     std::cout, std::cerr);
}

int RunStatementsImport(const Settings& s, const StatementImportArguments& arguments) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  return RunStatementsImport(*stack->opened.store, stack->clock, *stack->ids, *council, arguments,
                             std::cout, std::cerr);
}

int RunContributionFile(const Settings& s, const ContributionFileArguments& arguments) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  return RunContributionFile(*stack->opened.store, stack->clock, *stack->ids, *council, arguments,
                             std::cout, std::cerr);
}

int RunStatementFormatsAdd(const Settings& s, const StatementFormatArguments& arguments) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  return RunStatementFormatsAdd(*stack->opened.store, stack->clock, *stack->ids, *council,
                                arguments, std::cout, std::cerr);
}

int RunMonitoringRun(const Settings& s, const std::string& date) {
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  auto council = CouncilByCode(*stack, s.council);
  if (!council) return Fatal(Describe(council.error()));
  return RunMonitoring(*stack->opened.store, stack->clock, *stack->ids, *council, date, std::cout,
                       std::cerr);
}

int RunDemoGenerateCommand(const Settings& s, const DemoGenerateArguments& arguments) {
  if (!arguments.csv.empty()) {
    SystemClock clock;
    return RunDemoCsv(clock, arguments, std::cout, std::cerr);
  }
  // Bad arguments are refused before the database is even opened.
  if (const std::string problems = CheckDemoArguments(arguments); !problems.empty()) {
    std::cerr << problems << "Nothing was written.\n";
    return 1;
  }
  std::string error;
  auto stack = OpenStack(s, &error);
  if (!stack) return Fatal(error);
  return RunDemoGenerate(*stack->opened.store, stack->clock, s.data, arguments, std::cout,
                         std::cerr);
}

int RunMigrate(const Settings& s) {
  std::string error;
  auto opened = Open(s, 1, &error);
  if (!opened) return Fatal(error);
  SystemClock clock;
  auto before = store::InspectSchema(*opened->db);
  auto after = store::Migrate(*opened->db, clock);
  if (!after) return Fatal(after.error().message);
  const int applied = after->current - (before ? before->current : 0);
  std::cout << "Database " << s.data << " is at schema version " << after->current << " ("
            << applied << " migration" << (applied == 1 ? "" : "s") << " applied)\n";
  return 0;
}

int RunServe(const Settings& s) {
  InitLogging(s.quiet);
  std::string error;
  // A reader connection for each request handled at once.
  auto opened = Open(s, http::kDefaultHandlerThreads, &error);
  if (!opened) return Fatal(error);
  SystemClock clock;
  if (!s.no_migrate) {
    auto migrated = store::Migrate(*opened->db, clock);
    if (!migrated) return Fatal(migrated.error().message);
  }
  UlidGenerator ids(clock);
  app::Application application(*opened->store, clock, ids);
  app::AccountsOptions accounts_options;
  accounts_options.require_totp_for_administrators = s.require_totp_for_administrators;
  if (s.fast_password_hashing_for_tests) accounts_options.hash_strength = HashStrength::kMinimum;
  app::Accounts accounts(*opened->store, clock, ids, accounts_options);
  http::Metrics metrics;
  http::ServiceOptions service_options;
  service_options.web_root = s.web_root;
  const bool https = !s.tls_certificate.empty() || !s.tls_private_key.empty();
  service_options.tls = s.tls || https;
  service_options.access_log = [](const http::AccessRecord& r) {
    LogEvent(r.response.status >= 500 ? "error" : "info", "request",
             {{"request_id", r.request.request_id},
              {"method", r.request.method},
              {"path", r.request.path},
              {"route", r.route},
              {"status", std::int64_t{r.response.status}},
              {"duration_ms", r.seconds * 1000.0}});
  };
  service_options.error_log = [](const std::string& request_id, const std::string& what) {
    LogEvent("error", "unhandled exception", {{"request_id", request_id}, {"what", what}});
  };
  app::RasModels ras_models(*opened->store, clock);
  app::Casework casework(*opened->store, clock, ids, ras_models);
  http::HttpService service(application, accounts, ras_models, casework, metrics, service_options);
  app::Safeguarding safeguarding(*opened->store, clock, ids);
  http::RegisterSafeguardingApi(service.mutable_router(), safeguarding);
  app::Ledger ledger(*opened->store, clock, ids);
  http::RegisterLedgerApi(service.mutable_router(), ledger);
  app::Payments payments(*opened->store, clock, ids);
  http::RegisterPaymentsApi(service.mutable_router(), payments);
  app::Statements statements(*opened->store, clock, ids);
  http::RegisterStatementsApi(service.mutable_router(), statements);
  app::Money money(*opened->store, clock);
  http::RegisterMoneyApi(service.mutable_router(), money);
  app::Monitoring monitoring(*opened->store, clock, ids);
  http::RegisterMonitoringApi(service.mutable_router(), monitoring);
  app::Invoices invoices(*opened->store, clock, ids);
  http::RegisterInvoicesApi(service.mutable_router(), invoices);
  app::FinanceOverview finance_overview(*opened->store, clock);
  http::RegisterFinanceOverviewApi(service.mutable_router(), finance_overview);
  app::Market market(*opened->store, clock, ids);
  http::RegisterMarketApi(service.mutable_router(), market);
  app::PersonalAssistants personal_assistants(*opened->store, clock, ids);
  http::RegisterPersonalAssistantsApi(service.mutable_router(), personal_assistants);
  app::Pools pools(*opened->store, clock, ids);
  http::RegisterPoolsApi(service.mutable_router(), pools);
  app::Scenarios scenarios;
  http::RegisterScenariosApi(service.mutable_router(), scenarios, clock);
  http::ServerOptions server_options;
  server_options.host = s.host;
  server_options.port = s.port;
  server_options.threads = s.threads;
  server_options.max_body_bytes = s.max_body_bytes;
  server_options.tls_certificate = s.tls_certificate;
  server_options.tls_private_key = s.tls_private_key;
  http::Server server(service, server_options);
  auto port = server.Start();
  if (!port) return Fatal(port.error().message);
  server.CatchSignals();
  const std::string shown_host = s.host == "0.0.0.0" ? "localhost" : s.host;
  std::cout << "selfdirect is serving on " << (https ? "https" : "http") << "://" << shown_host
            << ":" << *port << "/ (database " << s.data << "; press Ctrl+C to stop)" << std::endl;
  if (!s.require_totp_for_administrators) {
    std::cout << "Administrators may administer without two-step sign-in "
                 "(--allow-administrators-without-totp): use this only for a local experiment."
              << std::endl;
    LogEvent("warning", "administrators may administer without two-step sign-in");
  }
  if (s.fast_password_hashing_for_tests) {
    std::cout << "Passwords are hashed at the lowest cost (--fast-password-hashing-for-tests): "
                 "use this only for automated tests, never for real passwords."
              << std::endl;
    LogEvent("warning", "passwords are hashed at the lowest cost, for tests");
  }
  if (auto councils = application.ListCouncils(app::Context::Operator("serve"));
      councils && councils->empty()) {
    std::cout << "There are no councils yet. To sign in, add one and its first administrator:\n"
              << "  selfdirect councils add --data " << s.data
              << " --code E09000033 --name \"Your Council\"\n"
              << "  selfdirect users add --data " << s.data
              << " --council E09000033 --email you@example.org --name \"Your Name\""
                 " --role administrator\n"
              << std::flush;
  }
  LogEvent("info", "listening", {{"host", s.host}, {"port", std::int64_t{*port}}});
  server.RunUntilSignalled();
  LogEvent("info", "stopped");
  return 0;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"selfdirect: personal budgets for adult social care, from eligibility to review"};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);
  Settings s;

  auto* serve = app.add_subcommand("serve", "Serve the web UI and the API");
  AddDataOption(*serve, s);
  serve->add_option("--host", s.host, "Address to listen on")
      ->envname("SELFDIRECT_HOST")
      ->capture_default_str();
  serve->add_option("--port", s.port, "Port to listen on (0: any free port)")
      ->envname("SELFDIRECT_PORT")
      ->capture_default_str();
  serve->add_option("--web-root", s.web_root, "Folder of the built front end")
      ->envname("SELFDIRECT_WEB_ROOT")
      ->capture_default_str();
  serve->add_option("--threads", s.threads, "Worker threads (0: one per core)")
      ->envname("SELFDIRECT_THREADS")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  serve->add_option("--max-body-bytes", s.max_body_bytes, "Largest request body accepted")
      ->envname("SELFDIRECT_MAX_BODY_BYTES")
      ->check(CLI::Range(1024, 64 * 1024 * 1024))
      ->capture_default_str();
  serve->add_flag("--no-migrate", s.no_migrate, "Do not apply pending migrations at start")
      ->envname("SELFDIRECT_NO_MIGRATE");
  serve->add_flag("--quiet", s.quiet, "Log warnings and errors only")->envname("SELFDIRECT_QUIET");
  serve
      ->add_flag("--behind-tls", s.tls,
                 "Mark cookies Secure and send HSTS (when a TLS proxy is in front)")
      ->envname("SELFDIRECT_BEHIND_TLS");
  serve
      ->add_option("--tls-certificate", s.tls_certificate,
                   "Serve HTTPS with this certificate chain (PEM); needs --tls-private-key")
      ->envname("SELFDIRECT_TLS_CERTIFICATE");
  serve
      ->add_option("--tls-private-key", s.tls_private_key,
                   "The private key (PEM) for --tls-certificate")
      ->envname("SELFDIRECT_TLS_PRIVATE_KEY");
  auto* require_totp =
      serve
          ->add_flag("--require-totp-for-administrators", s.require_totp_for_administrators,
                     "Administrators may administer only once two-step sign-in is on (the "
                     "default)")
          ->envname("SELFDIRECT_REQUIRE_TOTP_FOR_ADMINISTRATORS");
  auto* allow_without_totp =
      serve
          ->add_flag("--allow-administrators-without-totp", s.allow_administrators_without_totp,
                     "Let administrators administer without two-step sign-in: for a local "
                     "experiment, never for real data")
          ->envname("SELFDIRECT_ALLOW_ADMINISTRATORS_WITHOUT_TOTP");
  serve->add_flag("--fast-password-hashing-for-tests", s.fast_password_hashing_for_tests,
                  "Hash new passwords at argon2id's lowest cost, so that automated tests can "
                  "sign in quickly: never for real passwords");

  auto* migrate = app.add_subcommand("migrate", "Create or update the database schema");
  AddDataOption(*migrate, s);

  auto* version = app.add_subcommand("version", "Print the version");

  auto* councils = app.add_subcommand("councils", "Register councils");
  councils->require_subcommand(1);
  auto* councils_add = councils->add_subcommand("add", "Register a council");
  AddDataOption(*councils_add, s);
  councils_add->add_option("--code", s.code, "ONS code, e.g. E09000033")->required();
  councils_add->add_option("--name", s.name, "Name, e.g. \"Westminster City Council\"")->required();

  auto* users = app.add_subcommand("users", "Manage user accounts");
  users->require_subcommand(1);
  auto* users_add = users->add_subcommand(
      "add", "Add a user and print a one-time link for them to set a password");
  AddDataOption(*users_add, s);
  users_add->add_option("--council", s.council, "The council's ONS code")->required();
  users_add->add_option("--email", s.email, "Their email address")->required();
  users_add->add_option("--name", s.name, "Their name")->required();
  users_add
      ->add_option("--role", s.roles,
                   "A role (repeat for several): budget-holder, representative, "
                   "support-planner, assessor, approver, finance-officer, commissioner, "
                   "safeguarding-lead, analyst, administrator, auditor")
      ->required();
  users_add->add_option("--person", s.person,
                        "For a budget holder: the id of their own person record");
  auto* users_list = users->add_subcommand("list", "List a council's users");
  AddDataOption(*users_list, s);
  users_list->add_option("--council", s.council, "The council's ONS code")->required();
  auto* users_disable = users->add_subcommand("disable", "Turn a user's account off");
  AddDataOption(*users_disable, s);
  users_disable->add_option("--council", s.council, "The council's ONS code")->required();
  users_disable->add_option("--email", s.email, "Their email address")->required();

  auto* teams = app.add_subcommand("teams", "Teams of social workers and their caseloads");
  teams->require_subcommand(1);
  auto* teams_add = teams->add_subcommand("add", "Set up a team");
  AddDataOption(*teams_add, s);
  teams_add->add_option("--council", s.council, "The council's ONS code")->required();
  teams_add->add_option("--name", s.name, "The team's name")->required();
  auto* teams_list = teams->add_subcommand("list", "List a council's teams");
  AddDataOption(*teams_list, s);
  teams_list->add_option("--council", s.council, "The council's ONS code")->required();
  auto* teams_join =
      teams->add_subcommand("join", "Put a user in a team (its caseload becomes theirs)");
  AddDataOption(*teams_join, s);
  teams_join->add_option("--council", s.council, "The council's ONS code")->required();
  teams_join->add_option("--team", s.team, "The team's name or id")->required();
  teams_join->add_option("--email", s.email, "The user's email address")->required();
  teams_join->add_flag("--leave", s.leave, "Take them off the team instead");

  auto* people = app.add_subcommand("people", "People the council supports");
  people->require_subcommand(1);
  PeopleImportArguments people_import_arguments;
  auto* people_import = people->add_subcommand(
      "import",
      "Bring a caseload over from another system: check every row of a CSV file, then import "
      "every person or nothing (docs/people-import.md)");
  AddDataOption(*people_import, s);
  people_import->add_option("--council", s.council, "The council's ONS code")->required();
  people_import->add_flag("--dry-run", people_import_arguments.dry_run,
                          "Check the file, NHS numbers included, and import nothing");
  people_import->add_option("FILE", people_import_arguments.file, "The CSV file")
      ->required()
      ->check(CLI::ExistingFile);

  auto* providers = app.add_subcommand("providers", "The council's provider register");
  providers->require_subcommand(1);
  std::string providers_file;
  auto* providers_import = providers->add_subcommand(
      "import",
      "Add providers and their services from a CSV file: check every row, then import every "
      "provider or nothing (docs/market.md)");
  AddDataOption(*providers_import, s);
  providers_import->add_option("--council", s.council, "The council's ONS code")->required();
  providers_import->add_option("FILE", providers_file, "The CSV file")
      ->required()
      ->check(CLI::ExistingFile);

  auto* audit = app.add_subcommand("audit", "The tamper-evident audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand(
      "verify", "Check every council's audit chain; exit 2 and name the first broken entry");
  AddDataOption(*audit_verify, s);

  auto* ledger = app.add_subcommand("ledger", "The council's double-entry books");
  ledger->require_subcommand(1);
  auto* ledger_verify = ledger->add_subcommand(
      "verify",
      "Recompute every account's balances from its transfers; exit 2 and name each account that "
      "differs");
  AddDataOption(*ledger_verify, s);

  auto* payments = app.add_subcommand("payments", "Paying people's budgets");
  payments->require_subcommand(1);
  PaymentsRunArguments payments_arguments;
  auto* payments_run = payments->add_subcommand(
      "run",
      "Pay everything due on or before a date to every budget in payment, once, and write the "
      "payment file; a run stopped half-way is resumed");
  AddDataOption(*payments_run, s);
  payments_run->add_option("--council", s.council, "The council's ONS code")->required();
  payments_run->add_option("--date", payments_arguments.date, "The run's date, YYYY-MM-DD")
      ->required();
  payments_run->add_option("--out", payments_arguments.out,
                           "Where to write the payment file (default payments-DATE.csv)");

  auto* statements = app.add_subcommand(
      "statements",
      "Bank and prepaid-card statements of holding accounts (docs/statement-import.md)");
  statements->require_subcommand(1);
  StatementImportArguments statement_import_arguments;
  auto* statements_import = statements->add_subcommand(
      "import",
      "Import a CSV statement into a person's holding account: every line or nothing, with "
      "every bad row named");
  AddDataOption(*statements_import, s);
  statements_import->add_option("--council", s.council, "The council's ONS code")->required();
  statements_import
      ->add_option("--account", statement_import_arguments.account, "The holding account's id")
      ->required();
  statements_import
      ->add_option("--format", statement_import_arguments.format,
                   "The name of the council's statement format")
      ->required();
  statements_import->add_option("FILE", statement_import_arguments.file, "The CSV file")
      ->required()
      ->check(CLI::ExistingFile);
  ContributionFileArguments contribution_file_arguments;
  auto* statements_contributions = statements->add_subcommand(
      "contributions",
      "Read the council's bank file (CSV) for contributions paid in that quote a person's "
      "contribution reference: shows what each line comes to; --record records the payments, "
      "each line of a file once");
  AddDataOption(*statements_contributions, s);
  statements_contributions->add_option("--council", s.council, "The council's ONS code")
      ->required();
  statements_contributions
      ->add_option("--format", contribution_file_arguments.format,
                   "The name of the council's statement format for its bank")
      ->required();
  statements_contributions->add_flag("--record", contribution_file_arguments.record,
                                     "Record the payments (without it the file is only checked)");
  statements_contributions->add_option("FILE", contribution_file_arguments.file, "The CSV file")
      ->required()
      ->check(CLI::ExistingFile);
  auto* statement_formats = statements->add_subcommand("formats", "Statement formats");
  statement_formats->require_subcommand(1);
  StatementFormatArguments statement_format_arguments;
  auto* statement_formats_add = statement_formats->add_subcommand(
      "add", "Add a statement format (a bank's column mapping, as YAML) to a council");
  AddDataOption(*statement_formats_add, s);
  statement_formats_add->add_option("--council", s.council, "The council's ONS code")->required();
  statement_formats_add
      ->add_option("--name", statement_format_arguments.name, "How finance officers will choose it")
      ->required();
  statement_formats_add->add_option(
      "--council-payer", statement_format_arguments.payers,
      "A name the council's payments arrive under on these statements (repeat for more)");
  statement_formats_add->add_option("FILE", statement_format_arguments.file, "The YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  auto* monitoring = app.add_subcommand("monitoring", "Proportionate monitoring of money held");
  monitoring->require_subcommand(1);
  std::string monitoring_date;
  auto* monitoring_run = monitoring->add_subcommand(
      "run",
      "Check every budget in payment for surpluses, money running out and spending to ask "
      "about; record alerts and surplus proposals, never twice");
  AddDataOption(*monitoring_run, s);
  monitoring_run->add_option("--council", s.council, "The council's ONS code")->required();
  monitoring_run->add_option("--date", monitoring_date, "The date to check, YYYY-MM-DD")
      ->required();

  auto* demo = app.add_subcommand("demo", "Synthetic demo data (docs/synthetic.md)");
  demo->require_subcommand(1);
  DemoGenerateArguments demo_arguments;
  auto* demo_generate = demo->add_subcommand(
      "generate",
      "Load a made-up council (people, cases, plans, budgets and users for each role) into an "
      "empty database, and print the demo sign-ins once");
  AddDataOption(*demo_generate, s);
  demo_generate->add_option("--people", demo_arguments.people, "How many people, 1 to 1,000,000")
      ->capture_default_str();
  demo_generate
      ->add_option("--seed", demo_arguments.seed,
                   "A whole number: the same seed gives the same council")
      ->capture_default_str();
  demo_generate->add_option("--as-of", demo_arguments.as_of,
                            "The council's today, YYYY-MM-DD (default: today); cases run over the "
                            "years before it");
  demo_generate
      ->add_option("--years", demo_arguments.years,
                   "Years of cases, reviews and payments before the as-of date, 1 to 10")
      ->capture_default_str();
  demo_generate->add_flag("--if-empty", demo_arguments.if_empty,
                          "When the database already has a council, say so and change nothing "
                          "(exit 0)");
  demo_generate->add_option("--csv", demo_arguments.csv,
                            "Write the council as CSV files into this directory instead of a "
                            "database (docs/synthetic.md#csv)");

  SimulateArguments simulate_arguments;
  auto* simulate = app.add_subcommand(
      "simulate",
      "Run a policy scenario (docs/scenarios.md) over a synthetic council made in memory; the "
      "database is not touched");
  simulate->add_option("--scenario", simulate_arguments.scenario, "The scenario file (YAML)")
      ->required();
  simulate
      ->add_option("--people", simulate_arguments.people,
                   "People in the synthetic council, 1 to 1,000,000")
      ->capture_default_str();
  simulate
      ->add_option("--seed", simulate_arguments.seed,
                   "The synthetic council's seed (the scenario file has its own for the runs)")
      ->capture_default_str();
  simulate->add_option("--csv", simulate_arguments.csv,
                       "A directory to write years.csv, groups.csv and sufficiency.csv into");
  simulate->add_option("--xlsx", simulate_arguments.xlsx,
                       "A file to write the results into as a spreadsheet (XLSX): About, Years, "
                       "Groups and Sufficiency sheets");

  RasCommands ras;
  ras.Register(app);
  auto* ras_publish = ras.app()->add_subcommand(
      "publish", "Check a model file and publish it as a council's new version");
  AddDataOption(*ras_publish, s);
  ras_publish->add_option("--council", s.council, "The council's ONS code")->required();
  ras_publish->add_option("MODEL", s.model_file, "The model file (YAML)")
      ->required()
      ->check(CLI::ExistingFile);

  try {
    const std::string config = ConfigPath(argc, argv);
    if (!config.empty()) {
      // The config file applies to whichever subcommand is named.
      for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "serve") ApplyConfigFile(config, *serve);
        if (std::string_view(argv[i]) == "migrate") ApplyConfigFile(config, *migrate);
      }
    }
    app.parse(argc, argv);
    if (*serve) ResolveRequireTotp(s, *require_totp, *allow_without_totp, argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (*version) {
    std::cout << "selfdirect " << kVersion << " (schema "
              << store::EmbeddedMigrations().back().version << ")\n";
    return 0;
  }
  if (*ras_publish) return RunRasPublish(s);
  if (auto status = ras.RunParsed()) return *status;
  if (*migrate) return RunMigrate(s);
  if (*councils_add) return RunCouncilsAdd(s);
  if (*users_add) return RunUsersAdd(s);
  if (*users_list) return RunUsersList(s);
  if (*users_disable) return RunUsersDisable(s);
  if (*teams_add) return RunTeams(s, "add");
  if (*teams_list) return RunTeams(s, "list");
  if (*teams_join) return RunTeams(s, "join");
  if (*people_import) return RunPeopleImport(s, people_import_arguments);
  if (*providers_import) return RunProvidersImportCommand(s, providers_file);
  if (*audit_verify) return RunAuditVerify(s);
  if (*ledger_verify) return RunLedgerVerify(s);
  if (*payments_run) return RunPaymentsRun(s, payments_arguments);
  if (*statements_import) return RunStatementsImport(s, statement_import_arguments);
  if (*statements_contributions) return RunContributionFile(s, contribution_file_arguments);
  if (*statement_formats_add) return RunStatementFormatsAdd(s, statement_format_arguments);
  if (*monitoring_run) return RunMonitoringRun(s, monitoring_date);
  if (*demo_generate) return RunDemoGenerateCommand(s, demo_arguments);
  if (*simulate) return RunSimulate(simulate_arguments, std::cout, std::cerr);
  return RunServe(s);
}

}  // namespace selfdirect::cli

int main(int argc, char** argv) { return selfdirect::cli::Main(argc, argv); }
