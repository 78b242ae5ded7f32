#include "selfdirect/core/single_flight.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>

namespace selfdirect {
namespace {

// Waits (without a deadline: tests do not depend on the machine's speed) until `ready`.
template <typename F>
void Until(F ready) {
  while (!ready()) std::this_thread::yield();
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
  Until([&] { return flights.Running("council-a"); });
  auto second = std::async(std::launch::async, [&] {
    return flights.Do("council-a", [&] {
      ++runs;
      return 7;
    });
  });
  Until([&] { return flights.Waiters("council-a") == 1; });
  release.set_value();

  const auto a = first.get();
  const auto b = second.get();
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
  Until([&] { return flights.Running("council-a"); });
  // Runs and answers while council-a's call is still waiting to be released.
  const auto other = flights.Do("council-b", [] { return 2; });
  EXPECT_EQ(other.value, 2);
  EXPECT_FALSE(other.shared);
  release.set_value();
  EXPECT_EQ(first.get().value, 1);
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
  Until([&] { return flights.Running("k"); });
  auto second = std::async(std::launch::async, [&] { return flights.Do("k", [] { return 5; }); });
  Until([&] { return flights.Waiters("k") == 1; });
  release.set_value();

  EXPECT_THROW(first.get(), std::runtime_error);
  const auto b = second.get();
  EXPECT_EQ(b.value, 5);
  EXPECT_FALSE(b.shared);
  EXPECT_FALSE(flights.Running("k"));
}

}  // namespace
}  // namespace selfdirect
