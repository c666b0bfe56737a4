import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, type Api } from '../../testing/api';
import { selectRows } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

describe('changing one’s password', () => {
  let server: TestServer;
  let bobToken: string;
  let bob: Api;
  beforeEach(async () => {
    server = await startTestServer();
    bobToken = await server.token('bob@acme.test');
    bob = apiAs(server, bobToken);
  });
  afterEach(() => server.close());

  const signIn = (password: string) => apiAs(server)('POST', '/auth/login', { email: 'bob@acme.test', password });

  it('needs the current password, ends the other sessions and keeps this one', async () => {
    const elsewhere = apiAs(server, await server.token('bob@acme.test'));
    const wrong = await bob('POST', '/auth/password', { currentPassword: 'not-it', newPassword: 'a much better passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: ['currentPassword'], message: 'This is not your current password' }]);

    const changed = await bob('POST', '/auth/password', { currentPassword: 'demo-password', newPassword: 'a much better passphrase' });
    expect(changed.status).toBe(200);
    expect(changed.body.revokedSessions).toBe(1);
    expect((await bob('GET', '/auth/me')).status).toBe(200);
    expect((await elsewhere('GET', '/auth/me')).status).toBe(401);
    expect((await signIn('demo-password')).status).toBe(401);
    expect((await signIn('a much better passphrase')).status).toBe(200);

    const admin = apiAs(server, await server.token('admin@acme.test'));
    const events = (await admin('GET', '/security-events?action=password_changed')).body.events;
    expect(events).toEqual([expect.objectContaining({ actor: { id: 'usr_bob', name: 'Bob Chen' }, details: { otherSessionsEnded: 1 } })]);
  });

  it('refuses a short or common new password, changing nothing', async () => {
    for (const newPassword of ['short-one', 'qwertyuiop12']) {
      const refused = await bob('POST', '/auth/password', { currentPassword: 'demo-password', newPassword });
      expect(refused.status, newPassword).toBe(400);
      expect(refused.body.error.details[0].path).toEqual(['newPassword']);
    }
    expect((await signIn('demo-password')).status).toBe(200);
  });

  it('is refused to API keys', async () => {
    const key = (await bob('POST', '/api-keys', { name: 'script' })).body.key;
    const byKey = await apiAs(server)('POST', '/auth/password', { currentPassword: 'demo-password', newPassword: 'a much better passphrase' }, { 'x-api-key': key });
    expect(byKey.status).toBe(403);
  });

  it('limits guesses of the current password like sign-ins', async () => {
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, index) => bob('POST', '/auth/password', { currentPassword: `guess-${index}`, newPassword: 'a much better passphrase' })));
    expect(guesses.filter((reply) => reply.status === 400)).toHaveLength(5);
    expect(guesses.filter((reply) => reply.status === 429)).toHaveLength(3);
  });
});

describe('password hashes', () => {
  it('upgrades a hash made with older settings at the next sign-in', async () => {
    const server = await startTestServer();
    try {
      const salt = randomBytes(16);
      const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync('demo-password', salt, 64, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
      await selectRows(server.database, `update users set password_hash = '${old}' where id = 'usr_bob' returning id`);
      const signIn = await apiAs(server)('POST', '/auth/login', { email: 'bob@acme.test', password: 'demo-password' });
      expect(signIn.status).toBe(200);
      const [row] = await selectRows<{ password_hash: string }>(server.database, "select password_hash from users where id = 'usr_bob'");
      expect(row!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect((await apiAs(server)('POST', '/auth/login', { email: 'bob@acme.test', password: 'demo-password' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
