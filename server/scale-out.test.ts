import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoConnectorSeeds } from './store/demo-seed';
import { emptyPostgresDatabase } from './testing/test-database';
import { startServerProcess, waitForOutput, type ServerProcess } from './testing/server-process';


const postgresUrl = inject('postgresUrl');
const journal = JSON.parse(readFileSync(new URL('./store/migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };

type Reply = { status: number; body: any; headers: Headers };

async function call(base: string, method: string, path: string, { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function query<T>(url: string, statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresUrl)('several server processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let servers: ServerProcess[] = [];
  let token: string;
  const on = (index: number) => servers[index % servers.length]!.url;

  beforeAll(async () => {
    database = await emptyPostgresDatabase(postgresUrl!);
    servers = await Promise.all([0, 1, 2].map(() => startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: '1' })));
    const signIn = await call(on(0), 'POST', '/auth/login', { body: { email: 'admin@acme.test', password: 'demo-password' } });
    expect(signIn.status).toBe(200);
    token = signIn.body.token;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  const idOf = async (name: string) => {
    const { body } = await call(on(0), 'GET', `/connectors?search=${encodeURIComponent(name)}`, { token });
    return (body.connectors as { connectorId: string; instanceName: string }[]).find((connector) => connector.instanceName === name)!.connectorId;
  };

  it('migrates and seeds once when all start at the same moment', async () => {
    const migrations = await query<{ count: number }>(database.url, 'select count(*)::int as count from drizzle.__drizzle_migrations');
    expect(migrations[0]!.count).toBe(journal.entries.length);
    const orgs = await query<{ count: number }>(database.url, 'select count(*)::int as count from orgs');
    const connectors = await query<{ count: number }>(database.url, 'select count(*)::int as count from connectors');
    expect([orgs[0]!.count, connectors[0]!.count]).toEqual([1, demoConnectorSeeds.length]);
    expect(servers.map((server) => server.output()).filter((output) => output.includes('seeded the demo org'))).toHaveLength(1);
  });

  it('lets exactly one of 100 PATCHes with the same If-Match through, whichever process each reaches', async () => {
    const id = await idOf('Support Jira');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        call(on(index), 'PATCH', `/connectors/${id}`, { token, body: { instanceName: `Edit ${index}` }, headers: { 'if-match': '"1"' } }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(99);
    const winner = results.find((result) => result.status === 200)!.body.connector;
    for (const index of [0, 1, 2]) {
      expect((await call(on(index), 'GET', `/connectors/${id}`, { token })).body.connector).toMatchObject({ version: 2, instanceName: winner.instanceName });
    }
  });

  it('ends concurrent set-toggles across processes in the last acknowledged state, one version per change', async () => {
    const id = await idOf('Company Drive');
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, index) =>
        call(on(index), 'POST', `/connectors/${id}/toggle`, { token, body: { type: index % 3 === 0 ? 'agent' : 'sync', enabled: index % 2 === 0 } }),
      ),
    );
    expect(results.map((result) => result.status).every((status) => status === 200)).toBe(true);
    const changes = results.filter((result) => !result.body.message.includes('already'));
    const last = results.map((result) => result.body.connector).reduce((latest, connector) => (connector.version > latest.version ? connector : latest));
    expect(new Set(changes.map((result) => result.body.connector.version)).size).toBe(changes.length);
    for (const index of [0, 1, 2]) {
      const stored = (await call(on(index), 'GET', `/connectors/${id}`, { token })).body.connector;
      expect(stored.version).toBe(1 + changes.length);
      expect(stored).toEqual(last);
    }
  });

  it('shows a write made through one process in the counts and lists of the others at once', async () => {
    const id = await idOf('Analytics Warehouse');
    const syncing = async (index: number) => (await call(on(index), 'GET', '/connectors/counts', { token })).body.counts.syncing as number;
    const total = async (index: number) => (await call(on(index), 'GET', '/connectors?syncEnabled=true&limit=1', { token })).body.pagination.totalCount as number;
    const shown = async (index: number) =>
      ((await call(on(index), 'GET', '/connectors?scope=team&limit=200', { token })).body.connectors as { connectorId: string; syncEnabled: boolean }[]).find(
        (connector) => connector.connectorId === id,
      )!.syncEnabled;
    const before = await syncing(1);
    const current = (await call(on(0), 'GET', `/connectors/${id}`, { token })).body.connector.syncEnabled as boolean;
    expect([await shown(1), await shown(2)]).toEqual([current, current]);
    expect((await call(on(0), 'POST', `/connectors/${id}/toggle`, { token, body: { type: 'sync', enabled: !current } })).status).toBe(200);
    const expected = before + (current ? -1 : 1);
    expect([await syncing(1), await syncing(2), await total(1), await total(2)]).toEqual([expected, expected, expected, expected]);
    expect([await shown(1), await shown(2)]).toEqual([!current, !current]);
  });

  it('keeps the counts exact under concurrent toggles of many connectors through every process', async () => {
    const { body } = await call(on(0), 'GET', '/connectors?scope=team&isConfigured=true&isAuthenticated=true&limit=200', { token });
    const ready = body.connectors as { connectorId: string; supportsAgent: boolean }[];
    expect(ready.length).toBeGreaterThan(10);
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, index) => {
        const connector = ready[index % ready.length]!;
        const type = connector.supportsAgent && index % 2 === 0 ? 'agent' : 'sync';
        return call(on(index), 'POST', `/connectors/${connector.connectorId}/toggle`, { token, body: { type } });
      }),
    );
    expect(results.filter((result) => result.status !== 200).map((result) => result.body)).toEqual([]);
    const [scan] = await query<{ total: number; syncing: number; agent: number }>(
      database.url,
      "select count(*)::int as total, (count(*) filter (where sync_enabled))::int as syncing, (count(*) filter (where agent_enabled))::int as agent from connectors where scope = 'team' or created_by = 'usr_admin'",
    );
    for (const index of [0, 1, 2]) {
      const { counts } = (await call(on(index), 'GET', '/connectors/counts', { token })).body;
      expect(counts).toMatchObject({ total: scan!.total, syncing: scan!.syncing, agentEnabled: scan!.agent });
    }
  });

  it('signs a token out on every process when it signs out on one', async () => {
    const signIn = await call(on(1), 'POST', '/auth/login', { body: { email: 'alice@acme.test', password: 'demo-password' } });
    const alice = signIn.body.token as string;
    expect((await call(on(2), 'GET', '/auth/me', { token: alice })).status).toBe(200);
    expect((await call(on(0), 'POST', '/auth/logout', { token: alice })).status).toBe(200);
    for (const index of [0, 1, 2]) expect((await call(on(index), 'GET', '/auth/me', { token: alice })).status).toBe(401);
  });

  it('holds the sign-in limit across processes, also against a parallel burst', async () => {
    const attempt = (index: number) => call(on(index), 'POST', '/auth/login', { body: { email: 'bob@acme.test', password: `guess-${index}` } });
    const burst = await Promise.all(Array.from({ length: 15 }, (_, index) => attempt(index)));
    const statuses = burst.map((result) => result.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    for (const index of [0, 1, 2]) {
      const right = await call(on(index), 'POST', '/auth/login', { body: { email: 'bob@acme.test', password: 'demo-password' } });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!postgresUrl)('WORKERS=3', () => {
  it('runs three processes on one port that migrate once, replace a dead one and stop together', async () => {
    const database = await emptyPostgresDatabase(postgresUrl!);
    const server = await startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: '1', WORKERS: '3' });
    const adminSees = demoConnectorSeeds.filter((seed) => seed.scope === 'team' || seed.createdBy === 'usr_admin').length;
    try {
      const migrations = await query<{ count: number }>(database.url, 'select count(*)::int as count from drizzle.__drizzle_migrations');
      expect(migrations[0]!.count).toBe(journal.entries.length);
      const signIn = await call(server.url, 'POST', '/auth/login', { body: { email: 'admin@acme.test', password: 'demo-password' } });
      expect(signIn.status).toBe(200);
      const counts = async () => {
        // Four at a time: one person's heavy requests are bounded per process (per-user-limit.ts).
        const answers: Reply[] = [];
        for (let round = 0; round < 8; round++) {
          answers.push(...(await Promise.all(Array.from({ length: 4 }, () => call(server.url, 'GET', '/connectors/counts', { token: signIn.body.token })))));
        }
        return answers.map((answer) => `${answer.status} ${answer.body.counts.total}`);
      };
      expect(new Set(await counts())).toEqual(new Set([`200 ${adminSees}`]));

      const workerPids = execFileSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).trim().split('\n');
      expect(workerPids).toHaveLength(3);
      process.kill(Number(workerPids[0]), 'SIGKILL');
      await waitForOutput(server.output, /is running at/g, 4, { exited: server.exited });
      expect(server.output()).toMatch(/worker \d exited \(SIGKILL\); starting another/);
      expect(new Set(await counts())).toEqual(new Set([`200 ${adminSees}`]));
    } finally {
      await server.stop();
      await database.drop();
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/worker 4: .*is running at/);
  }, 120_000);
});
