-- Budgets in payment and payment runs (issue #6; ledger/payments.h, app/payments.h).
--
-- A budget is opened when a person's first plan is signed off, and gets new terms each time a
-- later plan is: the terms are what each payment route costs (the plan's weekly and yearly lines
-- kept apart) and the contribution. The schedule of payments is worked out from these rows by
-- ledger/schedule.h; the payments themselves are ledger transfers whose ids are the schedule's
-- keys, so nothing here records what was paid.

-- How a person's assessed contribution is collected: taken off the direct payment (net) or the
-- direct payment paid in full and the contribution collected separately (gross).
ALTER TABLE schemes ADD COLUMN contribution_collection TEXT NOT NULL DEFAULT 'net'
  CHECK (contribution_collection IN ('net', 'gross'));

CREATE TABLE budgets (
  council_id           TEXT    NOT NULL,
  budget_id            TEXT    NOT NULL CHECK (length(budget_id) = 26),
  person_id            TEXT    NOT NULL,
  scheme_id            TEXT    NOT NULL,
  starts_on            TEXT    NOT NULL,
  ends_on              TEXT    NOT NULL DEFAULT '',  -- the last day funded, when terminated
  collection           TEXT    NOT NULL CHECK (collection IN ('net', 'gross')),
  payment_interval     TEXT    NOT NULL,
  weeks_per_year_num   INTEGER NOT NULL,
  weeks_per_year_den   INTEGER NOT NULL,
  commitment_account   TEXT    NOT NULL,
  holding_account      TEXT    NOT NULL DEFAULT '',  -- '' until a direct payment needs one
  managed_account      TEXT    NOT NULL DEFAULT '',
  contribution_account TEXT    NOT NULL DEFAULT '',
  created_at           TEXT    NOT NULL,
  created_by           TEXT    NOT NULL,
  PRIMARY KEY (council_id, budget_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, scheme_id) REFERENCES schemes (council_id, scheme_id),
  FOREIGN KEY (council_id, commitment_account) REFERENCES ledger_accounts (council_id, account_id)
) STRICT;

-- One budget in payment per person and scheme.
CREATE UNIQUE INDEX budgets_one_open ON budgets (council_id, person_id, scheme_id)
  WHERE ends_on = '';

CREATE TABLE budget_terms (
  council_id          TEXT    NOT NULL,
  budget_id           TEXT    NOT NULL,
  from_date           TEXT    NOT NULL,
  plan_id             TEXT    NOT NULL,
  dp_per_week         INTEGER NOT NULL CHECK (dp_per_week >= 0),
  dp_per_year         INTEGER NOT NULL CHECK (dp_per_year >= 0),
  mb_per_week         INTEGER NOT NULL CHECK (mb_per_week >= 0),
  mb_per_year         INTEGER NOT NULL CHECK (mb_per_year >= 0),
  ca_per_week         INTEGER NOT NULL CHECK (ca_per_week >= 0),
  ca_per_year         INTEGER NOT NULL CHECK (ca_per_year >= 0),
  weekly_contribution INTEGER NOT NULL CHECK (weekly_contribution >= 0),
  PRIMARY KEY (council_id, budget_id, from_date),
  FOREIGN KEY (council_id, budget_id) REFERENCES budgets (council_id, budget_id)
) STRICT;

CREATE TABLE budget_one_offs (
  council_id TEXT    NOT NULL,
  budget_id  TEXT    NOT NULL,
  item_id    TEXT    NOT NULL CHECK (length(item_id) BETWEEN 1 AND 16),
  what       TEXT    NOT NULL,
  route      TEXT    NOT NULL,
  amount     INTEGER NOT NULL CHECK (amount > 0),
  on_date    TEXT    NOT NULL,
  PRIMARY KEY (council_id, budget_id, item_id),
  FOREIGN KEY (council_id, budget_id) REFERENCES budgets (council_id, budget_id)
) STRICT;

CREATE TABLE budget_suspensions (
  council_id  TEXT    NOT NULL,
  budget_id   TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  from_date   TEXT    NOT NULL,
  to_date     TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  recorded_by TEXT    NOT NULL,
  PRIMARY KEY (council_id, budget_id, seq),
  FOREIGN KEY (council_id, budget_id) REFERENCES budgets (council_id, budget_id)
) STRICT;

-- Where a person's money is paid: their direct-payment bank account or prepaid card, or the
-- organisation holding a managed budget.
CREATE TABLE payment_details (
  council_id     TEXT NOT NULL,
  person_id      TEXT NOT NULL,
  route          TEXT NOT NULL CHECK (route IN ('direct_payment', 'managed_budget')),
  payee_name     TEXT NOT NULL,
  sort_code      TEXT NOT NULL,  -- six digits, or ''
  account_number TEXT NOT NULL,  -- eight digits, or ''
  card_reference TEXT NOT NULL,  -- or ''
  updated_at     TEXT NOT NULL,
  updated_by     TEXT NOT NULL,
  CHECK ((sort_code <> '' AND account_number <> '') OR card_reference <> ''),
  PRIMARY KEY (council_id, person_id, route),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;

CREATE TABLE finance_settings (
  council_id               TEXT    NOT NULL PRIMARY KEY REFERENCES councils (council_id),
  approval_threshold_pence INTEGER NOT NULL CHECK (approval_threshold_pence >= 0),
  updated_at               TEXT    NOT NULL,
  updated_by               TEXT    NOT NULL
) STRICT;

CREATE TABLE payment_runs (
  council_id        TEXT    NOT NULL,
  run_id            TEXT    NOT NULL CHECK (length(run_id) = 26),
  run_date          TEXT    NOT NULL,
  status            TEXT    NOT NULL
    CHECK (status IN ('awaiting_approval', 'ready', 'releasing', 'released', 'rejected')),
  threshold_pence   INTEGER NOT NULL,
  started_at        TEXT    NOT NULL,
  started_by        TEXT    NOT NULL,  -- '' for the operator (the command line)
  approved_at       TEXT    NOT NULL DEFAULT '',
  approved_by       TEXT    NOT NULL DEFAULT '',
  released_at       TEXT    NOT NULL DEFAULT '',
  released_by       TEXT    NOT NULL DEFAULT '',
  rejected_reason   TEXT    NOT NULL DEFAULT '',
  -- Totals fixed when the run is started (lines paid out, not held; held lines apart).
  budgets           INTEGER NOT NULL,
  payments          INTEGER NOT NULL,
  total_pence       INTEGER NOT NULL,
  held              INTEGER NOT NULL,
  -- The payment file, made once when the run is released, so that it never changes afterwards.
  payment_file      TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (council_id, run_id)
) STRICT;

-- A date is run once: a rejected run does not count.
CREATE UNIQUE INDEX payment_runs_one_per_date ON payment_runs (council_id, run_date)
  WHERE status <> 'rejected';

-- What a run pays (or holds back), fixed when it is started: approval approves these lines.
CREATE TABLE payment_run_lines (
  council_id   TEXT    NOT NULL,
  run_id       TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  transfer_id  TEXT    NOT NULL,  -- the schedule's key: the ledger transfer's id
  budget_id    TEXT    NOT NULL,
  person_id    TEXT    NOT NULL,
  kind         TEXT    NOT NULL
    CHECK (kind IN ('direct_payment', 'managed_budget', 'one_off', 'contribution')),
  payee        TEXT    NOT NULL
    CHECK (payee IN ('holding_account', 'holding_organisation', 'person')),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  covers_from  TEXT    NOT NULL,
  covers_to    TEXT    NOT NULL,
  held_reason  TEXT    NOT NULL,  -- '' when it is paid; why not, otherwise
  posted       INTEGER NOT NULL DEFAULT 0 CHECK (posted IN (0, 1)),
  PRIMARY KEY (council_id, run_id, seq),
  FOREIGN KEY (council_id, run_id) REFERENCES payment_runs (council_id, run_id)
) STRICT;

-- Periods paid more than they are now worth, found by a run: proposals for a finance officer,
-- never recovered by the run.
CREATE TABLE payment_run_overpaid (
  council_id  TEXT    NOT NULL,
  run_id      TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  budget_id   TEXT    NOT NULL,
  person_id   TEXT    NOT NULL,
  recovery_id TEXT    NOT NULL,
  to_recover  INTEGER NOT NULL CHECK (to_recover > 0),
  sentence    TEXT    NOT NULL,
  PRIMARY KEY (council_id, run_id, seq),
  FOREIGN KEY (council_id, run_id) REFERENCES payment_runs (council_id, run_id)
) STRICT;
