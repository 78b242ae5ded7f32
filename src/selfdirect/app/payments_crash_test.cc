// The crash test of issue #6: a payment run for 10,000 budgets, killed with SIGKILL at random
// points at least 20 times (a child process runs `selfdirect payments run`'s use case, the test
// kills it), then run again: every payment posted exactly once and `ledger verify` clean after
// every kill and at the end.
//
// Kill points are chosen from what the child reports, not from the machine's speed alone: the
// child writes a byte to a pipe each time the run reports progress (after the run is started and
// marked as being released, and after each chunk of lines is committed) and when it is done. A
// first, uninterrupted run on a copy of the database measures how long each stretch between
// those reports takes; each kill then waits for a random report and sleeps a random fraction of
// the stretch that follows it, chosen from the state the last kill left. So kills land before
// the run is started (while it is computed), around the start's commit, between and inside
// chunks, and while the run is marked released and the database closed, whatever the machine.
// Nothing asserts on time.
//
// Several run dates (four-weekly) are run this way until at least 20 kills have landed: the
// second date follows a change of terms for some budgets mid-period, so adjustments (keys
// "…:adj:1") are posted under the same rules.
#include <gtest/gtest.h>
#include <malloc.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>
#include <unordered_map>

#include "tests/support/payment_council.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::app {
namespace {

using Steady = std::chrono::steady_clock;
using selfdirect::testing::PaymentApp;
using selfdirect::testing::PaymentCouncil;

constexpr int kBudgets = 10'000;
constexpr int kMinKills = 20;
constexpr int kMaxDates = 8;
constexpr int kMaxAttemptsPerDate = 16;
// The lines app::Payments::Release posts per transaction; only used to choose kill points.
constexpr std::int64_t kChunk = 5000;

// What each budget's schedule says is owed through a date: budget id → base key → amount.
using Owed = std::unordered_map<std::string, std::unordered_map<std::string, Pence>>;

Owed OwedThrough(store::Store& store, const CouncilId& council, Date date) {
  Owed out;
  auto s = store.Read([&](store::Transaction& tx) -> Status {
    auto budgets = tx.Payments().BudgetsInPayment(council, date);
    if (!budgets) return tl::unexpected(budgets.error());
    for (const ledger::BudgetRecord& b : *budgets) {
      auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(b));
      if (!schedule) return tl::unexpected(schedule.error());
      auto owed = ledger::OwedThrough(*schedule, date);
      if (!owed) return tl::unexpected(owed.error());
      auto& keys = out[b.id.str()];
      for (const ledger::ScheduledPayment& p : *owed) keys[p.key] = p.amount;
    }
    return {};
  });
  EXPECT_TRUE(s.has_value()) << s.error().message;
  return out;
}

// "dp:B:2026-11-22:adj:1" → "dp:B:2026-11-22".
std::string BaseKey(const std::string& key) {
  const auto at = key.find(":adj:");
  return at == std::string::npos ? key : key.substr(0, at);
}

std::string BudgetOfKey(const std::string& key) {
  const auto first = key.find(':');
  return key.substr(first + 1, key.find(':', first + 1) - first - 1);
}

// Whether a payment under this key has nowhere to go in the built council: the person has no
// direct-payment details (one-off items are paid by direct payment here too).
bool HeldKey(const PaymentCouncil& built, const std::string& person, const std::string& key) {
  return built.held_people.contains(person) &&
         (key.starts_with("dp:") || key.starts_with("oneoff:"));
}

// Every payment transfer of every budget, by key.
Result<std::unordered_map<std::string, Pence>> PaidNow(store::Transaction& tx,
                                                       const PaymentCouncil& built) {
  std::vector<BudgetId> ids;
  for (const ledger::BudgetRecord& b : built.budgets) ids.push_back(b.id);
  auto paid = tx.Payments().Paid(built.council.id, ids);
  if (!paid) return tl::unexpected(paid.error());
  std::unordered_map<std::string, Pence> out;
  for (auto& [budget, payments] : *paid) {
    for (ledger::PaidPayment& p : payments) {
      EXPECT_EQ(BudgetOfKey(p.key), budget.str());
      out.emplace(std::move(p.key), p.amount);
    }
  }
  return out;
}

