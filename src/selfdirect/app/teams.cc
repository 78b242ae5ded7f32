// Teams and their caseloads.
#include <fmt/format.h>

#include "selfdirect/app/casework.h"

namespace selfdirect::app {
namespace {

tl::unexpected<Error> NoSuchTeam() {
  return Fail(ErrorCode::kNotFound, "There is no team with this id in the council");
}

Result<casework::Team> FindTeam(store::Transaction& tx, const CouncilId& council,
                                const TeamId& id) {
  auto teams = tx.Casework().ListTeams(council);
  if (!teams) return tl::unexpected(teams.error());
  for (auto& t : *teams) {
    if (t.id == id) return std::move(t);
  }
  return NoSuchTeam();
}

}  // namespace

Result<casework::Team> Casework::CreateTeam(const Context& ctx, const std::string& raw) {
  if (auto p = PermitInCouncil(ctx, Action::kTeamsManage); !p) return tl::unexpected(p.error());
  const auto first = raw.find_first_not_of(" \t");
  const std::string name =
      first == std::string::npos ? "" : raw.substr(first, raw.find_last_not_of(" \t") - first + 1);
  if (name.empty() || name.size() > 100) {
    return FailFields({{"name",
                        "Enter the team's name, 100 characters or fewer, like "
                        "\"North locality team\""}});
  }
  casework::Team team{ctx.actor.council_id, TeamId(ids_.Next()), name, clock_.Now(), {}};
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (auto created = tx.Casework().CreateTeam(team); !created) return created;
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "teams.create", "team",
                                  team.id.str(), AuditOutcome::kAllowed,
                                  fmt::format("set up the team {}", team.name));
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return team;
}

Result<std::vector<casework::Team>> Casework::Teams(const Context& ctx) {
  if (auto p = PermitInCouncil(ctx, Action::kTeamsRead); !p) return tl::unexpected(p.error());
  std::vector<casework::Team> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto teams = tx.Casework().ListTeams(ctx.actor.council_id);
    if (!teams) return tl::unexpected(teams.error());
    out = std::move(*teams);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Status Casework::SetTeamMember(const Context& ctx, const TeamId& team_id, const UserId& user,
                               bool member) {
  if (auto p = PermitInCouncil(ctx, Action::kTeamsManage); !p) return p;
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto team = FindTeam(tx, ctx.actor.council_id, team_id);
    if (!team) return tl::unexpected(team.error());
    auto found = tx.Access().FindUser(ctx.actor.council_id, user);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, "There is no such user in this council");
    if (auto set = tx.Casework().SetTeamMember(ctx.actor.council_id, team_id, user, member); !set) {
      return set;
    }
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(),
                                  member ? "teams.join" : "teams.leave", "team", team_id.str(),
                                  AuditOutcome::kAllowed,
                                  fmt::format("{} {} the team {}", (*found)->display_name,
                                              member ? "joined" : "left", team->name));
    return tx.Audit().Append(e);
  });
}

Status Casework::AllocatePerson(const Context& ctx, const PersonId& person, const TeamId& team_id) {
  // An administrator may allocate anyone; otherwise the social worker on the case.
  const bool administrator =
      Decide(ctx.actor, Action::kTeamsManage, Resource::Council(ctx.actor.council_id)).allowed();
  if (!administrator) {
    if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, person); !a) return a;
  }
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, person);
    if (!record) return tl::unexpected(record.error());
    if (!*record) {
      return Fail(ErrorCode::kNotFound, "There is no person with this id in the council's records");
    }
    auto team = FindTeam(tx, ctx.actor.council_id, team_id);
    if (!team) return FailFields({{"team_id", "Choose one of the council's teams"}});
    if (auto set = tx.Casework().SetPersonTeam(ctx.actor.council_id, person, team_id); !set) {
      return set;
    }
    if (auto e = tx.Casework().AddCaseEvent({ctx.actor.council_id, person, "allocate",
                                             casework::StageName((*record)->state.stage),
                                             clock_.Now(), ctx.actor.user_id, team->name});
        !e) {
      return e;
    }
    AuditEntry entry = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "people.allocate",
                                      "person", person.str(), AuditOutcome::kAllowed,
                                      fmt::format("allocated to the team {}", team->name));
    entry.subject_person_id = person.str();
    return tx.Audit().Append(entry);
  });
}

}  // namespace selfdirect::app
