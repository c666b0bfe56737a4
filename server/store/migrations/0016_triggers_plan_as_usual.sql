-- The embedded database plans every query for its values (plan_cache_mode in database.ts). The tallies
-- trigger's statements do not depend on its variables' values, so it plans them once, as PostgreSQL
-- does by default. A later CREATE OR REPLACE of the function must repeat this SET (a test checks it).
ALTER FUNCTION "connector_tallies_apply"() SET plan_cache_mode = 'auto';