// The books as they stand after a kill (or at the end).
struct Books {
  std::optional<ledger::PaymentRun> run;        // the date's run, if it was started
  std::vector<ledger::RunLine> lines;           // its lines
  std::unordered_map<std::string, Pence> paid;  // every payment transfer of every budget, by key
  std::vector<ledger::PaymentRun> all_runs;     // every run of the council
};

// Checks what must hold whenever the run is stopped, wherever: the ledger verifies; no budget
// has been paid more under any key than its schedule says is owed through the date (a payment
// posted twice would be); a line is marked posted exactly when its transfer is in the ledger,
// with the line's amount; the run's status is one a run can be left in.
Books CheckBooks(const std::string& path, const PaymentCouncil& built, Date date, const Owed& owed,
                 const std::string& when) {
  SCOPED_TRACE(when);
  Books books;
  PaymentApp app(path);
  auto checks = app.ledger().Verify(Context::Operator("ledger verify"));
  EXPECT_TRUE(checks.has_value()) << checks.error().message;
  if (checks) {
    EXPECT_EQ(checks->size(), 1u);
    for (const ledger::LedgerCheck& c : *checks) {
      EXPECT_TRUE(c.mismatches.empty()) << c.mismatches.size() << " accounts do not add up";
      EXPECT_TRUE(c.problems.empty()) << c.problems.front();
      EXPECT_TRUE(c.balanced());
    }
  }
  const CouncilId& council = built.council.id;
  auto read = app.store().Read([&](store::Transaction& tx) -> Status {
    auto run = tx.Payments().RunForDate(council, date);
    if (!run) return tl::unexpected(run.error());
    books.run = *run;
    if (books.run) {
      auto lines = tx.Payments().RunLines(council, books.run->id);
      if (!lines) return tl::unexpected(lines.error());
      books.lines = std::move(*lines);
    }
    auto paid = PaidNow(tx, built);
    if (!paid) return tl::unexpected(paid.error());
    books.paid = std::move(*paid);
    auto runs = tx.Payments().Runs(council, 50);
    if (!runs) return tl::unexpected(runs.error());
    books.all_runs = std::move(*runs);
    return {};
  });
  EXPECT_TRUE(read.has_value()) << read.error().message;

  for (const ledger::PaymentRun& r : books.all_runs) {
    EXPECT_TRUE(
        r.status == ledger::RunStatus::kAwaitingApproval || r.status == ledger::RunStatus::kReady ||
        r.status == ledger::RunStatus::kReleasing || r.status == ledger::RunStatus::kReleased)
        << ledger::RunStatusName(r.status);
    if (r.date != date) {
      EXPECT_EQ(r.status, ledger::RunStatus::kReleased);
    }
  }

  // Never more than owed, under every key.
  std::unordered_map<std::string, Pence> by_base;
  for (const auto& [key, amount] : books.paid) {
    const std::string base = BaseKey(key);
    by_base[base] = Pence(by_base[base].value() + amount.value());
  }
  int over = 0;
  for (const auto& [base, amount] : by_base) {
    auto budget = owed.find(BudgetOfKey(base));
    std::optional<Pence> due;
    if (budget != owed.end()) {
      if (auto found = budget->second.find(base); found != budget->second.end()) {
        due = found->second;
      }
    }
    if (!due) {
      ADD_FAILURE() << base << " was paid but the schedule owes nothing under it";
    } else if (amount > *due && ++over <= 5) {
      ADD_FAILURE() << base << " was paid " << amount.value() << "p; only " << due->value()
                    << "p is owed through " << FormatIsoDate(date);
    }
  }
  EXPECT_EQ(over, 0) << "keys paid more than they are owed";

  // A line is marked posted exactly when its transfer is in the ledger; a held line is neither.
  int wrong = 0;
  for (const ledger::RunLine& l : books.lines) {
    auto found = books.paid.find(l.transfer_id);
    const bool in_ledger = found != books.paid.end();
    if (l.held() ? (in_ledger || l.posted) : (in_ledger != l.posted)) {
      if (++wrong <= 5) {
        ADD_FAILURE() << "line " << l.seq << " (" << l.transfer_id << ") held=" << l.held()
                      << " posted=" << l.posted << " in the ledger=" << in_ledger;
      }
    } else if (in_ledger) {
      EXPECT_EQ(found->second, l.amount) << l.transfer_id;
    }
  }
  EXPECT_EQ(wrong, 0) << "lines whose posted mark disagrees with the ledger";
  return books;
}

