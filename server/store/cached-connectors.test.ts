import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectorFilterQuerySchema, connectorListQuerySchema, type Connector } from '../../contract/connector';
import type { Viewer } from '../../contract/rules';
import { freshDatabase, selectRows, type Backend } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { databaseVersions, localWriteVersions, withReadCache } from './cached-connectors';
import { createConnectorStore, type ConnectorStore } from './connectors';
import { createReadCache } from './read-cache';
import { connectors, type LoggedState } from './schema';
import { dependencyFields } from './write-effects';

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
    const countsLoad = (filters: object) => `counts ${JSON.stringify(filters)}`;
    const pageLoads = () => loads.filter((load) => !load.startsWith('counts ')).length;

    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
      const user = (await server.store.users.findByEmail('admin@acme.test'))!;
      admin = { id: user.id, orgId: user.orgId, role: user.role };
      elsewhere = createConnectorStore(server.database.db, server.sealer);
      counted = createConnectorStore(server.database.db, server.sealer);
      const { rows, counts } = counted;
      counted.rows = (viewer, query, options) => {
        loads.push(JSON.stringify(query));
        return rows(viewer, query, options);
      };
      counted.counts = (viewer, filters) => {
        loads.push(countsLoad(filters));
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
      return loads.includes(countsLoad(allCounts)) ? [...loaded, 'counts'] : loaded;
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
      expect(await readAll()).toEqual(['syncing', 'recentlyUpdated']);

      const onPage = all.find((connector) => firstTeamPage.includes(connector.connectorId) && !connector.syncEnabled)!;
      await elsewhere.patch(admin, onPage.connectorId, onPage.version, { status: onPage.status === 'active' ? 'inactive' : 'active' });
      expect(await readAll()).toEqual(['teamByName', 'recentlyUpdated']);

      await elsewhere.rename(admin, offPage.connectorId, `${offPage.instanceName} (old)`);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated']);

      await elsewhere.remove(admin, offPage.connectorId);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated']);
    });

    it('keeps a page through changes that sort after its last row, correcting its total, and not through one that sorts into it', async () => {
      const recentlySynced = connectorListQuerySchema.parse({ syncEnabled: 'true', sort: '-lastSyncAt', limit: '2' });
      const readPage = async () => {
        loads.length = 0;
        expect(await cached.list(admin, recentlySynced)).toEqual(await elsewhere.list(admin, recentlySynced));
        return pageLoads();
      };
      expect(await readPage()).toBe(1);
      expect((await cached.list(admin, recentlySynced)).nextCursor).not.toBeNull();
      const all = (await elsewhere.list(admin, connectorListQuerySchema.parse({ limit: '200' }))).connectors;
      const [old, recent] = all.filter((connector) => connector.scope === 'team' && connector.isConfigured && connector.isAuthenticated && !connector.syncEnabled);
      const syncedAt = (id: string, when: string) => server.database.db.execute(`update connectors set last_sync_at = ${when} where id = '${id}'` as never);
      await syncedAt(old!.connectorId, `now() - interval '400 days'`);
      await syncedAt(recent!.connectorId, 'now()');
      expect(await readPage()).toBe(0);

      await elsewhere.toggle(admin, old!.connectorId, 'sync', true);
      expect(await readPage()).toBe(0);
      await elsewhere.toggle(admin, recent!.connectorId, 'sync', true);
      expect(await readPage()).toBe(1);
      expect(loads.length).toBe(1);
      expect((await cached.list(admin, recentlySynced)).connectors[0]!.connectorId).toBe(recent!.connectorId);
    });

    it('hands out the same page object through a change that leaves its total, and a new one when the total moves', async () => {
      const before = await cached.list(admin, reads.teamByName);
      const shown = before.connectors.map((connector) => connector.connectorId);
      const all = (await elsewhere.list(admin, connectorListQuerySchema.parse({ limit: '200' }))).connectors;
      const offPage = all.find((connector) => connector.scope === 'team' && connector.isConfigured && connector.isAuthenticated && !shown.includes(connector.connectorId));
      if (!offPage) throw new Error('the demo data has no ready team connector off the first page');

      await elsewhere.toggle(admin, offPage.connectorId, 'sync');
      const after = await cached.list(admin, reads.teamByName);
      expect(after).toEqual(await elsewhere.list(admin, reads.teamByName));
      expect(after).toBe(before);

      await elsewhere.remove(admin, offPage.connectorId);
      const fewer = await cached.list(admin, reads.teamByName);
      expect(fewer).toEqual(await elsewhere.list(admin, reads.teamByName));
      expect(fewer.totalCount).toBe(before.totalCount - 1);
      expect(fewer).not.toBe(before);
    });

    it('ends a page’s next cursor when the last connector after it goes, with and without a cursor', async () => {
      await server.database.db.execute(
        `update connectors c set created_at = now() - s.n * interval '1 minute' from (select id, row_number() over (order by id) as n from connectors) s where c.id = s.id` as never,
      );
      const { totalCount } = await elsewhere.list(admin, connectorListQuerySchema.parse({}));
      const firstPage = connectorListQuerySchema.parse({ sort: 'createdAt', limit: String(totalCount - 2) });
      const start = (await elsewhere.list(admin, connectorListQuerySchema.parse({ sort: 'createdAt', limit: '2' }))).nextCursor!;
      const afterCursor = connectorListQuerySchema.parse({ sort: 'createdAt', limit: String(totalCount - 3), cursor: start });
      const both = async () => {
        for (const query of [firstPage, afterCursor]) expect(await cached.list(admin, query), JSON.stringify(query)).toEqual(await elsewhere.list(admin, query));
      };
      await both();
      expect((await cached.list(admin, firstPage)).nextCursor).not.toBeNull();
      const newest = (await elsewhere.list(admin, connectorListQuerySchema.parse({ sort: '-createdAt', limit: '2' }))).connectors;
      await elsewhere.remove(admin, newest[0]!.connectorId);
      await both();
      await elsewhere.remove(admin, newest[1]!.connectorId);
      await both();
      expect((await cached.list(admin, firstPage)).nextCursor).toBeNull();
      expect((await cached.list(admin, afterCursor)).nextCursor).toBeNull();
    });

    it("keeps a search's answers through changes to connectors it does not match, and corrects its counts for names that come to match or go", async () => {
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
      expect(await readSearch()).toBe(1);
      await elsewhere.rename(admin, (await named('Engineering Slack')).connectorId, 'Engineering Drive');
      expect(await readSearch()).toBe(1);
      await elsewhere.rename(admin, (await named('Marketing Drive')).connectorId, 'Marketing Files');
      expect(await readSearch()).toBe(1);
      await elsewhere.rename(admin, (await named('Engineering Drive')).connectorId, 'Ingeniería Drive');
      expect(await readSearch()).toBe(2);
    });

    it.skipIf(backend === 'postgres')('learns from the log alone what the writes of its own process changed (the embedded database)', async () => {
      cached = withReadCache(counted, createReadCache({ maxEntries: 100 }), localWriteVersions(server.database.db));
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated', 'counts']);
      const firstTeamPage = (await cached.list(admin, reads.teamByName)).connectors.map((connector) => connector.connectorId);
      const offPage = (await elsewhere.list(admin, reads.syncing)).connectors.find((connector) => !firstTeamPage.includes(connector.connectorId))!;
      await cached.toggle(admin, offPage.connectorId, 'sync', false);
      expect(await readAll()).toEqual(['syncing', 'recentlyUpdated']);
      expect(await readAll()).toEqual([]);
      const teamCounts = connectorFilterQuerySchema.parse({ scope: 'team' });
      await cached.counts(admin, teamCounts);
      await cached.toggle(admin, offPage.connectorId, 'sync', true);
      const [team, all] = await Promise.all([cached.counts(admin, teamCounts), cached.counts(admin, allCounts)]);
      expect([team, all]).toEqual([await elsewhere.counts(admin, teamCounts), await elsewhere.counts(admin, allCounts)]);
      await cached.toggle(admin, offPage.connectorId, 'sync', false);
      await cached.toggle(admin, offPage.connectorId, 'sync', true);
      await cached.rename(admin, offPage.connectorId, `${offPage.instanceName} (old)`);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated']);
    });

    it('reads a page again after a change to one of its rows, taking the others as it showed them', async () => {
      const teamPage = connectorListQuerySchema.parse({ scope: 'team', limit: '5' });
      const before = (await cached.list(admin, teamPage)).connectors;
      const changed = before[2]!;
      await elsewhere.patch(admin, changed.connectorId, changed.version, { status: changed.status === 'active' ? 'inactive' : 'active' });
      loads.length = 0;
      const after = await cached.list(admin, teamPage);
      expect(pageLoads()).toBe(1);
      expect(after).toEqual(await elsewhere.list(admin, teamPage));
      expect(after.connectors[2]).toMatchObject({ connectorId: changed.connectorId, version: changed.version + 1 });
      expect(after.connectors.map((connector, index) => connector === before[index])).toEqual([true, true, false, true, true]);
    });

    it('drops everything when the log no longer covers the versions it missed', async () => {
      await readAll();
      const firstTeamPage = (await cached.list(admin, reads.teamByName)).connectors.map((connector) => connector.connectorId);
      const offPage = (await elsewhere.list(admin, reads.syncing)).connectors.find((connector) => !firstTeamPage.includes(connector.connectorId))!;
      await elsewhere.toggle(admin, offPage.connectorId, 'sync', false);
      await server.database.db.execute(`delete from connector_writes` as never);
      expect(await readAll()).toEqual(['teamByName', 'syncing', 'recentlyUpdated', 'counts']);
    });

    it('logs each change under its version, and drops the version that leaves the last 4,096 on every write', async () => {
      const [connector] = (await elsewhere.list(admin, reads.syncing)).connectors;
      await server.database.db.execute(`delete from connector_writes` as never);
      await server.database.db.execute(`update orgs set data_version = 8190 where id = '${admin.orgId}'` as never);
      await server.database.db.execute(
        `insert into connector_writes values ('${admin.orgId}', 4095, 'old', null, null), ('${admin.orgId}', 4096, 'kept', null, null)` as never,
      );
      await elsewhere.toggle(admin, connector!.connectorId, 'sync', false);
      const logged = await selectRows<{ version: string; connector_id: string; before: LoggedState | null; after: LoggedState | null }>(
        server.database,
        `select version, connector_id, to_jsonb(before) as before, to_jsonb(after) as after from connector_writes where org_id = '${admin.orgId}' order by version`,
      );
      expect(logged.map((write) => [Number(write.version), write.connector_id, write.before?.syncEnabled, write.after?.syncEnabled])).toEqual([
        [4096, 'kept', undefined, undefined],
        [8191, connector!.connectorId, true, false],
      ]);
    });

    it('logs every field a cached answer can depend on, before and after each change', async () => {
      const [connector] = (await elsewhere.list(admin, reads.syncing)).connectors;
      const types = await selectRows<{ column_name: string; data_type: string }>(
        server.database,
        `select column_name, data_type from information_schema.columns where table_name = 'connectors'`,
      );
      for (const field of dependencyFields) {
        const column = connectors[field].name;
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
        const [latest] = await selectRows<{ before: LoggedState; after: LoggedState }>(
          server.database,
          `select to_jsonb(before) as before, to_jsonb(after) as after from connector_writes where org_id = '${admin.orgId}' order by version desc limit 1`,
        );
        expect(latest!.after[field], field).not.toBeUndefined();
        expect(latest!.after[field], field).not.toEqual(latest!.before[field]);
      }
      expect(dependencyFields.size).toBeGreaterThan(10);
    });
  });
}
