// Identifiers: ULIDs (26 Crockford base-32 characters: 48 bits of milliseconds, 80 random bits).
//
// They sort by creation time, need no global sequence (so a distributed database can make them
// on any node), and are safe to show in a URL. Each kind of record has its own strong type so
// that a SchemeId cannot be passed where a CouncilId is expected.
//
//   UlidGenerator ids(clock);
//   CouncilId council{ids.Next()};
//   Result<CouncilId> parsed = CouncilId::Parse("01JD3Q7Z8M0000000000000000");
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/result.h"

namespace selfdirect {

// True when text is a well-formed ULID: 26 characters of Crockford base 32 (upper case, no
// I, L, O or U), first character 0–7.
bool IsUlid(std::string_view text);

// Makes ULIDs that increase strictly, even within one millisecond. Thread-safe.
class UlidGenerator {
 public:
  // `random` fills bytes with unpredictable values; the default uses the OS's CSPRNG.
  using RandomSource = std::function<void(std::uint8_t* bytes, std::size_t count)>;

  explicit UlidGenerator(const Clock& clock, RandomSource random = {});
  std::string Next();

 private:
  const Clock& clock_;
  RandomSource random_;
  std::mutex mu_;
  std::int64_t last_ms_ = -1;
  std::array<std::uint8_t, 10> last_random_{};
};

template <typename Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}

  // Accepts a ULID in any letter case; stores it upper-case. Fails with kInvalidArgument.
  static Result<Id> Parse(std::string_view text) {
    std::string upper(text);
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    if (!IsUlid(upper)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "That is not a valid identifier (26 letters and digits)");
    }
    return Id(std::move(upper));
  }

  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend auto operator<=>(const Id&, const Id&) = default;

 private:
  std::string value_;
};

using CouncilId = Id<struct CouncilTag>;
using SchemeId = Id<struct SchemeTag>;
using UserId = Id<struct UserTag>;
using PersonId = Id<struct PersonTag>;
using DeterminationId = Id<struct DeterminationTag>;
using AssessmentId = Id<struct AssessmentTag>;
using ContactId = Id<struct ContactTag>;
using PlanId = Id<struct PlanTag>;
using ReviewId = Id<struct ReviewTag>;
using TeamId = Id<struct TeamTag>;
using ConcernId = Id<struct ConcernTag>;
using CarerLinkId = Id<struct CarerLinkTag>;
using LedgerAccountId = Id<struct LedgerAccountTag>;
using BudgetId = Id<struct BudgetTag>;
using PaymentRunId = Id<struct PaymentRunTag>;

// True when text is a usable caller-chosen key: 1 to 64 characters of A–Z, a–z, 0–9 and
// `_ : . -`. Such keys are compared exactly (letter case matters).
bool IsCallerKey(std::string_view text);

// A ledger transfer's id: chosen by the caller, so that a retry of the same request carries the
// same id and is recognised (the idempotency key). A ULID is a good choice; so is a key the
// caller derives from what the money is for, e.g. "run:2026-11-30:plan:01JD…:item:3".
class TransferId {
 public:
  TransferId() = default;
  explicit TransferId(std::string value) : value_(std::move(value)) {}

  // Accepts any IsCallerKey text, unchanged. Fails with kInvalidArgument.
  static Result<TransferId> Parse(std::string_view text) {
    if (!IsCallerKey(text)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "A transfer id is 1 to 64 letters, digits and the characters _ : . -");
    }
    return TransferId(std::string(text));
  }

  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend auto operator<=>(const TransferId&, const TransferId&) = default;

 private:
  std::string value_;
};

}  // namespace selfdirect
