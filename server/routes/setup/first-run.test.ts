import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emptyPostgresDatabase } from '../../testing/test-database';
import { startServerProcess, type ServerProcess } from '../../testing/server-process';

const postgresUrl = inject('postgresUrl');

const setupLink = (output: string) => /first run: open (http:\/\/\S+\/setup\?token=\S+)/.exec(output)?.[1];

describe.skipIf(!postgresUrl)('first run on an empty PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  const started: ServerProcess[] = [];
  const start = async () => {
    const server = await startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: '0' });
    started.push(server);
    return server;
  };
  beforeAll(async () => {
    database = await emptyPostgresDatabase(postgresUrl!);
  });
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
    await database?.drop();
  });

  it('prints one setup link, the same after a restart, that works once; then prints none', async () => {
    const first = await start();
    await expect.poll(() => setupLink(first.output())).toBeDefined();
    const link = new URL(setupLink(first.output())!);
    expect(link.origin).toBe(first.url);
    await first.stop();

    const second = await start();
    await expect.poll(() => setupLink(second.output())).toBeDefined();
    expect(new URL(setupLink(second.output())!).searchParams.get('token')).toBe(link.searchParams.get('token'));
    const setUp = (email: string) =>
      fetch(`${second.url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link.searchParams.get('token'), orgName: 'Initech', name: 'Peter', email, password: 'a long enough passphrase' }),
      });
    expect((await setUp('peter@initech.test')).status).toBe(201);
    expect((await setUp('bill@initech.test')).status).toBe(404);
    const signIn = await fetch(`${second.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'peter@initech.test', password: 'a long enough passphrase' }),
    });
    expect(signIn.status).toBe(200);
    await second.stop();

    const third = await start();
    expect((await fetch(`${third.url}/api/v1/setup`)).status).toBe(404);
    expect(setupLink(third.output())).toBeUndefined();
  }, 120_000);
});
