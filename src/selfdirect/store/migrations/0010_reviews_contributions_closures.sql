-- Reviews of signed-off plans, each outcome rated with the person's view; the person's assessed
-- contribution (financial assessment); closures. The date the next review is due is kept on the
-- person's row, worked out by the domain when a plan is signed off or a review recorded, so that
-- the "reviews due" and "overdue" queues are an index range, not a scan of every case.

ALTER TABLE people ADD COLUMN review_due TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD or ''
CREATE INDEX people_by_review_due ON people (council_id, review_due, person_id)
  WHERE review_due <> '';

CREATE TABLE reviews (
  council_id   TEXT NOT NULL,
  review_id    TEXT NOT NULL CHECK (length(review_id) = 26),
  person_id    TEXT NOT NULL,
  plan_id      TEXT NOT NULL,
  held_on      TEXT NOT NULL,
  reason       TEXT NOT NULL,
  method       TEXT NOT NULL,
  persons_view TEXT NOT NULL,
  result       TEXT NOT NULL CHECK (result IN ('continue', 'revise_plan', 'reassess')),
  notes        TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  PRIMARY KEY (council_id, review_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, plan_id) REFERENCES plans (council_id, plan_id)
) STRICT;
CREATE INDEX reviews_by_person ON reviews (council_id, person_id, held_on);

CREATE TABLE review_outcomes (
  council_id   TEXT    NOT NULL,
  review_id    TEXT    NOT NULL,
  position     INTEGER NOT NULL,
  outcome_id   TEXT    NOT NULL,
  words        TEXT    NOT NULL,
  rating       TEXT    NOT NULL CHECK (rating IN ('achieved', 'partly', 'not_yet')),
  persons_view TEXT    NOT NULL,
  PRIMARY KEY (council_id, review_id, position),
  FOREIGN KEY (council_id, review_id) REFERENCES reviews (council_id, review_id)
) STRICT;

CREATE TABLE contributions (
  council_id   TEXT    NOT NULL,
  person_id    TEXT    NOT NULL,
  seq          INTEGER NOT NULL,  -- 1, 2, … for the person; the highest is in force
  weekly_pence INTEGER NOT NULL CHECK (weekly_pence >= 0),
  assessed_on  TEXT    NOT NULL,
  basis        TEXT    NOT NULL,
  notes        TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL,
  recorded_by  TEXT    NOT NULL,
  PRIMARY KEY (council_id, person_id, seq),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;

CREATE TABLE closures (
  council_id   TEXT    NOT NULL,
  person_id    TEXT    NOT NULL,
  seq          INTEGER NOT NULL,  -- a case reopened and closed again has several
  reason       TEXT    NOT NULL,
  effective_on TEXT    NOT NULL,
  words        TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL,
  recorded_by  TEXT    NOT NULL,
  PRIMARY KEY (council_id, person_id, seq),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;
