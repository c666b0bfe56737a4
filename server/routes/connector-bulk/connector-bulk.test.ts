import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, idOf, type Api } from '../../testing/api';
import { selectRows } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

describe('bulk toggle', () => {
  let server: TestServer;
  let admin: Api;
  let alice: Api;

  beforeEach(async () => {
    server = await startTestServer();
    admin = apiAs(server, await server.token('admin@acme.test'));
    alice = apiAs(server, await server.token('alice@acme.test'));
  });
  afterEach(() => server.close());

  const outcomes = (body: { results: { connectorId: string; outcome: string; code?: string }[] }) =>
    Object.fromEntries(body.results.map((result) => [result.connectorId, result.code ?? result.outcome]));

  it('decides each row by the single toggle’s rules; the dry run says exactly what the real one does', async () => {
    const names = ['Support Jira', 'Engineering Slack', 'Product Notion', 'Marketing Drive', 'Analytics Warehouse'];
    const ids: string[] = [];
    for (const name of names) ids.push(await idOf(admin, name));
    const request = { type: 'sync', enabled: true, connectorIds: [...ids, 'conn_missing'] };

    const dry = await admin('POST', '/connectors/bulk/toggle', { ...request, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.summary).toEqual({ total: 6, willChange: 1, unchanged: 2, refused: { NOT_CONFIGURED: 1, NOT_AUTHENTICATED: 1, NOT_FOUND: 1 } });
    const before = await selectRows<{ count: number }>(server.database, 'select count(*)::int as count from connector_activity');

    const done = await admin('POST', '/connectors/bulk/toggle', request);
    expect(done.body.summary).toEqual({ total: 6, changed: 1, unchanged: 2, refused: { NOT_CONFIGURED: 1, NOT_AUTHENTICATED: 1, NOT_FOUND: 1 } });
    expect(outcomes(done.body)).toEqual({ ...outcomes(dry.body) });
    expect(done.body.results.find((result: { code?: string }) => result.code === 'NOT_AUTHENTICATED').message).toBe('Sign in to Google Drive before enabling sync');
    expect((await admin('GET', `/connectors/${ids[0]}`)).body.connector.syncEnabled).toBe(true);

    // One activity entry for the one row that changed, naming the bulk action.
    const entries = await selectRows<{ action: string; reason: string }>(server.database, `select action, reason from connector_activity order by id offset ${before[0]!.count}`);
    expect(entries).toEqual([{ action: 'sync_on', reason: 'Part of one action on 6 connectors' }]);
  });

  it('refuses each row a member may not change, and changes her own', async () => {
    const aliceDrive = await idOf(alice, 'Alice Drive');
    const teamSlack = await idOf(alice, 'Engineering Slack');
    const result = await alice('POST', '/connectors/bulk/toggle', { type: 'sync', enabled: false, connectorIds: [aliceDrive, teamSlack] });
    expect(outcomes(result.body)).toEqual({ [aliceDrive]: 'changed', [teamSlack]: 'FORBIDDEN' });
    expect((await admin('GET', `/connectors/${teamSlack}`)).body.connector.syncEnabled).toBe(true);
  });

  it('acts on every connector a filter matches, as the caller sees them', async () => {
    const dry = await admin('POST', '/connectors/bulk/toggle', { type: 'agent', enabled: false, filter: { agentEnabled: true }, dryRun: true });
    const counts = (await admin('GET', '/connectors/counts')).body.counts;
    expect(dry.body.summary.total).toBe(counts.agentEnabled);
    const done = await admin('POST', '/connectors/bulk/toggle', { type: 'agent', enabled: false, filter: { agentEnabled: true } });
    expect(done.body.summary.changed).toBe(counts.agentEnabled);
    expect((await admin('GET', '/connectors/counts')).body.counts.agentEnabled).toBe(0);
  });

  it('refuses a request over the limit, or with both or neither of ids and filter, changing nothing', async () => {
    const tooMany = Array.from({ length: 10_001 }, (_, index) => `conn_${index}`);
    const refused = await admin('POST', '/connectors/bulk/toggle', { type: 'sync', enabled: false, connectorIds: tooMany });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('At most 10,000 connectors');
    expect((await admin('POST', '/connectors/bulk/toggle', { type: 'sync', enabled: false })).status).toBe(400);
    expect((await admin('POST', '/connectors/bulk/toggle', { type: 'sync', enabled: false, connectorIds: ['a'], filter: {} })).status).toBe(400);
    expect((await admin('POST', '/connectors/bulk/toggle', { type: 'sync', enabled: 'yes', connectorIds: ['a'] })).status).toBe(400);
  });
});
