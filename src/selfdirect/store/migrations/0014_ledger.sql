-- The double-entry ledger (src/selfdirect/ledger/, decision 0007). Accounts carry their four
-- running totals, so a balance read is one row; transfers are immutable rows with a
-- caller-chosen id (the idempotency key). Amounts are whole pence.

CREATE TABLE ledger_accounts (
  council_id      TEXT    NOT NULL REFERENCES councils (council_id),
  account_id      TEXT    NOT NULL CHECK (length(account_id) = 26),
  type            TEXT    NOT NULL
    CHECK (type IN ('council_fund', 'budget_commitment', 'direct_payment_holding',
                    'managed_budget', 'provider_payable', 'contribution_receivable',
                    'third_party_top_up', 'clawback', 'payee')),
  owner_kind      TEXT    NOT NULL
    CHECK (owner_kind IN ('council', 'person', 'provider', 'organisation')),
  owner_id        TEXT    NOT NULL,
  scheme_id       TEXT,
  name            TEXT    NOT NULL,
  debits_must_not_exceed_credits INTEGER NOT NULL
    CHECK (debits_must_not_exceed_credits IN (0, 1)),
  credits_must_not_exceed_debits INTEGER NOT NULL
    CHECK (credits_must_not_exceed_debits IN (0, 1)),
  closed_at       TEXT,
  created_at      TEXT    NOT NULL,
  debits_posted   INTEGER NOT NULL CHECK (debits_posted >= 0),
  credits_posted  INTEGER NOT NULL CHECK (credits_posted >= 0),
  debits_pending  INTEGER NOT NULL CHECK (debits_pending >= 0),
  credits_pending INTEGER NOT NULL CHECK (credits_pending >= 0),
  -- The balance rules hold in the database too, whatever writes the row.
  CHECK (debits_must_not_exceed_credits = 0 OR debits_pending + debits_posted <= credits_posted),
  CHECK (credits_must_not_exceed_debits = 0 OR credits_pending + credits_posted <= debits_posted),
  PRIMARY KEY (council_id, account_id),
  FOREIGN KEY (council_id, scheme_id) REFERENCES schemes (council_id, scheme_id)
) STRICT;

CREATE INDEX ledger_accounts_by_owner
  ON ledger_accounts (council_id, owner_kind, owner_id, created_at);

CREATE TABLE ledger_transfers (
  council_id        TEXT    NOT NULL,
  transfer_id       TEXT    NOT NULL CHECK (length(transfer_id) BETWEEN 1 AND 64),
  debit_account_id  TEXT    NOT NULL,
  credit_account_id TEXT    NOT NULL CHECK (credit_account_id <> debit_account_id),
  amount            INTEGER NOT NULL CHECK (amount > 0),
  code              TEXT    NOT NULL
    CHECK (code IN ('budget_commitment', 'payment', 'invoice', 'contribution', 'top_up',
                    'one_off', 'spend', 'clawback', 'refund', 'correction')),
  reference         TEXT    NOT NULL,
  flag              TEXT    NOT NULL
    CHECK (flag IN ('none', 'pending', 'post_pending', 'void_pending')),
  pending_id        TEXT,   -- the pending transfer a post or void resolves
  corrects          TEXT,   -- the transfer a correction reverses
  created_at        TEXT    NOT NULL,
  created_by        TEXT    NOT NULL,  -- the user; '' for the system
  CHECK ((flag IN ('post_pending', 'void_pending')) = (pending_id IS NOT NULL)),
  PRIMARY KEY (council_id, transfer_id),
  FOREIGN KEY (council_id, debit_account_id) REFERENCES ledger_accounts (council_id, account_id),
  FOREIGN KEY (council_id, credit_account_id) REFERENCES ledger_accounts (council_id, account_id),
  FOREIGN KEY (council_id, pending_id) REFERENCES ledger_transfers (council_id, transfer_id),
  FOREIGN KEY (council_id, corrects) REFERENCES ledger_transfers (council_id, transfer_id)
) STRICT;

-- A pending transfer is posted or voided exactly once: a second post or void of the same
-- pending transfer cannot be stored, whatever code tries.
CREATE UNIQUE INDEX ledger_transfers_resolve_once
  ON ledger_transfers (council_id, pending_id) WHERE pending_id IS NOT NULL;

-- An account's transfers in the order they were made (either side).
CREATE INDEX ledger_transfers_by_debit
  ON ledger_transfers (council_id, debit_account_id, created_at, transfer_id);
CREATE INDEX ledger_transfers_by_credit
  ON ledger_transfers (council_id, credit_account_id, created_at, transfer_id);
