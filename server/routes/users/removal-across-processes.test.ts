import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emptyPostgresDatabase } from '../../testing/test-database';
import { startServerProcess, type ServerProcess } from '../../testing/server-process';

const postgresUrl = inject('postgresUrl');

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe.skipIf(!postgresUrl)('people across server processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    database = await emptyPostgresDatabase(postgresUrl!);
    servers = [await startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: '1' })];
    servers.push(await startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: '1' }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('a removal on one process ends the person’s session on the other at once; a role change reaches it too', async () => {
    const [one, two] = servers.map((server) => server.url) as [string, string];
    const signIn = async (base: string, email: string) => (await call(base, 'POST', '/auth/login', undefined, { email, password: 'demo-password' })).body.token as string;
    const admin = await signIn(one, 'admin@acme.test');
    const bob = await signIn(two, 'bob@acme.test');
    const alice = await signIn(two, 'alice@acme.test');
    expect((await call(two, 'GET', '/auth/me', alice)).status).toBe(200);

    expect((await call(one, 'PATCH', '/users/usr_bob', admin, { role: 'admin' })).status).toBe(200);
    expect((await call(two, 'GET', '/auth/me', bob)).body.user.role).toBe('admin');

    expect((await call(one, 'DELETE', '/users/usr_alice', admin)).status).toBe(200);
    expect((await call(two, 'GET', '/auth/me', alice)).status).toBe(401);
    expect((await call(two, 'GET', '/connectors?limit=5', alice)).status).toBe(401);
  }, 60_000);
});
