ALTER TABLE "connectors" ADD COLUMN "settings" jsonb DEFAULT '{"auth":{},"sync":{},"filters":{}}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "connectors" ADD COLUMN "secrets" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "connectors" ADD COLUMN "unsealed_secret" text;--> statement-breakpoint
-- The data loader columns become the sync and auth settings of the type's declaration. The stored
-- password cannot be encrypted in SQL: it waits in unsealed_secret until the server seals it.
UPDATE "connectors" SET
  "settings" = jsonb_build_object(
    'auth', CASE WHEN "auth_username" <> '' THEN jsonb_build_object('username', "auth_username") ELSE '{}'::jsonb END,
    'sync', CASE WHEN "source" <> '' THEN jsonb_build_object('source', "source") ELSE '{}'::jsonb END || jsonb_build_object('batchSize', "batch_size"),
    'filters', '{}'::jsonb),
  "unsealed_secret" = "auth_password";--> statement-breakpoint
-- Names become unique per org and scope (per person for personal ones): each later duplicate gets the
-- end of its id, which no other name of the org holds.
WITH "ranked" AS (
  SELECT "id", row_number() OVER (
    PARTITION BY "org_id", "scope", (CASE WHEN "scope" = 'personal' THEN "created_by" ELSE '' END), lower("instance_name")
    ORDER BY "created_at", "id") AS "n"
  FROM "connectors"
)
UPDATE "connectors" SET "instance_name" = "connectors"."instance_name" || ' (' || right("connectors"."id", 6) || ')'
FROM "ranked" WHERE "ranked"."id" = "connectors"."id" AND "ranked"."n" > 1;--> statement-breakpoint
-- Fields the types now require and the old columns never held: Jira and Confluence tokens take their
-- site from the source, and what stays missing makes the connector not configured.
UPDATE "connectors" SET "settings" = jsonb_set("settings", '{auth,siteUrl}', to_jsonb("settings"->'sync'->>'source'))
WHERE "connector_type" IN ('jira', 'confluence') AND "auth_type" = 'API_TOKEN' AND ("settings"->'sync'->>'source') ~ '^https://';--> statement-breakpoint
UPDATE "connectors" SET "is_configured" = false
WHERE ("connector_type" IN ('jira', 'confluence') AND "auth_type" = 'API_TOKEN' AND NOT ("settings"->'auth' ? 'siteUrl' AND "settings"->'auth' ? 'username'))
   OR ("connector_type" = 'google-drive' AND "auth_type" = 'OAUTH_ADMIN_CONSENT');--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_name_key" ON "connectors" USING btree ("org_id","scope",(case when "scope" = 'personal' then "created_by" else '' end),lower("instance_name"));--> statement-breakpoint
ALTER TABLE "connectors" DROP COLUMN "source";--> statement-breakpoint
ALTER TABLE "connectors" DROP COLUMN "batch_size";--> statement-breakpoint
ALTER TABLE "connectors" DROP COLUMN "auth_username";--> statement-breakpoint
ALTER TABLE "connectors" DROP COLUMN "auth_password";
