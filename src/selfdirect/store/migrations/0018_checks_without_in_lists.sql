-- selfdirect: rebuilds tables
-- The two tables a payment run writes a row to per payment, rebuilt with each CHECK (x IN (…))
-- written as x = … OR x = …. The rows allowed are the same. SQLite 3.40 checks an IN list by
-- building a small index for it on every row inserted, which was about a third of the work of
-- a payment run (bench/payment_run_bench, bench/RESULTS.md).

CREATE TABLE ledger_transfers_new (
  council_id        TEXT    NOT NULL,
  transfer_id       TEXT    NOT NULL CHECK (length(transfer_id) BETWEEN 1 AND 64),
  debit_account_id  TEXT    NOT NULL,
  credit_account_id TEXT    NOT NULL CHECK (credit_account_id <> debit_account_id),
  amount            INTEGER NOT NULL CHECK (amount > 0),
  code              TEXT    NOT NULL
    CHECK (code = 'budget_commitment' OR code = 'payment' OR code = 'invoice'
           OR code = 'contribution' OR code = 'top_up' OR code = 'one_off' OR code = 'spend'
           OR code = 'clawback' OR code = 'refund' OR code = 'correction'),
  reference         TEXT    NOT NULL,
  flag              TEXT    NOT NULL
    CHECK (flag = 'none' OR flag = 'pending' OR flag = 'post_pending' OR flag = 'void_pending'),
  pending_id        TEXT,   -- the pending transfer a post or void resolves
  corrects          TEXT,   -- the transfer a correction reverses
  created_at        TEXT    NOT NULL,
  created_by        TEXT    NOT NULL,  -- the user; '' for the system
  CHECK ((flag = 'post_pending' OR flag = 'void_pending') = (pending_id IS NOT NULL)),
  PRIMARY KEY (council_id, transfer_id),
  FOREIGN KEY (council_id, debit_account_id) REFERENCES ledger_accounts (council_id, account_id),
  FOREIGN KEY (council_id, credit_account_id) REFERENCES ledger_accounts (council_id, account_id),
  FOREIGN KEY (council_id, pending_id) REFERENCES ledger_transfers (council_id, transfer_id),
  FOREIGN KEY (council_id, corrects) REFERENCES ledger_transfers (council_id, transfer_id)
) STRICT;

INSERT INTO ledger_transfers_new SELECT * FROM ledger_transfers;
DROP TABLE ledger_transfers;
ALTER TABLE ledger_transfers_new RENAME TO ledger_transfers;

-- A pending transfer is posted or voided exactly once: a second post or void of the same
-- pending transfer cannot be stored, whatever code tries.
CREATE UNIQUE INDEX ledger_transfers_resolve_once
  ON ledger_transfers (council_id, pending_id) WHERE pending_id IS NOT NULL;

-- An account's transfers in the order they were made (either side).
CREATE INDEX ledger_transfers_by_debit
  ON ledger_transfers (council_id, debit_account_id, created_at, transfer_id);
CREATE INDEX ledger_transfers_by_credit
  ON ledger_transfers (council_id, credit_account_id, created_at, transfer_id);

CREATE TABLE payment_run_lines_new (
  council_id   TEXT    NOT NULL,
  run_id       TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  transfer_id  TEXT    NOT NULL,  -- the schedule's key: the ledger transfer's id
  budget_id    TEXT    NOT NULL,
  person_id    TEXT    NOT NULL,
  kind         TEXT    NOT NULL
    CHECK (kind = 'direct_payment' OR kind = 'managed_budget' OR kind = 'one_off'
           OR kind = 'contribution'),
  payee        TEXT    NOT NULL
    CHECK (payee = 'holding_account' OR payee = 'holding_organisation' OR payee = 'person'),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  covers_from  TEXT    NOT NULL,
  covers_to    TEXT    NOT NULL,
  held_reason  TEXT    NOT NULL,  -- '' when it is paid; why not, otherwise
  posted       INTEGER NOT NULL DEFAULT 0 CHECK (posted = 0 OR posted = 1),
  PRIMARY KEY (council_id, run_id, seq),
  FOREIGN KEY (council_id, run_id) REFERENCES payment_runs (council_id, run_id)
) STRICT;

INSERT INTO payment_run_lines_new SELECT * FROM payment_run_lines;
DROP TABLE payment_run_lines;
ALTER TABLE payment_run_lines_new RENAME TO payment_run_lines;
