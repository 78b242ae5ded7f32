-- The directory's full-text index holds the filters and the price order too (issue #7,
-- docs/market.md "How search is fast"), so that a search is one full-text query whose result is
-- small and comes cheapest first.
--
-- 1. A second column, `tags`: tokens the server writes and matches, never a user. A user's words
--    are matched only in the `words` column, so nothing typed can match a tag. Each tag is one
--    token of letters and digits (codes in hex, so "home_safety" is not three words and "North"
--    is not "north"):
--      c<hex council id>       the service's council
--      n<hex need area code>   each need area of the service
--      a<hex area code>        each area the service's provider serves
--      d<0-6>                  each day the service runs (Monday 0 … Sunday 6, services.days' bits)
--      r<1-4>                  the provider's CQC rank is at least this (cqc_rank, 4 outstanding)
--    The store writes a service's tags from the view directory_tags, as this migration does.
--
-- 2. The price in the row number: services.search_rowid (= directory_text's rowid) is
--    price_pence * 2^32 + a number that makes it unique among the services at that price, so the
--    index gives its matches in price order and a highest price is a rowid bound. A service whose
--    price changes gets a new one. (The old numbers, 1 up, are below 2^32 and stay as the unique
--    part.)
CREATE VIEW directory_tags (search_rowid, tags) AS
SELECT s.search_rowid,
       'c' || hex(s.council_id)
       || coalesce(' ' || (SELECT group_concat('n' || hex(n.need_area), ' ')
                           FROM service_need_areas n
                           WHERE n.council_id = s.council_id AND n.service_id = s.service_id), '')
       || coalesce(' ' || (SELECT group_concat('a' || hex(a.area), ' ')
                           FROM provider_areas a
                           WHERE a.council_id = s.council_id AND a.provider_id = s.provider_id), '')
       || coalesce(' ' || (SELECT group_concat('d' || d.column1, ' ')
                           FROM (VALUES (0), (1), (2), (3), (4), (5), (6)) d
                           WHERE (s.days >> d.column1) & 1 = 1), '')
       || coalesce(' ' || (SELECT group_concat('r' || r.column1, ' ')
                           FROM (VALUES (1), (2), (3), (4)) r
                           WHERE p.cqc_rank >= r.column1), '')
FROM services s
JOIN providers p ON p.council_id = s.council_id AND p.provider_id = s.provider_id;

-- The index again: its words as they were, its tags from the view, its rows numbered by price.
ALTER TABLE directory_text RENAME TO directory_text_0026;

CREATE VIRTUAL TABLE directory_text USING fts5 (
  words,
  tags,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO directory_text (rowid, words, tags)
SELECT (s.price_pence << 32) + s.search_rowid, o.words, t.tags
FROM directory_text_0026 o
JOIN services s ON s.search_rowid = o.rowid
JOIN directory_tags t ON t.search_rowid = s.search_rowid;

UPDATE services SET search_rowid = (price_pence << 32) + search_rowid;

DROP TABLE directory_text_0026;
