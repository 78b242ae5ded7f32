-- Sign-off: each approver's limit (pounds a year of budget they may approve), and every round
-- of a plan's decision with who, when, why, and the actual budget set at approval.

CREATE TABLE approval_limits (
  council_id  TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  limit_pence INTEGER NOT NULL CHECK (limit_pence >= 0),
  set_at      TEXT    NOT NULL,
  set_by      TEXT    NOT NULL,
  PRIMARY KEY (council_id, user_id),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
) STRICT;

CREATE TABLE plan_decisions (
  council_id          TEXT    NOT NULL,
  plan_id             TEXT    NOT NULL,
  round               INTEGER NOT NULL,  -- 1, 2, … for the plan
  decision            TEXT    NOT NULL CHECK (decision IN ('approve', 'return', 'decline', 'refer')),
  comments            TEXT    NOT NULL,
  actual_annual_pence INTEGER,           -- set when approved
  indicative_annual_pence INTEGER,
  variance_category   TEXT,
  variance_words      TEXT    NOT NULL,
  decided_at          TEXT    NOT NULL,
  decided_by          TEXT    NOT NULL,
  PRIMARY KEY (council_id, plan_id, round),
  FOREIGN KEY (council_id, plan_id) REFERENCES plans (council_id, plan_id)
) STRICT;
