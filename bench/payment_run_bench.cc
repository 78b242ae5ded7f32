// A payment run for 100,000 budgets, durable on SQLite (WAL, synchronous = FULL, as the store
// opens every database): `Payments::RunDate` for one date, as `selfdirect payments run` does it,
// on a council built by tests/support/payment_council.h (every budget starting the same day, so
// every one is due; some held for want of payment details, some with managed budgets,
// contributions or one-off items). Target (issue #6): at most 2 s.
//
// Printed: the whole run's seconds and transfers per second; the start (computing every
// budget's schedule against the ledger and storing the run's lines: up to the first progress
// report) and the release (posting the lines in chunks, one transaction each, and marking the
// run released) apart. Baseline: the same transfer rows inserted into ledger_transfers with
// plain SQLite (one prepared statement, one transaction, the same schema and settings) into a
// copy of the same database: the floor under the ledger's checks, the balances, the run's
// lines and the payment file. Each figure is the median of a few runs, each on a fresh copy.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "bench/timing.h"
#include "tests/support/payment_council.h"
#include "tests/support/temp_dir.h"

namespace selfdirect {
namespace {

using bench::CpuSeconds;
using bench::Median;
using bench::Seconds;
using bench::Steady;

// --budgets=N and --runs=N change these (to profile a smaller run); other arguments, such as
// the ones scripts/run-bench gives every benchmark, are ignored.
int g_budgets = 100'000;
int g_runs = 3;
std::string g_keep;  // --keep=PATH: a copy of the council as built, for experiments
constexpr double kTargetSeconds = 2.0;

void Copy(const std::string& from, const std::string& to) {
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

[[noreturn]] void Die(const char* what, const std::string& why) {
  std::fprintf(stderr, "%s: %s\n", what, why.c_str());
  std::abort();
}

struct Row {
  std::string council, id, debit, credit, code, reference, created_at, created_by;
  std::int64_t amount = 0;
};

sqlite3* OpenRaw(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    Die("open", path);
  }
  sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
               nullptr, nullptr, nullptr);
  return db;
}

// The transfers a run posted (everything but the commitments the council was built with).
std::vector<Row> PostedRows(const std::string& path) {
  sqlite3* db = OpenRaw(path);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT council_id, transfer_id, debit_account_id, credit_account_id, "
                         "amount, code, reference, created_at, created_by FROM ledger_transfers "
                         "WHERE code <> 'budget_commitment' ORDER BY rowid",
                         -1, &st, nullptr) != SQLITE_OK) {
    Die("prepare", sqlite3_errmsg(db));
  }
  std::vector<Row> rows;
  const auto text = [&](int i) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i)));
  };
  while (sqlite3_step(st) == SQLITE_ROW) {
    rows.push_back({text(0), text(1), text(2), text(3), text(5), text(6), text(7), text(8),
                    sqlite3_column_int64(st, 4)});
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

// Plain SQLite: the same rows in one transaction with one prepared statement.
struct Timed {
  double seconds = 0, cpu = 0;
};

Timed RawInsert(const std::string& path, const std::vector<Row>& rows) {
  sqlite3* db = OpenRaw(path);
  const auto start = Steady::now();
  const double cpu = CpuSeconds();
  sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(
          db,
          "INSERT INTO ledger_transfers (council_id, transfer_id, debit_account_id, "
          "credit_account_id, amount, code, reference, flag, pending_id, corrects, "
          "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'none', NULL, "
          "NULL, $8, $9)",
          -1, &st, nullptr) != SQLITE_OK) {
    Die("prepare", sqlite3_errmsg(db));
  }
  for (const Row& r : rows) {
    sqlite3_bind_text(st, 1, r.council.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r.id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r.debit.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r.credit.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, r.amount);
    sqlite3_bind_text(st, 6, r.code.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, r.reference.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, r.created_at.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, r.created_by.c_str(), -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) Die("insert", sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Die("commit", sqlite3_errmsg(db));
  }
  const Timed out{Seconds(Steady::now() - start), CpuSeconds() - cpu};
  sqlite3_close(db);
  return out;
}

struct RunTiming {
  double total = 0, start = 0, release = 0, cpu = 0;
  std::int64_t posted = 0, held = 0;
};

RunTiming TimeRun(const std::string& path, const CouncilId& council, Date date) {
  testing::PaymentApp app(path);
  RunTiming out;
  const auto began = Steady::now();
  const double cpu = CpuSeconds();
  std::optional<Steady::time_point> first_report;
  auto run = app.payments().RunDate(testing::PaymentApp::Operator(council), date,
                                    [&](std::int64_t, std::int64_t) {
                                      if (!first_report) first_report = Steady::now();
                                    });
  const auto ended = Steady::now();
  out.cpu = CpuSeconds() - cpu;
  if (!run) Die("run", run.error().message);
  if (!run->run || run->run->status != ledger::RunStatus::kReleased || !first_report) {
    Die("run", "not released");
  }
  out.total = Seconds(ended - began);
  out.start = Seconds(*first_report - began);
  out.release = Seconds(ended - *first_report);
  out.posted = run->totals.posted;
  out.held = run->totals.held;
  return out;
}

void Main() {
  testing::TempDir dir;
  const std::string pristine = dir.File("pristine.db");
  const auto building = Steady::now();
  const testing::PaymentCouncil built =
      testing::BuildPaymentCouncil(pristine, {.budgets = g_budgets});
  if (!g_keep.empty()) Copy(pristine, g_keep);
  std::printf(
      "payment run: %d budgets in payment (built in %.1f s); median of %d runs, each on "
      "a fresh copy of the database\n",
      g_budgets, Seconds(Steady::now() - building), g_runs);

  std::vector<double> total, start, release, cpu, raw, raw_cpu;
  RunTiming last;
  for (int i = 0; i < g_runs; ++i) {
    const std::string run_db = dir.File("run.db");
    Copy(pristine, run_db);
    last = TimeRun(run_db, built.council.id, built.options.start);
    total.push_back(last.total);
    start.push_back(last.start);
    release.push_back(last.release);
    cpu.push_back(last.cpu);
    const std::vector<Row> rows = PostedRows(run_db);
    if (static_cast<std::int64_t>(rows.size()) != last.posted) Die("rows", "count differs");
    const std::string raw_db = dir.File("raw.db");
    Copy(pristine, raw_db);
    const Timed baseline = RawInsert(raw_db, rows);
    raw.push_back(baseline.seconds);
    raw_cpu.push_back(baseline.cpu);
    std::filesystem::remove(run_db);
    std::filesystem::remove(raw_db);
    std::printf(
        "  run %d: %.2f s (start %.2f s, release %.2f s; CPU %.2f s); raw insert %.3f s "
        "(CPU %.3f s)\n",
        i + 1, last.total, last.start, last.release, last.cpu, raw.back(), raw_cpu.back());
  }
  const double t = Median(total), s = Median(start), r = Median(release), b = Median(raw);
  const double n = static_cast<double>(last.posted);
  std::printf("\n%lld transfers posted, %lld lines held\n", static_cast<long long>(last.posted),
              static_cast<long long>(last.held));
  std::printf("%-58s %9s %16s %12s %8s\n", fmt::format("step ({} budgets)", g_budgets).c_str(),
              "seconds", "transfers/second", "baseline s", "ratio");
  std::printf("%-58s %9.2f %16.0f %12.3f %7.1fx\n",
              "whole run (RunDate) vs raw insert of the same rows", t, n / t, b, t / b);
  std::printf("%-58s %9.2f %16s %12s %8s\n", "  start: compute every schedule, store the lines", s,
              "-", "-", "-");
  std::printf("%-58s %9.2f %16.0f %12.3f %7.1fx\n", "  release: post in chunks, mark released", r,
              n / r, b, r / b);
  std::printf("%-58s %9.2f %16.0f %12.3f %7.1fx\n",
              "CPU time of the whole run vs of the raw insert", Median(cpu), n / Median(cpu),
              Median(raw_cpu), Median(cpu) / Median(raw_cpu));
  std::printf("raw SQLite insert, one transaction: %.0f rows/second\n", n / b);
  std::printf("target: the whole run in at most %.1f s: %s\n", kTargetSeconds,
              t <= kTargetSeconds ? "met" : "NOT met");
}

}  // namespace
}  // namespace selfdirect

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.starts_with("--budgets=")) selfdirect::g_budgets = std::stoi(arg.substr(10));
    if (arg.starts_with("--runs=")) selfdirect::g_runs = std::stoi(arg.substr(7));
    if (arg.starts_with("--keep=")) selfdirect::g_keep = arg.substr(7);
  }
  selfdirect::Main();
  return 0;
}
