import { afterEach, beforeEach, expect, it } from 'vitest';
import { connectorFilterQuerySchema, connectorListQuerySchema } from '../../contract/connector';
import { startTestServer, type TestServer } from '../testing/test-server';
import { createConnectorStore } from './connectors';
import { createReadCache, type ReadCache } from './read-cache';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

/** A read cache that records the key of every read it had to load. */
function recordingCache(loads: string[]): ReadCache {
  const cache = createReadCache({ enabled: true, maxEntries: 100 });
  return {
    ...cache,
    read: (scope, key, load) =>
      cache.read(scope, key, () => {
        loads.push(key);
        return load();
      }),
  };
}

it("counts a filter's rows once for its pages' totals and its counts, and again after a write", async () => {
  const loads: string[] = [];
  const store = createConnectorStore(server.database.db, recordingCache(loads));
  const admin = await server.store.users.findByEmail('admin@acme.test');
  const viewer = { id: admin!.id, orgId: admin!.orgId, role: admin!.role };
  // Parsed as the routes parse them, the query's keys in another order than the filters'.
  const page = (number: number) =>
    connectorListQuerySchema.parse({ limit: '1', sort: '-instanceName', page: String(number), syncEnabled: 'true', scope: 'team' });
  const filters = connectorFilterQuerySchema.parse({ scope: 'team', syncEnabled: 'true' });
  // Every read that is not a page of rows counts them.
  const countLoads = () => loads.filter((key) => !key.includes(' list ')).length;

  const first = await store.list(viewer, page(1));
  const counts = await store.counts(viewer, filters);
  expect((await store.list(viewer, page(2))).totalCount).toBe(first.totalCount);
  expect(first.totalCount).toBeGreaterThan(1);
  expect(counts.total).toBe(first.totalCount);
  expect(countLoads()).toBe(1);

  await store.toggle(viewer, first.connectors[0]!.connectorId, 'sync', false);
  expect((await store.list(viewer, page(2))).totalCount).toBe(first.totalCount - 1);
  expect((await store.counts(viewer, filters)).total).toBe(first.totalCount - 1);
  expect(countLoads()).toBe(2);
});
