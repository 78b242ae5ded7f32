-- Accounts, roles, sessions, one-time password links and the tamper-evident audit log.

CREATE TABLE users (
  council_id       TEXT    NOT NULL REFERENCES councils (council_id),
  user_id          TEXT    NOT NULL CHECK (length(user_id) = 26),
  email            TEXT    NOT NULL CHECK (email = lower(email)),
  display_name     TEXT    NOT NULL,
  password_hash    TEXT,
  disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
  locked_until     TEXT,
  created_at       TEXT    NOT NULL,
  PRIMARY KEY (council_id, user_id),
  UNIQUE (council_id, email)
) STRICT;

CREATE TABLE user_roles (
  council_id TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('budget-holder', 'representative', 'support-planner',
                 'assessor', 'approver', 'finance-officer', 'commissioner', 'safeguarding-lead',
                 'analyst', 'administrator', 'auditor')),
  PRIMARY KEY (council_id, user_id, role),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
) STRICT;

CREATE TABLE sessions (
  council_id   TEXT NOT NULL,
  id_hash      TEXT NOT NULL CHECK (length(id_hash) = 64),
  user_id      TEXT NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at     TEXT,
  PRIMARY KEY (council_id, id_hash),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
) STRICT;
CREATE INDEX sessions_by_user ON sessions (council_id, user_id) WHERE ended_at IS NULL;

CREATE TABLE password_links (
  council_id TEXT NOT NULL,
  token_hash TEXT NOT NULL CHECK (length(token_hash) = 64),
  user_id    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT,
  PRIMARY KEY (council_id, token_hash),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
) STRICT;

-- Append-only: the triggers refuse updates and deletes made through SQLite, and the hash chain
-- shows any change made around them (by editing the file).
CREATE TABLE audit_log (
  council_id        TEXT    NOT NULL,
  seq               INTEGER NOT NULL CHECK (seq > 0),
  at                TEXT    NOT NULL,
  actor_user_id     TEXT    NOT NULL,
  actor_roles       TEXT    NOT NULL,
  action            TEXT    NOT NULL,
  resource_type     TEXT    NOT NULL,
  resource_id       TEXT    NOT NULL,
  subject_person_id TEXT    NOT NULL,
  request_id        TEXT    NOT NULL,
  outcome           TEXT    NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
  summary           TEXT    NOT NULL,
  prev_hash         TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash              TEXT    NOT NULL CHECK (length(hash) = 64),
  PRIMARY KEY (council_id, seq)
) STRICT;
CREATE INDEX audit_by_subject ON audit_log (council_id, subject_person_id, seq)
  WHERE subject_person_id <> '';
CREATE INDEX audit_by_actor ON audit_log (council_id, actor_user_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
