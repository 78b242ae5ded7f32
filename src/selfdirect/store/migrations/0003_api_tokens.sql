-- API tokens for machine clients (a finance system, a reporting tool): each belongs to a user,
-- carries some of that user's roles, is shown once and stored only as a SHA-256 hash.
CREATE TABLE api_tokens (
  council_id TEXT NOT NULL,
  token_id   TEXT NOT NULL CHECK (length(token_id) = 26),
  token_hash TEXT NOT NULL CHECK (length(token_hash) = 64),
  user_id    TEXT NOT NULL,
  name       TEXT NOT NULL,
  roles      TEXT NOT NULL,  -- comma-separated role names
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  PRIMARY KEY (council_id, token_id),
  UNIQUE (council_id, token_hash),
  FOREIGN KEY (council_id, user_id) REFERENCES users (council_id, user_id)
) STRICT;
