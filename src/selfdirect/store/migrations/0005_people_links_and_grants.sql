-- A budget holder's account is linked to their person record (the casework's people table
-- arrives later; person_id is its ULID). Representatives, support planners' organisations and
-- others reach a person through grants: each with scopes, an end date, who granted it and why.
ALTER TABLE users ADD COLUMN person_id TEXT CHECK (person_id IS NULL OR length(person_id) = 26);
CREATE INDEX users_by_person ON users (council_id, person_id) WHERE person_id IS NOT NULL;

CREATE TABLE access_grants (
  council_id         TEXT NOT NULL,
  grant_id           TEXT NOT NULL CHECK (length(grant_id) = 26),
  person_id          TEXT NOT NULL CHECK (length(person_id) = 26),
  grantee_user_id    TEXT NOT NULL,
  scopes             TEXT NOT NULL,  -- comma-separated: view, manage-money, write-plan
  ends_on            TEXT NOT NULL,  -- last day the grant works (YYYY-MM-DD)
  granted_by_user_id TEXT NOT NULL,
  reason             TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  revoked_at         TEXT,
  PRIMARY KEY (council_id, grant_id),
  FOREIGN KEY (council_id, grantee_user_id) REFERENCES users (council_id, user_id)
) STRICT;
CREATE INDEX grants_by_person ON access_grants (council_id, person_id);
CREATE INDEX grants_by_grantee ON access_grants (council_id, grantee_user_id);
