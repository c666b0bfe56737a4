import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, type Api } from '../../testing/api';
import { startTestServer, type TestServer } from '../../testing/test-server';

let server: TestServer;
let anonymous: Api;
const signIn = (email: string, password: string) => anonymous('POST', '/auth/login', { email, password });

beforeEach(async () => {
  server = await startTestServer();
  anonymous = apiAs(server);
});
afterEach(() => server.close());

describe('sign-in', () => {
  it('returns a token and the user, and the token works until sign-out', async () => {
    const login = await signIn('Admin@Acme.test', 'demo-password');
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ id: 'usr_admin', email: 'admin@acme.test', name: 'Ada Admin', role: 'admin', orgId: 'org_acme' });

    const me = apiAs(server, login.body.token);
    expect((await me('GET', '/auth/me')).body.user.email).toBe('admin@acme.test');
    expect((await me('POST', '/auth/logout')).status).toBe(200);
    const after = await me('GET', '/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses wrong credentials alike, whether the email exists or not', async () => {
    const wrongPassword = await signIn('admin@acme.test', 'nope');
    const unknownUser = await signIn('nobody@acme.test', 'nope');
    expect([wrongPassword.status, unknownUser.status]).toEqual([401, 401]);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongPassword.body.error.message).toBe('Wrong email or password');
  });

  it('rate-limits repeated failures for an account, even with the right password then', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn('bob@acme.test', 'guess')).status).toBe(401);
    const limited = await signIn('bob@acme.test', 'demo-password');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn('alice@acme.test', 'demo-password')).status).toBe(200);
  });

  it('does not accept an expired token', async () => {
    const longAgo = new Date(Date.now() - 13 * 60 * 60 * 1000);
    const { token } = await server.store.users.createSession('usr_alice', longAgo);
    expect((await apiAs(server, token)('GET', '/auth/me')).status).toBe(401);
  });

  it('lists the demo accounts only on demo data', async () => {
    const demo = await anonymous('GET', '/auth/demo-accounts');
    expect(demo.body.password).toBe('demo-password');
    expect(demo.body.accounts.map((account: { email: string }) => account.email)).toEqual(['admin@acme.test', 'alice@acme.test', 'bob@acme.test']);

    const empty = await startTestServer({ seed: 'none' });
    expect((await apiAs(empty)('GET', '/auth/demo-accounts')).body).toEqual({ success: true, password: null, accounts: [] });
    await empty.close();
  });

  it('never writes a password to the log', async () => {
    await signIn('admin@acme.test', 'demo-password');
    await signIn('admin@acme.test', 'a-wrong-Password-9');
    expect(server.logs.length).toBeGreaterThan(1);
    expect(server.logs.join('\n')).not.toMatch(/demo-password|a-wrong-Password-9/);
  });
});

it('lists the people of the caller’s org', async () => {
  const api = apiAs(server, await server.token('bob@acme.test'));
  const { body } = await api('GET', '/users');
  expect(body.users.map((user: { email: string }) => user.email).sort()).toEqual(['admin@acme.test', 'alice@acme.test', 'bob@acme.test']);
  expect(JSON.stringify(body)).not.toMatch(/password|scrypt/i);
});
