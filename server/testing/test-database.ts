import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { dumpMigratedPglite, openDatabase, type Database } from '../store/database';

export type Backend = 'pglite' | 'postgres';

let pgliteDump: Promise<Blob> | undefined;
// Starting a test database takes 0.3-1 s and emptying one a few milliseconds, so a test database,
// once closed, is emptied and handed to the next test of the same file.
const emptied: Record<Backend, Database[]> = { pglite: [], postgres: [] };

/** A fresh, migrated, empty embedded database; started from the run's dump when there is one. */
export async function freshPglite(): Promise<Database> {
  const reused = emptied.pglite.pop();
  if (reused) return reusable(reused);
  pgliteDump ??= runDump();
  return reusable(await openDatabase({ kind: 'pglite', loadDataDir: await pgliteDump }));
}

/** Closes for good the databases kept for a next test; after the last test of a file. */
export async function closeEmptiedDatabases(): Promise<void> {
  await Promise.all([...emptied.pglite.splice(0), ...emptied.postgres.splice(0)].map((database) => database.close()));
}

function reusable(database: Database): Database {
  const stops: (() => Promise<void>)[] = [];
  let closed = false;
  return {
    ...database,
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
        await empty(database);
        emptied[database.kind].push(database);
      } catch {
        await database.close();
      }
    },
  };
}

/** Back to just migrated: no rows, sequences from 1, no statistics, no session settings or locks. */
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
  const path = inject('pgliteDumpPath');
  return path ? new Blob([await readFile(path)]) : dumpMigratedPglite();
}

/**
 * A new database on the PostgreSQL server at `serverUrl`, empty or a copy of `template`, and how to
 * drop it.
 */
export async function emptyPostgresDatabase(serverUrl: string, template?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
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
  await admin(template ? `create database ${name} template ${template} strategy file_copy` : `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A fresh, migrated database on the PostgreSQL server at `serverUrl`, dropped again on close. */
export async function freshPostgres(serverUrl: string): Promise<Database> {
  const reused = emptied.postgres.pop();
  if (reused) return reusable(reused);
  const { inject } = await import('vitest');
  const created = await emptyPostgresDatabase(serverUrl, inject('postgresTemplate') ?? undefined);
  const database = await openDatabase({ kind: 'postgres', url: created.url, maxConnections: 20 });
  return reusable({
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  });
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
