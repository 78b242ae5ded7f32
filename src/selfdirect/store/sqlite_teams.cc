// Teams and caseload allocation in SQLite (migration 0012).
#include "selfdirect/store/rows.h"
#include "selfdirect/store/sqlite_casework.h"

namespace selfdirect::store {

Status SqliteCaseworkRepository::CreateTeam(const casework::Team& team) {
  auto st = c_.Prepare(
      "INSERT INTO teams (council_id, team_id, name, created_at) VALUES ($1, $2, $3, $4)");
  if (!st) return tl::unexpected(st.error());
  auto run =
      st->Bind(team.council.str(), team.id.str(), team.name, FormatTimestamp(team.created_at))
          .Run();
  if (!run && run.error().code == ErrorCode::kConflict) {
    return tl::unexpected(Error{ErrorCode::kConflict,
                                "There is already a team with this name",
                                {{"name", "There is already a team called " + team.name}}});
  }
  return run;
}

Result<std::vector<casework::Team>> SqliteCaseworkRepository::ListTeams(const CouncilId& council) {
  auto st = c_.Prepare(
      "SELECT council_id, team_id, name, created_at FROM teams WHERE council_id = $1 "
      "ORDER BY lower(name)");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  auto teams = Collect<casework::Team>(*st, [](const Statement& s) -> Result<casework::Team> {
    casework::Team t;
    t.council = CouncilId(s.Text(0));
    t.id = TeamId(s.Text(1));
    t.name = s.Text(2);
    auto at = ParseTimestamp(s.Text(3));
    if (!at) return tl::unexpected(CorruptValue("teams.created_at"));
    t.created_at = *at;
    return t;
  });
  if (!teams) return teams;
  for (casework::Team& t : *teams) {
    auto members = c_.Prepare(
        "SELECT user_id FROM team_members WHERE council_id = $1 AND team_id = $2 "
        "ORDER BY user_id");
    if (!members) return tl::unexpected(members.error());
    members->Bind(council.str(), t.id.str());
    auto ids = Collect<UserId>(
        *members, [](const Statement& s) -> Result<UserId> { return UserId(s.Text(0)); });
    if (!ids) return tl::unexpected(ids.error());
    t.members = std::move(*ids);
  }
  return teams;
}

Status SqliteCaseworkRepository::SetTeamMember(const CouncilId& council, const TeamId& team,
                                               const UserId& user, bool member) {
  auto st = c_.Prepare(member ? "INSERT OR IGNORE INTO team_members (council_id, team_id, user_id) "
                                "VALUES ($1, $2, $3)"
                              : "DELETE FROM team_members WHERE council_id = $1 AND team_id = $2 "
                                "AND user_id = $3");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), team.str(), user.str()).Run();
}

Result<std::vector<TeamId>> SqliteCaseworkRepository::TeamsOf(const CouncilId& council,
                                                              const UserId& user) {
  auto st = c_.Prepare(
      "SELECT team_id FROM team_members WHERE council_id = $1 AND user_id = $2 ORDER BY team_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), user.str());
  return Collect<TeamId>(*st,
                         [](const Statement& s) -> Result<TeamId> { return TeamId(s.Text(0)); });
}

Status SqliteCaseworkRepository::SetPersonTeam(const CouncilId& council, const PersonId& person,
                                               std::optional<TeamId> team) {
  auto st = c_.Prepare("UPDATE people SET team_id = $3 WHERE council_id = $1 AND person_id = $2");
  if (!st) return tl::unexpected(st.error());
  return st->Bind(council.str(), person.str(), team ? team->str() : std::string()).Run();
}

}  // namespace selfdirect::store
