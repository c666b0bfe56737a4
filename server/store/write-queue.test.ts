import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { createConnectorStore } from './connectors';
import { queuedWrites } from './write-queue';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

it('writes the changes that arrive together in one transaction, each with its own version', async () => {
  const db = server.database.db;
  const transactions = vi.spyOn(db, 'transaction');
  const store = createConnectorStore(db, server.sealer, queuedWrites(db));
  const viewer = { id: 'usr_admin', orgId: 'org_acme', role: 'admin' as const };
  const { connectors } = await store.list(viewer, { limit: 200, scope: 'team', isConfigured: true, isAuthenticated: true });
  const id = connectors[0]!.connectorId;

  const results = await Promise.all(Array.from({ length: 20 }, (_, index) => store.toggle(viewer, id, 'sync', index % 2 === 0)));
  expect(transactions).toHaveBeenCalledTimes(1);
  const versions = results.filter((result) => result.changed).map((result) => result.connector.version);
  expect(versions).toEqual(versions.map((_, index) => connectors[0]!.version + 1 + index));
  expect((await store.get(viewer, id)).version).toBe(connectors[0]!.version + versions.length);
});
