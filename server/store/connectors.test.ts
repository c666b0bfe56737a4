import type { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { connectorFilterQuerySchema, connectorListQuerySchema } from '../../contract/connector';
import { startTestServer, type TestServer } from '../testing/test-server';
import { createConnectorStore } from './connectors';
import { createReadCache } from './read-cache';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

// Parsed as the routes parse them, the query's keys in another order than the filters'.
const page = (number: number) =>
  connectorListQuerySchema.parse({ limit: '1', sort: '-instanceName', page: String(number), syncEnabled: 'true', scope: 'team' });
const filters = connectorFilterQuerySchema.parse({ scope: 'team', syncEnabled: 'true' });

/** A connector store over the test database, and how many statements so far counted rows. */
async function storeCountingRowCounts(cacheEnabled: boolean) {
  const client = (server.database.db as unknown as { $client: PGlite }).$client;
  const query = vi.spyOn(client, 'query');
  const store = createConnectorStore(server.database.db, createReadCache({ enabled: cacheEnabled, maxEntries: 100 }));
  const admin = await server.store.users.findByEmail('admin@acme.test');
  const viewer = { id: admin!.id, orgId: admin!.orgId, role: admin!.role };
  const rowCounts = () => query.mock.calls.filter(([statement]) => String(statement).includes('count(*)')).length;
  return { store, viewer, rowCounts };
}

it("counts a filter's rows once for its pages' totals and its counts, and again after a write", async () => {
  const { store, viewer, rowCounts } = await storeCountingRowCounts(true);

  const first = await store.list(viewer, page(1));
  const counts = await store.counts(viewer, filters);
  expect((await store.list(viewer, page(2))).totalCount).toBe(first.totalCount);
  expect(first.totalCount).toBeGreaterThan(1);
  expect(counts.total).toBe(first.totalCount);
  expect(rowCounts()).toBe(1);

  await store.toggle(viewer, first.connectors[0]!.connectorId, 'sync', false);
  expect((await store.list(viewer, page(2))).totalCount).toBe(first.totalCount - 1);
  expect((await store.counts(viewer, filters)).total).toBe(first.totalCount - 1);
  expect(rowCounts()).toBe(2);
});

it('gives the same total in a list and in its counts without the read cache', async () => {
  const { store, viewer, rowCounts } = await storeCountingRowCounts(false);

  const { totalCount } = await store.list(viewer, page(1));
  expect(totalCount).toBeGreaterThan(1);
  expect((await store.counts(viewer, filters)).total).toBe(totalCount);
  // Nothing is kept: each asks the database.
  expect((await store.list(viewer, page(2))).totalCount).toBe(totalCount);
  expect(rowCounts()).toBe(3);
});
