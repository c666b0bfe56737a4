import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  connectorFilterQuerySchema,
  connectorListQuerySchema,
  sortableFields,
  type Connector,
  type ConnectorFilters,
  type ConnectorSort,
} from '../../contract/connector';
import { bulkToggleRequestSchema } from '../../contract/bulk';
import { createConnectorRequestSchema } from '../../contract/connector-config';
import type { Viewer } from '../../contract/rules';
import { freshDatabase, selectRows, type Backend } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { createConnectorStore, type ConnectorStore } from './connectors';

const postgresUrl = inject('postgresUrl');

const filterSets: Record<string, string>[] = [
  {},
  { scope: 'team' },
  { scope: 'personal', syncEnabled: 'true' },
  { connectorType: 'google-drive', isAuthenticated: 'false' },
  { status: 'active', agentEnabled: 'true' },
  { isConfigured: 'false' },
  { search: 'drive' },
];

async function everyVisible(server: TestServer, viewer: Viewer): Promise<Connector[]> {
  const rows = await selectRows<{ id: string }>(
    server.database,
    `select id from connectors where org_id = '${viewer.orgId}' and (scope = 'team' or created_by = '${viewer.id}')`,
  );
  return Promise.all(rows.map((row) => server.store.connectors.get(viewer, row.id)));
}

function matches(connector: Connector, filters: ConnectorFilters): boolean {
  return (
    (filters.scope === undefined || connector.scope === filters.scope) &&
    (filters.connectorType === undefined || connector.connectorType === filters.connectorType) &&
    (filters.status === undefined || connector.status === filters.status) &&
    (filters.syncEnabled === undefined || connector.syncEnabled === filters.syncEnabled) &&
    (filters.agentEnabled === undefined || connector.agentEnabled === filters.agentEnabled) &&
    (filters.isConfigured === undefined || connector.isConfigured === filters.isConfigured) &&
    (filters.isAuthenticated === undefined || connector.isAuthenticated === filters.isAuthenticated) &&
    (filters.search === undefined || connector.instanceName.toLowerCase().includes(filters.search.toLowerCase()))
  );
}

function expectedCounts(all: Connector[], filters: ConnectorFilters) {
  const rows = all.filter((connector) => matches(connector, filters));
  return {
    total: rows.length,
    syncing: rows.filter((row) => row.syncEnabled).length,
    agentEnabled: rows.filter((row) => row.agentEnabled).length,
    notConfigured: rows.filter((row) => !row.isConfigured).length,
    needsSignIn: rows.filter((row) => !row.isAuthenticated).length,
  };
}

