// The safeguarding API. Thin: JSON in, one Safeguarding use case, JSON out.
#include "selfdirect/http/safeguarding_api.h"

#include <boost/json.hpp>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

using casework::Concern;

json::value Stamp(Timestamp t) { return json::value(FormatTimestamp(t)); }

json::object ConcernJson(const Concern& c, const std::string& person_name) {
  json::object out{{"id", c.id.str()},
                   {"person_id", c.person ? json::value(c.person->str()) : nullptr},
                   {"person_name", person_name},
                   {"provider", c.provider},
                   {"plan_id", c.plan ? json::value(c.plan->str()) : nullptr},
                   {"raised_by", c.raised_by.str()},
                   {"raiser", casework::RaiserCode(c.raiser)},
                   {"raiser_label", casework::RaiserLabel(c.raiser)},
                   {"raised_at", Stamp(c.raised_at)},
                   {"category", casework::ConcernCategoryCode(c.category)},
                   {"category_label", casework::ConcernCategoryLabel(c.category)},
                   {"what_happened", c.what_happened},
                   {"immediate_risk", c.immediate_risk},
                   {"persons_wishes", c.persons_wishes},
                   {"status", casework::ConcernStatusCode(c.status)},
                   {"status_label", casework::ConcernStatusLabel(c.status)},
                   {"revision", c.revision},
                   {"triage", nullptr},
                   {"enquiry", nullptr},
                   {"closure", nullptr}};
  if (c.triage) {
    out["triage"] = {{"decision", casework::TriageDecisionCode(c.triage->decision)},
                     {"decision_label", casework::TriageDecisionLabel(c.triage->decision)},
                     {"reasons", c.triage->reasons},
                     {"at", Stamp(c.triage->at)},
                     {"by", c.triage->by.str()}};
  }
  if (c.enquiry) {
    out["enquiry"] = {{"led_by", c.enquiry->led_by},
                      {"started_on", FormatIsoDate(c.enquiry->started_on)},
                      {"at", Stamp(c.enquiry->at)},
                      {"by", c.enquiry->by.str()}};
  }
  if (c.closure) {
    out["closure"] = {{"risk", casework::RiskOutcomeCode(c.closure->risk)},
                      {"risk_label", casework::RiskOutcomeLabel(c.closure->risk)},
                      {"actions_taken", c.closure->actions_taken},
                      {"outcomes_met", casework::OutcomesMetCode(c.closure->outcomes_met)},
                      {"outcomes_met_label", casework::OutcomesMetLabel(c.closure->outcomes_met)},
                      {"persons_view", c.closure->persons_view},
                      {"at", Stamp(c.closure->at)},
                      {"by", c.closure->by.str()}};
  }
  return out;
}

json::array CodeArray(std::span<const casework::CodeLabel> list) {
  json::array out;
  for (const auto& c : list) out.push_back({{"code", c.code}, {"label", c.label}});
  return out;
}

// Reads a step's body: the fields `read` takes plus the concern's revision.
template <typename StepRequest, typename Read>
std::variant<std::pair<StepRequest, std::int64_t>, Response> StepBody(const Request& request,
                                                                      Read read) {
  auto body = ReadObject(request);
  if (auto* problem = std::get_if<Response>(&body)) return *problem;
  Fields f(std::get<json::object>(body));
  StepRequest r = read(f);
  auto revision = f.OptionalInteger("revision");
  auto errors = f.Finish();
  if (!revision || *revision < 1) {
    errors.push_back({"revision",
                      "Send the revision of the concern you read (it guards against "
                      "overwriting someone else's step)"});
  }
  if (!errors.empty()) return ValidationProblem(std::move(errors));
  return std::make_pair(std::move(r), *revision);
}

Response ViewResponse(const Result<app::ConcernView>& v) {
  if (!v) return ProblemFromError(v.error());
  return JsonResponse(200, ConcernJson(v->concern, v->person_name));
}

}  // namespace

