-- Provider invoices for council-arranged services (docs/invoices.md; ledger/invoices.h,
-- app/invoices.h). An invoice is matched to the person's signed-off plan on arrival: matched
-- ones are posted to the ledger at once, held ones wait for a finance officer's decision. Posted
-- invoices leave for the council's accounts-payable system in exports, each made once and kept.

CREATE TABLE invoice_exports (
  council_id    TEXT    NOT NULL REFERENCES councils (council_id),
  export_id     TEXT    NOT NULL CHECK (length(export_id) = 26),
  created_at    TEXT    NOT NULL,
  created_by    TEXT    NOT NULL,
  invoice_count INTEGER NOT NULL CHECK (invoice_count > 0),
  total_pence   INTEGER NOT NULL CHECK (total_pence > 0),
  file          TEXT    NOT NULL,  -- the CSV, made once so that it never changes afterwards
  PRIMARY KEY (council_id, export_id)
) STRICT;

CREATE INDEX invoice_exports_by_date ON invoice_exports (council_id, created_at);

CREATE TABLE provider_invoices (
  council_id       TEXT    NOT NULL,
  invoice_id       TEXT    NOT NULL CHECK (length(invoice_id) = 26),
  provider_name    TEXT    NOT NULL CHECK (length(provider_name) BETWEEN 1 AND 140),
  -- The name as compared: lower case, single spaces (ledger::ProviderKey).
  provider_key     TEXT    NOT NULL CHECK (length(provider_key) BETWEEN 1 AND 140),
  -- The provider register's id, when there is one (a later issue); NULL until then.
  provider_id      TEXT,
  person_id        TEXT    NOT NULL,
  invoice_number   TEXT    NOT NULL CHECK (length(invoice_number) BETWEEN 1 AND 40),
  number_key       TEXT    NOT NULL,  -- upper case, for the same number written another way
  period_from      TEXT    NOT NULL,
  period_to        TEXT    NOT NULL CHECK (period_to >= period_from),
  units_hundredths INTEGER NOT NULL CHECK (units_hundredths > 0),
  unit_price_pence INTEGER NOT NULL CHECK (unit_price_pence > 0),
  total_pence      INTEGER NOT NULL CHECK (total_pence > 0),
  status           TEXT    NOT NULL CHECK (status IN ('matched', 'held', 'approved', 'rejected')),
  hold_reasons     TEXT    NOT NULL,  -- one a line; '' when matched
  budget_id        TEXT,
  plan_id          TEXT,
  plan_item        INTEGER CHECK (plan_item IS NULL OR plan_item >= 0),
  expected_pence   INTEGER,           -- units × the plan's price, when an item matched
  source           TEXT    NOT NULL CHECK (source IN ('form', 'file')),
  received_at      TEXT    NOT NULL,
  received_by      TEXT    NOT NULL,
  decided_at       TEXT,
  decided_by       TEXT    NOT NULL DEFAULT '',
  decision_reason  TEXT    NOT NULL DEFAULT '',
  transfer_id      TEXT,              -- the ledger transfer, once posted
  export_id        TEXT,              -- the accounts-payable export it left in
  -- Posted exactly when matched or approved; exported only once posted.
  CHECK ((transfer_id IS NOT NULL) = (status IN ('matched', 'approved'))),
  CHECK (export_id IS NULL OR transfer_id IS NOT NULL),
  CHECK ((decided_at IS NOT NULL) = (status IN ('approved', 'rejected'))),
  PRIMARY KEY (council_id, invoice_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id),
  FOREIGN KEY (council_id, transfer_id) REFERENCES ledger_transfers (council_id, transfer_id),
  FOREIGN KEY (council_id, export_id) REFERENCES invoice_exports (council_id, export_id)
) STRICT;

-- A provider's invoice number is recorded once: a second one is a duplicate, refused.
CREATE UNIQUE INDEX provider_invoices_once
  ON provider_invoices (council_id, provider_key, number_key);
-- The provider's earlier invoices for a person (days billed twice).
CREATE INDEX provider_invoices_by_person
  ON provider_invoices (council_id, person_id, provider_key, period_from);
CREATE INDEX provider_invoices_by_status
  ON provider_invoices (council_id, status, received_at);
CREATE INDEX provider_invoices_by_date ON provider_invoices (council_id, received_at);
-- Posted invoices waiting for the next accounts-payable export.
CREATE INDEX provider_invoices_to_export ON provider_invoices (council_id, received_at)
  WHERE transfer_id IS NOT NULL AND export_id IS NULL;

-- How far an invoice may stray from the plan's price before it is held (a finance setting,
-- set by administrators beside the payment run approval threshold). No row: the defaults, 2%
-- and £0.00.
CREATE TABLE invoice_tolerances (
  council_id     TEXT    NOT NULL PRIMARY KEY REFERENCES councils (council_id),
  basis_points   INTEGER NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
  minimum_pence  INTEGER NOT NULL CHECK (minimum_pence >= 0),
  updated_at     TEXT    NOT NULL,
  updated_by     TEXT    NOT NULL
) STRICT;
