// The policy scenarios API. Thin: the request in, one Scenarios use case, JSON, CSV or XLSX
// out.
#include "selfdirect/http/scenarios_api.h"

#include <boost/json.hpp>
#include <variant>

#include "selfdirect/documents/xlsx.h"
#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::object BandJson(const simulate::Band& b) {
  return {{"central", b.central}, {"low", b.low}, {"high", b.high}};
}

json::object PointJson(std::int64_t v) { return {{"central", v}, {"low", v}, {"high", v}}; }

json::object RunJson(const app::ScenarioRunView& v) {
  const simulate::ScenarioResult& r = v.result;
  const simulate::Scenario& s = r.scenario;
  json::array changes;
  for (const std::string& c : v.changes) changes.emplace_back(c);
  json::array years;
  // Year 0 is today: a point, not a band.
  years.push_back({{"year", 0},
                   {"people_eligible", PointJson(r.baseline_people_eligible)},
                   {"budgets_pence", PointJson(r.baseline_budgets)},
                   {"council_cost_pence", PointJson(r.baseline_budgets)},
                   {"direct_payments", PointJson(r.baseline_direct_payments)}});
  for (const simulate::ScenarioYear& y : r.years) {
    years.push_back({{"year", y.year},
                     {"people_eligible", BandJson(y.people_eligible)},
                     {"budgets_pence", BandJson(y.budgets)},
                     {"council_cost_pence", BandJson(y.council_cost)},
                     {"direct_payments", BandJson(y.direct_payments)}});
  }
  json::array groups;
  for (const simulate::ScenarioGroup& g : r.groups) {
    groups.push_back({{"dimension", g.dimension},
                      {"group", g.group},
                      {"people", g.people},
                      {"winners", g.winners},
                      {"losers", g.losers},
                      {"unchanged", g.unchanged},
                      {"gained_pence", g.money_up},
                      {"lost_pence", g.money_down},
                      {"no_longer_eligible", g.no_longer_eligible},
                      {"newly_eligible", g.newly_eligible},
                      {"below_plan_cost", g.below_plan_cost},
                      {"shortfall_pence", g.shortfall}});
  }
  const simulate::Sufficiency& f = r.sufficiency;
  return {{"scenario",
           {{"name", s.name},
            {"description", s.description},
            {"horizon_years", s.horizon_years},
            {"runs", s.runs},
            {"seed", std::to_string(s.seed)},
            {"top_up_basis_points", s.top_up_bp}}},
          {"people", v.people},
          {"council_seed", std::to_string(v.council_seed)},
          {"changes", std::move(changes)},
          {"today",
           {{"people_eligible", r.baseline_people_eligible},
            {"people_with_budget", r.baseline_people_with_budget},
            {"budgets_pence", r.baseline_budgets},
            {"direct_payments", r.baseline_direct_payments}}},
          {"years", std::move(years)},
          {"groups", std::move(groups)},
          {"sufficiency",
           {{"people_with_plan", f.people_with_plan},
            {"below_plan_cost", f.below_plan_cost},
            {"per_mille", f.per_mille},
            {"shortfall_pence", f.shortfall},
            {"people_topping_up", BandJson(f.people_topping_up)},
            {"topped_up_pence", BandJson(f.topped_up)}}},
          {"years_csv", app::ScenarioYearsCsv(r)}};
}

// Reads { "scenario": "<yaml>", "people": 5000 } and runs it; the run or the problem to send.
std::variant<app::ScenarioRunView, Response> RunFrom(const app::Scenarios& scenarios,
                                                     const Request& request) {
  auto body = ReadObject(request);
  if (auto* problem = std::get_if<Response>(&body)) return *problem;
  Fields f(std::get<json::object>(body));
  const std::string yaml = f.String("scenario");
  const auto people = f.OptionalInteger("people");
  auto errors = f.Finish();
  if (!errors.empty()) return ValidationProblem(std::move(errors));
  auto run = scenarios.Run(request.ctx, yaml, people.value_or(app::kScenarioDefaultPeople));
  if (!run) return ProblemFromError(run.error());
  return std::move(*run);
}

}  // namespace

void RegisterScenariosApi(Router& router, const app::Scenarios& scenarios, const Clock& clock) {
  router.Add(
      "GET", "/api/scenarios/examples", "scenario-examples.list", Action::kScenariosRun,
      [&scenarios](const Request& request, const PathParams&) {
        auto examples = scenarios.Examples(request.ctx);
        if (!examples) return ProblemFromError(examples.error());
        json::array out;
        for (const app::ScenarioExample& e : *examples) {
          out.push_back(
              {{"id", e.id}, {"name", e.name}, {"description", e.description}, {"yaml", e.yaml}});
        }
        return JsonResponse(200, {{"examples", std::move(out)}});
      });

  router.Add("POST", "/api/scenarios/runs", "scenario-runs.create", Action::kScenariosRun,
             [&scenarios](const Request& request, const PathParams&) {
               auto run = RunFrom(scenarios, request);
               if (auto* problem = std::get_if<Response>(&run)) return *problem;
               return JsonResponse(200, RunJson(std::get<app::ScenarioRunView>(run)));
             });

  router.Add("POST", "/api/scenarios/runs.csv", "scenario-runs.csv", Action::kScenariosRun,
             [&scenarios](const Request& request, const PathParams&) {
               auto run = RunFrom(scenarios, request);
               if (auto* problem = std::get_if<Response>(&run)) return *problem;
               return CsvDownload(app::ScenarioYearsCsv(std::get<app::ScenarioRunView>(run).result),
                                  "scenario-years.csv");
             });

  router.Add("POST", "/api/scenarios/runs.xlsx", "scenario-runs.xlsx", Action::kScenariosRun,
             [&scenarios, &clock](const Request& request, const PathParams&) {
               auto run = RunFrom(scenarios, request);
               if (auto* problem = std::get_if<Response>(&run)) return *problem;
               const auto& view = std::get<app::ScenarioRunView>(run);
               auto xlsx = documents::RenderXlsx(app::ScenarioWorkbook(view, clock.Today()));
               if (!xlsx) return ProblemFromError(xlsx.error());
               return Download(std::string(kXlsxContentType), std::move(*xlsx),
                               app::ScenarioFileStem(view.result.scenario.name) + ".xlsx");
             });
}

}  // namespace selfdirect::http
