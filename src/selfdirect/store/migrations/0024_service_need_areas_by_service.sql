-- service_need_areas is keyed (council, need area, service) for the directory's need-area
-- filter; rewriting a service's need areas deletes them by (council, service), which without this
-- index read the whole table for every service saved: adding 100,000 services took minutes.
CREATE INDEX service_need_areas_of_service ON service_need_areas (council_id, service_id);
