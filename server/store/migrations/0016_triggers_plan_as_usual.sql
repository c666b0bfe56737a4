-- Unlike every other query of the embedded database (database.ts), the tallies trigger's statements do not
-- depend on their values: planned once, as by default. A CREATE OR REPLACE must repeat this (tested).
ALTER FUNCTION "connector_tallies_apply"() SET plan_cache_mode = 'auto';
