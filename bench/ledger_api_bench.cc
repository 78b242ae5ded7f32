// Money through the API (issue #6): the real HTTP server in-process on a fresh SQLite file
// database (WAL, synchronous = FULL, as the store configures it), a council, a finance officer
// signed in with a session (cookie and CSRF token), the council's fund and 1,000 people's
// direct-payment holding accounts.
//
//   1. 32 clients, each on its own keep-alive connection over loopback, post 20,000 transfers
//      (unique ids) to POST /api/ledger/transfers: p50, p99, max and throughput, beside the
//      same 32 clients asking GET /api/session (signed in, no ledger) the same number of times.
//      Target: p99 ≤ 10 ms. Afterwards every transfer answered 201 is checked to be in the
//      books exactly once, and the books are verified (balances recomputed from transfers).
//   2. A balance read on an account with 100,000 transfers beside one with 10, through
//      app::Ledger::GetAccount and through GET /api/ledger/accounts/{id}: the ratio should be 1×.
//   3. 100,000 transfers through the store's CreateTransfers in one transaction, beside plain
//      SQLite inserting the same 100,000 rows into ledger_transfers with one prepared statement
//      in one transaction on the same kind of database.
//
// Not a timed test: it prints figures, a baseline and the ratio (bench/RESULTS.md). The database
// lives in $TMPDIR (default /tmp). Options: --requests=N --clients=N --transfers=N (parts 2, 3),
// --part=1|2|3 (one part only), --handlers=N (the server's handler threads; 0: its default, 16).
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <span>
#include <thread>

#include "selfdirect/app/accounts.h"
#include "selfdirect/app/application.h"
#include "selfdirect/app/casework.h"
#include "selfdirect/app/ledger.h"
#include "selfdirect/app/ras_models.h"
#include "selfdirect/http/ledger_api.h"
#include "selfdirect/http/server.h"
#include "selfdirect/http/service.h"
#include "selfdirect/store/migrations.h"
#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using Steady = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "ledger_api_bench: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r) Die(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

void Must(const Status& s, const char* what) {
  if (!s) Die(std::string(what) + ": " + s.error().message);
}

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

struct Percentiles {
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

Percentiles Summarise(std::vector<double> ms) {
  if (ms.empty()) return {};
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back()};
}

constexpr int kHoldingAccounts = 1'000;

// A council's books on a fresh, migrated database: the application as `selfdirect serve` puts
// it together (system clock, a reader per request handled at once), with a finance officer.
class Books {
 public:
  Books() {
    auto db = store::Database::Open(
        {.path = dir_.File("ledger.db"), .readers = http::kDefaultHandlerThreads});
    db_ = Must(std::move(db), "open the database");
    Must(store::Migrate(*db_, clock_), "migrate");
    store_ = std::make_unique<store::SqliteStore>(*db_);
    app_ = std::make_unique<app::Application>(*store_, clock_, ids_);
    app::AccountsOptions options;
    options.hash_strength = HashStrength::kMinimum;  // only signing in is faster
    accounts_ = std::make_unique<app::Accounts>(*store_, clock_, ids_, options);
    ras_ = std::make_unique<app::RasModels>(*store_, clock_);
    casework_ = std::make_unique<app::Casework>(*store_, clock_, ids_, *ras_);
    ledger_ = std::make_unique<app::Ledger>(*store_, clock_, ids_);

    council_ =
        Must(app_->CreateCouncil(app::Context::Operator("bench"), {"E09000033", "Westminster"}),
             "add the council");
    auto added =
        Must(accounts_->AddUser(app::Context::Operator("bench"),
                                {council_.id, "money@w.example", "Finance", {"finance-officer"}}),
             "add the finance officer");
    Must(accounts_->SetPasswordWithLink(app::Context::Operator("bench"), council_.code,
                                        added.password_link_token, kPassword),
         "set the password");
    finance_ = app::Context{Actor{council_.id, added.user.id, added.user.roles}, "bench", ""};
    fund_ = Must(ledger_->OpenAccount(
                     finance_, {.type = "council_fund", .owner_kind = "council", .name = "Fund"}),
                 "open the fund")
                .id;
    SeedHoldingAccounts();
  }

