import { describe, expect, inject, it } from 'vitest';
import { freshDatabase, selectRows, type Backend } from './test-database';

const postgresUrl = inject('postgresUrl');
const addActivity =
  "insert into connector_activity (org_id, connector_id, connector_name, connector_type, scope, owner, action, actor_type, actor_name, via, changes) values ('org_x', 'c', 'C', 'web', 'team', '', 'created', 'user', 'Ann', 'ui', '{}')";

for (const backend of ['pglite', 'postgres'] as Backend[]) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`a test database on ${backend}`, () => {
    const used = async () => {
      const database = await freshDatabase(backend, postgresUrl);
      await selectRows(database, "insert into orgs (id, name) values ('org_x', 'X')");
      await selectRows(database, addActivity);
      await selectRows(database, 'analyze connector_activity');
      await selectRows(database, "set application_name = 'changed'");
      return database;
    };

    it('comes back empty, its identities from 1, without statistics or settings, and refuses queries once closed', async () => {
      const first = await used();
      await first.close();
      await expect(selectRows(first, 'select 1')).rejects.toThrow('closed');

      const second = await freshDatabase(backend, postgresUrl);
      expect(await selectRows(second, 'select id from orgs')).toEqual([]);
      expect(await selectRows(second, "select count(*)::int as n from pg_stats where tablename = 'connector_activity'")).toEqual([{ n: 0 }]);
      if (backend === 'pglite') expect(await selectRows(second, 'show application_name')).not.toEqual([{ application_name: 'changed' }]);
      await selectRows(second, addActivity);
      expect(await selectRows(second, 'select id::int as id from connector_activity')).toEqual([{ id: 1 }]);
      await second.close();
    });

    it('is not reused when a test left its tables changed', async () => {
      const changed = await freshDatabase(backend, postgresUrl);
      await selectRows(changed, 'alter table orgs rename to orgs_gone');
      await changed.close();

      const next = await freshDatabase(backend, postgresUrl);
      expect(await selectRows(next, "select to_regclass('orgs')::text as orgs, to_regclass('orgs_gone')::text as gone")).toEqual([{ orgs: 'orgs', gone: null }]);
      await next.close();
    });
  });
}
