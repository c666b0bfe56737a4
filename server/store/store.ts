import { sql } from 'drizzle-orm';
import { withReadCache } from './cached-connectors';
import { createConnectorStore } from './connectors';
import type { Database } from './database';
import { createReadCache } from './read-cache';
import { createSignInAttemptStore } from './sign-in-attempts';
import { createUserStore } from './users';
import { withSessionCache } from './cached-users';
import { queuedWrites } from './write-queue';

/** How many list pages (and header counts) the embedded database's read cache keeps. */
export const LIST_CACHE_ENTRIES = 200;

export function createStore({ db, kind }: Database) {
  // The embedded database has no other client than this process, so what it read stays true until
  // it writes. Servers sharing a PostgreSQL server would each miss the others' writes: no caching there.
  const ownsTheData = kind === 'pglite';
  return {
    users: ownsTheData ? withSessionCache(createUserStore(db), createReadCache({ maxEntries: 10_000 })) : createUserStore(db),
    connectors: ownsTheData
      ? withReadCache(createConnectorStore(db, queuedWrites(db)), createReadCache({ maxEntries: LIST_CACHE_ENTRIES }))
      : createConnectorStore(db),
    signInAttempts: createSignInAttemptStore(db),
    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