  // 1,000 people, each with a direct-payment holding account, in one transaction.
  void SeedHoldingAccounts() {
    Must(store_->Write([&](store::Transaction& tx) -> Status {
      for (int i = 0; i < kHoldingAccounts; ++i) {
        casework::Person p;
        p.council = council_.id;
        p.id = PersonId(ids_.Next());
        p.given_name = "Person";
        p.family_name = std::to_string(i);
        p.date_of_birth = *ParseIsoDate("1950-01-01");
        p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
        p.ethnicity = "Z";
        p.has_unpaid_carer = "not_known";
        p.created_at = clock_.Now();
        if (auto c = tx.Casework().CreatePerson(p, {casework::Stage::kActive, true}); !c) {
          return c;
        }
        ledger::Account a;
        a.council = council_.id;
        a.id = LedgerAccountId(ids_.Next());
        a.type = ledger::AccountType::kDirectPaymentHolding;
        a.owner = {ledger::OwnerKind::kPerson, p.id.str()};
        a.name = "Person " + std::to_string(i) + "'s direct payment";
        a.flags.debits_must_not_exceed_credits = true;
        a.created_at = clock_.Now();
        if (auto s = tx.Ledger().CreateAccount(a); !s) return s;
        holding_.push_back(a.id);
      }
      return Ok();
    }),
         "seed the holding accounts");
  }

  // An account owned by a provider (its reads are not audited, as a person's are).
  LedgerAccountId OpenPayee(const std::string& name) {
    return Must(ledger_->OpenAccount(
                    finance_,
                    {.type = "payee", .owner_kind = "provider", .owner_id = name, .name = name}),
                "open a payee")
        .id;
  }

  // n payments from the fund to `to`, ids "<prefix>-1" …, straight into the store.
  std::vector<ledger::Transfer> Payments(const std::string& prefix, int n,
                                         const std::function<LedgerAccountId(int)>& to) const {
    std::vector<ledger::Transfer> out;
    out.reserve(static_cast<std::size_t>(n));
    const Timestamp now = clock_.Now();
    for (int i = 0; i < n; ++i) {
      ledger::Transfer t;
      t.id = TransferId(prefix + "-" + std::to_string(i + 1));
      t.council = council_.id;
      t.debit_account = fund_;
      t.credit_account = to(i);
      t.amount = Pence(100 + i % 900);
      t.code = ledger::TransferCode::kPayment;
      t.reference = "Payment run 2026-11-30";
      t.created_at = now;
      t.created_by = finance_.actor.user_id;
      out.push_back(std::move(t));
    }
    return out;
  }

  // Records the transfers through the repository, `per_transaction` at a time.
  void Record(const std::vector<ledger::Transfer>& all, std::size_t per_transaction) {
    for (std::size_t at = 0; at < all.size(); at += per_transaction) {
      const auto batch = std::span(all).subspan(at, std::min(per_transaction, all.size() - at));
      Must(store_->Write([&](store::Transaction& tx) -> Status {
        auto results = tx.Ledger().CreateTransfers(batch);
        if (!results) return tl::unexpected(results.error());
        for (const auto& r : *results) {
          if (!r) return tl::unexpected(r.error());
        }
        return Ok();
      }),
           "record transfers");
    }
  }

  static constexpr const char* kPassword = "correct horse battery staple";
  testing::TempDir dir_;
  SystemClock clock_;
  UlidGenerator ids_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<app::Accounts> accounts_;
  std::unique_ptr<app::RasModels> ras_;
  std::unique_ptr<app::Casework> casework_;
  std::unique_ptr<app::Ledger> ledger_;
  Council council_;
  app::Context finance_;
  LedgerAccountId fund_;
  std::vector<LedgerAccountId> holding_;
};

