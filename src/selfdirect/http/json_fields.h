// JSON request and response helpers shared by the API files (api.cc, accounts_api.cc).
// Included only by them, so that Boost.JSON stays in few translation units.
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "selfdirect/http/message.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {

inline Response JsonResponse(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = boost::json::serialize(body);
  return r;
}

// A file to save, not to show: `body` as `content_type`, named `filename` (ASCII, no quotes).
// Never cached: downloads hold names, amounts and sometimes bank details.
inline Response Download(std::string content_type, std::string body, const std::string& filename) {
  Response r;
  r.status = 200;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// A CSV file to save (Download).
inline Response CsvDownload(std::string body, const std::string& filename) {
  return Download("text/csv; charset=utf-8", std::move(body), filename);
}

// Reads a JSON object body. Fails (as a ready Response) on the wrong media type, bad JSON,
// or a body that is not an object.
inline std::variant<boost::json::object, Response> ReadObject(const Request& request) {
  const std::string type = request.Header("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    return Problem(415, "unsupported-media-type", "Send the request as JSON",
                   "Set the Content-Type header to application/json");
  }
  boost::json::parse_options options;
  options.max_depth = 32;
  std::error_code ec;
  boost::json::value value = boost::json::parse(request.body, ec, {}, options);
  if (ec) {
    return Problem(400, "invalid-json", "The request body is not valid JSON",
                   "The body could not be read as JSON: " + ec.message());
  }
  if (!value.is_object()) {
    return Problem(400, "invalid-json", "The request body is not valid JSON",
                   "The body must be a JSON object, like {\"name\": \"…\"}");
  }
  return std::move(value.as_object());
}

// Pulls typed fields out of a JSON object, collecting a FieldError for each wrong type and for
// any field the endpoint does not know.
class Fields {
 public:
  explicit Fields(const boost::json::object& object) : object_(object) {}

  std::string String(const char* name) {
    seen_.push_back(name);
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_string()) {
      errors_.push_back({name, std::string("Enter ") + name + " as text"});
      return {};
    }
    return std::string(v->as_string());
  }

  std::optional<std::string> OptionalString(const char* name, const char* prefix = "") {
    seen_.push_back(name);
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
      errors_.push_back({std::string(prefix) + name, std::string("Enter ") + name + " as text"});
      return std::nullopt;
    }
    return std::string(v->as_string());
  }

  std::optional<long long> OptionalInteger(const char* name, const char* prefix = "") {
    seen_.push_back(name);
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    errors_.push_back(
        {std::string(prefix) + name, std::string("Enter ") + name + " as a whole number"});
    return std::nullopt;
  }

  std::optional<bool> OptionalBool(const char* name, const char* prefix = "") {
    seen_.push_back(name);
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_bool()) return v->as_bool();
    errors_.push_back(
        {std::string(prefix) + name, std::string("Answer ") + name + " with true or false"});
    return std::nullopt;
  }

  // Marks a field as accepted without reading it (the caller reads it another way).
  void Known(const char* name) { seen_.push_back(name); }

  // Reports fields the endpoint does not accept; returns all errors collected.
  std::vector<FieldError> Finish(const char* prefix = "") {
    for (const auto& [key, value] : object_) {
      if (std::find(seen_.begin(), seen_.end(), std::string(key)) == seen_.end()) {
        errors_.push_back(
            {std::string(prefix) + std::string(key), "This field is not recognised; remove it"});
      }
    }
    return std::move(errors_);
  }

 private:
  const boost::json::object& object_;
  std::vector<std::string> seen_;
  std::vector<FieldError> errors_;
};

inline Response ValidationProblem(std::vector<FieldError> errors) {
  return ProblemFromError(
      Error{ErrorCode::kInvalidArgument, "Check the highlighted fields", std::move(errors)});
}

// A path parameter that must be a ULID; a malformed one is simply "not found".
template <typename IdType>
std::variant<IdType, Response> PathId(const PathParams& params, const char* name) {
  auto id = IdType::Parse(params.at(name));
  if (!id) return Problem(404, "not-found", "Not found", "There is no record at this address");
  return *id;
}

// The query parameter `name` as a whole number from `least` to `most`; `otherwise` when it is not
// given, and nothing when it is not such a number (the caller names the field in a 422).
inline std::optional<int> QueryInt(const Request& request, const char* name, int least, int most,
                                   int otherwise) {
  const std::string text = request.QueryParam(name);
  if (text.empty()) return otherwise;
  int n = 0;
  const char* end = text.data() + text.size();
  const auto [at, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || at != end || n < least || n > most) return std::nullopt;
  return n;
}

// Whether a file sent as a request's body has a type a CSV may be sent as (or none, for a bare
// upload): text/csv, text/plain or application/octet-stream.
inline bool CsvType(const std::string& type) {
  for (const char* ok : {"text/csv", "text/plain", "application/octet-stream"}) {
    if (type.rfind(ok, 0) == 0) return true;
  }
  return type.empty();
}

}  // namespace selfdirect::http
