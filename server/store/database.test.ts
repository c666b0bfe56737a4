import { sql } from 'drizzle-orm';
import { ephemeralSealer } from '../secrets/keys';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { refreshStaleStatistics, type Database } from './database';
import { connectorRow, seedDemo } from './demo-seed';
import { connectors } from './schema';
import { freshPglite } from '../testing/test-database';

let database: Database;
beforeEach(async () => {
  database = await freshPglite();
  await seedDemo(database.db, ephemeralSealer());
});
afterEach(() => database.close());

it('refreshes the planner statistics only when the table grew or shrank past them', async () => {
  expect(await refreshStaleStatistics(database)).toBe(true); // never analyzed
  expect(await refreshStaleStatistics(database)).toBe(false);
  const rows = Array.from({ length: 500 }, (_, index) =>
    connectorRow('org_acme', { name: `Bulk ${index}`, type: 'web', authType: 'NONE', scope: 'team', createdBy: 'usr_admin', config: { source: 'x' } }, ephemeralSealer()),
  );
  await database.db.insert(connectors).values(rows);
  expect(await refreshStaleStatistics(database)).toBe(true);
  expect(await refreshStaleStatistics(database)).toBe(false);
});

it('refreshes them when a statistics object a migration added is still empty, as on a database from before it', async () => {
  await refreshStaleStatistics(database);
  await database.db.execute(sql`drop statistics connectors_scope_creator_stats`);
  await database.db.execute(sql`create statistics connectors_scope_creator_stats (mcv) on scope, created_by from connectors`);
  expect(await refreshStaleStatistics(database)).toBe(true);
  expect(await refreshStaleStatistics(database)).toBe(false);
});