// The books served over HTTP on loopback, as `selfdirect serve` serves them (one worker thread
// per core); the ledger routes registered as main.cc registers them.
class Served {
 public:
  explicit Served(Books& b, int handler_threads = 0)
      : service_(*b.app_, *b.accounts_, *b.ras_, *b.casework_, metrics_, {}),
        server_(
            service_,
            {.host = "127.0.0.1", .port = 0, .threads = 0, .handler_threads = handler_threads}) {
    http::RegisterLedgerApi(service_.mutable_router(), *b.ledger_);
    port_ = Must(server_.Start(), "start the server");
    http::Request r;
    r.method = "POST";
    r.target = "/api/session";
    r.headers.emplace("Content-Type", "application/json");
    r.body = std::string(R"({"council":"E09000033","email":"money@w.example","password":")") +
             Books::kPassword + R"("})";
    auto signed_in = service_.Handle(r);
    if (signed_in.status != 201) Die("sign in: " + signed_in.body);
    const std::string cookie = signed_in.Header("Set-Cookie");
    cookie_ = cookie.substr(0, cookie.find(';'));
    csrf_ = std::string(json::parse(signed_in.body).at("csrf_token").as_string());
  }
  ~Served() {
    server_.Shutdown();
    server_.Wait();
  }

  unsigned short port() const { return port_; }
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

 private:
  http::Metrics metrics_;
  http::HttpService service_;
  http::Server server_;
  unsigned short port_ = 0;
  std::string cookie_, csrf_;
};

// One signed-in client on one keep-alive connection.
class Client {
 public:
  explicit Client(const Served& served) : served_(served), socket_(io_) { Connect(); }

  // The status, or 0 when the connection failed (it is reopened for the next request).
  int Send(bhttp::verb method, const std::string& target, const std::string& body,
           std::string* response_body = nullptr) {
    bhttp::request<bhttp::string_body> request{method, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.set(bhttp::field::cookie, served_.cookie());
    if (method != bhttp::verb::get) {
      request.set("X-CSRF-Token", served_.csrf());
      request.set(bhttp::field::content_type, "application/json");
      request.body() = body;
      request.prepare_payload();
    }
    try {
      bhttp::write(socket_, request);
      bhttp::response<bhttp::string_body> response;
      bhttp::read(socket_, buffer_, response);
      if (response_body != nullptr) *response_body = response.body();
      return response.result_int();
    } catch (const std::exception& e) {
      if (response_body != nullptr) *response_body = e.what();
      boost::system::error_code ignored;
      socket_.close(ignored);
      socket_ = net::ip::tcp::socket(io_);
      buffer_.clear();
      Connect();
      return 0;
    }
  }

 private:
  void Connect() {
    boost::system::error_code ec;
    socket_.connect({net::ip::make_address("127.0.0.1"), served_.port()}, ec);
    if (ec) Die("connect: " + ec.message());
    socket_.set_option(net::ip::tcp::no_delay(true));
  }
  const Served& served_;
  net::io_context io_;
  net::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

// What a run of concurrent clients saw.
struct Load {
  Percentiles latency;
  double seconds = 0;
  int requests = 0;
  std::map<int, int> statuses;  // status → how many (0: the connection failed)
  std::vector<std::string> first_failures;
  double per_second() const { return requests / seconds; }
};

// `clients` threads, each on its own connection, send `total` requests between them; request
// number i (0 … total - 1) is `make(i)`. A status other than `expected` is counted and kept.
Load Drive(const Served& served, int clients, int total, bhttp::verb method, int expected,
           const std::function<std::pair<std::string, std::string>(int)>& make) {
  std::vector<std::vector<double>> times(static_cast<std::size_t>(clients));
  std::mutex mu;
  Load load;
  load.requests = total;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  Steady::time_point start;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Client client(served);
      auto& mine = times[static_cast<std::size_t>(c)];
      mine.reserve(static_cast<std::size_t>(total / clients + 1));
      ++ready;
      while (!go.load()) std::this_thread::yield();
      std::string body;
      for (int i = c; i < total; i += clients) {
        const auto [target, payload] = make(i);
        const auto sent = Steady::now();
        const int status = client.Send(method, target, payload, &body);
        mine.push_back(std::chrono::duration<double, std::milli>(Steady::now() - sent).count());
        if (status != expected) {
          std::lock_guard lock(mu);
          ++load.statuses[status];
          if (load.first_failures.size() < 5) {
            load.first_failures.push_back(std::to_string(status) + " " + body);
          }
        }
      }
    });
  }
  while (ready.load() < clients) std::this_thread::yield();
  start = Steady::now();
  go = true;
  for (auto& t : threads) t.join();
  load.seconds = Seconds(start);
  std::vector<double> all;
  for (const auto& mine : times) all.insert(all.end(), mine.begin(), mine.end());
  load.latency = Summarise(std::move(all));
  load.statuses[expected] = total;
  for (const auto& [status, n] : load.statuses) {
    if (status != expected) load.statuses[expected] -= n;
  }
  return load;
}