async function walk(store: ConnectorStore, viewer: Viewer, query: Record<string, string>): Promise<Connector[]> {
  const seen: Connector[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.list(viewer, connectorListQuerySchema.parse({ ...query, ...(cursor ? { cursor } : {}) }));
    seen.push(...page.connectors);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('the cursor never reached the end');
}

for (const backend of ['pglite', 'postgres'] as Backend[]) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`the connector store on ${backend}`, () => {
    let server: TestServer;
    let store: ConnectorStore;
    let admin: Viewer;
    let alice: Viewer;

    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
      store = createConnectorStore(server.database.db, server.sealer);
      const viewer = async (email: string) => {
        const user = (await server.store.users.findByEmail(email))!;
        return { id: user.id, orgId: user.orgId, role: user.role };
      };
      [admin, alice] = await Promise.all([viewer('admin@acme.test'), viewer('alice@acme.test')]);
    });
    afterEach(() => server.close());

    it('counts as a scan of the visible rows would, through toggles, edits and deletes', async () => {
      const check = async () => {
        for (const viewer of [admin, alice]) {
          const all = await everyVisible(server, viewer);
          for (const raw of filterSets) {
            const filters = connectorFilterQuerySchema.parse(raw);
            expect((await store.counts(viewer, filters)).counts, `${viewer.id} ${JSON.stringify(raw)}`).toEqual(expectedCounts(all, filters));
            const page = await store.list(viewer, connectorListQuerySchema.parse({ ...raw, limit: '2' }));
            expect(page.totalCount).toBe(expectedCounts(all, filters).total);
          }
        }
      };
      await check();
      const teamRows = (await everyVisible(server, admin)).filter((connector) => connector.scope === 'team');
      const [first, second, ...others] = teamRows.filter((connector) => connector.isConfigured && connector.isAuthenticated);
      const [edited, deleted] = others;
      await store.toggle(admin, first!.connectorId, 'sync');
      await store.toggle(admin, second!.connectorId, 'agent', false);
      await store.patch(admin, edited!.connectorId, edited!.version, {
        status: 'inactive',
        dataLoaderConfig: { source: ' ', batchSize: 5, auth: { username: '' } },
      });
      const aliceOwn = (await everyVisible(server, alice)).find((connector) => connector.scope === 'personal')!;
      await store.patch(alice, aliceOwn.connectorId, aliceOwn.version, { status: 'pending' });
      await server.database.db.execute(`delete from connectors where id = '${deleted!.connectorId}'` as never);
      await check();
    });

    it('lists each connector exactly as reading it alone does, every field', async () => {
      const listed = (await store.list(admin, connectorListQuerySchema.parse({ limit: '200' }))).connectors;
      expect(listed.length).toBeGreaterThan(10);
      expect(listed).toEqual(await Promise.all(listed.map((connector) => store.get(admin, connector.connectorId))));
      expect(listed.some((connector) => connector.lastSyncAt !== null)).toBe(true);
      expect(listed.some((connector) => connector.dataLoaderConfig.auth.hasPassword)).toBe(true);
    });

    it('reads every row once by cursor, in each sort, also when rows change between pages', async () => {
      const all = await everyVisible(server, admin);
      for (const field of sortableFields) {
        for (const sort of [field, `-${field}`] as ConnectorSort[]) {
          const walked = await walk(store, admin, { sort, limit: '7' });
          expect(new Set(walked.map((row) => row.connectorId)).size, sort).toBe(all.length);
          const offsetOrder = (await store.list(admin, connectorListQuerySchema.parse({ sort, limit: '200' }))).connectors;
          expect(walked.map((row) => row.connectorId), sort).toEqual(offsetOrder.map((row) => row.connectorId));
          const searched = await walk(store, admin, { sort, limit: '3', search: 'A' });
          const expected = offsetOrder.filter((row) => row.instanceName.toLowerCase().includes('a'));
          expect(expected.length, sort).toBeGreaterThan(3);
          expect(searched, `${sort} search`).toEqual(expected);
          const secondPage = await store.list(admin, connectorListQuerySchema.parse({ sort, limit: '3', search: 'A', page: '2' }));
          expect(secondPage.connectors, `${sort} search, page 2`).toEqual(expected.slice(3, 6));
        }
      }

      const first = await store.list(admin, connectorListQuerySchema.parse({ limit: '5' }));
      const ready = all.find((row) => row.scope === 'team' && row.isConfigured && row.isAuthenticated)!;
      await store.toggle(admin, ready.connectorId, 'sync');
      const rest = await walk(store, admin, { limit: '5', cursor: first.nextCursor! });
      const ids = [...first.connectors, ...rest].map((row) => row.connectorId);
      expect(new Set(ids).size).toBe(all.length);
      expect(ids).toHaveLength(all.length);
    });

    it('sorts by update time as the connectors themselves say, through every kind of write', async () => {
      const ready = (await everyVisible(server, admin)).filter((row) => row.scope === 'team' && row.isConfigured && row.isAuthenticated);
      const [toggled, renamed, removed, ...bulk] = ready;
      await store.bulkToggle(admin, bulkToggleRequestSchema.parse({ type: 'sync', enabled: true, connectorIds: bulk.slice(0, 3).map((row) => row.connectorId) }));
      await server.store.connectors.toggle(admin, toggled!.connectorId, 'sync');
      await store.rename(admin, renamed!.connectorId, 'Renamed for the sort');
      await store.remove(admin, removed!.connectorId);
      const created = await store.create(admin, createConnectorRequestSchema.parse({ connectorType: 'jira', instanceName: 'Newest Jira', scope: 'team' }));

      const astray = await selectRows(
        server.database,
        `select c.id, r.connector_id from connectors c full join connector_recency r on r.connector_id = c.id
         where c.id is null or r.connector_id is null or r.updated_at is distinct from c.updated_at or r.org_id is distinct from c.org_id`,
      );
      expect(astray).toEqual([]);
      const newest = await store.list(admin, connectorListQuerySchema.parse({ sort: '-updatedAt', limit: '3' }));
      expect(new Set(newest.connectors.map((row) => row.connectorId))).toEqual(new Set([created.connectorId, renamed!.connectorId, toggled!.connectorId]));
      const oldest = await walk(store, admin, { sort: 'updatedAt', limit: '50' });
      expect(oldest.map((row) => row.connectorId)).not.toContain(removed!.connectorId);
      expect(oldest.at(-1)!.connectorId).toBe(created.connectorId);
    });

    it('refuses a cursor of another sort, a made-up cursor, and offsets past the page limit', async () => {
      const { nextCursor } = await store.list(admin, connectorListQuerySchema.parse({ limit: '5', sort: 'createdAt' }));
      await expect(store.list(admin, connectorListQuerySchema.parse({ cursor: nextCursor!, sort: '-createdAt' }))).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      await expect(store.list(admin, connectorListQuerySchema.parse({ cursor: 'bm90IGEgY3Vyc29y' }))).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      expect(connectorListQuerySchema.safeParse({ page: '52', limit: '200' }).success).toBe(false);
      expect(connectorListQuerySchema.safeParse({ page: '51', limit: '200' }).success).toBe(true);
      expect(connectorListQuerySchema.safeParse({ page: '2', cursor: nextCursor }).success).toBe(false);
    });
  });
}

describe('what a list reads on the embedded database', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('takes totals and counts from the tallies, reading connectors only for a page and for a search', async () => {
    const client = (server.database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const statements: string[] = [];
    const query = client.query.bind(client);
    client.query = (statement: unknown, ...rest: unknown[]) => {
      statements.push(String(statement));
      return query(statement, ...rest);
    };
    const user = (await server.store.users.findByEmail('admin@acme.test'))!;
    const viewer = { id: user.id, orgId: user.orgId, role: user.role };
    const store = createConnectorStore(server.database.db, server.sealer);
    const scans = () => statements.filter((statement) => /count\(\*\)/.test(statement)).length;

    await store.list(viewer, connectorListQuerySchema.parse({ syncEnabled: 'true', limit: '3' }));
    await store.counts(viewer, connectorFilterQuerySchema.parse({ scope: 'team' }));
    expect(scans()).toBe(0);
    expect(statements.filter((statement) => statement.includes('"connector_tallies"'))).toHaveLength(2);
    await store.counts(viewer, connectorFilterQuerySchema.parse({ search: 'drive' }));
    expect(scans()).toBe(1);
  });
});
