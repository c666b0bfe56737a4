-- The log keeps each org's last 4,096 versions: every write deletes the one version that leaves them, an index
-- lookup (a range's plan, made once, scans the whole log). Versions rise by one, only here, so none is skipped.
CREATE OR REPLACE FUNCTION "connector_tallies_apply"() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = 'auto' AS $$
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
    DELETE FROM "connector_writes" WHERE "org_id" = bumped_org AND "version" = new_version - 4096;
  END LOOP;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DELETE FROM "connector_writes" w USING "orgs" o WHERE w."org_id" = o."id" AND w."version" <= o."data_version" - 4096;
