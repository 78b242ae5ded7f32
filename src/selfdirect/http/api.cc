// The JSON API and the probe endpoints. Handlers are thin: read and check the JSON shape,
// call one Application use case, write JSON or a problem. No business rules live here.
#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/openapi.h"
#include "selfdirect/http/problem.h"
#include "selfdirect/http/service.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

constexpr const char* kVersion = SELFDIRECT_VERSION;

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
            {"review_interval_months", s.settings.review_interval_months},
            {"contribution_collection", s.settings.contribution_gross ? "gross" : "net"},
            {"pa_dbs_required", s.settings.pa_dbs_required},
            {"pa_insurance_reminder_days", s.settings.pa_insurance_reminder_days}}},
          {"created_at", FormatTimestamp(s.created_at)}};
}

template <typename T>
json::array ToJsonArray(const std::vector<T>& items) {
  json::array out;
  for (const auto& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace

void RegisterApi(Router& router, app::Application& app, Metrics& metrics) {
  router.Add("GET", "/healthz", "probe.health", Action::kPublic,
             [](const Request&, const PathParams&) {
               return JsonResponse(200, {{"status", "ok"}});
             });

  router.Add(
      "GET", "/readyz", "probe.ready", Action::kPublic, [&app](const Request&, const PathParams&) {
        const auto r = app.CheckReadiness();
        if (!r.ready()) {
          Response p = Problem(503, "not-ready", "The service is not ready", r.problem);
          return p;
        }
        return JsonResponse(
            200,
            {{"status", "ready"}, {"database", "reachable"}, {"schema_version", r.schema_version}});
      });

  router.Add("GET", "/metrics", "probe.metrics", Action::kPublic,
             [&metrics](const Request&, const PathParams&) {
               Response r;
               r.content_type = "text/plain; version=0.0.4; charset=utf-8";
               r.body = metrics.Render();
               return r;
             });

  router.Add("GET", "/api/version", "version.get", Action::kPublic,
             [&app](const Request&, const PathParams&) {
               const auto r = app.CheckReadiness();
               return JsonResponse(200, {{"name", "selfdirect"},
                                         {"version", kVersion},
                                         {"schema_version", r.schema_version},
                                         {"schema_latest", r.schema_latest}});
             });

  router.Add("GET", "/api/openapi.json", "openapi.get", Action::kPublic,
             [](const Request&, const PathParams&) {
               Response r;
               r.content_type = "application/json";
               r.body = std::string(OpenApiDocument());
               return r;
             });

  router.Add("GET", "/api/councils", "councils.list", Action::kCouncilsList,
             [&app](const Request& request, const PathParams&) {
               auto list = app.ListCouncils(request.ctx);
               if (!list) return ProblemFromError(list.error());
               return JsonResponse(200, {{"councils", ToJsonArray(*list)}});
             });

  router.Add("GET", "/api/councils/{council}", "councils.get", Action::kCouncilRead,
             [&app](const Request& request, const PathParams& params) {
               auto id = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto council = app.GetCouncil(request.ctx, std::get<CouncilId>(id));
               if (!council) return ProblemFromError(council.error());
               return JsonResponse(200, ToJson(*council));
             });

  router.Add("GET", "/api/councils/{council}/schemes", "schemes.list", Action::kSchemesRead,
             [&app](const Request& request, const PathParams& params) {
               auto id = PathId<CouncilId>(params, "council");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto list = app.ListSchemes(request.ctx, std::get<CouncilId>(id));
               if (!list) return ProblemFromError(list.error());
               return JsonResponse(200, {{"schemes", ToJsonArray(*list)}});
             });

  router.Add("POST", "/api/councils/{council}/schemes", "schemes.create", Action::kSchemesManage,
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
                   wanted.contribution_collection =
                       s.OptionalString("contribution_collection", "settings.");
                   wanted.pa_dbs_required = s.OptionalBool("pa_dbs_required", "settings.");
                   wanted.pa_insurance_reminder_days =
                       s.OptionalInteger("pa_insurance_reminder_days", "settings.");
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
               auto scheme = app.CreateScheme(request.ctx, std::get<CouncilId>(id), wanted);
               if (!scheme) return ProblemFromError(scheme.error());
               Response r = JsonResponse(201, ToJson(*scheme));
               r.SetHeader("Location", "/api/councils/" + scheme->council_id.str() + "/schemes/" +
                                           scheme->id.str());
               return r;
             });
}

}  // namespace selfdirect::http
