-- Safeguarding concerns (Care Act 2014 s42): what was raised, by whom and when, and each step
-- the safeguarding lead took (triage, enquiry, closure) with who and when.

CREATE TABLE safeguarding_concerns (
  council_id      TEXT    NOT NULL,
  concern_id      TEXT    NOT NULL CHECK (length(concern_id) = 26),
  person_id       TEXT,              -- the adult it is about, when known to the council
  provider        TEXT    NOT NULL,  -- free text until providers are recorded
  plan_id         TEXT,              -- the support plan (budget) it relates to
  raised_by       TEXT    NOT NULL,  -- the user; '' for the budget monitoring
  raiser          TEXT    NOT NULL
    CHECK (raiser IN ('the_person', 'representative', 'staff', 'monitoring')),
  raised_at       TEXT    NOT NULL,
  category        TEXT    NOT NULL
    CHECK (category IN ('physical', 'domestic', 'sexual', 'psychological', 'financial',
                        'modern_slavery', 'discriminatory', 'organisational', 'neglect',
                        'self_neglect')),
  what_happened   TEXT    NOT NULL,
  immediate_risk  INTEGER NOT NULL CHECK (immediate_risk IN (0, 1)),
  persons_wishes  TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('raised', 'triaged', 'enquiry', 'closed')),
  triage_decision TEXT
    CHECK (triage_decision IN ('section_42_enquiry', 'other_action', 'no_further_action')),
  triage_reasons  TEXT,
  triaged_at      TEXT,
  triaged_by      TEXT,
  enquiry_led_by  TEXT,
  enquiry_started_on TEXT,
  enquiry_recorded_at TEXT,
  enquiry_recorded_by TEXT,
  risk_outcome    TEXT CHECK (risk_outcome IN ('removed', 'reduced', 'remains')),
  actions_taken   TEXT,
  outcomes_met    TEXT CHECK (outcomes_met IN ('fully', 'partly', 'not_met', 'not_expressed')),
  persons_view    TEXT,
  closed_at       TEXT,
  closed_by       TEXT,
  revision        INTEGER NOT NULL,
  PRIMARY KEY (council_id, concern_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, plan_id) REFERENCES plans (council_id, plan_id)
) STRICT;

-- The lead's queue: open concerns, immediate risk first, then the oldest.
CREATE INDEX safeguarding_concerns_open
  ON safeguarding_concerns (council_id, immediate_risk DESC, raised_at)
  WHERE status <> 'closed';

CREATE INDEX safeguarding_concerns_person
  ON safeguarding_concerns (council_id, person_id, raised_at);
