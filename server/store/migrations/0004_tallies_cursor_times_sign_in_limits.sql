CREATE TABLE "connector_tallies" (
	"org_id" text NOT NULL,
	"scope" text NOT NULL,
	"owner" text NOT NULL,
	"connector_type" text NOT NULL,
	"status" text NOT NULL,
	"sync_enabled" boolean NOT NULL,
	"agent_enabled" boolean NOT NULL,
	"is_configured" boolean NOT NULL,
	"is_authenticated" boolean NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "connector_tallies_pkey" PRIMARY KEY("org_id","scope","owner","connector_type","status","sync_enabled","agent_enabled","is_configured","is_authenticated")
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"window_ends_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connectors" ALTER COLUMN "last_sync_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "connectors" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "connectors" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "connectors" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "connectors" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "orgs" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "orgs" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "expires_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
CREATE INDEX "sign_in_attempts_window_idx" ON "sign_in_attempts" USING btree ("window_ends_at");--> statement-breakpoint
-- The tallies follow every change to `connectors`, in the changing statement's own transaction. One
-- statement-level trigger per event (transition tables allow one event each); the deltas are applied
-- in key order, so that two transactions never wait on each other's tally rows in a circle.
CREATE FUNCTION "connector_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "connector_tallies" AS t
    SELECT org_id, scope, CASE WHEN scope = 'team' THEN '' ELSE created_by END, connector_type, status,
           sync_enabled, agent_enabled, is_configured, is_authenticated, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "connector_tallies" AS t
    SELECT org_id, scope, CASE WHEN scope = 'team' THEN '' ELSE created_by END, connector_type, status,
           sync_enabled, agent_enabled, is_configured, is_authenticated, -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
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
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "connector_tallies_insert" AFTER INSERT ON "connectors" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "connector_tallies_apply"();
--> statement-breakpoint
CREATE TRIGGER "connector_tallies_update" AFTER UPDATE ON "connectors" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "connector_tallies_apply"();
--> statement-breakpoint
CREATE TRIGGER "connector_tallies_delete" AFTER DELETE ON "connectors" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "connector_tallies_apply"();
--> statement-breakpoint
INSERT INTO "connector_tallies"
SELECT org_id, scope, CASE WHEN scope = 'team' THEN '' ELSE created_by END, connector_type, status,
       sync_enabled, agent_enabled, is_configured, is_authenticated, count(*)
FROM "connectors" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
