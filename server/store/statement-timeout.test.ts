import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../env';
import { createErrorHandler } from '../http/errors';
import { apiAs } from '../testing/api';
import { emptyPostgresDatabase } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { openDatabase, STARTUP_LOCK, type Database } from './database';

const postgresUrl = inject('postgresUrl');
const TIMEOUT_MS = 200;
const tooLong = sql`select pg_sleep(2)`;

it('reads STATEMENT_TIMEOUT_MS: 15 s unless set, 0 for none', () => {
  expect(parseEnv({}).STATEMENT_TIMEOUT_MS).toBe(15_000);
  expect(parseEnv({ STATEMENT_TIMEOUT_MS: '' }).STATEMENT_TIMEOUT_MS).toBe(15_000);
  expect(parseEnv({ STATEMENT_TIMEOUT_MS: '0' }).STATEMENT_TIMEOUT_MS).toBe(0);
  expect(() => parseEnv({ STATEMENT_TIMEOUT_MS: '15s' })).toThrow(/STATEMENT_TIMEOUT_MS/);
});

describe.skipIf(!postgresUrl)('the statement timeout on PostgreSQL', () => {
  let empty: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let database: Database;
  let server: TestServer | undefined;

  beforeAll(async () => {
    empty = await emptyPostgresDatabase(postgresUrl!);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await database?.close();
    await empty?.drop();
  });

  it('does not cut short the wait for another process migrating, nor the migrations', async () => {
    const other = new pg.Client({ connectionString: empty.url });
    await other.connect();
    await other.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    const started = performance.now();
    const opening = openDatabase({ kind: 'postgres', url: empty.url, statementTimeoutMs: TIMEOUT_MS });
    await new Promise((resolve) => setTimeout(resolve, 3 * TIMEOUT_MS));
    await other.end();
    database = await opening;
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * TIMEOUT_MS);
  });

  it('cancels a statement of the pool that runs past it, and the pool goes on', async () => {
    const started = performance.now();
    const error = (await database.db.execute(tooLong).catch((caught: unknown) => caught)) as Error & { cause?: { code?: string } };
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error.cause?.code).toBe('57014');
    const setting = (await database.db.execute(sql`show statement_timeout`)) as unknown as { rows: { statement_timeout: string }[] };
    expect(setting.rows).toEqual([{ statement_timeout: `${TIMEOUT_MS}ms` }]);
  });

  it('maps the cancel to 503 in the one error shape', async () => {
    const logs: string[] = [];
    const app = new Hono();
    app.onError(createErrorHandler((line) => logs.push(line)));
    app.get('/slow', async (c) => {
      await database.db.execute(tooLong);
      return c.json({ success: true }, 200);
    });
    const response = await app.request('/slow');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      success: false,
      error: { code: 'UNAVAILABLE', message: 'The database took too long to answer: narrow the filters or try again' },
    });
    expect(logs).toEqual([expect.stringMatching(/^statement cancelled GET \/slow: canceling statement due to statement timeout/)]);
  });

  it('answers a list that runs too long with 503 through the app', async () => {
    server = await startTestServer({ database: await openDatabase({ kind: 'postgres', url: empty.url, statementTimeoutMs: TIMEOUT_MS }) });
    const admin = apiAs(server, await server.token('admin@acme.test'));
    const { connectors } = server.store;
    const list = connectors.list.bind(connectors);
    // The org's list made slow in the database itself, as a search over a huge org would be.
    connectors.list = async (...args) => {
      await server!.database.db.execute(tooLong);
      return list(...args);
    };
    const slow = await admin('GET', '/connectors');
    expect([slow.status, slow.body]).toEqual([503, { success: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('took too long') } }]);
    connectors.list = list;
    expect((await admin('GET', '/connectors')).status).toBe(200);
  });
});
