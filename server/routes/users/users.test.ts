import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, idOf, type Api } from '../../testing/api';
import { selectRows } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

describe('people', () => {
  let server: TestServer;
  let admin: Api;
  beforeEach(async () => {
    server = await startTestServer();
    admin = apiAs(server, await server.token('admin@acme.test'));
  });
  afterEach(() => server.close());

  it('changes a role, which takes effect on the person’s open session at once', async () => {
    const bobToken = await server.token('bob@acme.test');
    const bob = apiAs(server, bobToken);
    expect((await bob('GET', '/invitations')).status).toBe(403);
    const promoted = await admin('PATCH', '/users/usr_bob', { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user).toEqual({ id: 'usr_bob', email: 'bob@acme.test', name: 'Bob Chen', role: 'admin', removed: false });
    expect((await bob('GET', '/auth/me')).body.user.role).toBe('admin');
    expect((await bob('GET', '/invitations')).status).toBe(200);

    const events = (await admin('GET', '/security-events?action=role_changed')).body.events;
    expect(events).toEqual([expect.objectContaining({ actor: { id: 'usr_admin', name: 'Ada Admin' }, subject: { id: 'usr_bob', name: 'Bob Chen' }, details: { from: 'member', to: 'admin' } })]);
  });

  it('keeps the last admin: they can neither be made a member nor removed, also by themselves', async () => {
    const demote = await admin('PATCH', '/users/usr_admin', { role: 'member' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last admin/);
    expect((await admin('DELETE', '/users/usr_admin')).status).toBe(409);
    expect((await admin('GET', '/auth/me')).body.user.role).toBe('admin');

    // With a second admin, either may step down, but not both at once.
    await admin('PATCH', '/users/usr_bob', { role: 'admin' });
    const bob = apiAs(server, await server.token('bob@acme.test'));
    const both = await Promise.all([admin('PATCH', '/users/usr_bob', { role: 'member' }), bob('PATCH', '/users/usr_admin', { role: 'member' })]);
    // The loser is refused as the last admin (409) or, demoted first, as no admin at all (403).
    const [won, lost] = both.map((reply) => reply.status).sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    const admins = await selectRows(server.database, "select id from users where role = 'admin' and removed_at is null");
    expect(admins).toHaveLength(1);
  });

  it('is for admins only', async () => {
    const alice = apiAs(server, await server.token('alice@acme.test'));
    expect((await alice('PATCH', '/users/usr_bob', { role: 'admin' })).status).toBe(403);
    expect((await alice('DELETE', '/users/usr_bob')).status).toBe(403);
    expect((await alice('GET', '/users/usr_bob/removal')).status).toBe(403);
    expect((await alice('GET', '/security-events')).status).toBe(403);
    expect((await admin('PATCH', '/users/usr_nobody', { role: 'admin' })).status).toBe(404);
    expect((await admin('PATCH', '/users/usr_bob', { role: 'root' })).status).toBe(400);
  });

  it('removes someone: sessions and keys end at once, personal connectors are deleted as counted, team ones stay', async () => {
    const aliceToken = await server.token('alice@acme.test');
    const alice = apiAs(server, aliceToken);
    const key = (await alice('POST', '/api-keys', { name: 'script' })).body.key;
    const created = await alice('POST', '/connectors', { connectorType: 'jira', instanceName: 'Alice Jira', scope: 'personal', authType: 'API_TOKEN' });
    expect(created.status).toBe(201);
    const personal = await selectRows<{ n: number }>(server.database, "select count(*)::int as n from connectors where scope = 'personal' and created_by = 'usr_alice'");

    const preview = await admin('GET', '/users/usr_alice/removal');
    expect(preview.body).toEqual({ success: true, personalConnectors: personal[0]!.n });
    expect(preview.body.personalConnectors).toBeGreaterThan(1);

    const removed = await admin('DELETE', '/users/usr_alice');
    expect(removed.status).toBe(200);
    expect(removed.body.deletedConnectors).toBe(personal[0]!.n);

    expect((await alice('GET', '/auth/me')).status).toBe(401);
    expect((await apiAs(server)('GET', '/auth/me', undefined, { 'x-api-key': key })).status).toBe(401);
    expect((await apiAs(server)('POST', '/auth/login', { email: 'alice@acme.test', password: 'demo-password' })).status).toBe(401);
    expect(await selectRows(server.database, "select id from connectors where created_by = 'usr_alice' and scope = 'personal'")).toEqual([]);

    // Their name stays on what remains, marked removed; they are no longer among the members.
    const people = (await admin('GET', '/users')).body.users;
    expect(people).toContainEqual({ id: 'usr_alice', email: 'alice@acme.test', name: 'Alice Martin', role: 'member', removed: true });
    const deleted = (await admin('GET', '/activity?action=deleted')).body.activity;
    expect(deleted[0]).toMatchObject({ actor: { id: 'usr_admin' }, reason: 'Its owner was removed from the organisation' });
    const events = (await admin('GET', '/security-events?action=removed')).body.events;
    expect(events[0]).toMatchObject({ subject: { id: 'usr_alice', name: 'Alice Martin' }, details: { deletedConnectors: personal[0]!.n } });

    // Gone: not removed twice, and the email can be invited back.
    expect((await admin('DELETE', '/users/usr_alice')).status).toBe(404);
    expect((await admin('GET', '/users/usr_alice/removal')).status).toBe(404);
    const invited = await admin('POST', '/invitations', { email: 'alice@acme.test', role: 'member' });
    expect(invited.status).toBe(201);
    const back = await apiAs(server)('POST', '/invitations/accept', { token: new URL(invited.body.url).searchParams.get('token'), name: 'Alice Martin', password: 'a brand new passphrase' });
    expect(back.status).toBe(201);
    expect(back.body.user.id).not.toBe('usr_alice');
  });

  it('removes someone together with their connectors or not at all', async () => {
    const aliceToken = await server.token('alice@acme.test');
    const adminUser = (await server.store.users.byId('usr_admin'))!;
    const failing = server.store.people.remove(adminUser, 'usr_alice', async (tx) => {
      await server.store.connectors.removePersonalOf(adminUser, 'usr_alice', tx);
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect((await apiAs(server, aliceToken)('GET', '/auth/me')).status).toBe(200);
    const left = await selectRows(server.database, "select id from connectors where created_by = 'usr_alice' and scope = 'personal'");
    expect(left.length).toBeGreaterThan(1);
  });

  it('keeps team connectors the removed person made, under their name', async () => {
    await admin('PATCH', '/users/usr_bob', { role: 'admin' });
    const bob = apiAs(server, await server.token('bob@acme.test'));
    const created = await bob('POST', '/connectors', { connectorType: 'jira', instanceName: 'Bob Team Jira', scope: 'team', authType: 'API_TOKEN' });
    expect(created.status).toBe(201);
    expect((await admin('DELETE', '/users/usr_bob')).status).toBe(200);
    const id = await idOf(admin, 'Bob Team Jira');
    expect((await admin('GET', `/connectors/${id}`)).body.connector.createdBy).toBe('usr_bob');
  });
});
