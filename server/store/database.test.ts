import { sql } from 'drizzle-orm';
import { ephemeralSealer } from '../secrets/keys';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { refreshStaleStatistics, type Database, type Db } from './database';
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

it('leaves dates, times and intervals to drizzle as text, in and out of a transaction, and parses the rest', async () => {
  const read = async (db: Db) =>
    (
      (await db.execute(sql`select timestamp '2026-01-02 03:04:05.678' as plain, timestamptz '2026-01-02 03:04:05.678+00' as zoned,
        date '2026-01-02' as day, interval '1 day' as span, array[timestamptz '2026-01-02 03:04:05+00'] as zoned_list,
        7::int as number, true as flag, '{"a":[1]}'::jsonb as json`)) as unknown as { rows: unknown[] }
    ).rows[0];
  const expected = {
    plain: '2026-01-02 03:04:05.678',
    zoned: '2026-01-02 03:04:05.678+00',
    day: '2026-01-02',
    span: '1 day',
    zoned_list: '{"2026-01-02 03:04:05+00"}',
    number: 7,
    flag: true,
    json: { a: [1] },
  };
  expect(await read(database.db)).toEqual(expected);
  expect(await database.db.transaction(read)).toEqual(expected);
  const created = (db: Db) => db.select({ createdAt: connectors.createdAt, text: sql<string>`${connectors.createdAt}::text` }).from(connectors).limit(1);
  for (const [row] of [await created(database.db), await database.db.transaction(created)]) {
    expect(row!.createdAt).toEqual(new Date(row!.text.replace(' ', 'T').replace(/\+00$/, 'Z')));
  }
});

it("plans statements outside a transaction for their values, but a transaction's and the tallies trigger's as PostgreSQL chooses", async () => {
  const setting = async (query: string, db: Db = database.db) => ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows[0];
  expect(await setting('show plan_cache_mode')).toEqual({ plan_cache_mode: 'force_custom_plan' });
  expect(await database.db.transaction((tx) => setting('show plan_cache_mode', tx))).toEqual({ plan_cache_mode: 'auto' });
  expect(await setting('show plan_cache_mode')).toEqual({ plan_cache_mode: 'force_custom_plan' });
  await expect(database.db.transaction(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  expect(await setting('show plan_cache_mode')).toEqual({ plan_cache_mode: 'force_custom_plan' });
  expect(await setting("select proconfig from pg_proc where proname = 'connector_tallies_apply'")).toEqual({ proconfig: ['plan_cache_mode=auto'] });
});
