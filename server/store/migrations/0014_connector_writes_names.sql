ALTER TABLE "connector_writes" ADD COLUMN "instance_name" text;--> statement-breakpoint
-- As in 0012, and each logged change names the connector as written.
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
  INSERT INTO "connector_tallies" AS t
  SELECT org_id, scope, owner, connector_type, status, sync_enabled, agent_enabled, is_configured, is_authenticated, sum("count")
  FROM unnest(deltas) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum("count") <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
  IF TG_OP = 'UPDATE' THEN
    writes := ARRAY(SELECT ROW(n.org_id, 0, n.id, array_remove(ARRAY[
        CASE WHEN n.scope IS DISTINCT FROM o.scope THEN 'scope' END,
        CASE WHEN n.created_by IS DISTINCT FROM o.created_by THEN 'created_by' END,
        CASE WHEN n.instance_name IS DISTINCT FROM o.instance_name THEN 'instance_name' END,
        CASE WHEN n.connector_type IS DISTINCT FROM o.connector_type THEN 'connector_type' END,
        CASE WHEN n.auth_type IS DISTINCT FROM o.auth_type THEN 'auth_type' END,
        CASE WHEN n.status IS DISTINCT FROM o.status THEN 'status' END,
        CASE WHEN n.sync_enabled IS DISTINCT FROM o.sync_enabled THEN 'sync_enabled' END,
        CASE WHEN n.agent_enabled IS DISTINCT FROM o.agent_enabled THEN 'agent_enabled' END,
        CASE WHEN n.is_configured IS DISTINCT FROM o.is_configured THEN 'is_configured' END,
        CASE WHEN n.is_authenticated IS DISTINCT FROM o.is_authenticated THEN 'is_authenticated' END,
        CASE WHEN n.last_sync_at IS DISTINCT FROM o.last_sync_at THEN 'last_sync_at' END,
        CASE WHEN n.created_at IS DISTINCT FROM o.created_at THEN 'created_at' END,
        CASE WHEN n.updated_at IS DISTINCT FROM o.updated_at THEN 'updated_at' END
      ], NULL), n.instance_name)::"connector_writes" FROM new_rows n JOIN old_rows o ON o.id = n.id);
  ELSIF TG_OP = 'INSERT' THEN
    writes := ARRAY(SELECT ROW(n.org_id, 0, n.id, NULL::text[], n.instance_name)::"connector_writes" FROM new_rows n);
  ELSE
    writes := ARRAY(SELECT ROW(o.org_id, 0, o.id, NULL::text[], o.instance_name)::"connector_writes" FROM old_rows o);
  END IF;
  FOR bumped_org, new_version IN
    UPDATE "orgs" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT w.org_id FROM unnest(writes) w) RETURNING "id", "data_version"
  LOOP
    INSERT INTO "connector_writes" SELECT w.org_id, new_version, w.connector_id, w.columns, w.instance_name FROM unnest(writes) w WHERE w.org_id = bumped_org;
    IF new_version % 64 = 0 THEN
      DELETE FROM "connector_writes" WHERE "org_id" = bumped_org AND "version" <= new_version - 4096;
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
