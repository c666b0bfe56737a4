import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { openDatabase, type Database } from '../store/database';

export type Backend = 'pglite' | 'postgres';

let pgliteDump: Promise<Blob> | undefined;
// A closed test database is emptied and handed to the next test of its file: far quicker than a new one.
type Kept = { database: Database; migratedTables: string };
const emptied: Record<Backend, Kept[]> = { pglite: [], postgres: [] };

/** A fresh, migrated, empty embedded database; started from the run's dump. */
export async function freshPglite(): Promise<Database> {
  const kept = emptied.pglite.pop();
  if (kept) return reusable(kept);
  pgliteDump ??= runDump();
  return reusable(await keep(await openDatabase({ kind: 'pglite', loadDataDir: await pgliteDump })));
}

export async function closeEmptiedDatabases(): Promise<void> {
  await Promise.all(Object.values(emptied).flatMap((kept) => kept.splice(0)).map(({ database }) => database.close()));
}

async function keep(database: Database): Promise<Kept> {
  return { database, migratedTables: await tablesOf(database) };
}

async function tablesOf(database: Database): Promise<string> {
  const [row] = await selectRows<{ names: string | null }>(database, "select string_agg(tablename, ',' order by tablename) as names from pg_tables where schemaname = 'public'");
  return row?.names ?? '';
}

function reusable(kept: Kept): Database {
  const { database } = kept;
  const stops: (() => Promise<void>)[] = [];
  let closed = false;
  const db = new Proxy(database.db, {
    get(target, key, receiver) {
      if (closed) throw new Error('This test database is closed');
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return {
    ...database,
    db,
    async listen(channel, onMessage) {
      const stop = await database.listen(channel, onMessage);
      stops.push(stop);
      return stop;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await Promise.all(stops.map((stop) => stop()));
        if ((await tablesOf(database)) !== kept.migratedTables) throw new Error('its tables changed');
        await empty(database);
        emptied[database.kind].push(kept);
      } catch (error) {
        process.stderr.write(`test database closed, not reused: ${String(error)}\n`);
        await database.close();
      }
    },
  };
}

async function empty({ db }: Database): Promise<void> {
  await db.execute(sql`do $$ begin
    execute (select 'truncate ' || string_agg(format('%I', tablename), ', ') || ' restart identity cascade' from pg_tables where schemaname = 'public');
  end $$`);
  await db.execute(sql`delete from pg_statistic where starelid in (select oid from pg_class where relnamespace = 'public'::regnamespace)`);
  await db.execute(sql`delete from pg_statistic_ext_data where stxoid in (select oid from pg_statistic_ext where stxnamespace = 'public'::regnamespace)`);
  await db.execute(sql`reset all`);
  await db.execute(sql`select pg_advisory_unlock_all()`);
}

async function runDump(): Promise<Blob> {
  // Imported here, not above: scripts outside the test runner use this module too.
  const { inject } = await import('vitest');
  return new Blob([await readFile(inject('pgliteDumpPath'))]);
}

/** An empty database (nothing migrated) on the PostgreSQL server at `serverUrl`, and how to drop it. */
export async function emptyPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A fresh, migrated database on the PostgreSQL server at `serverUrl`, dropped again on close. */
export async function freshPostgres(serverUrl: string): Promise<Database> {
  const kept = emptied.postgres.pop();
  if (kept) return reusable(kept);
  const created = await emptyPostgresDatabase(serverUrl);
  const database = await openDatabase({ kind: 'postgres', url: created.url, maxConnections: 20 });
  return reusable(await keep({
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  }));
}

export function freshDatabase(backend: Backend, postgresUrl: string | null): Promise<Database> {
  if (backend === 'pglite') return freshPglite();
  if (!postgresUrl) throw new Error('No PostgreSQL server for this test run');
  return freshPostgres(postgresUrl);
}

/** Raw rows of a query, the same for both drivers; for tests that look behind the API. */
export async function selectRows<T>(database: Database, query: string): Promise<T[]> {
  const result = (await database.db.execute(sql.raw(query))) as unknown as { rows: T[] };
  return result.rows;
}
