// Result<T>: the value of an operation that can fail in an expected way.
//
// Expected failures (bad input, a missing record, a conflict, an overflow) are values, not
// exceptions. Exceptions are reserved for bugs and are converted at adapter boundaries.
//
//   Result<Pence> total = a.Plus(b);
//   if (!total) return tl::unexpected(total.error());
//
// An Error carries a machine-readable code, a plain-English message a person can act on, and
// for validation failures one entry per offending field.
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace selfdirect {

enum class ErrorCode {
  kInvalidArgument,     // the caller sent something malformed or out of range
  kNotFound,            // the record does not exist (or the caller may not know it does)
  kConflict,            // the record changed, or already exists, or a replay differs
  kFailedPrecondition,  // the request is well-formed but not allowed in the current state
  kOverflow,            // arithmetic left the representable range
  kUnauthenticated,     // nobody is signed in, or the session has ended
  kPermissionDenied,    // the actor may not do this
  kRateLimited,         // too many attempts; try again later
  kUnavailable,         // a dependency (the database) cannot be reached now
  kInternal,            // a bug or an environment fault; never shown in detail to a client
};

// Stable lower-case name of a code, used in logs and problem types ("invalid-argument").
const char* ErrorCodeName(ErrorCode code);

struct FieldError {
  std::string field;    // JSON pointer-ish name of the field, e.g. "settings.weeks_per_year"
  std::string message;  // what is wrong and how to put it right, in plain English

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = Result<void>;

// Builds the failure side of a Result: `return Fail(ErrorCode::kNotFound, "No such council");`
inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected(Error{code, std::move(message), {}});
}

// A validation failure naming each offending field.
inline tl::unexpected<Error> FailFields(std::vector<FieldError> fields,
                                        std::string message = "Check the highlighted fields") {
  return tl::unexpected(Error{ErrorCode::kInvalidArgument, std::move(message), std::move(fields)});
}

// Ok(): the success value of a Status.
inline Status Ok() { return {}; }

}  // namespace selfdirect
