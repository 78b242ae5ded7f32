// Teams and caseload allocation.
#include "selfdirect/app/casework.h"
#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"
#include "selfdirect/http/service.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::object TeamJson(const casework::Team& t) {
  json::array members;
  for (const UserId& u : t.members) members.push_back(json::string(u.str()));
  return {{"id", t.id.str()}, {"name", t.name}, {"members", members}};
}

}  // namespace

void RegisterTeamsApi(Router& router, app::Casework& casework) {
  router.Add("GET", "/api/teams", "teams.list", Action::kTeamsRead,
             [&casework](const Request& request, const PathParams&) {
               auto teams = casework.Teams(request.ctx);
               if (!teams) return ProblemFromError(teams.error());
               json::array out;
               for (const auto& t : *teams) out.push_back(TeamJson(t));
               return JsonResponse(200, {{"teams", out}});
             });

  router.Add("POST", "/api/teams", "teams.create", Action::kTeamsManage,
             [&casework](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string name = f.String("name");
               if (auto errors = f.Finish(); !errors.empty()) {
                 return ValidationProblem(std::move(errors));
               }
               auto team = casework.CreateTeam(request.ctx, name);
               if (!team) return ProblemFromError(team.error());
               return JsonResponse(201, TeamJson(*team));
             });

  router.Add(
      "PUT", "/api/teams/{team}/members/{user}", "teams.members.set", Action::kTeamsManage,
      [&casework](const Request& request, const PathParams& params) {
        auto team = PathId<TeamId>(params, "team");
        if (auto* problem = std::get_if<Response>(&team)) return *problem;
        auto user = PathId<UserId>(params, "user");
        if (auto* problem = std::get_if<Response>(&user)) return *problem;
        auto body = ReadObject(request);
        if (auto* problem = std::get_if<Response>(&body)) return *problem;
        const auto& o = std::get<json::object>(body);
        const auto* member = o.if_contains("member");
        if (member == nullptr || !member->is_bool() || o.size() != 1) {
          return ValidationProblem({{"member",
                                     "Send {\"member\": true} to add them, or false to take them "
                                     "off the team"}});
        }
        auto set = casework.SetTeamMember(request.ctx, std::get<TeamId>(team),
                                          std::get<UserId>(user), member->as_bool());
        if (!set) return ProblemFromError(set.error());
        return JsonResponse(200, {{"team_id", std::get<TeamId>(team).str()},
                                  {"user_id", std::get<UserId>(user).str()},
                                  {"member", member->as_bool()}});
      });

  router.Add("PUT", "/api/people/{person}/team", "people.allocate", Action::kCaseRecord,
             [&casework](const Request& request, const PathParams& params) {
               auto person = PathId<PersonId>(params, "person");
               if (auto* problem = std::get_if<Response>(&person)) return *problem;
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               Fields f(std::get<json::object>(body));
               const std::string team = f.String("team_id");
               auto errors = f.Finish();
               auto id = TeamId::Parse(team);
               if (!id) errors.push_back({"team_id", "Choose one of the council's teams"});
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto set = casework.AllocatePerson(request.ctx, std::get<PersonId>(person), *id);
               if (!set) return ProblemFromError(set.error());
               return JsonResponse(
                   200, {{"person_id", std::get<PersonId>(person).str()}, {"team_id", id->str()}});
             });
}

}  // namespace selfdirect::http
