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

    it('writes every value of a group as it was given: quotes, commas, braces, backslashes, the word NULL, JSON and nulls', async () => {
      const db = server.database.db;
      const transactions = vi.spyOn(db, 'transaction');
      const store = createConnectorStore(db, server.sealer, queuedWrites(db));
      const admin = { id: 'usr_admin', orgId: 'org_acme', role: 'admin' as const };
      const rows = await selectRows<{ id: string; name: string }>(
        server.database,
        "select id, instance_name as name from connectors where org_id = 'org_acme' and scope = 'team' and auth_type = 'OAUTH' and is_authenticated order by id limit 3",
      );
      expect(rows).toHaveLength(3);
      const [first, second, signedIn] = rows.map((row) => row.id) as [string, string, string];
      const oddName = `"Quoted", {braced} \\back\\slash 'single' ,`;
      const problem = { code: 'REFRESH_REFUSED' as const, message: 'Refused: "invalid_grant", {"a": 1} \\ done', at: '2026-12-05T07:00:00.000Z' };

      // One group: each row sends every changed column, so the renamed rows carry their null sign-in problem.
      const [renamedNull, renamedOdd, lost] = await Promise.all([
        store.rename(admin, first, 'NULL'),
        store.rename(admin, second, oddName),
        store.signInLost(admin, signedIn, problem),
      ]);
      expect(transactions).toHaveBeenCalledTimes(1);

      for (const written of [renamedNull, renamedOdd, lost]) expect(await store.get(admin, written.connectorId)).toEqual(written);
      expect(renamedNull).toMatchObject({ instanceName: 'NULL', authProblem: null });
      expect(renamedOdd).toMatchObject({ instanceName: oddName, authProblem: null });
      expect(lost).toMatchObject({ instanceName: rows[2]!.name, isAuthenticated: false, authProblem: problem });
      const stored = await selectRows<{ id: string; type: string | null; message: string | null }>(
        server.database,
        `select id, jsonb_typeof(auth_problem) as type, auth_problem->>'message' as message from connectors where id in ('${first}', '${second}', '${signedIn}') order by id`,
      );
      expect(stored).toEqual([
        { id: first, type: null, message: null },
        { id: second, type: null, message: null },
        { id: signedIn, type: 'object', message: problem.message },
      ]);
    });
  });
}
