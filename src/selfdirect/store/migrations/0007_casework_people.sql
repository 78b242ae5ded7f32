-- Casework: people, their first contact, eligibility determinations, assessments with their
-- indicative budgets (frozen: model version, answers, amount and explanation), and every step
-- of a case with who and when.

CREATE TABLE people (
  council_id             TEXT    NOT NULL REFERENCES councils (council_id),
  person_id              TEXT    NOT NULL CHECK (length(person_id) = 26),
  given_name             TEXT    NOT NULL,
  family_name            TEXT    NOT NULL,
  date_of_birth          TEXT    NOT NULL,
  nhs_number             TEXT    NOT NULL,  -- ten digits or ''
  address                TEXT    NOT NULL,
  postcode               TEXT    NOT NULL,
  phone                  TEXT    NOT NULL,
  email                  TEXT    NOT NULL,
  gender                 TEXT    NOT NULL,
  ethnicity              TEXT    NOT NULL,
  primary_support_reason TEXT    NOT NULL,
  accommodation          TEXT    NOT NULL,
  employment             TEXT    NOT NULL,
  has_unpaid_carer       TEXT    NOT NULL CHECK (has_unpaid_carer IN ('yes', 'no', 'not_known')),
  easy_read              INTEGER NOT NULL,
  large_print            INTEGER NOT NULL,
  interpreter_language   TEXT    NOT NULL,
  communication_other    TEXT    NOT NULL,
  stage                  TEXT    NOT NULL,
  has_active_plan        INTEGER NOT NULL,
  created_at             TEXT    NOT NULL,
  created_by             TEXT    NOT NULL,
  revision               INTEGER NOT NULL,
  PRIMARY KEY (council_id, person_id)
) STRICT;
CREATE UNIQUE INDEX people_by_nhs_number ON people (council_id, nhs_number) WHERE nhs_number <> '';
CREATE INDEX people_by_stage ON people (council_id, stage, person_id);

CREATE TABLE contacts (
  council_id      TEXT NOT NULL,
  contact_id      TEXT NOT NULL CHECK (length(contact_id) = 26),
  person_id       TEXT NOT NULL,
  contact_date    TEXT NOT NULL,
  route_of_access TEXT NOT NULL,
  asked_for       TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  recorded_by     TEXT NOT NULL,
  PRIMARY KEY (council_id, contact_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;
CREATE INDEX contacts_by_person ON contacts (council_id, person_id);

CREATE TABLE eligibility_determinations (
  council_id                 TEXT    NOT NULL,
  determination_id           TEXT    NOT NULL CHECK (length(determination_id) = 26),
  person_id                  TEXT    NOT NULL,
  kind                       TEXT    NOT NULL CHECK (kind IN ('adult', 'carer')),
  needs_arise_from_condition INTEGER NOT NULL,
  health_deteriorating       INTEGER NOT NULL,
  significant_impact         INTEGER NOT NULL,
  wellbeing_notes            TEXT    NOT NULL,
  summary                    TEXT    NOT NULL,
  eligible                   INTEGER NOT NULL,
  reasoning                  TEXT    NOT NULL,
  decided_at                 TEXT    NOT NULL,
  decided_by                 TEXT    NOT NULL,
  PRIMARY KEY (council_id, determination_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;
CREATE INDEX determinations_by_person ON eligibility_determinations (council_id, person_id);

CREATE TABLE eligibility_outcomes (
  council_id       TEXT    NOT NULL,
  determination_id TEXT    NOT NULL,
  position         INTEGER NOT NULL,
  outcome          TEXT    NOT NULL,
  achieved         INTEGER NOT NULL,
  reason           TEXT,
  notes            TEXT    NOT NULL,
  PRIMARY KEY (council_id, determination_id, outcome),
  FOREIGN KEY (council_id, determination_id)
    REFERENCES eligibility_determinations (council_id, determination_id)
) STRICT;

CREATE TABLE assessments (
  council_id    TEXT    NOT NULL,
  assessment_id TEXT    NOT NULL CHECK (length(assessment_id) = 26),
  person_id     TEXT    NOT NULL,
  completed_by  TEXT    NOT NULL CHECK (completed_by IN ('self', 'with_assessor')),
  model_id      TEXT    NOT NULL,
  model_version INTEGER NOT NULL,
  period        TEXT    NOT NULL,
  amount_pence  INTEGER NOT NULL CHECK (amount_pence >= 0),
  recorded_at   TEXT    NOT NULL,
  recorded_by   TEXT    NOT NULL,
  PRIMARY KEY (council_id, assessment_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, model_id, model_version)
    REFERENCES ras_model_versions (council_id, model_id, version)
) STRICT;
CREATE INDEX assessments_by_person ON assessments (council_id, person_id);

CREATE TABLE assessment_answers (
  council_id    TEXT NOT NULL,
  assessment_id TEXT NOT NULL,
  input_id      TEXT NOT NULL,
  answer        TEXT NOT NULL,
  PRIMARY KEY (council_id, assessment_id, input_id),
  FOREIGN KEY (council_id, assessment_id) REFERENCES assessments (council_id, assessment_id)
) STRICT;

CREATE TABLE assessment_explanations (
  council_id    TEXT    NOT NULL,
  assessment_id TEXT    NOT NULL,
  line          INTEGER NOT NULL,
  kind          TEXT    NOT NULL,
  item          TEXT    NOT NULL,
  text          TEXT    NOT NULL,
  amount_pence  INTEGER,
  value         TEXT    NOT NULL,
  PRIMARY KEY (council_id, assessment_id, line),
  FOREIGN KEY (council_id, assessment_id) REFERENCES assessments (council_id, assessment_id)
) STRICT;

CREATE TABLE case_events (
  council_id  TEXT    NOT NULL,
  person_id   TEXT    NOT NULL,
  seq         INTEGER NOT NULL,  -- per person, from 1
  event       TEXT    NOT NULL,
  stage_after TEXT    NOT NULL,
  at          TEXT    NOT NULL,
  by_user     TEXT    NOT NULL,
  detail      TEXT    NOT NULL,
  PRIMARY KEY (council_id, person_id, seq),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;