void PrintFailures(const char* what, const Load& load, int expected) {
  for (const auto& [status, n] : load.statuses) {
    if (status == expected) continue;
    std::printf("  %s: %d answered %d%s\n", what, n, status,
                status == 0 ? " (connection failed)" : "");
  }
  for (const auto& f : load.first_failures) std::printf("    e.g. %s\n", f.substr(0, 300).c_str());
}

// ---- 1. Transfers through the API at 32 clients ------------------------------------------

void TransfersThroughTheApi(int clients, int requests, int handler_threads) {
  Books b;
  Served served(b, handler_threads);
  std::printf("\n1. POST /api/ledger/transfers: %d clients, %d requests, %d holding accounts\n",
              clients, requests, kHoldingAccounts);

  (void)Drive(served, clients, clients * 10, bhttp::verb::get, 200,
              [](int) { return std::pair<std::string, std::string>("/api/session", ""); });
  const Load baseline = Drive(served, clients, requests, bhttp::verb::get, 200, [](int) {
    return std::pair<std::string, std::string>("/api/session", "");
  });

  const std::string fund = b.fund_.str();
  const Load transfers = Drive(served, clients, requests, bhttp::verb::post, 201, [&](int i) {
    const auto& to = b.holding_[static_cast<std::size_t>(i % kHoldingAccounts)];
    return std::pair<std::string, std::string>(
        "/api/ledger/transfers", R"({"id":"api-)" + std::to_string(i + 1) +
                                     R"(","debit_account_id":")" + fund +
                                     R"(","credit_account_id":")" + to.str() +
                                     R"(","amount_pence":)" + std::to_string(100 + i % 900) +
                                     R"(,"code":"payment","reference":"Payment run 2026-11-30"})");
  });

  std::printf("\n%-44s %8s %8s %8s %10s %9s\n", "", "p50 ms", "p99 ms", "max ms", "requests/s",
              "target");
  std::printf("%-44s %8.2f %8.2f %8.2f %10.0f %9s\n", "POST /api/ledger/transfers",
              transfers.latency.p50_ms, transfers.latency.p99_ms, transfers.latency.max_ms,
              transfers.per_second(), "p99 ≤ 10");
  std::printf("%-44s %8.2f %8.2f %8.2f %10.0f %9s\n", "baseline: GET /api/session (signed in)",
              baseline.latency.p50_ms, baseline.latency.p99_ms, baseline.latency.max_ms,
              baseline.per_second(), "");
  // Ratios of time: figure ÷ baseline (for throughput, time per request).
  std::printf("%-44s %7.1fx %7.1fx %7.1fx %9.1fx\n", "ratio",
              transfers.latency.p50_ms / baseline.latency.p50_ms,
              transfers.latency.p99_ms / baseline.latency.p99_ms,
              transfers.latency.max_ms / baseline.latency.max_ms,
              baseline.per_second() / transfers.per_second());
  std::printf("p99 %.2f ms against the target of 10 ms: %s\n", transfers.latency.p99_ms,
              transfers.latency.p99_ms <= 10 ? "met" : "NOT met");
  const app::Ledger::GroupCommitStats stats = b.ledger_->CommitStats();
  if (stats.commits > 0) {
    std::printf(
        "group commit: %lld commits of %lld transfers, %.1f a commit on average, largest %lld; "
        "%.3f ms writing each commit, %.1f s writing in all\n",
        static_cast<long long>(stats.commits), static_cast<long long>(stats.transfers),
        static_cast<double>(stats.transfers) / static_cast<double>(stats.commits),
        static_cast<long long>(stats.largest),
        std::chrono::duration<double, std::milli>(stats.writing).count() /
            static_cast<double>(stats.commits),
        std::chrono::duration<double>(stats.writing).count());
  }
  PrintFailures("transfers", transfers, 201);
  PrintFailures("baseline", baseline, 200);

  // Every transfer answered 201 is in the books once, and the books balance.
  const int created = transfers.statuses.count(201) ? transfers.statuses.at(201) : 0;
  std::int64_t expected_debits = 0;
  for (int i = 0; i < requests; ++i) expected_debits += 100 + i % 900;
  Must(b.store_->Read([&](store::Transaction& tx) -> Status {
    auto check = tx.Ledger().Verify(b.council_.id);
    if (!check) return tl::unexpected(check.error());
    auto fund_now = tx.Ledger().FindAccount(b.council_.id, b.fund_);
    if (!fund_now) return tl::unexpected(fund_now.error());
    std::printf(
        "books: %lld transfers stored for %d answered 201; fund debited %lld pence (%lld if "
        "every request was recorded); recomputed balances %s, debits %s credits\n",
        static_cast<long long>(check->transfers), created,
        static_cast<long long>((*fund_now)->balances.debits_posted.value()),
        static_cast<long long>(expected_debits),
        check->mismatches.empty() && check->problems.empty() ? "match" : "DO NOT match",
        check->balanced() ? "=" : "≠");
    return Ok();
  }),
       "verify the books");
}

