-- The provider register, services and the public directory (issue #7, docs/market.md;
-- market/providers.h, market/services.h, market/search.h, app/market.h). Nothing here is about a
-- person: the directory is public.

CREATE TABLE providers (
  council_id      TEXT    NOT NULL REFERENCES councils (council_id),
  provider_id     TEXT    NOT NULL CHECK (length(provider_id) = 26),
  name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 140),
  name_key        TEXT    NOT NULL,  -- market::NameKey(name): lower case, single spaces
  description     TEXT    NOT NULL,
  cqc_location_id TEXT    CHECK (cqc_location_id IS NULL OR cqc_location_id GLOB '1-[0-9]*'),
  cqc_rating      TEXT    CHECK (cqc_rating IS NULL OR cqc_rating IN
                            ('outstanding', 'good', 'requires_improvement', 'inadequate',
                             'not_yet_rated')),
  -- market::CqcRatingRank (4 outstanding … 1 inadequate; 0 not yet rated or no rating), for the
  -- "at least" filter.
  cqc_rank        INTEGER NOT NULL CHECK (cqc_rank BETWEEN 0 AND 4),
  cqc_rated_on    TEXT,
  areas           TEXT    NOT NULL,  -- the area codes, space-separated, as entered
  phone           TEXT    NOT NULL,
  email           TEXT    NOT NULL,
  address         TEXT    NOT NULL,
  contract        TEXT    NOT NULL CHECK (contract IN ('framework', 'spot')),
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  PRIMARY KEY (council_id, provider_id),
  UNIQUE (council_id, cqc_location_id)
) STRICT;

CREATE INDEX providers_by_name ON providers (council_id, name_key);

-- One row per area a provider serves, for the area filter.
CREATE TABLE provider_areas (
  council_id  TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  area        TEXT NOT NULL,
  PRIMARY KEY (council_id, area, provider_id),
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, provider_id)
    ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX provider_areas_of ON provider_areas (council_id, provider_id);

CREATE TABLE provider_documents (
  council_id  TEXT    NOT NULL,
  provider_id TEXT    NOT NULL,
  position    INTEGER NOT NULL CHECK (position >= 0),
  kind        TEXT    NOT NULL CHECK (kind IN ('insurance', 'contract', 'other')),
  title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 140),
  expires_on  TEXT    NOT NULL,
  PRIMARY KEY (council_id, provider_id, position),
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, provider_id)
    ON DELETE CASCADE
) STRICT;

CREATE INDEX provider_documents_by_expiry ON provider_documents (council_id, expires_on);

CREATE TABLE services (
  council_id    TEXT    NOT NULL,
  service_id    TEXT    NOT NULL CHECK (length(service_id) = 26),
  provider_id   TEXT    NOT NULL,
  -- The row of directory_text that holds the service's words (one number across councils).
  search_rowid  INTEGER NOT NULL UNIQUE,
  what          TEXT    NOT NULL CHECK (length(what) BETWEEN 1 AND 140),
  description   TEXT    NOT NULL,
  unit          TEXT    NOT NULL CHECK (unit IN ('hour', 'day', 'session', 'item', 'week')),
  price_pence   INTEGER NOT NULL CHECK (price_pence > 0),
  availability  TEXT    NOT NULL,
  days          INTEGER NOT NULL CHECK (days BETWEEN 0 AND 127),  -- Monday bit 0 … Sunday bit 6
  need_areas    TEXT    NOT NULL,  -- the need area codes, space-separated, as entered
  service_type  TEXT    NOT NULL,
  approved      INTEGER NOT NULL CHECK (approved IN (0, 1)),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  PRIMARY KEY (council_id, service_id),
  FOREIGN KEY (council_id, provider_id) REFERENCES providers (council_id, provider_id)
    ON DELETE CASCADE
) STRICT;

CREATE INDEX services_of_provider ON services (council_id, provider_id);
CREATE INDEX services_by_price ON services (council_id, price_pence);

-- One row per need area a service serves, for the need filter.
CREATE TABLE service_need_areas (
  council_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  need_area  TEXT NOT NULL,
  PRIMARY KEY (council_id, need_area, service_id),
  FOREIGN KEY (council_id, service_id) REFERENCES services (council_id, service_id)
    ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- The words a search matches: the provider's name and description and the service's name,
-- description, type, need areas and availability; rowid = services.search_rowid. Kept by the
-- store on every write of a provider or a service.
CREATE VIRTUAL TABLE directory_text USING fts5 (
  words,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Per scheme: whether purchases from providers must be on the approved list (off when no row).
CREATE TABLE approved_list_settings (
  council_id TEXT    NOT NULL,
  scheme_id  TEXT    NOT NULL,
  required   INTEGER NOT NULL CHECK (required IN (0, 1)),
  updated_at TEXT    NOT NULL,
  updated_by TEXT    NOT NULL,
  PRIMARY KEY (council_id, scheme_id),
  FOREIGN KEY (council_id, scheme_id) REFERENCES schemes (council_id, scheme_id)
) STRICT;
