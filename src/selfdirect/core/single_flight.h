// One call at a time for each key. A caller who asks while the same key's call is running waits
// for it and shares its answer, instead of doing the same work beside it: a council's "Check the
// books" reads every transfer it has ever made, and two finance officers pressing it together
// should cost one read, not two. (Within one process: another process runs its own.)
//
//   SingleFlight<Result<Check>> checks;
//   auto answer = checks.Do(council.str(), [&] { return CheckEverything(council); });
//   answer.value;   // this caller's answer, or the one it waited for
//   answer.shared;  // true when another caller's call answered it
//
// Nothing is kept once a call has answered: the next caller for the key runs the work again.
// If the work throws, its caller gets the exception, and the waiters start again: the first to
// wake runs the work and the others wait for it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace selfdirect {

template <typename T>
class SingleFlight {
 public:
  struct Answer {
    T value;
    bool shared = false;  // another caller's call answered this one
  };

  Answer Do(const std::string& key, const std::function<T()>& work) {
    std::unique_lock lock(mu_);
    for (;;) {
      auto running = flights_.find(key);
      if (running == flights_.end()) break;
      std::shared_ptr<Flight> flight = running->second;
      ++flight->waiters;
      done_.wait(lock, [&] { return flight->finished; });
      --flight->waiters;
      if (std::shared_ptr<const T> value = flight->value) {
        lock.unlock();
        return {*value, true};  // copied outside the lock
      }
      // The call threw: start again, perhaps as the one who runs it.
    }
    auto flight = std::make_shared<Flight>();
    flights_.emplace(key, flight);
    lock.unlock();
    std::shared_ptr<const T> value;
    try {
      value = std::make_shared<const T>(work());
    } catch (...) {
      Finish(key, *flight, nullptr);
      throw;
    }
    Finish(key, *flight, value);
    return {*value, false};
  }

  // How many callers are waiting for the key's running call (0 when none is running).
  std::size_t Waiters(const std::string& key) const {
    std::lock_guard lock(mu_);
    auto running = flights_.find(key);
    return running == flights_.end() ? 0 : running->second->waiters;
  }
  // Whether a call for the key is running.
  bool Running(const std::string& key) const {
    std::lock_guard lock(mu_);
    return flights_.contains(key);
  }

 private:
  struct Flight {
    std::shared_ptr<const T> value;  // none when the work threw
    bool finished = false;
    std::size_t waiters = 0;
  };

  // Nothing here can throw: the flight is always finished and its key freed.
  void Finish(const std::string& key, Flight& flight, std::shared_ptr<const T> value) noexcept {
    std::lock_guard lock(mu_);
    flight.value = std::move(value);
    flight.finished = true;
    flights_.erase(key);
    done_.notify_all();
  }

  mutable std::mutex mu_;
  std::condition_variable done_;
  std::map<std::string, std::shared_ptr<Flight>> flights_;
};

}  // namespace selfdirect
