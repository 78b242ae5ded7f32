-- Unpaid carers linked to the person they care for. A carer with their own record (a carer's
-- assessment or budget) is linked by carer_person_id; one known only by association has a name.
-- A link is ended, never deleted, so the record shows who cared and when.

CREATE TABLE carer_links (
  council_id       TEXT NOT NULL,
  carer_link_id    TEXT NOT NULL CHECK (length(carer_link_id) = 26),
  person_id        TEXT NOT NULL,
  carer_person_id  TEXT,  -- NULL: known by association only
  name             TEXT NOT NULL,
  relationship     TEXT NOT NULL,
  lives_with       INTEGER NOT NULL CHECK (lives_with IN (0, 1)),
  phone            TEXT NOT NULL,
  assessment_offer TEXT NOT NULL,
  offered_on       TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  ended_at         TEXT,
  ended_by         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (council_id, carer_link_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, carer_person_id) REFERENCES people (council_id, person_id),
  CHECK (carer_person_id IS NULL OR carer_person_id <> person_id)
) STRICT;
CREATE INDEX carer_links_by_person ON carer_links (council_id, person_id);
CREATE INDEX carer_links_by_carer ON carer_links (council_id, carer_person_id)
  WHERE carer_person_id IS NOT NULL;
-- The same carer's record is linked to a person once at a time.
CREATE UNIQUE INDEX carer_links_once ON carer_links (council_id, person_id, carer_person_id)
  WHERE carer_person_id IS NOT NULL AND ended_at IS NULL;
