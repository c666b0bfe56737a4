import { fileURLToPath } from 'node:url';
import { PGlite, type QueryOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { aroundQueries, preparedStatements, type Queries } from './prepared-statements';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Calls `onMessage` with each NOTIFY on `channel` (sent when its transaction commits); returns how to stop. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const RELISTEN_MS = 1000;

/** LISTEN needs a connection of its own, outside the pool; it is opened again when the server drops it. */
function listenOnPostgres(url: string) {
  return async (channel: string, onMessage: (payload: string) => void) => {
    let stopped = false;
    let client: pg.Client | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (message) => message.channel === channel && message.payload !== undefined && onMessage(message.payload));
      next.on('error', (error) => process.stderr.write(`database: listening connection lost: ${error.message}\n`));
      next.on('end', () => {
        if (!stopped) setTimeout(() => void connect().catch(() => undefined), RELISTEN_MS);
      });
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      client = next;
    };
    await connect();
    return async () => {
      stopped = true;
      await client?.end();
    };
  };
}

export type DatabaseTarget =
  /** Embedded PostgreSQL: on disk in `dataDir`, in memory without one, or started from a dump. */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  /** `statementTimeoutMs` bounds each statement of the pool's (none when left out or 0); not LISTEN's or the migrations'. */
  | { kind: 'postgres'; url: string; maxConnections?: number; statementTimeoutMs?: number };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// PostgreSQL's default 128 MB of shared buffers is sized for a dedicated server; PGlite zeroes all of
// it at start, so it would all be resident. Pages outside them are still read through the OS cache.
// Reads are planned for their values: a generic plan would guess a page's size and a cursor's position
// (transactions plan as PostgreSQL does by default: see transactionsPlannedAsUsual).
const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB', '-c', 'plan_cache_mode=force_custom_plan'];

export type OpenOptions = {
  /** Runs after the migrations, under the same lock (e.g. seeding). */
  setUp?: (db: Db) => Promise<void>;
};

export const STARTUP_LOCK = 7_402_519;
export const DEFAULT_POOL_SIZE = 4;

/** Opens the database and applies every pending migration. */
export async function openDatabase(target: DatabaseTarget, { setUp }: OpenOptions = {}): Promise<Database> {
  if (target.kind === 'postgres') {
    // Writes to one org queue on its version row: more connections than cores only wait longer.
    const pool = new pg.Pool({ connectionString: target.url, max: target.maxConnections ?? DEFAULT_POOL_SIZE, statement_timeout: target.statementTimeoutMs || false });
    // An idle connection that the server drops (a restart, a terminated backend) must not take the
    // process down; the pool replaces it on the next query.
    pool.on('error', (error) => process.stderr.write(`database: idle connection lost: ${error.message}\n`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    try {
      const lockHolder = await pool.connect();
      try {
        // Waiting for another process's migrations and running a long one are not what the timeout is
        // for; the setting leaves with this connection, which is closed, not returned to the pool.
        await lockHolder.query('set statement_timeout = 0');
        await lockHolder.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
        await migratePg(drizzlePg(lockHolder, { schema }), { migrationsFolder });
        await setUp?.(db);
      } finally {
        lockHolder.release(true);
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db, kind: 'postgres', listen: listenOnPostgres(target.url), close: () => pool.end() };
  }
  const client = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    extensions: { pg_trgm },
    startParams: pgliteStartParams,
  });
  const db = drizzlePglite(parsersKept(client, transactionsPlannedAsUsual(preparedStatements(client))) as PGlite, { schema });
  await migratePglite(db, { migrationsFolder });
  await setUp?.(db as unknown as Db);
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    async listen(channel, onMessage) {
      const stop = await client.listen(channel, onMessage);
      return async () => stop();
    },
    close: () => client.close(),
  };
}

// Transactions write rows they find by key (or walk a key in order): PostgreSQL's own choice may plan them once.
function transactionsPlannedAsUsual(target: Queries): Queries {
  return {
    query: target.query,
    transaction: (callback) =>
      target.transaction(async (tx) => {
        await tx.exec('set local plan_cache_mode = auto');
        return callback(tx);
      }),
  };
}

// drizzle sends the same parsers with every query, which PGlite merges into its own 318 each time.
function parsersKept(client: PGlite, target: Queries): Queries {
  return aroundQueries(target, (query) => (text, params, options?: QueryOptions) => {
    if (!options?.parsers) return query(text, params, options);
    Object.assign(client.parsers, options.parsers);
    return query(text, params, { ...options, parsers: undefined });
  });
}

/**
 * Refreshes the planner's statistics. PostgreSQL servers do this themselves (autovacuum); the
 * embedded database does not, and without statistics a list over many connectors reads and sorts
 * every row instead of walking an index.
 */
export async function refreshStatistics(database: Database): Promise<void> {
  await database.db.execute(sql`analyze`);
}

/**
 * Refreshes the statistics when the planner's idea of the connectors table's size is missing or off
 * by more than a fifth, as autovacuum would, or when a statistics object has never been filled.
 */
export async function refreshStaleStatistics(database: Database): Promise<boolean> {
  const result = (await database.db.execute(
    sql`select c.reltuples::float8 as estimated, (select count(*) from connectors)::float8 as actual,
          exists (select from pg_statistic_ext s left join pg_statistic_ext_data d on d.stxoid = s.oid
                  where s.stxrelid = c.oid and d.stxoid is null) as "unfilled"
        from pg_class c where c.relname = 'connectors'`,
  )) as unknown as { rows: { estimated: number; actual: number; unfilled: boolean }[] };
  const sizes = result.rows[0];
  const sizeKnown = sizes && sizes.estimated >= 0 && Math.abs(sizes.actual - sizes.estimated) <= Math.max(50, sizes.actual * 0.2);
  if (sizeKnown && !sizes.unfilled) return false;
  await refreshStatistics(database);
  return true;
}

/** A migrated, empty embedded database as a dump, to start test databases from in a fraction of the time. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const client = await PGlite.create({ extensions: { pg_trgm }, startParams: pgliteStartParams });
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}
