-- The log holds each changed connector as it was before and after the change, instead of the names of the
-- changed columns: a cached page can tell whether a change moved a row into its range, and cached counts
-- can be corrected by it. Entries of the old shape cannot say that; a read cache missing them starts afresh.
DELETE FROM "connector_writes";--> statement-breakpoint
ALTER TABLE "connector_writes" DROP COLUMN "columns";--> statement-breakpoint
ALTER TABLE "connector_writes" DROP COLUMN "instance_name";--> statement-breakpoint
-- A composite row, not jsonb: building one adds a fifth of what a JSON object adds to a write.
CREATE TYPE "connector_state" AS (
  "scope" text, "createdBy" text, "instanceName" text, "connectorType" text, "authType" text, "status" text,
  "syncEnabled" boolean, "agentEnabled" boolean, "isConfigured" boolean, "isAuthenticated" boolean,
  "lastSyncAt" timestamp (3) with time zone, "createdAt" timestamp (3) with time zone, "updatedAt" timestamp (3) with time zone
);--> statement-breakpoint
ALTER TABLE "connector_writes" ADD COLUMN "before" "connector_state";--> statement-breakpoint
ALTER TABLE "connector_writes" ADD COLUMN "after" "connector_state";--> statement-breakpoint
-- The fields lists and counts depend on (LoggedState in schema.ts).
CREATE FUNCTION "connector_state_of"(c "connectors") RETURNS "connector_state" LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(c.scope, c.created_by, c.instance_name, c.connector_type, c.auth_type, c.status, c.sync_enabled, c.agent_enabled,
             c.is_configured, c.is_authenticated, c.last_sync_at, c.created_at, c.updated_at)::"connector_state"
$$;
--> statement-breakpoint
-- As in 0014, with each connector's state before and after the change.
CREATE OR REPLACE FUNCTION "connector_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas "connector_tallies"[] := '{}';
  writes "connector_writes"[];
  bumped_org text;
  new_version bigint;
BEGIN
  -- An upsert fires the insert trigger too, with no rows when it only updated.
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT FROM new_rows) THEN RETURN NULL; END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN deltas := deltas || ARRAY(SELECT "connector_tally"(n, 1) FROM new_rows n); END IF;
  IF TG_OP <> 'INSERT' THEN deltas := deltas || ARRAY(SELECT "connector_tally"(o, -1) FROM old_rows o); END IF;
  IF TG_OP = 'UPDATE' THEN
    writes := ARRAY(SELECT ROW(n.org_id, 0, n.id, "connector_state_of"(o), "connector_state_of"(n))::"connector_writes"
                    FROM new_rows n JOIN old_rows o ON o.id = n.id);
  ELSIF TG_OP = 'INSERT' THEN
    writes := ARRAY(SELECT ROW(n.org_id, 0, n.id, NULL::"connector_state", "connector_state_of"(n))::"connector_writes" FROM new_rows n);
  ELSE
    writes := ARRAY(SELECT ROW(o.org_id, 0, o.id, "connector_state_of"(o), NULL::"connector_state")::"connector_writes" FROM old_rows o);
  END IF;
  -- The states are built before the shared tally and version rows are locked, so those locks are held briefly.
  INSERT INTO "connector_tallies" AS t
  SELECT org_id, scope, owner, connector_type, status, sync_enabled, agent_enabled, is_configured, is_authenticated, sum("count")
  FROM unnest(deltas) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum("count") <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
  FOR bumped_org, new_version IN
    UPDATE "orgs" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT w.org_id FROM unnest(writes) w) RETURNING "id", "data_version"
  LOOP
    INSERT INTO "connector_writes" ("org_id", "version", "connector_id", "before", "after")
    SELECT w.org_id, new_version, w.connector_id, w.before, w.after FROM unnest(writes) w WHERE w.org_id = bumped_org;
    IF new_version % 64 = 0 THEN
      DELETE FROM "connector_writes" WHERE "org_id" = bumped_org AND "version" <= new_version - 4096;
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
