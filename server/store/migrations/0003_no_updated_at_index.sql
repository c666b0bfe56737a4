DROP INDEX "connectors_org_updated_idx";--> statement-breakpoint
-- Room on each page for a toggle's new row version, so it can stay a HOT update (no index entries).
ALTER TABLE "connectors" SET (fillfactor = 90);
