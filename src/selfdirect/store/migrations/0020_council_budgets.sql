-- The council's budget for personal budgets, one figure per financial year (issue #6, the finance
-- overview: ledger/finance_overview.h). A finance officer sets it; the overview compares the
-- forecast outturn with it. The year is the one starting 1 April of `year`.

CREATE TABLE council_budgets (
  council_id   TEXT    NOT NULL REFERENCES councils (council_id),
  year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
  updated_at   TEXT    NOT NULL,
  updated_by   TEXT    NOT NULL,
  PRIMARY KEY (council_id, year)
) STRICT;

-- Money out of holding accounts by date, for the overview's statement spend.
CREATE INDEX statement_lines_by_date ON statement_lines (council_id, line_date);
