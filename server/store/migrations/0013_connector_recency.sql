CREATE TABLE "connector_recency" (
	"connector_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
INSERT INTO "connector_recency" ("connector_id", "org_id", "updated_at") SELECT "id", "org_id", "updated_at" FROM "connectors";--> statement-breakpoint
ALTER TABLE "connector_recency" ADD CONSTRAINT "connector_recency_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connector_recency_org_updated_idx" ON "connector_recency" USING btree ("org_id","updated_at","connector_id");--> statement-breakpoint
-- Kept in the transaction of every write to "connectors"; deletions follow through the foreign key.
CREATE FUNCTION "connector_recency_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "connector_recency" ("connector_id", "org_id", "updated_at") SELECT id, org_id, updated_at FROM new_rows;
  ELSE
    UPDATE "connector_recency" r SET "updated_at" = n.updated_at FROM new_rows n
    WHERE r.connector_id = n.id AND r.updated_at IS DISTINCT FROM n.updated_at;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "connector_recency_insert" AFTER INSERT ON "connectors" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "connector_recency_apply"();--> statement-breakpoint
CREATE TRIGGER "connector_recency_update" AFTER UPDATE ON "connectors" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "connector_recency_apply"();