// ---- 2. A balance read does not depend on how many transfers the account has -------------

void BalanceReads(int busy_transfers) {
  Books b;
  const LedgerAccountId quiet = b.OpenPayee("quiet-care");
  const LedgerAccountId busy = b.OpenPayee("busy-care");
  const auto seed_start = Steady::now();
  b.Record(b.Payments("quiet", 10, [&](int) { return quiet; }), 10);
  b.Record(b.Payments("busy", busy_transfers, [&](int) { return busy; }), 10'000);
  std::printf(
      "\n2. Balance reads: an account with %d transfers beside one with 10 (seeded in %.1f s)\n",
      busy_transfers, Seconds(seed_start));

  // Alternating, so that both see the same machine.
  auto measure = [&](int runs, const std::function<void(const LedgerAccountId&)>& read) {
    std::vector<double> quiet_ms, busy_ms;
    for (int i = 0; i < runs; ++i) {
      for (const auto* id : {&quiet, &busy}) {
        const auto start = Steady::now();
        read(*id);
        (id == &quiet ? quiet_ms : busy_ms)
            .push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
      }
    }
    return std::pair(Summarise(std::move(busy_ms)), Summarise(std::move(quiet_ms)));
  };
  std::int64_t seen = 0;
  const auto [app_busy, app_quiet] = measure(5'000, [&](const LedgerAccountId& id) {
    auto a = b.ledger_->GetAccount(b.finance_, id);
    if (!a) Die("GetAccount: " + a.error().message);
    seen += a->balances.credits_posted.value();
  });
  Served served(b);
  Client client(served);
  std::string body;
  const auto [http_busy, http_quiet] = measure(2'000, [&](const LedgerAccountId& id) {
    if (client.Send(bhttp::verb::get, "/api/ledger/accounts/" + id.str(), "", &body) != 200) {
      Die("GET account: " + body);
    }
  });
  // A person's account, for comparison: its read is audited (one write, committed to disk).
  std::vector<double> person_ms;
  for (int i = 0; i < 500; ++i) {
    const auto start = Steady::now();
    if (client.Send(bhttp::verb::get, "/api/ledger/accounts/" + b.holding_.front().str(), "",
                    &body) != 200) {
      Die("GET account: " + body);
    }
    person_ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  }
  const Percentiles http_person = Summarise(std::move(person_ms));

  std::printf("\n%-52s %9s %9s %16s %8s\n", "", "p50 µs", "p99 µs", "10 transfers p50", "ratio");
  std::printf("%-52s %9.1f %9.1f %16.1f %7.2fx\n", "app::Ledger::GetAccount (in-process)",
              app_busy.p50_ms * 1e3, app_busy.p99_ms * 1e3, app_quiet.p50_ms * 1e3,
              app_busy.p50_ms / app_quiet.p50_ms);
  std::printf("%-52s %9.1f %9.1f %16.1f %7.2fx\n", "GET /api/ledger/accounts/{id} (loopback)",
              http_busy.p50_ms * 1e3, http_busy.p99_ms * 1e3, http_quiet.p50_ms * 1e3,
              http_busy.p50_ms / http_quiet.p50_ms);
  std::printf("%-52s %9.1f %9.1f %16s %8s\n", "GET a person's holding account (audited read)",
              http_person.p50_ms * 1e3, http_person.p99_ms * 1e3, "-", "-");
  std::printf("(credits read: %lld pence)\n", static_cast<long long>(seen));
}