// What the child reports through the pipe.
constexpr char kProgress = 'p';
constexpr char kDone = 'd';

// The child: `selfdirect payments run --date` as the operator, reporting progress. Never
// returns; exits 0 when the run was released, 3 when the date was already run, 2 otherwise.
[[noreturn]] void RunInChild(const std::string& path, const CouncilId& council, Date date, int fd) {
  int code = 2;
  try {
    PaymentApp app(path);
    auto run = app.payments().RunDate(PaymentApp::Operator(council), date,
                                      [fd](std::int64_t, std::int64_t) {
                                        const char c = kProgress;
                                        [[maybe_unused]] auto n = write(fd, &c, 1);
                                      });
    if (run) {
      code = run->run && run->run->status == ledger::RunStatus::kReleased ? 0 : 2;
    } else {
      code = run.error().code == ErrorCode::kConflict ? 3 : 2;
      if (code == 2) std::fprintf(stderr, "child: %s\n", run.error().message.c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "child: %s\n", e.what());
  }
  const char c = kDone;
  [[maybe_unused]] auto n = write(fd, &c, 1);
  _exit(code);
}

// Where to kill: after the child's `events`-th report (0: as soon as it is forked), `delay`
// later; or never.
struct KillPlan {
  int events = 0;
  std::chrono::microseconds delay{0};
  bool never = false;
};

struct Outcome {
  bool killed = false;  // died of SIGKILL
  int exit_code = -1;   // when it exited
  int reports = 0;      // progress reports read
  // Times of the reports after the fork (for the calibration).
  std::vector<Steady::duration> at;
  Steady::duration done_at{};
};

Outcome RunChild(const std::string& path, const CouncilId& council, Date date,
                 const KillPlan& plan) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  std::fflush(nullptr);
  // Hand the memory the checks freed back to the system, so that the child does not copy the
  // parent's pages on write as it allocates.
  malloc_trim(0);
  const Steady::time_point forked = Steady::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {
    close(fds[0]);
    RunInChild(path, council, date, fds[1]);
  }
  close(fds[1]);
  Outcome out;
  bool done = false;
  const auto read_one = [&] {
    char c = 0;
    ssize_t n;
    do {
      n = read(fds[0], &c, 1);
    } while (n < 0 && errno == EINTR);
    if (n <= 0 || c == kDone) {
      done = true;
      out.done_at = Steady::now() - forked;
    } else {
      ++out.reports;
      out.at.push_back(Steady::now() - forked);
    }
  };
  if (!plan.never) {
    while (!done && out.reports < plan.events) read_one();
    if (!done) {
      std::this_thread::sleep_for(plan.delay);
      kill(pid, SIGKILL);
    }
  }
  while (!done) read_one();
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  out.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

void CopyDatabase(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  for (const char* suffix : {"-wal", "-shm"}) {
    if (fs::exists(from + suffix)) {
      fs::copy_file(from + suffix, to + suffix, fs::copy_options::overwrite_existing);
    }
  }
}

// Some budgets' plans change half-way through the first period (£35.00 a week more from the
// fifteenth day), after it was paid: the next run pays the difference as an adjustment.
void ChangeSomeTerms(const std::string& path, const PaymentCouncil& built) {
  PaymentApp app(path);
  auto s = app.store().Write([&](store::Transaction& tx) -> Status {
    for (std::size_t i = 0; i < built.budgets.size(); i += 97) {
      const ledger::BudgetRecord& b = built.budgets[i];
      ledger::StoredTerms t = b.terms.front();
      t.plan = PlanId(app.ids().Next());
      t.terms.from = AddDays(b.start, 14);
      t.terms.direct_payment.per_week = Pence(t.terms.direct_payment.per_week.value() + 3500);
      if (auto put = tx.Payments().PutTerms(b.council, b.id, t); !put) return put;
    }
    return {};
  });
  ASSERT_TRUE(s.has_value()) << s.error().message;
}

TEST(PaymentsCrashTest, ARunKilledAtRandomPointsPaysEveryPaymentExactlyOnce) {
  selfdirect::testing::TempDir dir;
  const std::string path = dir.File("council.db");
  const Steady::time_point began = Steady::now();
  const PaymentCouncil built =
      selfdirect::testing::BuildPaymentCouncil(path, {.budgets = kBudgets});
  ASSERT_EQ(built.budgets.size(), static_cast<std::size_t>(kBudgets));
  const CouncilId& council = built.council.id;
  const Date first = built.options.start;
  std::printf("[ built   ] %d budgets in %.1f s\n", kBudgets,
              std::chrono::duration<double>(Steady::now() - began).count());

  // How long each stretch between the child's reports takes, uninterrupted, on a copy: the
  // start (from the fork to the first report), each chunk, and marking the run released.
  std::vector<Steady::duration> stretches;
  {
    const std::string copy = dir.File("calibration.db");
    CopyDatabase(path, copy);
    const Outcome calibration = RunChild(copy, council, first, {.never = true});
    ASSERT_EQ(calibration.exit_code, 0) << "the uninterrupted run failed";
    ASSERT_GE(calibration.reports, 2);
    Steady::duration last{};
    for (Steady::duration at : calibration.at) {
      stretches.push_back(at - last);
      last = at;
    }
    stretches.push_back(calibration.done_at - last);
    std::printf("[ timing  ] an uninterrupted run: %.2f s (start %.2f s, %d reports)\n",
                std::chrono::duration<double>(calibration.done_at).count(),
                std::chrono::duration<double>(stretches.front()).count(), calibration.reports);
  }

  // Kill points follow the state the last kill left: before the run is started, around the
  // moment the start commits (some before, some after); once it is started, after a random one
  // of the reports this child will make (one when it has read the run, one per chunk), a random
  // fraction of the stretch that follows. The first date gets half the kills, the last of them
  // around the moment the run is marked released and the database closed.
  std::mt19937 random(20261123);
  const auto fraction = [&](Steady::duration stretch, double from, double to) {
    const double f = from + (to - from) * static_cast<double>(random() % 10'000) / 10'000.0;
    return std::chrono::microseconds(static_cast<std::int64_t>(
        f * static_cast<double>(
                std::chrono::duration_cast<std::chrono::microseconds>(stretch).count())));
  };
  const Steady::duration start_stretch = stretches.front();
  const Steady::duration chunk_stretch = stretches[1];
  const Steady::duration final_stretch = stretches.back();
  // Where each kill left the run: not started; started, nothing posted; part posted; all
  // posted but not marked released; released.
  std::array<int, 5> left{};
  int kills = 0, attempts = 0, dates = 0;
  Steady::duration in_children{}, in_checks{};
  Date date = first;
  for (int d = 0; d < kMaxDates && (kills < kMinKills || d < 2); ++d, date = AddDays(date, 28)) {
    SCOPED_TRACE("run date " + FormatIsoDate(date));
    ++dates;
    if (d == 1) ChangeSomeTerms(path, built);
    Owed owed;
    {
      PaymentApp app(path);
      owed = OwedThrough(app.store(), council, date);
    }
    std::vector<ledger::RunLine> fixed;  // the lines as first seen: they never change
    std::optional<Books> books;
    bool released = false;
    // Half the kills on the first date, the rest on the next (and later ones, if a run
    // finished before its share).
    const int quota = d == 0 ? kMinKills / 2 : std::max(1, kMinKills - kills);
    for (int a = 0, killed_here = 0; a < kMaxAttemptsPerDate && !released && killed_here < quota;
         ++a) {
      ++attempts;
      KillPlan plan;
      if ((!books || !books->run) && a >= 2) {
        // Two kills while it starts are enough (each computes the whole run again): now after
        // the start is committed, in the first chunk.
        plan.events = 1;
        plan.delay = fraction(chunk_stretch, 0, 1);
      } else if (!books || !books->run) {
        // The first kill early in the start, before it commits (computing the run is most of
        // the stretch before the first report); the next around the commit.
        plan.delay = a == 0 ? fraction(start_stretch, 0, 0.4) : fraction(start_stretch, 0.5, 1.2);
      } else {
        std::int64_t pending = 0;
        for (const ledger::RunLine& l : books->lines) pending += !l.held() && !l.posted ? 1 : 0;
        // The child reports once when it has read the run, then after each chunk.
        const int reports = 1 + static_cast<int>((pending + kChunk - 1) / kChunk);
        if (d == 0 && killed_here == quota - 1) {
          // The first date's last kill: around the moment the run is marked released and the
          // database closed (if it misses, the run is done and the next date has one more).
          plan.events = reports;
          plan.delay = fraction(final_stretch, 0.6, 1.0);
        } else {
          // While it resumes (0), in its first chunk (1), or, half the time, in its second (2):
          // at most one chunk more is posted each time, so kills land between and inside chunks.
          const int pick = static_cast<int>(random() % 4);
          plan.events = std::min(reports, pick < 2 ? pick : 2);
          plan.delay = fraction(plan.events == reports ? final_stretch : chunk_stretch, 0, 1);
        }
      }
      const Steady::time_point began_child = Steady::now();
      const Outcome o = RunChild(path, council, date, plan);
      const Steady::time_point began_check = Steady::now();
      in_children += began_check - began_child;
      ASSERT_TRUE(o.killed || o.exit_code == 0)
          << "the run failed on its own (exit " << o.exit_code << ")";
      books = CheckBooks(path, built, date, owed,
                         fmt::format("after attempt {} (killed {}, after {} reports, {} us later)",
                                     a, o.killed, o.reports, plan.delay.count()));
      in_checks += Steady::now() - began_check;
      if (::testing::Test::HasFailure()) return;
      if (books->run) {
        if (fixed.empty()) fixed = books->lines;
        ASSERT_EQ(books->lines.size(), fixed.size());
        for (std::size_t i = 0; i < fixed.size(); ++i) {
          ASSERT_EQ(books->lines[i].transfer_id, fixed[i].transfer_id);
          ASSERT_EQ(books->lines[i].amount, fixed[i].amount);
        }
        released = books->run->status == ledger::RunStatus::kReleased;
      }
      if (o.killed) {
        ++kills;
        ++killed_here;
        std::int64_t posted = 0, to_post = 0;
        for (const ledger::RunLine& l : books->lines) {
          to_post += l.held() ? 0 : 1;
          posted += l.posted ? 1 : 0;
        }
        ++left[!books->run ? 0 : released ? 4 : posted == 0 ? 1 : posted < to_post ? 2 : 3];
      }
    }

    // Run again, to completion: every line posted exactly once, everything owed paid unless it
    // is held, and a second run of the date refused with nothing new posted.
    {
      PaymentApp app(path);
      auto run = app.payments().RunDate(PaymentApp::Operator(council), date);
      if (released) {
        ASSERT_FALSE(run.has_value());
        EXPECT_EQ(run.error().code, ErrorCode::kConflict);
      } else {
        ASSERT_TRUE(run.has_value()) << run.error().message;
        EXPECT_EQ(run->run->status, ledger::RunStatus::kReleased);
      }
    }
    const Books done = CheckBooks(path, built, date, owed, "after the run was completed");
    ASSERT_TRUE(done.run.has_value());
    EXPECT_EQ(done.run->status, ledger::RunStatus::kReleased);
    std::int64_t to_post = 0, held = 0, adjustments = 0;
    for (const ledger::RunLine& l : done.lines) {
      if (l.held()) {
        ++held;
        continue;
      }
      ++to_post;
      EXPECT_TRUE(l.posted) << l.transfer_id;
      if (l.transfer_id.find(":adj:") != std::string::npos) ++adjustments;
    }
    EXPECT_GT(to_post, kBudgets / 2);
    EXPECT_GT(held, 0);
    if (d == 1) {
      EXPECT_GT(adjustments, 0);
    }
    std::int64_t transfers_of_run = 0;
    for (const ledger::RunLine& l : done.lines) {
      transfers_of_run += (!l.held() && done.paid.contains(l.transfer_id)) ? 1 : 0;
    }
    EXPECT_EQ(transfers_of_run, to_post);
    // Everything owed through the date is paid, exactly, unless it has nowhere to go.
    std::unordered_map<std::string, Pence> by_base;
    for (const auto& [key, amount] : done.paid) {
      by_base[BaseKey(key)] = Pence(by_base[BaseKey(key)].value() + amount.value());
    }
    int unpaid = 0;
    for (const ledger::BudgetRecord& b : built.budgets) {
      for (const auto& [key, amount] : owed.at(b.id.str())) {
        const Pence expected = HeldKey(built, b.person.str(), key) ? Pence(0) : amount;
        auto paid = by_base.find(key);
        const Pence got = paid == by_base.end() ? Pence(0) : paid->second;
        if (got != expected && ++unpaid <= 5) {
          ADD_FAILURE() << key << ": paid " << got.value() << "p, expected " << expected.value()
                        << "p";
        }
      }
    }
    EXPECT_EQ(unpaid, 0);
    {
      PaymentApp app(path);
      auto again = app.payments().RunDate(PaymentApp::Operator(council), date);
      ASSERT_FALSE(again.has_value());
      EXPECT_EQ(again.error().code, ErrorCode::kConflict);
      std::unordered_map<std::string, Pence> after;
      auto read = app.store().Read([&](store::Transaction& tx) -> Status {
        auto paid = PaidNow(tx, built);
        if (!paid) return tl::unexpected(paid.error());
        after = std::move(*paid);
        return {};
      });
      ASSERT_TRUE(read.has_value()) << read.error().message;
      EXPECT_EQ(after, done.paid) << "running the date again posted something";
    }
    if (::testing::Test::HasFailure()) return;
  }
  std::printf(
      "[ kills   ] %d of %d runs killed over %d run dates, leaving the run: not started %d; "
      "started, nothing posted %d; part posted %d; all posted, not released %d; released %d\n"
      "[ timing  ] %.1f s in all: %.1f s in the killed runs, %.1f s checking after them\n",
      kills, attempts, dates, left[0], left[1], left[2], left[3], left[4],
      std::chrono::duration<double>(Steady::now() - began).count(),
      std::chrono::duration<double>(in_children).count(),
      std::chrono::duration<double>(in_checks).count());
  EXPECT_GE(kills, kMinKills);
}

}  // namespace
}  // namespace selfdirect::app
