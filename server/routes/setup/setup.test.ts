import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, type Api } from '../../testing/api';
import { selectRows } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

const firstAdmin = { orgName: 'Initech', name: 'Peter Gibbons', email: 'Peter@Initech.test', password: 'a long enough passphrase' };

describe('first run', () => {
  let server: TestServer;
  let api: Api;
  let token: string;
  beforeEach(async () => {
    server = await startTestServer({ seed: 'none' });
    api = apiAs(server);
    token = (await server.store.people.setupToken())!;
  });
  afterEach(() => server.close());

  it('makes the organisation and its first admin once, signs them in, and then answers 404', async () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // The same link at every start until it is used.
    expect(await server.store.people.setupToken()).toBe(token);
    expect((await api('GET', '/setup')).body).toEqual({ success: true, needed: true });

    const done = await api('POST', '/setup', { token, ...firstAdmin });
    expect(done.status).toBe(201);
    expect(done.body.user).toMatchObject({ email: 'peter@initech.test', name: 'Peter Gibbons', role: 'admin' });
    const me = await apiAs(server, done.body.token)('GET', '/auth/me');
    expect(me.body.user.id).toBe(done.body.user.id);
    const [org] = await selectRows<{ name: string }>(server.database, `select name from orgs where id = '${done.body.user.orgId}'`);
    expect(org?.name).toBe('Initech');

    expect((await api('POST', '/setup', { token, ...firstAdmin, email: 'other@initech.test' })).status).toBe(404);
    expect((await api('GET', '/setup')).status).toBe(404);
    expect(await server.store.people.setupToken()).toBeNull();
    expect(await selectRows(server.database, 'select * from setup_tokens')).toHaveLength(0);

    const events = await apiAs(server, done.body.token)('GET', '/security-events');
    expect(events.body.events).toEqual([
      expect.objectContaining({ action: 'setup', actor: { id: done.body.user.id, name: 'Peter Gibbons' }, address: 'in-process', details: { orgName: 'Initech' } }),
    ]);
  });

  it('refuses a wrong link, and a weak password, changing nothing', async () => {
    const wrong = await api('POST', '/setup', { ...firstAdmin, token: `${token.slice(0, -2)}xx` });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/setup link/);
    const weak = await api('POST', '/setup', { token, ...firstAdmin, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('VALIDATION_ERROR');
    expect(weak.body.error.details[0].path).toEqual(['password']);
    expect(await selectRows(server.database, 'select id from users')).toHaveLength(0);
    expect((await api('GET', '/setup')).status).toBe(200);
  });

  it('lets exactly one of two simultaneous setups through', async () => {
    const both = await Promise.all([
      api('POST', '/setup', { token, ...firstAdmin }),
      api('POST', '/setup', { token, ...firstAdmin, email: 'michael@initech.test' }),
    ]);
    expect(both.map((reply) => reply.status).sort()).toEqual([201, 404]);
    expect(await selectRows(server.database, 'select id from users')).toHaveLength(1);
  });

  it('is not offered on a server that already has people', async () => {
    const seeded = await startTestServer();
    try {
      expect(await seeded.store.people.setupToken()).toBeNull();
      expect((await apiAs(seeded)('GET', '/setup')).status).toBe(404);
      expect((await apiAs(seeded)('POST', '/setup', { token, ...firstAdmin })).status).toBe(404);
    } finally {
      await seeded.close();
    }
  });
});
