-- Statement import (docs/statement-import.md): a bank's or card provider's CSV statement for a
-- holding account becomes spend lines, each matched to the person's plan. Formats are a
-- council's configuration (the YAML a finance officer writes; nothing is seeded here). An
-- import is stored whole or not at all, with every line; a line's category may later be
-- changed (re-categorised), never its money.

CREATE TABLE statement_formats (
  council_id  TEXT NOT NULL REFERENCES councils (council_id),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  yaml        TEXT NOT NULL,
  -- Names the council's payments arrive under on statements in this format, one a line
  -- (matched loosely, with the council's own name, as MatchRules::council_payers).
  council_payers TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  PRIMARY KEY (council_id, name)
) STRICT;

CREATE TABLE statement_imports (
  council_id    TEXT    NOT NULL,
  import_id     TEXT    NOT NULL CHECK (length(import_id) = 26),
  account_id    TEXT    NOT NULL,
  person_id     TEXT    NOT NULL,
  format_name   TEXT    NOT NULL,
  file_sha256   TEXT    NOT NULL CHECK (length(file_sha256) = 64),
  plan_id       TEXT,   -- the approved plan the lines were matched against; NULL when none
  imported_at   TEXT    NOT NULL,
  imported_by   TEXT    NOT NULL,
  line_count    INTEGER NOT NULL CHECK (line_count >= 0),
  money_in      INTEGER NOT NULL CHECK (money_in >= 0),   -- pence
  money_out     INTEGER NOT NULL CHECK (money_out >= 0),  -- pence
  flagged_count INTEGER NOT NULL CHECK (flagged_count >= 0),
  transfer_count INTEGER NOT NULL CHECK (transfer_count >= 0),
  PRIMARY KEY (council_id, import_id),
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, account_id),
  FOREIGN KEY (council_id, format_name) REFERENCES statement_formats (council_id, name)
) STRICT;

-- The same file is imported into the same account once.
CREATE UNIQUE INDEX statement_imports_once
  ON statement_imports (council_id, account_id, file_sha256);
CREATE INDEX statement_imports_by_account
  ON statement_imports (council_id, account_id, imported_at);

CREATE TABLE statement_lines (
  council_id     TEXT    NOT NULL,
  import_id      TEXT    NOT NULL,
  position       INTEGER NOT NULL CHECK (position >= 0),  -- 0, 1, … in file order
  row_number     INTEGER NOT NULL CHECK (row_number >= 1),
  line_number    INTEGER NOT NULL CHECK (line_number >= 1),
  line_date      TEXT    NOT NULL,
  payee          TEXT    NOT NULL,
  amount         INTEGER NOT NULL,  -- pence; money in positive, money out negative
  reference      TEXT    NOT NULL,
  description    TEXT    NOT NULL,
  balance        INTEGER,           -- pence, when the statement shows one
  card           TEXT    NOT NULL,
  category       TEXT    NOT NULL
    CHECK (category IN ('plan_item', 'unknown_payee', 'cash_withdrawal', 'bank_charge',
                        'not_in_plan', 'council_payment', 'top_up', 'refund', 'other_money_in',
                        'no_money_moved')),
  plan_item      INTEGER CHECK (plan_item IS NULL OR plan_item >= 0),  -- index into the plan
  reason         TEXT    NOT NULL,
  needs_review   INTEGER NOT NULL CHECK (needs_review IN (0, 1)),
  recategorised  INTEGER NOT NULL CHECK (recategorised IN (0, 1)),
  note           TEXT    NOT NULL,
  recategorised_at TEXT,
  recategorised_by TEXT  NOT NULL DEFAULT '',
  transfer_id    TEXT,   -- the ledger transfer the line made; NULL for none
  PRIMARY KEY (council_id, import_id, position),
  FOREIGN KEY (council_id, import_id) REFERENCES statement_imports (council_id, import_id),
  FOREIGN KEY (council_id, transfer_id) REFERENCES ledger_transfers (council_id, transfer_id)
) STRICT;
