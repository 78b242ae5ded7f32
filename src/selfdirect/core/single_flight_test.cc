#include "selfdirect/core/single_flight.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

namespace selfdirect {
namespace {

// A deadline far beyond any machine's speed, so that a wrong SingleFlight fails its test (here,
// by name) rather than hanging the suite.
constexpr auto kDeadline = std::chrono::seconds(60);

// Waits until `ready`; false after the deadline.
template <typename F>
bool Until(F ready) {
  const auto give_up = std::chrono::steady_clock::now() + kDeadline;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::yield();
  }
  return true;
}

// Stops the test binary when `ok` is false: a thread the test started may still be waiting on
// this test's objects, so returning from the test (as ASSERT does) would hang it instead.
void Require(bool ok, const char* what) {
  if (ok) return;
  ADD_FAILURE() << "not within the deadline: " << what;
  std::abort();
}

// The future's answer; stops the binary after the deadline.
template <typename T>
T Get(std::future<T>& f) {
  Require(f.wait_for(kDeadline) == std::future_status::ready, "an answer");
  return f.get();
}

TEST(SingleFlightTest, ASecondCallerWaitsForTheRunningCallAndSharesItsAnswer) {
  SingleFlight<int> flights;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> runs{0};

  auto first = std::async(std::launch::async, [&] {
    return flights.Do("council-a", [&] {
      ++runs;
      released.wait();
      return 42;
    });
  });
  Require(Until([&] { return flights.Running("council-a"); }), "flights.Running('council-a')");
  auto second = std::async(std::launch::async, [&] {
    return flights.Do("council-a", [&] {
      ++runs;
      return 7;
    });
  });
  Require(Until([&] { return flights.Waiters("council-a") == 1; }),
          "flights.Waiters('council-a') == 1");
  release.set_value();

  const auto a = Get(first);
  const auto b = Get(second);
  EXPECT_EQ(a.value, 42);
  EXPECT_FALSE(a.shared);
  EXPECT_EQ(b.value, 42);
  EXPECT_TRUE(b.shared);
  EXPECT_EQ(runs.load(), 1);
  EXPECT_FALSE(flights.Running("council-a"));
}

TEST(SingleFlightTest, CallsForOtherKeysRunBesideIt) {
  SingleFlight<int> flights;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto first = std::async(std::launch::async, [&] {
    return flights.Do("council-a", [&] {
      released.wait();
      return 1;
    });
  });
  Require(Until([&] { return flights.Running("council-a"); }), "flights.Running('council-a')");
  // Runs and answers while council-a's call is still waiting to be released.
  auto other_call =
      std::async(std::launch::async, [&] { return flights.Do("council-b", [] { return 2; }); });
  const auto other = Get(other_call);
  EXPECT_EQ(other.value, 2);
  EXPECT_FALSE(other.shared);
  release.set_value();
  EXPECT_EQ(Get(first).value, 1);
}

TEST(SingleFlightTest, NothingIsKeptOnceACallHasAnswered) {
  SingleFlight<int> flights;
  int runs = 0;
  EXPECT_EQ(flights.Do("k", [&] { return ++runs; }).value, 1);
  EXPECT_EQ(flights.Do("k", [&] { return ++runs; }).value, 2);
  EXPECT_EQ(flights.Waiters("k"), 0u);
}

TEST(SingleFlightTest, WhenTheRunningCallThrowsItsCallerGetsTheExceptionAndAWaiterRunsItsOwn) {
  SingleFlight<int> flights;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto first = std::async(std::launch::async, [&] {
    return flights.Do("k", [&]() -> int {
      released.wait();
      throw std::runtime_error("the database went away");
    });
  });
  Require(Until([&] { return flights.Running("k"); }), "flights.Running('k')");
  auto second = std::async(std::launch::async, [&] { return flights.Do("k", [] { return 5; }); });
  Require(Until([&] { return flights.Waiters("k") == 1; }), "flights.Waiters('k') == 1");
  release.set_value();

  Require(first.wait_for(kDeadline) == std::future_status::ready, "the first call's exception");
  EXPECT_THROW(first.get(), std::runtime_error);
  const auto b = Get(second);
  EXPECT_EQ(b.value, 5);
  EXPECT_FALSE(b.shared);
  EXPECT_FALSE(flights.Running("k"));
}

TEST(SingleFlightTest, AfterAThrowOnlyOneWaiterRunsTheWorkAndTheOthersShareItsAnswer) {
  SingleFlight<int> flights;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> reruns{0};
  auto first = std::async(std::launch::async, [&] {
    return flights.Do("k", [&]() -> int {
      released.wait();
      throw std::runtime_error("the database went away");
    });
  });
  Require(Until([&] { return flights.Running("k"); }), "flights.Running('k')");
  // The waiters' own work waits for a second release, so the first of them to run it is still
  // running when the others look again.
  std::promise<void> release_rerun;
  std::shared_future<void> rerun_released = release_rerun.get_future().share();
  std::vector<std::future<SingleFlight<int>::Answer>> waiters;
  for (int i = 0; i < 3; ++i) {
    waiters.push_back(std::async(std::launch::async, [&] {
      return flights.Do("k", [&] {
        ++reruns;
        rerun_released.wait();
        return 9;
      });
    }));
  }
  Require(Until([&] { return flights.Waiters("k") == 3; }), "flights.Waiters('k') == 3");
  release.set_value();
  Require(first.wait_for(kDeadline) == std::future_status::ready, "the first call's exception");
  EXPECT_THROW(first.get(), std::runtime_error);
  // One waiter runs the work again; the other two wait for it.
  Require(Until([&] { return reruns.load() == 1 && flights.Waiters("k") == 2; }),
          "reruns.load() == 1 && flights.Waiters('k') == 2");
  release_rerun.set_value();
  int shared = 0;
  for (auto& w : waiters) {
    const auto answer = Get(w);
    EXPECT_EQ(answer.value, 9);
    shared += answer.shared ? 1 : 0;
  }
  EXPECT_EQ(reruns.load(), 1);
  EXPECT_EQ(shared, 2);
}

}  // namespace
}  // namespace selfdirect
