import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectorEventSchema, type ConnectorEvent } from '../../../contract/events';
import { sql } from 'drizzle-orm';
import { DEMO_ORG_ID } from '../../store/demo-seed';
import { CONNECTOR_CHANGES_CHANNEL } from '../../store/change-notices';
import { apiAs, idOf, type Api } from '../../testing/api';
import { freshDatabase } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

const postgresUrl = inject('postgresUrl');

type Received = { id: string; event: ConnectorEvent; at: number };

/** Opens the event stream as `token` and collects its events until closed. */
async function openStream(server: TestServer, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await server.fetch('/api/v1/events', {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const received: Received[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
        if (fields.data) received.push({ id: fields.id!, event: connectorEventSchema.parse(JSON.parse(fields.data)), at: Date.now() });
      }
    }
  })();
  return {
    received,
    async waitFor(count: number, timeoutMs = 2000) {
      const started = Date.now();
      while (received.length < count && Date.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 10));
      return received;
    },
    async close() {
      await reader.cancel();
      controller.abort();
      await reading;
    },
  };
}

const backends = ['pglite', 'postgres'] as const;
for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`live connector events on ${backend}`, () => {
    let server: TestServer;
    let admin: Api;
    let bob: Api;
    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
      admin = apiAs(server, await server.token('admin@acme.test'));
      bob = apiAs(server, await server.token('bob@acme.test'));
    });
    afterEach(() => server.close());

    it("reaches another user's open stream within a second, with the new state and who made it", async () => {
      const stream = await openStream(server, await server.token('bob@acme.test'));
      const slack = await idOf(admin, 'Engineering Slack');
      const sent = Date.now();
      await admin('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false });
      const [first] = await stream.waitFor(1);
      expect(first?.event).toMatchObject({ kind: 'changed', by: 'Ada Admin', connector: { connectorId: slack, syncEnabled: false } });
      expect(first!.at - sent).toBeLessThan(1000);
      await stream.close();
    });

    it('tells nobody about a connector they may not see, and tells its owner of its deletion', async () => {
      const bobStream = await openStream(server, await server.token('bob@acme.test'));
      const aliceToken = await server.token('alice@acme.test');
      const aliceStream = await openStream(server, aliceToken);
      const alice = apiAs(server, aliceToken);
      const aliceDrive = await idOf(alice, 'Alice Drive');
      await alice('POST', `/connectors/${aliceDrive}/toggle`, { type: 'sync', enabled: false });
      // An event carries the connector as it is when delivered: a late one for the toggle would say deleted.
      await aliceStream.waitFor(1);
      await alice('DELETE', `/connectors/${aliceDrive}`);
      const bobJira = await idOf(bob, 'Bob Jira');
      await bob('POST', `/connectors/${bobJira}/toggle`, { type: 'agent', enabled: false });

      expect((await aliceStream.waitFor(2)).map((item) => item.event.kind)).toEqual(['changed', 'deleted']);
      const bobHeard = await bobStream.waitFor(1);
      expect(bobHeard.map((item) => (item.event.kind === 'changed' ? item.event.connector.connectorId : item.event.kind))).toEqual([bobJira]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(aliceStream.received).toHaveLength(2);
      expect(bobStream.received).toHaveLength(1);
      await Promise.all([bobStream.close(), aliceStream.close()]);
    });

    it("carries nothing of another org's connectors, nor of its activity", async () => {
      const { orgs, users } = await import('../../store/schema');
      await server.database.db.insert(orgs).values({ id: 'org_globex', name: 'Globex' });
      await server.database.db.insert(users).values({ id: 'usr_hank', orgId: 'org_globex', email: 'hank@globex.test', name: 'Hank', role: 'admin', passwordHash: 'x' });
      const user = await server.store.users.findByEmail('hank@globex.test');
      const hankToken = (await server.store.users.createSession(user!.id)).token;
      const hank = await openStream(server, hankToken);
      const slack = await idOf(admin, 'Engineering Slack');
      await admin('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false });
      const adminStream = await openStream(server, await server.token('admin@acme.test'), '1');
      await adminStream.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hank.received).toEqual([]);
      // Even asking for everything since the first event finds nothing of Acme's.
      const replay = await openStream(server, hankToken, '1');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(replay.received).toEqual([]);
      expect((await apiAs(server, hankToken)('GET', '/activity')).body.activity).toEqual([]);
      await Promise.all([hank.close(), adminStream.close(), replay.close()]);
    });

    it('gives a stream that reconnects with Last-Event-ID what it missed, then each row of a bulk action', async () => {
      const bobToken = await server.token('bob@acme.test');
      const first = await openStream(server, bobToken);
      const slack = await idOf(admin, 'Engineering Slack');
      await admin('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false });
      const [seen] = await first.waitFor(1);
      await first.close();

      const jira = await idOf(admin, 'Support Jira');
      await admin('PUT', `/connectors/${jira}/name`, { instanceName: 'Support Jira (EU)' });
      const again = await openStream(server, bobToken, seen!.id);
      const missed = await again.waitFor(2);
      const renamed = missed.find((item) => item.event.kind === 'changed' && item.event.connector.connectorId === jira);
      expect(renamed?.event).toMatchObject({ connector: { instanceName: 'Support Jira (EU)' } });

      // A bulk action: one event per changed row (above a hundred in one transaction, a single refetch).
      const before = again.received.length;
      const bulk = await admin('POST', '/connectors/bulk/toggle', { type: 'agent', enabled: false, filter: { scope: 'team' } });
      expect(bulk.body.summary.changed).toBeGreaterThan(1);
      await again.waitFor(before + bulk.body.summary.changed);
      expect(again.received.slice(before).every((item) => item.event.kind === 'changed' && !item.event.connector.agentEnabled)).toBe(true);
      expect(again.received.length - before).toBe(bulk.body.summary.changed);
      await again.close();
    });

    it('sends a change that reaches a reconnecting stream both from the log and live only once', async () => {
      const bobToken = await server.token('bob@acme.test');
      const first = await openStream(server, bobToken);
      const jira = await idOf(admin, 'Support Jira');
      await admin('PUT', `/connectors/${jira}/name`, { instanceName: 'Support Jira (EU)' });
      const [renamed] = await first.waitFor(1);
      await first.close();
      const again = await openStream(server, bobToken, renamed!.id);
      await again.waitFor(1);
      const replayed = again.received.length;
      expect(again.received.some((item) => item.id === renamed!.id)).toBe(true);

      const notice = { orgId: DEMO_ORG_ID, lastId: Number(renamed!.id), rows: [{ connectorId: jira, owner: '', deleted: false, by: 'Ada Admin' }] };
      await server.database.db.execute(sql`select pg_notify(${CONNECTOR_CHANGES_CHANNEL}, ${JSON.stringify(notice)})`);
      const slack = await idOf(admin, 'Engineering Slack');
      await admin('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false });
      await again.waitFor(replayed + 2, 500);
      expect(again.received.slice(replayed).map((item) => item.event.kind === 'changed' && item.event.connector.connectorId)).toEqual([slack]);
      await again.close();
    });
  });
}

describe.skipIf(!postgresUrl)('live events across server processes on PostgreSQL', () => {
  it('brings a change made through one process to a stream held by another', async () => {
    const database = await freshDatabase('postgres', postgresUrl);
    const one = await startTestServer({ database });
    // A second app with its own pool and its own LISTEN connection, over the same database.
    const { openDatabase } = await import('../../store/database');
    const url = await (async () => {
      const result = (await database.db.execute('select current_database() as name')) as unknown as { rows: { name: string }[] };
      const target = new URL(postgresUrl!);
      target.pathname = `/${result.rows[0]!.name}`;
      return target.toString();
    })();
    const two = await startTestServer({ database: await openDatabase({ kind: 'postgres', url }), seed: 'none' });
    try {
      const stream = await openStream(two, await one.token('bob@acme.test'));
      const admin = apiAs(one, await one.token('admin@acme.test'));
      const slack = await idOf(admin, 'Engineering Slack');
      await admin('POST', `/connectors/${slack}/toggle`, { type: 'sync', enabled: false });
      const [heard] = await stream.waitFor(1);
      expect(heard?.event).toMatchObject({ kind: 'changed', connector: { connectorId: slack, syncEnabled: false } });
      await stream.close();
    } finally {
      await two.close();
      await one.close();
    }
  });
});
