-- Proportionate monitoring (issue #6; ledger/monitoring.h, ledger/monitoring_repository.h,
-- app/monitoring.h): alerts routed to the person who should ask about them, and surplus recovery
-- proposals a finance officer approves or declines. Neither is ever a sanction by itself.

CREATE TABLE monitoring_alerts (
  council_id       TEXT    NOT NULL,
  alert_id         TEXT    NOT NULL CHECK (length(alert_id) = 26),
  person_id        TEXT    NOT NULL,
  budget_id        TEXT    NOT NULL,
  kind             TEXT    NOT NULL CHECK (kind IN ('surplus', 'exhaustion', 'outside_plan',
                     'large_cash_withdrawal', 'dominant_new_payee', 'rapid_depletion',
                     'household_relative_payment')),
  recipient        TEXT    NOT NULL CHECK (recipient IN ('finance_officer', 'planner',
                     'social_worker', 'safeguarding_lead')),
  evidence         TEXT    NOT NULL DEFAULT '',  -- spend line (transfer) ids, one a line
  sentence         TEXT    NOT NULL,
  amount_pence     INTEGER NOT NULL,
  balance_pence    INTEGER NOT NULL,
  checked_on       TEXT    NOT NULL,
  raised_at        TEXT    NOT NULL,
  status           TEXT    NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'acknowledged', 'closed')),
  acknowledged_at  TEXT    NOT NULL DEFAULT '',
  acknowledged_by  TEXT    NOT NULL DEFAULT '',
  closed_at        TEXT    NOT NULL DEFAULT '',
  closed_by        TEXT    NOT NULL DEFAULT '',
  notes            TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (council_id, alert_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, budget_id) REFERENCES budgets (council_id, budget_id)
) STRICT;

-- One alert of a kind not yet closed per person: running the checks again adds nothing.
CREATE UNIQUE INDEX monitoring_alerts_one_open
  ON monitoring_alerts (council_id, person_id, kind) WHERE status <> 'closed';
CREATE INDEX monitoring_alerts_by_status ON monitoring_alerts (council_id, status, raised_at);

CREATE TABLE surplus_proposals (
  council_id      TEXT    NOT NULL,
  proposal_id     TEXT    NOT NULL CHECK (length(proposal_id) = 26),
  person_id       TEXT    NOT NULL,
  budget_id       TEXT    NOT NULL,
  amount_pence    INTEGER NOT NULL CHECK (amount_pence > 0),
  letter          TEXT    NOT NULL,  -- paragraphs, one a line
  checked_on      TEXT    NOT NULL,
  proposed_at     TEXT    NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'proposed'
                    CHECK (status IN ('proposed', 'approved', 'declined')),
  decided_at      TEXT    NOT NULL DEFAULT '',
  decided_by      TEXT    NOT NULL DEFAULT '',
  decision_words  TEXT    NOT NULL DEFAULT '',
  transfer_id     TEXT    NOT NULL DEFAULT '',  -- the clawback, when approved
  PRIMARY KEY (council_id, proposal_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, budget_id) REFERENCES budgets (council_id, budget_id)
) STRICT;

-- One proposal waiting for a decision per budget.
CREATE UNIQUE INDEX surplus_proposals_one_waiting
  ON surplus_proposals (council_id, budget_id) WHERE status = 'proposed';
