-- Support plans, versioned: a submitted version is never edited. Every line keeps how it is
-- paid (direct payment, managed budget, council-arranged), which the national returns and the
-- evidence reports need.

CREATE TABLE plans (
  council_id      TEXT    NOT NULL,
  plan_id         TEXT    NOT NULL CHECK (length(plan_id) = 26),
  person_id       TEXT    NOT NULL,
  version         INTEGER NOT NULL CHECK (version > 0),
  status          TEXT    NOT NULL
    CHECK (status IN ('draft', 'submitted', 'approved', 'returned', 'declined', 'superseded')),
  written_with    TEXT    NOT NULL,  -- comma-separated: person, family, support_planner, ...
  emergency       TEXT    NOT NULL,
  weekly_pence    INTEGER NOT NULL,
  annual_pence    INTEGER NOT NULL,
  one_off_pence   INTEGER NOT NULL,
  assessment_id   TEXT,              -- the indicative budget it was planned against
  created_at      TEXT    NOT NULL,
  created_by      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  updated_by      TEXT    NOT NULL,
  submitted_at    TEXT,
  submitted_by    TEXT,
  revision        INTEGER NOT NULL,
  PRIMARY KEY (council_id, plan_id),
  UNIQUE (council_id, person_id, version),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;

CREATE TABLE plan_outcomes (
  council_id TEXT    NOT NULL,
  plan_id    TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  outcome_id TEXT    NOT NULL,
  words      TEXT    NOT NULL,
  PRIMARY KEY (council_id, plan_id, position),
  FOREIGN KEY (council_id, plan_id) REFERENCES plans (council_id, plan_id)
) STRICT;

CREATE TABLE plan_items (
  council_id       TEXT    NOT NULL,
  plan_id          TEXT    NOT NULL,
  position         INTEGER NOT NULL,
  what             TEXT    NOT NULL,
  supplier         TEXT    NOT NULL,
  supplier_name    TEXT    NOT NULL,
  unit             TEXT    NOT NULL,
  unit_price_pence INTEGER NOT NULL CHECK (unit_price_pence > 0),
  hundredths       INTEGER NOT NULL CHECK (hundredths > 0),
  frequency        TEXT    NOT NULL CHECK (frequency IN ('per_week', 'per_year', 'one_off')),
  outcomes         TEXT    NOT NULL,  -- comma-separated outcome ids
  route            TEXT    NOT NULL
    CHECK (route IN ('direct_payment', 'managed_budget', 'council_arranged')),
  PRIMARY KEY (council_id, plan_id, position),
  FOREIGN KEY (council_id, plan_id) REFERENCES plans (council_id, plan_id)
) STRICT;

CREATE TABLE plan_risks (
  council_id  TEXT    NOT NULL,
  plan_id     TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  risk        TEXT    NOT NULL,
  how_managed TEXT    NOT NULL,
  PRIMARY KEY (council_id, plan_id, position),
  FOREIGN KEY (council_id, plan_id) REFERENCES plans (council_id, plan_id)
) STRICT;
