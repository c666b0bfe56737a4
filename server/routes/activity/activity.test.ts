import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, idOf, type Api } from '../../testing/api';
import { selectRows } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

describe('activity', () => {
  let server: TestServer;
  let admin: Api;
  let alice: Api;
  let bob: Api;

  beforeEach(async () => {
    server = await startTestServer();
    admin = apiAs(server, await server.token('admin@acme.test'));
    alice = apiAs(server, await server.token('alice@acme.test'));
    bob = apiAs(server, await server.token('bob@acme.test'));
  });
  afterEach(() => server.close());

  const actions = (body: { activity: { action: string }[] }) => body.activity.map((entry) => entry.action);

  it('records each change with who, how and from what to what, newest first; a deleted connector keeps its history', async () => {
    const created = await admin('POST', '/connectors', {
      connectorType: 'postgres',
      instanceName: 'Audit DB',
      scope: 'team',
      authType: 'USERNAME_PASSWORD',
      config: { auth: { username: 'reader', password: 'first-secret-9f1' }, sync: { source: 'postgres://db/audit' } },
    });
    const id = created.body.connector.connectorId;
    await admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true }, { 'x-client': 'dashboard' });
    await admin('PUT', `/connectors/${id}/name`, { instanceName: 'Audit warehouse' });
    await admin('PUT', `/connectors/${id}/config`, { auth: { password: 'second-secret-4c2' }, sync: { batchSize: 250 } });
    await admin('POST', '/connectors/change_status', {
      new_status: 'inactive',
      connectorID: id,
      data_loader_config: { source: 'postgres://db/audit', batch_size: 250, auth: { username: 'reader', password: '' } },
    });
    await admin('DELETE', `/connectors/${id}`);

    const history = await admin('GET', `/connectors/${id}/activity`);
    expect(history.status).toBe(200);
    expect(actions(history.body)).toEqual(['deleted', 'status_changed', 'config_changed', 'renamed', 'sync_on', 'created']);
    const [deleted, status, config, renamed, syncOn, createdEntry] = history.body.activity;
    expect(deleted).toMatchObject({ connectorName: 'Audit warehouse', actor: { type: 'user', id: 'usr_admin', name: 'Ada Admin' }, via: 'api' });
    expect(status.changes).toEqual({ status: { from: 'pending', to: 'inactive' } });
    expect(config.changes).toEqual({ 'auth.password': { from: 'stored', to: 'replaced' }, 'sync.batchSize': { from: 100, to: 250 } });
    expect(renamed.changes).toEqual({ instanceName: { from: 'Audit DB', to: 'Audit warehouse' } });
    expect(syncOn).toMatchObject({ via: 'dashboard', connectorName: 'Audit DB', changes: { syncEnabled: { from: false, to: true } } });
    expect(createdEntry).toMatchObject({ connectorType: 'postgres', scope: 'team' });
    expect(Date.parse(deleted.at)).toBeGreaterThanOrEqual(Date.parse(createdEntry.at));
    expect(history.body.activity.map((entry: { connectorDeleted: boolean }) => entry.connectorDeleted)).toEqual(Array(6).fill(true));
    const others = await admin('GET', '/activity');
    expect(others.body.activity.filter((entry: { connectorId: string; connectorDeleted: boolean }) => entry.connectorId !== id && entry.connectorDeleted)).toEqual([]);

    // Never a secret's value, in the answer or in the table.
    const stored = await selectRows<{ changes: unknown }>(server.database, 'select changes from connector_activity');
    for (const text of [history.text, JSON.stringify(stored)]) {
      expect(text).not.toContain('first-secret-9f1');
      expect(text).not.toContain('second-secret-4c2');
    }
  });

  it('records nothing for a change that did not happen', async () => {
    const before = await selectRows<{ count: number }>(server.database, 'select count(*)::int as count from connector_activity');
    const notion = await idOf(admin, 'Product Notion');
    expect((await admin('POST', `/connectors/${notion}/toggle`, { type: 'sync', enabled: true })).status).toBe(400);
    const jira = await idOf(admin, 'Support Jira');
    // The rename fails on the unique name inside the transaction that would have written the entry.
    expect((await admin('PUT', `/connectors/${jira}/name`, { instanceName: 'Company Drive' })).status).toBe(409);
    expect((await admin('PUT', `/connectors/${jira}/name`, { instanceName: 'Jira 2' }, { 'if-match': '"99"' })).status).toBe(412);
    expect((await alice('POST', `/connectors/${jira}/toggle`, { type: 'agent', enabled: true })).status).toBe(403);
    // Already off: no change, no entry.
    expect((await admin('POST', `/connectors/${jira}/toggle`, { type: 'sync', enabled: false })).status).toBe(200);
    const after = await selectRows<{ count: number }>(server.database, 'select count(*)::int as count from connector_activity');
    expect(after[0]!.count).toBe(before[0]!.count);
  });

  it("shows members team connectors' history and their own, admins the whole org's", async () => {
    const aliceNotion = await idOf(alice, 'Alice Notion');
    const bobJira = await idOf(bob, 'Bob Jira');
    const slack = await idOf(admin, 'Engineering Slack');
    await alice('PUT', `/connectors/${aliceNotion}/name`, { instanceName: 'Alice wiki' });
    await bob('POST', `/connectors/${bobJira}/toggle`, { type: 'agent', enabled: false });
    await admin('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false });

    const names = (body: { activity: { connectorName: string }[] }) => body.activity.map((entry) => entry.connectorName).sort();
    expect(names((await alice('GET', '/activity')).body)).toEqual(['Alice wiki', 'Engineering Slack']);
    expect(names((await bob('GET', '/activity')).body)).toEqual(['Bob Jira', 'Engineering Slack']);
    expect(names((await admin('GET', '/activity')).body)).toEqual(['Alice wiki', 'Bob Jira', 'Engineering Slack']);
    expect((await alice('GET', `/connectors/${bobJira}/activity`)).body.activity).toEqual([]);
  });

  it('filters by action, actor, connector and time, and pages by cursor', async () => {
    const slack = await idOf(admin, 'Engineering Slack');
    const drive = await idOf(alice, 'Alice Drive');
    // A second before the changes: the database's clock and this process's may differ by a little.
    const start = new Date(Date.now() - 1000).toISOString();
    for (const enabled of [false, true, false]) await admin('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled });
    await alice('POST', `/connectors/${drive}/toggle`, { type: 'sync', enabled: false });

    expect(actions((await admin('GET', '/activity?action=sync_off')).body)).toEqual(['sync_off', 'sync_off', 'sync_off']);
    expect((await admin('GET', '/activity?actor=usr_alice')).body.activity.map((entry: { connectorId: string }) => entry.connectorId)).toEqual([drive]);
    expect((await admin('GET', `/activity?connectorId=${slack}`)).body.activity).toHaveLength(3);
    expect((await admin('GET', `/activity?since=${encodeURIComponent(start)}`)).body.activity).toHaveLength(4);
    expect((await admin('GET', `/activity?until=${encodeURIComponent(start)}`)).body.activity).toHaveLength(0);

    const first = await admin('GET', '/activity?limit=3');
    expect(first.body.activity).toHaveLength(3);
    const second = await admin('GET', `/activity?limit=3&cursor=${first.body.pagination.nextCursor}`);
    expect(second.body.activity).toHaveLength(1);
    expect(second.body.pagination.nextCursor).toBeNull();
    expect((await admin('GET', '/activity?action=exploded')).body.error.code).toBe('VALIDATION_ERROR');
  });

  it('names the system, with its reason, when a sign-in is lost', async () => {
    const drive = await idOf(alice, 'Alice Drive');
    await server.store.connectors.signInLost({ id: 'system', orgId: 'org_acme', role: 'admin' }, drive, {
      code: 'REFRESH_REFUSED',
      message: 'Google Drive refused to renew the sign-in (invalid_grant)',
      at: new Date().toISOString(),
    });
    const history = await alice('GET', `/connectors/${drive}/activity`);
    expect(actions(history.body)).toEqual(['sign_in_expired', 'sync_off']);
    expect(history.body.activity[0]).toMatchObject({
      actor: { type: 'system', id: null, name: 'System' },
      via: 'system',
      reason: 'Google Drive refused to renew the sign-in (invalid_grant)',
    });
  });
});
