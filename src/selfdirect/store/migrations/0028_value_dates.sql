-- Value dates (issue #6): the day the money actually moved, beside the moment a transfer was
-- recorded. A statement line's transfer moved money on the line's date, a payment run's payment
-- on the run's payment date; anything else on the day it was recorded. "My money", monitoring
-- and the finance overview date money by this, not by when a statement happened to be imported.
-- ISO dates (yyyy-mm-dd); the store always writes one.

ALTER TABLE ledger_transfers ADD COLUMN value_date TEXT NOT NULL DEFAULT '';

-- What is known about the transfers already recorded: first the day each was recorded, then the
-- date of the statement line that made it, then the date of the payment run that posted it.
UPDATE ledger_transfers SET value_date = substr(created_at, 1, 10);

UPDATE ledger_transfers AS t SET value_date = l.line_date
  FROM statement_lines AS l
 WHERE l.council_id = t.council_id AND l.transfer_id = t.transfer_id;

UPDATE ledger_transfers AS t SET value_date = p.run_date
  FROM (SELECT l.council_id, l.transfer_id, MIN(r.run_date) AS run_date
          FROM payment_run_lines AS l
          JOIN payment_runs AS r ON r.council_id = l.council_id AND r.run_id = l.run_id
         WHERE l.posted = 1
         GROUP BY l.council_id, l.transfer_id) AS p
 WHERE p.council_id = t.council_id AND p.transfer_id = t.transfer_id;