void RegisterSafeguardingApi(Router& router, app::Safeguarding& safeguarding) {
  router.Add("GET", "/api/safeguarding/codes", "safeguarding.codes", Action::kPublic,
             [](const Request&, const PathParams&) {
               return JsonResponse(200,
                                   {{"categories", CodeArray(casework::ConcernCategories())},
                                    {"triage_decisions", CodeArray(casework::TriageDecisions())},
                                    {"risk_outcomes", CodeArray(casework::RiskOutcomes())},
                                    {"outcomes_met", CodeArray(casework::OutcomesMetOptions())}});
             });

  router.Add(
      "POST", "/api/people/{person}/concerns", "concerns.create", Action::kConcernRaise,
      [&safeguarding](const Request& request, const PathParams& params) {
        auto id = PathId<PersonId>(params, "person");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        const auto& o = std::get<json::object>(body);
        Fields f(o);
        casework::NewConcern c;
        c.category = f.String("category");
        c.what_happened = f.String("what_happened");
        c.persons_wishes = f.String("persons_wishes");
        c.provider = f.String("provider");
        c.plan = f.String("plan_id");
        f.Known("immediate_risk");
        auto errors = f.Finish();
        if (const auto* v = o.if_contains("immediate_risk"); v != nullptr && !v->is_null()) {
          if (v->is_bool()) {
            c.immediate_risk = v->as_bool();
          } else {
            errors.push_back({"immediate_risk", "Answer yes (true) or no (false)"});
          }
        } else if (!errors.empty()) {
          // Named with the others, so that every problem is shown at once.
          errors.push_back({"immediate_risk", "Say whether the person is in danger right now"});
        }
        if (!errors.empty()) return ValidationProblem(std::move(errors));
        auto raised = safeguarding.Raise(request.ctx, std::get<PersonId>(id), c);
        if (!raised) return ProblemFromError(raised.error());
        Response r = JsonResponse(201, ConcernJson(*raised, ""));
        r.headers.emplace_back("Location", "/api/concerns/" + raised->id.str());
        return r;
      });

  router.Add("GET", "/api/people/{person}/concerns", "concerns.of-person",
             Action::kPersonConcernsRead,
             [&safeguarding](const Request& request, const PathParams& params) {
               auto id = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto concerns = safeguarding.ConcernsOf(request.ctx, std::get<PersonId>(id));
               if (!concerns) return ProblemFromError(concerns.error());
               json::array items;
               for (const auto& c : *concerns) items.push_back(ConcernJson(c, ""));
               return JsonResponse(200, {{"items", items}});
             });

  router.Add("GET", "/api/concerns", "concerns.queue", Action::kConcernsRead,
             [&safeguarding](const Request& request, const PathParams&) {
               auto queue = safeguarding.Queue(request.ctx);
               if (!queue) return ProblemFromError(queue.error());
               json::array items;
               for (const auto& v : *queue) items.push_back(ConcernJson(v.concern, v.person_name));
               return JsonResponse(200, {{"items", items}});
             });

  router.Add("GET", "/api/concerns/{concern}", "concerns.get", Action::kConcernsRead,
             [&safeguarding](const Request& request, const PathParams& params) {
               auto id = PathId<ConcernId>(params, "concern");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               return ViewResponse(safeguarding.Get(request.ctx, std::get<ConcernId>(id)));
             });

  router.Add(
      "POST", "/api/concerns/{concern}/triage", "concerns.triage", Action::kConcernsManage,
      [&safeguarding](const Request& request, const PathParams& params) {
        auto id = PathId<ConcernId>(params, "concern");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = StepBody<casework::TriageRequest>(request, [](Fields& f) {
          return casework::TriageRequest{f.String("decision"), f.String("reasons")};
        });
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        auto& [r, revision] = std::get<0>(body);
        return ViewResponse(safeguarding.Triage(request.ctx, std::get<ConcernId>(id), r, revision));
      });

  router.Add("POST", "/api/concerns/{concern}/enquiry", "concerns.enquiry", Action::kConcernsManage,
             [&safeguarding](const Request& request, const PathParams& params) {
               auto id = PathId<ConcernId>(params, "concern");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto body = StepBody<casework::EnquiryRequest>(request, [](Fields& f) {
                 return casework::EnquiryRequest{f.String("led_by"), f.String("started_on")};
               });
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               auto& [r, revision] = std::get<0>(body);
               return ViewResponse(
                   safeguarding.StartEnquiry(request.ctx, std::get<ConcernId>(id), r, revision));
             });

  router.Add(
      "POST", "/api/concerns/{concern}/close", "concerns.close", Action::kConcernsManage,
      [&safeguarding](const Request& request, const PathParams& params) {
        auto id = PathId<ConcernId>(params, "concern");
        if (auto* problem = std::get_if<Response>(&id)) return *problem;
        auto body = StepBody<casework::ConcernClosureRequest>(request, [](Fields& f) {
          return casework::ConcernClosureRequest{f.String("risk"), f.String("actions_taken"),
                                                 f.String("outcomes_met"),
                                                 f.String("persons_view")};
        });
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        auto& [r, revision] = std::get<0>(body);
        return ViewResponse(safeguarding.Close(request.ctx, std::get<ConcernId>(id), r, revision));
      });
}

}  // namespace selfdirect::http
