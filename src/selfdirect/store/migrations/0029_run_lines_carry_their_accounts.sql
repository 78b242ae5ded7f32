-- A payment run's release posts from its lines alone (issue #6; bench/RESULTS.md, 2026-11-24):
--   * each line keeps the two accounts its transfer moves money between, fixed when the run is
--     started, so the release no longer reads every budget in payment again to find them
--     ('' when the budget had no such account: the release refuses that line, as before);
--   * lines are posted in their order, a chunk per transaction, and each chunk's transaction
--     moves the run's mark payment_runs.posted_through to its last line: a line is posted when it
--     is not held and its seq is at most the mark. The one UPDATE per line marking it posted goes;
--   * the lines are stored by their key (WITHOUT ROWID): one b-tree written per line, not two,
--     and a run's lines read in order without a lookup per line.

ALTER TABLE payment_runs ADD COLUMN posted_through INTEGER NOT NULL DEFAULT 0;

-- Runs released (or stopped half-way) before: their lines were marked posted in the same order,
-- so the last line marked is the mark.
UPDATE payment_runs AS r SET posted_through = p.seq
  FROM (SELECT council_id, run_id, max(seq) AS seq FROM payment_run_lines WHERE posted = 1
         GROUP BY council_id, run_id) AS p
 WHERE p.council_id = r.council_id AND p.run_id = r.run_id;

CREATE TABLE payment_run_lines_new (
  council_id        TEXT    NOT NULL,
  run_id            TEXT    NOT NULL,
  seq               INTEGER NOT NULL,
  transfer_id       TEXT    NOT NULL,  -- the schedule's key: the ledger transfer's id
  budget_id         TEXT    NOT NULL,
  person_id         TEXT    NOT NULL,
  kind              TEXT    NOT NULL
    CHECK (kind = 'direct_payment' OR kind = 'managed_budget' OR kind = 'one_off'
           OR kind = 'contribution'),
  payee             TEXT    NOT NULL
    CHECK (payee = 'holding_account' OR payee = 'holding_organisation' OR payee = 'person'),
  amount            INTEGER NOT NULL CHECK (amount > 0),
  covers_from       TEXT    NOT NULL,
  covers_to         TEXT    NOT NULL,
  held_reason       TEXT    NOT NULL,  -- '' when it is paid; why not, otherwise
  debit_account_id  TEXT    NOT NULL,  -- the transfer's accounts; '' when the budget had none
  credit_account_id TEXT    NOT NULL,
  PRIMARY KEY (council_id, run_id, seq),
  FOREIGN KEY (council_id, run_id) REFERENCES payment_runs (council_id, run_id)
) STRICT, WITHOUT ROWID;

-- The accounts of lines stored before, from their budgets (ledger::AccountsFor): a contribution
-- from the receivable to the commitment; anything else from the commitment to the managed budget
-- (payee holding_organisation) or the direct payment's holding account.
INSERT INTO payment_run_lines_new
SELECT l.council_id, l.run_id, l.seq, l.transfer_id, l.budget_id, l.person_id, l.kind, l.payee,
       l.amount, l.covers_from, l.covers_to, l.held_reason,
       coalesce(CASE WHEN l.kind = 'contribution' THEN b.contribution_account
                     ELSE b.commitment_account END, ''),
       coalesce(CASE WHEN l.kind = 'contribution' THEN b.commitment_account
                     WHEN l.payee = 'holding_organisation' THEN b.managed_account
                     ELSE b.holding_account END, '')
  FROM payment_run_lines AS l
  LEFT JOIN budgets AS b ON b.council_id = l.council_id AND b.budget_id = l.budget_id;

DROP TABLE payment_run_lines;
ALTER TABLE payment_run_lines_new RENAME TO payment_run_lines;
