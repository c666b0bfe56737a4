import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorFilterQuerySchema, connectorListQuerySchema, type ConnectorFilters } from '../../contract/connector';
import { createConnectorRequestSchema } from '../../contract/connector-config';
import type { Viewer } from '../../contract/rules';
import { freshPglite, selectRows } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { createConnectorStore, type ConnectorStore } from './connectors';
import { loggedState, type StoredState } from './cached-connectors';
import { addCounts, countsDelta, matches, type LoggedWrite } from './write-effects';

const filterSets = [
  {},
  { scope: 'team' },
  { scope: 'personal' },
  { syncEnabled: 'true' },
  { syncEnabled: 'false', scope: 'team' },
  { agentEnabled: 'true' },
  { isConfigured: 'false' },
  { isAuthenticated: 'false' },
  { isActive: 'true' },
  { isActive: 'false' },
  { status: 'active' },
  { connectorType: 'slack' },
  { connectorType: '' },
  { search: 'drive' },
  { search: 'DRIVE', syncEnabled: 'true' },
].map((query) => connectorFilterQuerySchema.parse(query));

describe('what a logged change does to a viewer’s lists and counts', () => {
  let server: TestServer;
  let store: ConnectorStore;
  let viewers: Viewer[];

  beforeAll(async () => {
    server = await startTestServer({ database: await freshPglite() });
    store = createConnectorStore(server.database.db, server.sealer);
    viewers = await Promise.all(
      ['admin@acme.test', 'alice@acme.test', 'bob@acme.test'].map(async (email) => {
        const user = (await server.store.users.findByEmail(email))!;
        return { id: user.id, orgId: user.orgId, role: user.role };
      }),
    );
  });
  afterAll(() => server.close());

  const listed = async (viewer: Viewer, filters: ConnectorFilters) =>
    (await store.list(viewer, { ...connectorListQuerySchema.parse({ limit: '200' }), ...filters })).connectors.map((connector) => connector.connectorId).sort();

  it('matches a connector exactly when the store lists it', async () => {
    const states = (
      await selectRows<{ id: string; state: StoredState }>(server.database, `select id, to_jsonb(connector_state_of(c)) as state from connectors c where org_id = '${viewers[0]!.orgId}'`)
    ).map(({ id, state }) => ({ id, state: loggedState(state)! }));
    for (const viewer of viewers) {
      for (const filters of filterSets) {
        const matched = states.filter(({ state }) => matches(state, viewer, filters)).map(({ id }) => id).sort();
        expect(matched, `${viewer.id} ${JSON.stringify(filters)}`).toEqual(await listed(viewer, filters));
      }
    }
    expect(states.length).toBeGreaterThan(5);
  });

  it('moves the counts by what each logged change did: toggles, edits, renames, creations, deletions', async () => {
    const [admin, alice] = viewers as [Viewer, Viewer];
    const counts = async () => Promise.all(viewers.flatMap((viewer) => filterSets.map(async (filters) => (await store.counts(viewer, filters)).counts)));
    const before = await counts();
    const { asOf: version } = await store.counts(admin, {});

    const all = (await store.list(admin, connectorListQuerySchema.parse({ limit: '200' }))).connectors;
    const ready = all.find((connector) => connector.scope === 'team' && connector.isConfigured && connector.isAuthenticated)!;
    const created = await store.create(alice, createConnectorRequestSchema.parse({ connectorType: 'jira', instanceName: 'Alice drive notes', scope: 'personal' }));
    await store.toggle(admin, ready.connectorId, 'sync');
    await store.patch(alice, created.connectorId, created.version, { status: created.status === 'active' ? 'inactive' : 'active' });
    await store.rename(admin, ready.connectorId, 'Quarterly Drive');
    await store.remove(admin, all.find((connector) => connector.connectorId !== ready.connectorId && connector.scope === 'team')!.connectorId);

    const logged = await selectRows<{ version: string; connector_id: string; before: StoredState | null; after: StoredState | null }>(
      server.database,
      `select version, connector_id, to_jsonb(before) as before, to_jsonb(after) as after from connector_writes where org_id = '${admin.orgId}' and version > ${version} order by version`,
    );
    const writes: LoggedWrite[] = logged.map((row) => ({ version: Number(row.version), connectorId: row.connector_id, before: loggedState(row.before), after: loggedState(row.after) }));
    expect(writes.map((write) => write.connectorId)).toContain(created.connectorId);

    const corrected = viewers.flatMap((viewer, v) =>
      filterSets.map((filters, f) => writes.reduce((sum, write) => addCounts(sum, countsDelta(viewer, filters, write)!), before[v * filterSets.length + f]!)),
    );
    expect(corrected).toEqual(await counts());
    expect(corrected).not.toEqual(before);
  });
});
