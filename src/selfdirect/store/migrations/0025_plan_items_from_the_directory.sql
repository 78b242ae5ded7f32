-- A plan item may name the directory's service it buys (chosen in the marketplace), and says what
-- kind of support it is (a market service type: home care, day centre, …), so that commissioners
-- can see demand per kind of support and which items are still "to be chosen". Both are optional:
-- a gym pass or a laptop is not in any directory. The kind is the service's own when a service
-- is named.
ALTER TABLE plan_items ADD COLUMN service_id TEXT CHECK (service_id IS NULL OR length(service_id) = 26);
ALTER TABLE plan_items ADD COLUMN service_type TEXT NOT NULL DEFAULT '';

CREATE INDEX plan_items_by_service ON plan_items (council_id, service_id) WHERE service_id IS NOT NULL;
