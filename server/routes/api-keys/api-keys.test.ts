import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../store/database';
import { apiAs, idOf, type Api } from '../../testing/api';
import { emptyPostgresDatabase, selectRows } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

const postgresUrl = inject('postgresUrl');

/** Calls the API with a key in `x-api-key` (seed 002's way) or as a bearer token (the SDKs' way). */
const withKey = (server: TestServer, key: string, header: 'x-api-key' | 'bearer' = 'x-api-key') => {
  const call = apiAs(server);
  return (method: string, path: string, body?: unknown) =>
    call(method, path, body, header === 'bearer' ? { authorization: `Bearer ${key}` } : { 'x-api-key': key });
};

describe('API keys', () => {
  let server: TestServer;
  let admin: Api;
  let alice: Api;
  beforeEach(async () => {
    server = await startTestServer();
    admin = apiAs(server, await server.token('admin@acme.test'));
    alice = apiAs(server, await server.token('alice@acme.test'));
  });
  afterEach(() => server.close());

  it('makes a key shown once, that works through both headers, is used as its creator and records its last use', async () => {
    const created = await admin('POST', '/api-keys', { name: 'Nightly export' });
    expect(created.status).toBe(201);
    const { key, apiKey } = created.body;
    expect(key).toMatch(/^cc_live_[A-Za-z0-9_-]{40,}$/);
    expect(apiKey).toMatchObject({ name: 'Nightly export', role: 'admin', prefix: key.slice(0, 12), createdBy: 'usr_admin', lastUsedAt: null, expiresAt: null });

    for (const header of ['x-api-key', 'bearer'] as const) {
      const listed = await withKey(server, key, header)('GET', '/connectors?limit=5');
      expect(listed.status, header).toBe(200);
    }
    expect((await withKey(server, key)('GET', '/auth/me')).body.user).toMatchObject({ id: 'usr_admin', role: 'admin' });
    const keys = await admin('GET', '/api-keys');
    expect(keys.body.apiKeys).toHaveLength(1);
    expect(keys.body.apiKeys[0].lastUsedAt).not.toBeNull();

    // The key itself is in no later answer, no log line and no row.
    const rows = await selectRows(server.database, 'select * from api_keys');
    for (const text of [keys.text, JSON.stringify(rows), ...server.logs]) expect(text).not.toContain(key.slice(12));
  });

  it('stops a revoked, expired or unknown key at once, with the one error shape', async () => {
    const { key, apiKey } = (await admin('POST', '/api-keys', { name: 'Short-lived' })).body;
    expect((await withKey(server, key)('GET', '/connectors')).status).toBe(200);
    expect((await admin('DELETE', `/api-keys/${apiKey.id}`)).status).toBe(200);
    const revoked = await withKey(server, key)('GET', '/connectors');
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual({ success: false, error: { code: 'UNAUTHENTICATED', message: 'The API key is unknown, revoked or expired' } });
    expect((await admin('DELETE', `/api-keys/${apiKey.id}`)).status).toBe(404);

    const soon = (await admin('POST', '/api-keys', { name: 'Expiring', expiresAt: new Date(Date.now() + 60_000).toISOString() })).body;
    expect((await withKey(server, soon.key)('GET', '/connectors')).status).toBe(200);
    await selectRows(server.database, `update api_keys set expires_at = now() - interval '1 second' where id = '${soon.apiKey.id}'`);
    expect((await withKey(server, soon.key)('GET', '/connectors')).status).toBe(401);
    expect((await withKey(server, 'cc_live_made-up')('GET', '/connectors')).status).toBe(401);
    const past = await admin('POST', '/api-keys', { name: 'Past', expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: ['expiresAt'] }] });
  });

  it('never gives a key more than its creator may do', async () => {
    expect((await alice('POST', '/api-keys', { name: 'Sneaky', role: 'admin' })).status).toBe(403);
    const memberKey = (await alice('POST', '/api-keys', { name: 'Alice script' })).body;
    expect(memberKey.apiKey.role).toBe('member');
    const asAlice = withKey(server, memberKey.key);
    const slack = await idOf(admin, 'Engineering Slack');
    expect((await asAlice('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false })).status).toBe(403);
    const drive = await idOf(alice, 'Alice Drive');
    expect((await asAlice('POST', `/connectors/${drive}/toggle`, { type: 'sync', enabled: false })).status).toBe(200);

    // An admin's key made with the member role acts as a member.
    const limited = (await admin('POST', '/api-keys', { name: 'Read mostly', role: 'member' })).body;
    expect((await withKey(server, limited.key)('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false })).status).toBe(403);

    // Members see and revoke their own keys; admins every key of the org.
    expect((await alice('GET', '/api-keys')).body.apiKeys.map((entry: { name: string }) => entry.name)).toEqual(['Alice script']);
    expect((await admin('GET', '/api-keys')).body.apiKeys.map((entry: { name: string }) => entry.name).sort()).toEqual(['Alice script', 'Read mostly']);
    expect((await alice('DELETE', `/api-keys/${limited.apiKey.id}`)).status).toBe(404);
    expect((await admin('DELETE', `/api-keys/${memberKey.apiKey.id}`)).status).toBe(200);
  });

  it("takes seed 002's request verbatim with a key, and records the change as the key's", async () => {
    const { key } = (await admin('POST', '/api-keys', { name: 'Data loader' })).body;
    const warehouse = await idOf(admin, 'Analytics Warehouse');
    const response = await server.fetch('/api/v1/connectors/change_status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-api-key': key },
      body: `{
    "new_status":"pending",
    "connectorID":"${warehouse}",
    "data_loader_config": {
    "source": "mongodb",
    "batch_size": 100,
    "auth": {
      "username": "admin",
      "password": "secure123"
    }
    }
}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'success', message: `Updated connector status to pending for connectorID ${warehouse}` });
    const [entry] = (await admin('GET', `/connectors/${warehouse}/activity?action=status_changed`)).body.activity;
    expect(entry).toMatchObject({ actor: { type: 'api_key', id: 'usr_admin', name: 'Data loader (API key of Ada Admin)' }, via: 'api' });
  });

  it('stops working when its creator is removed', async () => {
    const { key } = (await alice('POST', '/api-keys', { name: 'Leaving soon' })).body;
    await selectRows(server.database, `delete from connectors where created_by = 'usr_alice'`);
    await selectRows(server.database, `delete from users where id = 'usr_alice'`);
    expect((await withKey(server, key)('GET', '/connectors')).status).toBe(401);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('leaves no key in the embedded data directory', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'api-keys-'));
  try {
    const server = await startTestServer({ database: await openDatabase({ kind: 'pglite', dataDir }) });
    const admin = apiAs(server, await server.token('admin@acme.test'));
    const { key } = (await admin('POST', '/api-keys', { name: 'On disk' })).body;
    await withKey(server, key)('GET', '/connectors');
    await selectRows(server.database, 'checkpoint');
    await server.close();
    const secret = Buffer.from(key.slice(12));
    for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(secret), file).toBe(false);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe.skipIf(!postgresUrl)('API keys across processes on PostgreSQL', () => {
  it('refuses a revoked key on every process at once', async () => {
    const empty = await emptyPostgresDatabase(postgresUrl!);
    const one = await startTestServer({ database: await openDatabase({ kind: 'postgres', url: empty.url }) });
    const two = await startTestServer({ database: await openDatabase({ kind: 'postgres', url: empty.url }), seed: 'none' });
    try {
      const admin = apiAs(one, await one.token('admin@acme.test'));
      const { key, apiKey } = (await admin('POST', '/api-keys', { name: 'Shared' })).body;
      expect((await withKey(two, key)('GET', '/connectors')).status).toBe(200);
      await admin('DELETE', `/api-keys/${apiKey.id}`);
      expect((await withKey(two, key)('GET', '/connectors')).status).toBe(401);
    } finally {
      await two.close();
      await one.close();
      await empty.drop();
    }
  });
});
