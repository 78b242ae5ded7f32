// The JSON API and the probe endpoints. Handlers are thin: read and check the JSON shape,
// call one Application use case, write JSON or a problem. No business rules live here.
#include <boost/json.hpp>

#include "selfdirect/http/problem.h"
#include "selfdirect/http/service.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

constexpr const char* kVersion = SELFDIRECT_VERSION;

Response Json(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = json::serialize(body);
  return r;
}

// Reads a JSON object body. Fails (as a ready Response) on the wrong media type, bad JSON,
// or a body that is not an object.
std::variant<json::object, Response> ReadObject(const Request& request) {
  const std::string type = request.Header("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    return Problem(415, "unsupported-media-type", "Send the request as JSON",
                   "Set the Content-Type header to application/json");
  }
  json::parse_options options;
  options.max_depth = 32;
  std::error_code ec;
  json::value value = json::parse(request.body, ec, {}, options);
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
  explicit Fields(const json::object& object) : object_(object) {}

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
  const json::object& object_;
  std::vector<std::string> seen_;
  std::vector<FieldError> errors_;
};

json::object ToJson(const Council& c) {
  return {{"id", c.id.str()},
          {"code", c.code},
          {"name", c.name},
          {"created_at", FormatTimestamp(c.created_at)}};
}

json::object ToJson(const Scheme& s) {
  return {{"id", s.id.str()},
          {"council_id", s.council_id.str()},
          {"name", s.name},
          {"kind", SchemeKindName(s.kind)},
          {"settings",
           {{"weeks_per_year", FormatWeeksPerYear(s.settings.weeks_per_year)},
            {"payment_interval", PeriodName(s.settings.payment_interval)},
            {"surplus_threshold_weeks", s.settings.surplus_threshold_weeks},
            {"first_review_weeks", s.settings.first_review_weeks},
            {"review_interval_months", s.settings.review_interval_months}}},
          {"created_at", FormatTimestamp(s.created_at)}};
}

template <typename T>
json::array ToJsonArray(const std::vector<T>& items) {
  json::array out;
  for (const auto& item : items) out.push_back(ToJson(item));
  return out;
}

// A path parameter that must be a ULID; a malformed one is simply "not found".
template <typename IdType>
std::variant<IdType, Response> PathId(const PathParams& params, const char* name) {
  auto id = IdType::Parse(params.at(name));
  if (!id) return Problem(404, "not-found", "Not found", "There is no record at this address");
  return *id;
}

}  // namespace

void RegisterApi(Router& router, app::Application& app, Metrics& metrics) {
  router.Add("GET", "/healthz", "probe.health", [](const Request&, const PathParams&) {
    return Json(200, {{"status", "ok"}});
  });

  router.Add("GET", "/readyz", "probe.ready", [&app](const Request&, const PathParams&) {
    const auto r = app.CheckReadiness();
    if (!r.ready()) {
      Response p = Problem(503, "not-ready", "The service is not ready", r.problem);
      return p;
    }
    return Json(
        200,
        {{"status", "ready"}, {"database", "reachable"}, {"schema_version", r.schema_version}});
  });

  router.Add("GET", "/metrics", "probe.metrics", [&metrics](const Request&, const PathParams&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
    return r;
  });

  router.Add("GET", "/api/version", "version.get", [&app](const Request&, const PathParams&) {
    const auto r = app.CheckReadiness();
    return Json(200, {{"name", "selfdirect"},
                      {"version", kVersion},
                      {"schema_version", r.schema_version},
                      {"schema_latest", r.schema_latest}});
  });

  router.Add("GET", "/api/councils", "councils.list", [&app](const Request&, const PathParams&) {
    auto list = app.ListCouncils();
    if (!list) return ProblemFromError(list.error());
    return Json(200, {{"councils", ToJsonArray(*list)}});
  });

  router.Add("POST", "/api/councils", "councils.create",
             [&app](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields fields(std::get<json::object>(body));
               NewCouncil wanted{fields.String("code"), fields.String("name")};
               if (auto errors = fields.Finish(); !errors.empty()) {
                 return ProblemFromError(
                     Error{ErrorCode::kInvalidArgument, "Check the highlighted fields", errors});
               }
               auto council = app.CreateCouncil(wanted);
               if (!council) return ProblemFromError(council.error());
               Response r = Json(201, ToJson(*council));
               r.SetHeader("Location", "/api/councils/" + council->id.str());
               return r;
             });

  router.Add("GET", "/api/councils/{council}", "councils.get",
             [&app](const Request&, const PathParams& params) {
               auto id = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto council = app.GetCouncil(std::get<CouncilId>(id));
               if (!council) return ProblemFromError(council.error());
               return Json(200, ToJson(*council));
             });

  router.Add("GET", "/api/councils/{council}/schemes", "schemes.list",
             [&app](const Request&, const PathParams& params) {
               auto id = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto list = app.ListSchemes(std::get<CouncilId>(id));
               if (!list) return ProblemFromError(list.error());
               return Json(200, {{"schemes", ToJsonArray(*list)}});
             });

  router.Add("POST", "/api/councils/{council}/schemes", "schemes.create",
             [&app](const Request& request, const PathParams& params) {
               auto id = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& object = std::get<json::object>(body);
               Fields fields(object);
               NewScheme wanted{.name = fields.String("name"), .kind = fields.String("kind")};
               std::vector<FieldError> errors;
               if (const auto* settings = object.if_contains("settings");
                   settings != nullptr && !settings->is_null()) {
                 if (!settings->is_object()) {
                   errors.push_back({"settings", "settings must be an object"});
                 } else {
                   Fields s(settings->as_object());
                   wanted.weeks_per_year = s.OptionalString("weeks_per_year", "settings.");
                   wanted.payment_interval = s.OptionalString("payment_interval", "settings.");
                   wanted.surplus_threshold_weeks =
                       s.OptionalInteger("surplus_threshold_weeks", "settings.");
                   wanted.first_review_weeks = s.OptionalInteger("first_review_weeks", "settings.");
                   wanted.review_interval_months =
                       s.OptionalInteger("review_interval_months", "settings.");
                   auto nested = s.Finish("settings.");
                   errors.insert(errors.end(), nested.begin(), nested.end());
                 }
               }
               fields.Known("settings");  // read above
               auto top = fields.Finish();
               errors.insert(errors.begin(), top.begin(), top.end());
               if (!errors.empty()) {
                 return ProblemFromError(
                     Error{ErrorCode::kInvalidArgument, "Check the highlighted fields", errors});
               }
               auto scheme = app.CreateScheme(std::get<CouncilId>(id), wanted);
               if (!scheme) return ProblemFromError(scheme.error());
               Response r = Json(201, ToJson(*scheme));
               r.SetHeader("Location", "/api/councils/" + scheme->council_id.str() + "/schemes/" +
                                           scheme->id.str());
               return r;
             });
}

}  // namespace selfdirect::http
