ALTER TABLE "orgs" ADD COLUMN "data_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The tallies as in 0004, and now also the version of each org whose connectors the statement changed.
CREATE OR REPLACE FUNCTION "connector_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "connector_tallies" AS t
    SELECT org_id, scope, CASE WHEN scope = 'team' THEN '' ELSE created_by END, connector_type, status,
           sync_enabled, agent_enabled, is_configured, is_authenticated, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
    UPDATE "orgs" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT org_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "connector_tallies" AS t
    SELECT org_id, scope, CASE WHEN scope = 'team' THEN '' ELSE created_by END, connector_type, status,
           sync_enabled, agent_enabled, is_configured, is_authenticated, -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
    UPDATE "orgs" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT org_id FROM old_rows);
  ELSE
    INSERT INTO "connector_tallies" AS t
    SELECT org_id, scope, owner, connector_type, status, sync_enabled, agent_enabled, is_configured, is_authenticated, sum(delta)
    FROM (
      SELECT org_id, scope, CASE WHEN scope = 'team' THEN '' ELSE created_by END AS owner, connector_type, status,
             sync_enabled, agent_enabled, is_configured, is_authenticated, 1 AS delta FROM new_rows
      UNION ALL
      SELECT org_id, scope, CASE WHEN scope = 'team' THEN '' ELSE created_by END, connector_type, status,
             sync_enabled, agent_enabled, is_configured, is_authenticated, -1 FROM old_rows
    ) AS changes
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
    UPDATE "orgs" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT org_id FROM new_rows);
  END IF;
  RETURN NULL;
END;
$$;
