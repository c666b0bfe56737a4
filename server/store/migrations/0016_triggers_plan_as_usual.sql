-- The embedded database plans every query for its values (plan_cache_mode in database.ts); the trigger
-- functions' statements do not depend on them, and planned once they make a write's UPDATE a third cheaper.
ALTER FUNCTION "connector_tallies_apply"() SET plan_cache_mode = 'auto';--> statement-breakpoint
ALTER FUNCTION "connector_recency_apply"() SET plan_cache_mode = 'auto';
