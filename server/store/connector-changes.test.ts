import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { freshDatabase, selectRows, type Backend } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { createConnectorStore } from './connectors';
import { queuedWrites } from './write-queue';

const postgresUrl = inject('postgresUrl');

for (const backend of ['pglite', 'postgres'] as Backend[]) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`a group of changes on ${backend}`, () => {
    let server: TestServer;
    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
    });
    afterEach(() => server.close());

    it('writes every value of a group and of its activity as it was given: quotes, commas, braces, backslashes, the word NULL, JSON, nulls and milliseconds', async () => {
      const db = server.database.db;
      const transactions = vi.spyOn(db, 'transaction');
      const store = createConnectorStore(db, server.sealer, queuedWrites(db));
      const admin = { id: 'usr_admin', orgId: 'org_acme', role: 'admin' as const };
      const picked: string[] = [];
      const pick = async (condition: string) => {
        const taken = picked.map((id) => `'${id}'`).join(', ') || "''";
        const [row] = await selectRows<{ id: string; name: string }>(
          server.database,
          `select id, instance_name as name from connectors where org_id = 'org_acme' and scope = 'team' and ${condition} and id not in (${taken}) order by id limit 1`,
        );
        picked.push(row!.id);
        return row!;
      };
      const first = (await pick("auth_type = 'OAUTH' and is_authenticated")).id;
      const second = (await pick("auth_type = 'OAUTH' and is_authenticated")).id;
      const lostOne = await pick("auth_type = 'OAUTH' and is_authenticated");
      const signedOut = (await pick("auth_type = 'OAUTH' and not is_authenticated")).id;
      const syncing = (await pick('sync_enabled')).id;
      const doomed = (await pick('true')).id;
      const oddName = `"Quoted", {braced} \\back\\slash 'single' ,`;
      const problem = { code: 'REFRESH_REFUSED' as const, message: 'Refused: "invalid_grant", {"a": 1} \\ done', at: '2026-12-05T07:00:00.000Z' };
      const signedInAt = new Date('2026-12-05T07:00:00.123Z');

      const [renamedNull, renamedOdd, lost, signedIn, toggled] = await Promise.all([
        store.rename(admin, first, 'NULL'),
        store.rename(admin, second, oddName),
        store.signInLost(admin, lostOne.id, problem),
        store.signedIn(admin, signedOut, signedInAt),
        store.toggle(admin, syncing, 'sync', false).then((result) => result.connector),
        store.remove(admin, doomed),
      ]);
      expect(transactions).toHaveBeenCalledTimes(1);

      for (const written of [renamedNull, renamedOdd, lost, signedIn, toggled]) expect(await store.get(admin, written.connectorId)).toEqual(written);
      await expect(store.get(admin, doomed)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(renamedNull).toMatchObject({ instanceName: 'NULL', authProblem: null });
      expect(renamedOdd).toMatchObject({ instanceName: oddName, authProblem: null });
      expect(lost).toMatchObject({ instanceName: lostOne.name, isAuthenticated: false, authProblem: problem });
      expect(signedIn).toMatchObject({ isAuthenticated: true, signedInBy: admin.id, signedInAt: signedInAt.toISOString() });
      expect(toggled).toMatchObject({ syncEnabled: false, isActive: toggled.agentEnabled });
      const stored = await selectRows<{ id: string; type: string | null; message: string | null; active: boolean }>(
        server.database,
        `select id, jsonb_typeof(auth_problem) as type, auth_problem->>'message' as message, is_active as active from connectors where id in (${picked.map((id) => `'${id}'`).join(', ')})`,
      );
      const expected = [
        { id: first, type: null, message: null, active: renamedNull.isActive },
        { id: second, type: null, message: null, active: renamedOdd.isActive },
        { id: lostOne.id, type: 'object', message: problem.message, active: false },
        { id: signedOut, type: null, message: null, active: signedIn.isActive },
        { id: syncing, type: null, message: null, active: toggled.agentEnabled },
      ];
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      expect(stored.sort(byId)).toEqual(expected.sort(byId));

      const activity = await selectRows<{ connector: string; name: string; action: string; to: string | null; reason: string | null; actor: string | null; owner: string; kind: string; at: string }>(
        server.database,
        `select connector_id as connector, connector_name as name, action, changes->'instanceName'->>'to' as to, reason, actor_id as actor, owner,
           jsonb_typeof(changes) as kind, at::text as at from connector_activity where connector_id in (${picked.map((id) => `'${id}'`).join(', ')}) order by id`,
      );
      const of = (id: string) => activity.filter((entry) => entry.connector === id);
      expect(of(first)).toMatchObject([{ action: 'renamed', name: 'NULL', to: 'NULL', reason: null, actor: admin.id }]);
      expect(of(second)).toMatchObject([{ action: 'renamed', name: oddName, to: oddName }]);
      expect(of(lostOne.id).at(-1)).toMatchObject({ action: 'sign_in_expired', reason: problem.message, actor: null });
      expect(of(signedOut)).toMatchObject([{ action: 'signed_in' }]);
      expect(of(syncing)).toMatchObject([{ action: 'sync_off' }]);
      expect(of(doomed)).toMatchObject([{ action: 'deleted' }]);
      expect(activity.every((entry) => entry.owner === '' && entry.kind === 'object' && entry.at === activity[0]!.at)).toBe(true);
    });
  });
}
