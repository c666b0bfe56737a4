import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dumpMigratedPglite, openDatabase, type Database } from '../store/database';

export type Backend = 'pglite' | 'postgres';

let pgliteDump: Promise<Blob> | undefined;

/** A fresh, migrated, empty embedded database; started from one dump per test worker. */
export async function freshPglite(): Promise<Database> {
  pgliteDump ??= dumpMigratedPglite();
  return openDatabase({ kind: 'pglite', loadDataDir: await pgliteDump });
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
  const empty = await emptyPostgresDatabase(serverUrl);
  const database = await openDatabase({ kind: 'postgres', url: empty.url, maxConnections: 20 });
  return {
    ...database,
    async close() {
      await database.close();
      await empty.drop();
    },
  };
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
