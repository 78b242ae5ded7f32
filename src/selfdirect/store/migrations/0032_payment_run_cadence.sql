-- How often a council runs payments (issue #6; ledger/payments.h PaysThrough). Payments are
-- made in advance: a run pays every period that begins before the next run is due, so a run
-- records the last day it pays for. Runs started before this migration paid what had begun by
-- their own date.

CREATE TABLE payment_run_cadence (
  council_id TEXT    NOT NULL PRIMARY KEY REFERENCES councils (council_id),
  every_days INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 28),
  updated_at TEXT    NOT NULL,
  updated_by TEXT    NOT NULL
) STRICT;

ALTER TABLE payment_runs ADD COLUMN pays_through TEXT NOT NULL DEFAULT '';
UPDATE payment_runs SET pays_through = run_date;
