-- Teams and their caseloads. A social worker sees the people allocated to their teams and those
-- not yet allocated to any team; a council that sets up no teams works as one team.

CREATE TABLE teams (
  council_id TEXT NOT NULL REFERENCES councils (council_id),
  team_id    TEXT NOT NULL CHECK (length(team_id) = 26),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (council_id, team_id)
) STRICT;
CREATE UNIQUE INDEX teams_by_name ON teams (council_id, lower(name));

CREATE TABLE team_members (
  council_id TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  PRIMARY KEY (council_id, team_id, user_id),
  FOREIGN KEY (council_id, team_id) REFERENCES teams (council_id, team_id),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
) STRICT;
CREATE INDEX team_members_by_user ON team_members (council_id, user_id);

ALTER TABLE people ADD COLUMN team_id TEXT NOT NULL DEFAULT '';  -- '' until allocated
CREATE INDEX people_by_team ON people (council_id, team_id, person_id);
