DROP INDEX "connectors_org_updated_idx";--> statement-breakpoint
-- Room on each page written from now on (a table rewrite, e.g. VACUUM FULL, extends it to the old ones)
-- for a toggle's new row version, so it can stay a HOT update that writes no index entries.
ALTER TABLE "connectors" SET (fillfactor = 90);
