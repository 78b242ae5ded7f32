-- Published Resource Allocation System models. Every version is kept: an indicative budget
-- records the model version it was worked out with, and the current version is the highest.

CREATE TABLE ras_model_versions (
  council_id        TEXT    NOT NULL REFERENCES councils (council_id),
  model_id          TEXT    NOT NULL CHECK (length(model_id) BETWEEN 1 AND 64),
  version           INTEGER NOT NULL CHECK (version > 0),
  title             TEXT    NOT NULL,
  period            TEXT    NOT NULL CHECK (period IN ('weekly', 'annual')),
  effective_from    TEXT    NOT NULL,
  source            TEXT    NOT NULL,
  published_at      TEXT    NOT NULL,
  published_by      TEXT    NOT NULL,
  published_by_name TEXT    NOT NULL,
  PRIMARY KEY (council_id, model_id, version)
) STRICT;
