CREATE TABLE "connectors" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"connector_type" text NOT NULL,
	"instance_name" text NOT NULL,
	"scope" text NOT NULL,
	"auth_type" text NOT NULL,
	"created_by" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"batch_size" integer DEFAULT 100 NOT NULL,
	"auth_username" text DEFAULT '' NOT NULL,
	"auth_password" text,
	"is_configured" boolean NOT NULL,
	"is_authenticated" boolean NOT NULL,
	"supports_agent" boolean NOT NULL,
	"sync_enabled" boolean DEFAULT false NOT NULL,
	"agent_enabled" boolean DEFAULT false NOT NULL,
	"is_active" boolean GENERATED ALWAYS AS (sync_enabled OR agent_enabled) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"last_sync_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connectors_org_scope_creator_idx" ON "connectors" USING btree ("org_id","scope","created_by");--> statement-breakpoint
CREATE INDEX "connectors_org_name_idx" ON "connectors" USING btree ("org_id","instance_name","id");--> statement-breakpoint
CREATE INDEX "connectors_org_created_idx" ON "connectors" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "connectors_org_updated_idx" ON "connectors" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "connectors_org_last_sync_idx" ON "connectors" USING btree ("org_id","last_sync_at","id");--> statement-breakpoint
CREATE INDEX "connectors_org_type_idx" ON "connectors" USING btree ("org_id","connector_type","id");--> statement-breakpoint
CREATE INDEX "connectors_org_status_idx" ON "connectors" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE INDEX "connectors_name_trgm_idx" ON "connectors" USING gin (lower("instance_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("org_id");