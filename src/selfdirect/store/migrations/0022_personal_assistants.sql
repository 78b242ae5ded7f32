-- Personal assistants (PAs) employed by budget holders, and each employer's duties checklist
-- (docs/decisions/0008-personal-assistants.md). The minimum wage rates are dated constants in
-- the domain (casework/personal_assistants.cc), not a table.

-- Scheme settings for employers: whether every PA needs a DBS check, and how many days before
-- employers' liability insurance ends the employer is reminded.
ALTER TABLE schemes ADD COLUMN pa_dbs_required INTEGER NOT NULL DEFAULT 0
  CHECK (pa_dbs_required IN (0, 1));
ALTER TABLE schemes ADD COLUMN pa_insurance_reminder_days INTEGER NOT NULL DEFAULT 30
  CHECK (pa_insurance_reminder_days BETWEEN 1 AND 365);

CREATE TABLE personal_assistants (
  council_id        TEXT    NOT NULL,
  assistant_id      TEXT    NOT NULL CHECK (length(assistant_id) = 26),
  person_id         TEXT    NOT NULL,  -- the employer: a budget holder
  name              TEXT    NOT NULL CHECK (name <> ''),
  hourly_rate_pence INTEGER NOT NULL CHECK (hourly_rate_pence > 0),
  hours_hundredths  INTEGER NOT NULL CHECK (hours_hundredths > 0),  -- usual hours a week × 100
  starts_on         TEXT    NOT NULL,
  ends_on           TEXT,
  right_to_work_checked_on TEXT,
  dbs_checked_on    TEXT,
  close_relative_in_household INTEGER NOT NULL CHECK (close_relative_in_household IN (0, 1)),
  council_decision  TEXT    NOT NULL,  -- '' unless a close relative in the household
  council_decision_on TEXT,
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL,
  updated_by        TEXT    NOT NULL,
  revision          INTEGER NOT NULL,
  PRIMARY KEY (council_id, assistant_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  CHECK (close_relative_in_household = 0 OR
         (council_decision <> '' AND council_decision_on IS NOT NULL)),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
) STRICT;

CREATE INDEX personal_assistants_person ON personal_assistants (council_id, person_id, starts_on);

CREATE TABLE employer_duties (
  council_id            TEXT    NOT NULL,
  person_id             TEXT    NOT NULL,
  payroll_provider      TEXT    NOT NULL,
  payroll_from          TEXT,
  pension_enrolled_on   TEXT,
  pension_exempt_reason TEXT    NOT NULL,
  insurer               TEXT    NOT NULL,
  insurance_cover_pence INTEGER NOT NULL CHECK (insurance_cover_pence >= 0),
  insurance_expires_on  TEXT,
  contract_issued_on    TEXT,
  holiday_pay           TEXT    NOT NULL,
  authorised_person_without_capacity INTEGER NOT NULL
    CHECK (authorised_person_without_capacity IN (0, 1)),
  updated_at            TEXT    NOT NULL,
  updated_by            TEXT    NOT NULL,
  revision              INTEGER NOT NULL CHECK (revision >= 1),
  PRIMARY KEY (council_id, person_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;
