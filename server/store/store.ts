import { sql } from 'drizzle-orm';
import { createConnectorStore } from './connectors';
import type { Db } from './database';
import { createUserStore } from './users';

export function createStore(db: Db) {
  return {
    users: createUserStore(db),
    connectors: createConnectorStore(db),
    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
