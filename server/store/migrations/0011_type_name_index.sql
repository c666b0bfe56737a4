CREATE INDEX "connectors_org_type_name_idx" ON "connectors" USING btree ("org_id","connector_type","instance_name","id");--> statement-breakpoint
-- Who created a connector and its scope go together (team connectors are mostly admins'): without
-- this, the planner took an admin's few personal connectors for thousands and read the org in name order.
CREATE STATISTICS "connectors_scope_creator_stats" (mcv) ON "scope", "created_by" FROM "connectors";
