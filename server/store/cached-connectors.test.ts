import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectorFilterQuerySchema, connectorListQuerySchema, type Connector } from '../../contract/connector';
import type { Viewer } from '../../contract/rules';
import { freshDatabase, selectRows, type Backend } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { databaseVersions, dependencyColumns, localWriteVersions, withReadCache } from './cached-connectors';
import { createConnectorStore, type ConnectorStore } from './connectors';
import { createReadCache } from './read-cache';

const postgresUrl = inject('postgresUrl');

const reads = {
  teamByName: connectorListQuerySchema.parse({ scope: 'team', limit: '3' }),
  syncing: connectorListQuerySchema.parse({ syncEnabled: 'true' }),
  recentlyUpdated: connectorListQuerySchema.parse({ sort: '-updatedAt', limit: '3' }),
};
const allCounts = connectorFilterQuerySchema.parse({});

for (const backend of ['pglite', 'postgres'] as Backend[]) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`the read cache on ${backend}, with writes from another process`, () => {
    let server: TestServer;
    let admin: Viewer;
    let elsewhere: ConnectorStore;
    let counted: ConnectorStore;
    let cached: ConnectorStore;
    const loads: string[] = [];

    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
      const user = (await server.store.users.findByEmail('admin@acme.test'))!;
      admin = { id: user.id, orgId: user.orgId, role: user.role };
      elsewhere = createConnectorStore(server.database.db, server.sealer);
      counted = createConnectorStore(server.database.db, server.sealer);
      const { list, counts } = counted;
      counted.list = (viewer, query) => {
        loads.push(JSON.stringify(query));
        return list(viewer, query);
      };
      counted.counts = (viewer, filters) => {
        loads.push('counts');
        return counts(viewer, filters);
      };
      cached = withReadCache(counted, createReadCache({ maxEntries: 100 }), databaseVersions(server.database.db));
      loads.length = 0;
    });
    afterEach(() => server.close());

    const readAll = async () => {
      loads.length = 0;
      for (const [name, query] of Object.entries(reads)) {
        expect(await cached.list(admin, query), name).toEqual(await elsewhere.list(admin, query));
      }
      expect(await cached.counts(admin, allCounts)).toEqual(await elsewhere.counts(admin, allCounts));
      const loaded = Object.entries(reads)
        .filter(([, query]) => loads.includes(JSON.stringify(query)))
        .map(([name]) => name);
      return loads.includes('counts') ? [...loaded, 'counts'] : loaded;
    };

    it('reads the write log once for the reads that catch up on the same versions together', async () => {
      let selects = 0;
      const db = server.database.db;
      const countingDb = new Proxy(db, {
        get(target, key) {
          const value = Reflect.get(target, key, target) as unknown;
          if (key === 'select') selects++;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const versions = databaseVersions(countingDb);
      const { version } = await versions.since(admin.orgId, -1)!;
      const all = (await elsewhere.list(admin, connectorListQuerySchema.parse({ limit: '200' }))).connectors;
      const ready = all.find((connector) => connector.scope === 'team' && connector.isConfigured && connector.isAuthenticated)!;
      await elsewhere.toggle(admin, ready.connectorId, 'sync');
      selects = 0;
      const caughtUp = await Promise.all(Array.from({ length: 5 }, () => versions.since(admin.orgId, version)!));
      // The first caller's version query answers it alone; the other four share the one sent after them, and its log read.
      expect(selects).toBeLessThanOrEqual(2);
      for (const changes of caughtUp) expect(changes).toEqual({ version: version + 1, writes: [expect.objectContaining({ connectorId: ready.connectorId })] });
    });

    it('drops only the answers a change can have changed, and is never behind the database', async () => {
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated', 'counts']);
      expect(await readAll()).toEqual([]);

      const firstTeamPage = (await cached.list(admin, reads.teamByName)).connectors.map((connector) => connector.connectorId);
      const all = (await elsewhere.list(admin, connectorListQuerySchema.parse({ limit: '200' }))).connectors;
      const ready = (connector: Connector) => connector.scope === 'team' && connector.isConfigured && connector.isAuthenticated;
      const offPage = all.find((connector) => ready(connector) && !firstTeamPage.includes(connector.connectorId))!;
      await elsewhere.toggle(admin, offPage.connectorId, 'sync');
      expect(await readAll()).toEqual(['syncing', 'recentlyUpdated', 'counts']);

      const onPage = all.find((connector) => firstTeamPage.includes(connector.connectorId) && !connector.syncEnabled)!;
      await elsewhere.patch(admin, onPage.connectorId, onPage.version, { status: onPage.status === 'active' ? 'inactive' : 'active' });
      expect(await readAll()).toEqual(['teamByName', 'recentlyUpdated', 'counts']);

      await elsewhere.rename(admin, offPage.connectorId, `${offPage.instanceName} (old)`);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated']);

      await elsewhere.remove(admin, offPage.connectorId);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated', 'counts']);
    });

    it("keeps a search's answers through changes to connectors it does not match, not through a name that comes to match or goes", async () => {
      const drives = connectorListQuerySchema.parse({ search: 'DRIVE', sort: '-updatedAt' });
      const driveCounts = connectorFilterQuerySchema.parse({ search: 'DRIVE' });
      const readSearch = async () => {
        loads.length = 0;
        expect(await cached.list(admin, drives)).toEqual(await elsewhere.list(admin, drives));
        expect(await cached.counts(admin, driveCounts)).toEqual(await elsewhere.counts(admin, driveCounts));
        return loads.length;
      };
      const named = async (name: string) => (await elsewhere.list(admin, connectorListQuerySchema.parse({ search: name }))).connectors[0]!;
      expect(await readSearch()).toBe(2);

      await elsewhere.toggle(admin, (await named('Engineering Slack')).connectorId, 'sync');
      expect(await readSearch()).toBe(0);
      await elsewhere.toggle(admin, (await named('Company Drive')).connectorId, 'sync');
      expect(await readSearch()).toBe(2);
      await elsewhere.rename(admin, (await named('Engineering Slack')).connectorId, 'Engineering Drive');
      expect(await readSearch()).toBe(2);
      await elsewhere.rename(admin, (await named('Marketing Drive')).connectorId, 'Marketing Files');
      expect(await readSearch()).toBe(2);
    });

    it.skipIf(backend === 'postgres')('learns from the log alone what the writes of its own process changed (the embedded database)', async () => {
      cached = withReadCache(counted, createReadCache({ maxEntries: 100 }), localWriteVersions(server.database.db));
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated', 'counts']);
      const firstTeamPage = (await cached.list(admin, reads.teamByName)).connectors.map((connector) => connector.connectorId);
      const offPage = (await elsewhere.list(admin, reads.syncing)).connectors.find((connector) => !firstTeamPage.includes(connector.connectorId))!;
      await cached.toggle(admin, offPage.connectorId, 'sync', false);
      expect(await readAll()).toEqual(['syncing', 'recentlyUpdated', 'counts']);
      expect(await readAll()).toEqual([]);
      await cached.toggle(admin, offPage.connectorId, 'sync', true);
      await cached.rename(admin, offPage.connectorId, `${offPage.instanceName} (old)`);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated', 'counts']);
    });

    it('drops everything when the log no longer covers the versions it missed', async () => {
      await readAll();
      const firstTeamPage = (await cached.list(admin, reads.teamByName)).connectors.map((connector) => connector.connectorId);
      const offPage = (await elsewhere.list(admin, reads.syncing)).connectors.find((connector) => !firstTeamPage.includes(connector.connectorId))!;
      await elsewhere.toggle(admin, offPage.connectorId, 'sync', false);
      await server.database.db.execute(`delete from connector_writes` as never);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated', 'counts']);
    });

    it('logs each change under its version, and keeps the last 4,096 versions', async () => {
      const [connector] = (await elsewhere.list(admin, reads.syncing)).connectors;
      await server.database.db.execute(`update orgs set data_version = 8191 where id = '${admin.orgId}'` as never);
      await server.database.db.execute(
        `insert into connector_writes values ('${admin.orgId}', 4096, 'old', null), ('${admin.orgId}', 4097, 'kept', null)` as never,
      );
      await elsewhere.toggle(admin, connector!.connectorId, 'sync', false);
      const logged = await selectRows<{ version: string; connector_id: string; columns: string[] | null }>(
        server.database,
        `select version, connector_id, columns from connector_writes where org_id = '${admin.orgId}' order by version`,
      );
      expect(logged.map((write) => [Number(write.version), write.connector_id, write.columns])).toEqual([
        [4097, 'kept', null],
        [8192, connector!.connectorId, ['sync_enabled', 'updated_at']],
      ]);
    });

    it('logs a change to every column a cached answer can depend on', async () => {
      const [connector] = (await elsewhere.list(admin, reads.syncing)).connectors;
      const types = await selectRows<{ column_name: string; data_type: string }>(
        server.database,
        `select column_name, data_type from information_schema.columns where table_name = 'connectors'`,
      );
      for (const column of dependencyColumns) {
        const type = types.find((row) => row.column_name === column)?.data_type;
        const changed =
          column === 'created_by'
            ? `(select id from users where id <> created_by limit 1)`
            : type === 'boolean'
              ? `not ${column}`
              : type?.startsWith('timestamp')
                ? `coalesce(${column}, now()) + interval '1 second'`
                : `${column} || '~'`;
        await server.database.db.execute(`update connectors set ${column} = ${changed} where id = '${connector!.connectorId}'` as never);
        const [latest] = await selectRows<{ columns: string[] }>(
          server.database,
          `select columns from connector_writes where org_id = '${admin.orgId}' order by version desc limit 1`,
        );
        expect(latest!.columns, column).toContain(column);
      }
      expect(dependencyColumns.size).toBeGreaterThan(10);
    });
  });
}
