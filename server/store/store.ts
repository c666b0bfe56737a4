import { sql } from 'drizzle-orm';
import { createConnectorStore } from './connectors';
import type { Database } from './database';
import { createReadCache } from './read-cache';
import { createUserStore } from './users';

export function createStore({ db, kind }: Database) {
  // The embedded database has no other client than this process, so what it read stays true until
  // it writes. Servers sharing a PostgreSQL server would each miss the others' writes: no caching there.
  const ownsTheData = kind === 'pglite';
  return {
    users: createUserStore(db, createReadCache({ enabled: ownsTheData, maxEntries: 10_000 })),
    connectors: createConnectorStore(db, createReadCache({ enabled: ownsTheData, maxEntries: 200 })),
    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
