CREATE TABLE "connector_activity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "connector_activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" text NOT NULL,
	"connector_id" text NOT NULL,
	"connector_name" text NOT NULL,
	"connector_type" text NOT NULL,
	"scope" text NOT NULL,
	"owner" text NOT NULL,
	"action" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"via" text NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "connector_activity_org_idx" ON "connector_activity" USING btree ("org_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "connector_activity_connector_idx" ON "connector_activity" USING btree ("connector_id","id" DESC NULLS LAST);