import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freshPglite } from '../testing/test-database';
import type { Database, Db } from './database';
import { MAX_STATEMENTS } from './prepared-statements';
import { orgs } from './schema';

let database: Database;
beforeEach(async () => {
  database = await freshPglite();
});
afterEach(() => database.close());

const rows = async (db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
const prepared = (db: Db, like: string) => rows(db, sql`select statement from pg_prepared_statements where statement like ${like}`);

it('answers a repeated query as PGlite does, from a statement PostgreSQL parsed once', async () => {
  const typed = (db: Db) =>
    rows(
      db,
      sql`select ${"it's"}::text as text, ${5}::int as number, ${true}::bool as flag, ${JSON.stringify({ a: [1] })}::jsonb as json,
        ${new Date('2026-01-02T03:04:05Z')}::timestamptz as at, array[${'x'}, ${null}]::text[] as list, ${null}::int as nothing`,
    );
  const first = await typed(database.db);
  expect(first).toEqual([{ text: "it's", number: 5, flag: true, json: { a: [1] }, at: '2026-01-02 03:04:05+00', list: ['x', null], nothing: null }]);
  expect(await prepared(database.db, '%as nothing')).toEqual([]);
  expect(await typed(database.db)).toEqual(first);
  expect(await database.db.transaction(typed)).toEqual(first);
  expect(await prepared(database.db, '%as nothing')).toHaveLength(1);
});

it('fails a prepared statement with the database error, undoes its transaction, and keeps the connection', async () => {
  const insert = (db: Db) => db.insert(orgs).values({ id: 'org_same', name: 'Same' });
  await insert(database.db);
  for (let attempt = 0; attempt < 2; attempt++) await expect(insert(database.db)).rejects.toMatchObject({ cause: { code: '23505' } });
  const named = (db: Db) => db.insert(orgs).values({ id: 'org_other', name: 'Other' });
  await expect(
    database.db.transaction(async (tx) => {
      await named(tx);
      await insert(tx);
    }),
  ).rejects.toMatchObject({ cause: { code: '23505' } });
  expect(await rows(database.db, sql`select id from orgs order by id`)).toEqual([{ id: 'org_same' }]);
  await named(database.db);
  expect(await prepared(database.db, 'insert into "orgs"%')).toHaveLength(1);
});

it('keeps at most a bounded number of statements, closing the oldest', async () => {
  for (let index = 0; index < MAX_STATEMENTS + 10; index++) {
    for (let time = 0; time < 2; time++) await database.db.execute(sql.raw(`select ${index} as n`));
  }
  const count = () => rows(database.db, sql`select count(*)::int as count from pg_prepared_statements`);
  await count();
  expect(await count()).toEqual([{ count: MAX_STATEMENTS }]);
});

it('prepares a statement again when its table changed under it', async () => {
  await database.db.execute(sql`create table changing (a int)`);
  await database.db.execute(sql`insert into changing values (1)`);
  const read = () => rows(database.db, sql`select * from changing`);
  expect(await read()).toEqual([{ a: 1 }]);
  expect(await read()).toEqual([{ a: 1 }]);
  await database.db.execute(sql`alter table changing alter column a type text`);
  expect(await read()).toEqual([{ a: '1' }]);
  await database.db.execute(sql`drop table changing`);
});
