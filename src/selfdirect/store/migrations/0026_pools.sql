-- selfdirect: rebuilds tables
-- Pooled budgets (issue #7; market/pools.h, app/pools.h). Several budget holders agree to pool
-- part of their direct payments for a shared service. Each pool has its own ledger account,
-- fed from the members' direct-payment accounts; the money itself is in the ledger, so these
-- tables keep only the agreement: who is in it, their share, their consent and the leaving rule.
--
-- ledger_accounts is rebuilt so that its CHECKs allow the new account type 'pooled_budget' and
-- the new owner kind 'pool'; the rows allowed are otherwise the same (written as x = … OR x = …,
-- as migration 0018 does, instead of IN lists).

CREATE TABLE ledger_accounts_new (
  council_id      TEXT    NOT NULL REFERENCES councils (council_id),
  account_id      TEXT    NOT NULL CHECK (length(account_id) = 26),
  type            TEXT    NOT NULL
    CHECK (type = 'council_fund' OR type = 'budget_commitment'
           OR type = 'direct_payment_holding' OR type = 'managed_budget'
           OR type = 'provider_payable' OR type = 'contribution_receivable'
           OR type = 'third_party_top_up' OR type = 'clawback' OR type = 'payee'
           OR type = 'pooled_budget'),
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

CREATE TABLE pools (
  council_id   TEXT    NOT NULL,
  pool_id      TEXT    NOT NULL CHECK (length(pool_id) = 26),
  name         TEXT    NOT NULL,
  pays_for     TEXT    NOT NULL,                -- what the pool pays for, in words
  service_id   TEXT    NOT NULL DEFAULT '',     -- a directory service, or ''
  cost_pence   INTEGER CHECK (cost_pence IS NULL OR cost_pence > 0),  -- per 4 weeks, when stated
  leaving_rule TEXT    NOT NULL
    CHECK (leaving_rule = 'shared_by_contributions' OR leaving_rule = 'stays_with_pool'),
  status       TEXT    NOT NULL
    CHECK (status = 'proposed' OR status = 'active' OR status = 'closed'),
  account_id   TEXT    NOT NULL,
  starts_on    TEXT    NOT NULL DEFAULT '',     -- the first day of its first 4 weeks, once active
  created_at   TEXT    NOT NULL,
  created_by   TEXT    NOT NULL,
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  PRIMARY KEY (council_id, pool_id),
  FOREIGN KEY (council_id, account_id) REFERENCES ledger_accounts (council_id, account_id)
) STRICT;

CREATE TABLE pool_members (
  council_id          TEXT    NOT NULL,
  pool_id             TEXT    NOT NULL,
  seq                 INTEGER NOT NULL CHECK (seq >= 1),  -- the order members joined
  person_id           TEXT    NOT NULL,
  share_pence         INTEGER NOT NULL CHECK (share_pence > 0),  -- per 4 weeks
  status              TEXT    NOT NULL
    CHECK (status = 'proposed' OR status = 'consented' OR status = 'active' OR status = 'left'),
  joined_at           TEXT    NOT NULL,
  added_by            TEXT    NOT NULL,
  -- Consent: who gave it ('person', 'representative', or 'social_worker' recording consent the
  -- person gave them), how, who recorded it and when; '' until given.
  consent_by          TEXT    NOT NULL DEFAULT ''
    CHECK (consent_by = '' OR consent_by = 'person' OR consent_by = 'representative'
           OR consent_by = 'social_worker'),
  consent_how         TEXT    NOT NULL DEFAULT '',
  consent_recorded_by TEXT    NOT NULL DEFAULT '',
  consented_at        TEXT    NOT NULL DEFAULT '',
  left_on             TEXT    NOT NULL DEFAULT '',
  taken_pence         INTEGER NOT NULL DEFAULT 0 CHECK (taken_pence >= 0),  -- on leaving
  CHECK (status = 'left' OR (status = 'proposed') = (consent_by = '')),
  PRIMARY KEY (council_id, pool_id, seq),
  FOREIGN KEY (council_id, pool_id) REFERENCES pools (council_id, pool_id),
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id)
) STRICT;

-- A person is in a pool at most once at a time.
CREATE UNIQUE INDEX pool_members_once ON pool_members (council_id, pool_id, person_id)
  WHERE status <> 'left';
CREATE INDEX pool_members_by_person ON pool_members (council_id, person_id);