// ---- 3. A batch of 100,000 transfers in one transaction -----------------------------------

void Batch(int n) {
  std::printf("\n3. %d transfers in one transaction (WAL, synchronous = FULL)\n", n);
  double ledger_s = 0, raw_s = 0;
  {
    Books b;
    const auto transfers = b.Payments("batch", n, [&](int i) {
      return b.holding_[static_cast<std::size_t>(i % kHoldingAccounts)];
    });
    const auto start = Steady::now();
    b.Record(transfers, transfers.size());
    ledger_s = Seconds(start);
  }
  {
    Books b;
    const auto transfers = b.Payments("batch", n, [&](int i) {
      return b.holding_[static_cast<std::size_t>(i % kHoldingAccounts)];
    });
    const std::string at = FormatTimestamp(transfers.front().created_at);
    const auto start = Steady::now();
    Must(b.db_->Write([&](store::Connection& c) -> Status {
      sqlite3* db = c.raw();
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db,
                             "INSERT INTO ledger_transfers (council_id, transfer_id, "
                             "debit_account_id, credit_account_id, amount, code, reference, flag, "
                             "pending_id, corrects, created_at, created_by) VALUES (?, ?, ?, ?, "
                             "?, 'payment', ?, 'none', NULL, NULL, ?, ?)",
                             -1, &st, nullptr) != SQLITE_OK) {
        return Fail(ErrorCode::kInternal, sqlite3_errmsg(db));
      }
      for (const auto& t : transfers) {
        sqlite3_bind_text(st, 1, t.council.str().c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, t.id.str().c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, t.debit_account.str().c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, t.credit_account.str().c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, t.amount.value());
        sqlite3_bind_text(st, 6, t.reference.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, at.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, t.created_by.str().c_str(), -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
          Error e{ErrorCode::kInternal, sqlite3_errmsg(db), {}};
          sqlite3_finalize(st);
          return tl::unexpected(e);
        }
        sqlite3_reset(st);
      }
      sqlite3_finalize(st);
      return Ok();
    }),
         "raw inserts");
    raw_s = Seconds(start);
  }
  std::printf("\n%-56s %9s %14s %8s\n", "", "seconds", "transfers/s", "ratio");
  std::printf("%-56s %9.3f %14.0f %7.2fx\n", "store CreateTransfers, one transaction", ledger_s,
              n / ledger_s, ledger_s / raw_s);
  std::printf("%-56s %9.3f %14.0f %8s\n", "baseline: plain INSERTs, one prepared statement", raw_s,
              n / raw_s, "");
}

int Option(int argc, char** argv, const std::string& name, int fallback) {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.starts_with(prefix)) return std::atoi(arg.c_str() + prefix.size());
  }
  return fallback;
}

}  // namespace
}  // namespace selfdirect

int main(int argc, char** argv) {
  using namespace selfdirect;
  const int clients = Option(argc, argv, "clients", 32);
  const int requests = Option(argc, argv, "requests", 20'000);
  const int transfers = Option(argc, argv, "transfers", 100'000);
  std::printf("ledger_api_bench: %u cores; database in %s\n", std::thread::hardware_concurrency(),
              std::filesystem::temp_directory_path().c_str());
  const int part = Option(argc, argv, "part", 0);  // 0: all three
  if (part == 0 || part == 1)
    TransfersThroughTheApi(clients, requests, Option(argc, argv, "handlers", 0));
  if (part == 0 || part == 2) BalanceReads(transfers);
  if (part == 0 || part == 3) Batch(transfers);
  return 0;
}
