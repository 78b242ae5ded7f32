-- Councils and their schemes. Every table carries council_id in its keys so that one
-- deployment can hold many councils and a distributed engine can shard by council.
-- Identifiers are ULIDs (TEXT, 26 characters); timestamps are RFC 3339 UTC text.

CREATE TABLE councils (
  council_id TEXT NOT NULL PRIMARY KEY CHECK (length(council_id) = 26),
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE schemes (
  council_id               TEXT    NOT NULL REFERENCES councils (council_id),
  scheme_id                TEXT    NOT NULL CHECK (length(scheme_id) = 26),
  name                     TEXT    NOT NULL,
  kind                     TEXT    NOT NULL
    CHECK (kind IN ('adult-social-care', 'carers', 'personal-health', 'other')),
  weeks_per_year_num       INTEGER NOT NULL CHECK (weeks_per_year_num > 0),
  weeks_per_year_den       INTEGER NOT NULL CHECK (weeks_per_year_den > 0),
  payment_interval         TEXT    NOT NULL
    CHECK (payment_interval IN ('weekly', 'four-weekly', 'monthly', 'annual')),
  surplus_threshold_weeks  INTEGER NOT NULL,
  first_review_weeks       INTEGER NOT NULL,
  review_interval_months   INTEGER NOT NULL,
  created_at               TEXT    NOT NULL,
  PRIMARY KEY (council_id, scheme_id),
  UNIQUE (council_id, name)
) STRICT;
