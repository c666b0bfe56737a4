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
ALTER TABLE "orgs" ADD COLUMN "data_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "sign_in_attempts_window_idx" ON "sign_in_attempts" USING btree ("window_ends_at");--> statement-breakpoint
-- The tally row a connector counts in, with `delta` as its count.
CREATE FUNCTION "connector_tally"(c "connectors", delta integer) RETURNS "connector_tallies" LANGUAGE sql IMMUTABLE AS $$
  SELECT c.org_id, c.scope, CASE WHEN c.scope = 'team' THEN '' ELSE c.created_by END, c.connector_type, c.status,
         c.sync_enabled, c.agent_enabled, c.is_configured, c.is_authenticated, delta
$$;
--> statement-breakpoint
-- Keeps the tallies and the orgs' data versions in the changing statement's transaction. Deltas are
-- applied in key order, so that two transactions never wait on each other's tally rows in a circle.
CREATE FUNCTION "connector_tallies_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas "connector_tallies"[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN deltas := deltas || ARRAY(SELECT "connector_tally"(n, 1) FROM new_rows n); END IF;
  IF TG_OP <> 'INSERT' THEN deltas := deltas || ARRAY(SELECT "connector_tally"(o, -1) FROM old_rows o); END IF;
  INSERT INTO "connector_tallies" AS t
  SELECT org_id, scope, owner, connector_type, status, sync_enabled, agent_enabled, is_configured, is_authenticated, sum("count")
  FROM unnest(deltas) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum("count") <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT ON CONSTRAINT "connector_tallies_pkey" DO UPDATE SET "count" = t."count" + excluded."count";
  UPDATE "orgs" SET "data_version" = "data_version" + 1 WHERE "id" IN (SELECT org_id FROM unnest(deltas));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Transition tables allow one event per trigger.
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
SELECT org_id, scope, owner, connector_type, status, sync_enabled, agent_enabled, is_configured, is_authenticated, sum("count")
FROM (SELECT ("connector_tally"(c, 1)).* FROM "connectors" c) AS each_connector
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
