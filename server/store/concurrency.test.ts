import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiAs, idOf, type Api } from '../testing/api';
import { freshDatabase, type Backend } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';

const postgresUrl = inject('postgresUrl');

for (const backend of ['pglite', 'postgres'] as Backend[]) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`concurrent writers on ${backend}`, () => {
    let server: TestServer;
    let admin: Api;

    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
      admin = apiAs(server, await server.token('admin@acme.test'));
    });
    afterEach(() => server.close());

    it('lets exactly one of 100 PATCHes with the same If-Match through', async () => {
      const id = await idOf(admin, 'Support Jira');
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          admin('PATCH', `/connectors/${id}`, { instanceName: `Edit ${index}` }, { 'if-match': '"1"' }),
        ),
      );
      const statuses = results.map((result) => result.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 412)).toHaveLength(99);
      const winner = results.find((result) => result.status === 200)!.body.connector;
      const stored = (await admin('GET', `/connectors/${id}`)).body.connector;
      expect(stored).toMatchObject({ version: 2, instanceName: winner.instanceName });
    });

    it('ends 200 concurrent set-toggles in the last acknowledged state, one version per change', async () => {
      const id = await idOf(admin, 'Support Jira');
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          admin('POST', `/connectors/${id}/toggle`, { type: index % 3 === 0 ? 'agent' : 'sync', enabled: index % 2 === 0 }),
        ),
      );
      expect(results.every((result) => result.status === 200)).toBe(true);
      const acknowledged = results.map((result) => result.body.connector);
      const changes = results.filter((result) => !result.body.message.includes('already')).length;
      const last = acknowledged.reduce((latest, connector) => (connector.version > latest.version ? connector : latest));

      const stored = (await admin('GET', `/connectors/${id}`)).body.connector;
      expect(stored.version).toBe(1 + changes);
      expect(stored).toEqual(last);
      // Each change got its own version: no two acknowledgements claim the same one.
      const changedVersions = results.filter((result) => !result.body.message.includes('already')).map((result) => result.body.connector.version);
      expect(new Set(changedVersions).size).toBe(changes);
    });

    it('fails only the change the database refuses, and the others on the same row land', async () => {
      const id = await idOf(admin, 'Company Drive');
      const viewer = (await admin('GET', '/auth/me')).body.user;
      // Straight to the store, past the contract that refuses NUL: PostgreSQL rejects it in text.
      const results = await Promise.allSettled([
        server.store.connectors.patch(viewer, id, 1, { instanceName: 'Bad \u0000 name' }),
        server.store.connectors.toggle(viewer, id, 'sync', false),
      ]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
      const stored = (await admin('GET', `/connectors/${id}`)).body.connector;
      expect(stored).toMatchObject({ syncEnabled: false, version: 2, instanceName: 'Company Drive' });
    });

    it('stores each acknowledged edit and toggle of one row, every column of them', async () => {
      const id = await idOf(admin, 'Analytics Warehouse');
      const viewer = (await admin('GET', '/auth/me')).body.user;
      const [toggled, edited] = await Promise.all([
        server.store.connectors.toggle(viewer, id, 'sync', false),
        (async () => {
          for (let version = 1; ; version++) {
            try {
              return await server.store.connectors.patch(viewer, id, version, {
                instanceName: 'Analytics Warehouse (EU)',
                status: 'inactive',
                dataLoaderConfig: { source: 'gdrive://acme/eu', batchSize: 250, auth: { username: 'svc-eu', password: 'new-secret' } },
              });
            } catch (error) {
              if ((error as { code?: string }).code !== 'VERSION_CONFLICT' || version > 3) throw error;
            }
          }
        })(),
      ]);
      const stored = (await admin('GET', `/connectors/${id}`)).body.connector;
      expect(stored).toEqual(toggled.connector.version > edited.version ? toggled.connector : edited);
      expect(stored).toMatchObject({
        instanceName: 'Analytics Warehouse (EU)',
        status: 'inactive',
        syncEnabled: false,
        version: 3,
        dataLoaderConfig: { source: 'gdrive://acme/eu', batchSize: 250, auth: { username: 'svc-eu', hasPassword: true } },
      });
    });

    it('lists and counts what the last acknowledged change left', async () => {
      const id = await idOf(admin, 'Support Jira');
      const syncing = async () => (await admin('GET', '/connectors/counts')).body.counts.syncing as number;
      const listed = async () =>
        (await admin('GET', '/connectors?syncEnabled=true&limit=200')).body.connectors.some(
          (connector: { connectorId: string }) => connector.connectorId === id,
        );
      // Pages of one filter share their total: each must show it as the last write left it.
      const totalOnPage = async (page: number) => (await admin('GET', `/connectors?syncEnabled=true&limit=1&page=${page}`)).body.pagination.totalCount as number;
      const before = { count: await syncing(), listed: await listed(), pageOne: await totalOnPage(1), pageTwo: await totalOnPage(2) };
      expect(before.pageTwo).toBe(before.pageOne);
      const target = !before.listed;
      const step = target ? 1 : -1;
      expect((await admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: target })).status).toBe(200);
      expect(await listed()).toBe(target);
      expect(await syncing()).toBe(before.count + step);
      expect(await totalOnPage(2)).toBe(before.pageOne + step);
      expect(await totalOnPage(3)).toBe(before.pageOne + step);
    });
  });
}
