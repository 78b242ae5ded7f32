-- selfdirect: rebuilds tables
-- Contributions paid in (issue #6; ledger/account.h, app/payments.h RecordContributionPaid). A
-- finance officer records what a person has paid towards their assessed contribution: the
-- payment debits the council's account of contributions paid in (money coming into the books
-- from outside them) and credits the person's contribution receivable, so what they owe goes
-- down. ledger_accounts is rebuilt so that its CHECK allows the new account type
-- 'contributions_paid_in'; the rows allowed are otherwise the same.

CREATE TABLE ledger_accounts_new (
  council_id      TEXT    NOT NULL REFERENCES councils (council_id),
  account_id      TEXT    NOT NULL CHECK (length(account_id) = 26),
  type            TEXT    NOT NULL
    CHECK (type = 'council_fund' OR type = 'budget_commitment'
           OR type = 'direct_payment_holding' OR type = 'managed_budget'
           OR type = 'provider_payable' OR type = 'contribution_receivable'
           OR type = 'third_party_top_up' OR type = 'clawback' OR type = 'payee'
           OR type = 'pooled_budget' OR type = 'contributions_paid_in'),
  owner_kind      TEXT    NOT NULL
    CHECK (owner_kind = 'council' OR owner_kind = 'person' OR owner_kind = 'provider'
           OR owner_kind = 'organisation' OR owner_kind = 'pool'),
  owner_id        TEXT    NOT NULL,
  scheme_id       TEXT,
  name            TEXT    NOT NULL,
  debits_must_not_exceed_credits INTEGER NOT NULL
    CHECK (debits_must_not_exceed_credits = 0 OR debits_must_not_exceed_credits = 1),
  credits_must_not_exceed_debits INTEGER NOT NULL
    CHECK (credits_must_not_exceed_debits = 0 OR credits_must_not_exceed_debits = 1),
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

INSERT INTO ledger_accounts_new SELECT * FROM ledger_accounts;
DROP TABLE ledger_accounts;
ALTER TABLE ledger_accounts_new RENAME TO ledger_accounts;

CREATE INDEX ledger_accounts_by_owner
  ON ledger_accounts (council_id, owner_kind, owner_id, created_at);
