#include "selfdirect/http/problem.h"

#include <boost/json.hpp>

namespace selfdirect::http {

Response Problem(int status, const std::string& slug, const std::string& title,
                 const std::string& detail, const std::vector<FieldError>& fields) {
  boost::json::object body;
  body["type"] = "/problems/" + slug;
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  if (!fields.empty()) {
    boost::json::array errors;
    for (const auto& f : fields) {
      errors.push_back(boost::json::object{{"field", f.field}, {"message", f.message}});
    }
    body["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  return r;
}

Response ProblemFromError(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
      if (!error.fields.empty()) {
        return Problem(422, "validation", "Check the information you sent", error.message,
                       error.fields);
      }
      return Problem(400, "invalid-argument", "The request is not valid", error.message);
    case ErrorCode::kNotFound:
      return Problem(404, "not-found", "Not found", error.message);
    case ErrorCode::kConflict:
      return Problem(409, "conflict", "That conflicts with what is already recorded",
                     error.message);
    case ErrorCode::kFailedPrecondition:
      return Problem(409, "failed-precondition", "That cannot be done yet", error.message);
    case ErrorCode::kOverflow:
      return Problem(422, "overflow", "An amount is too large", error.message);
    case ErrorCode::kUnauthenticated:
      return Problem(401, "unauthenticated", "Sign in to continue", error.message, error.fields);
    case ErrorCode::kPermissionDenied:
      return Problem(403, "forbidden", "You do not have permission to do that", error.message);
    case ErrorCode::kRateLimited:
      return Problem(429, "rate-limited", "Too many attempts", error.message);
    case ErrorCode::kUnavailable:
      return Problem(503, "unavailable", "The service is temporarily unavailable",
                     "Please try again in a few minutes.");
    case ErrorCode::kInternal:
      break;
  }
  return Problem(500, "internal", "Something went wrong on our side",
                 "The problem has been logged. Please try again later.");
}

}  // namespace selfdirect::http
