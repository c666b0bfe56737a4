import { sql } from 'drizzle-orm';
import type { Sealer } from '../secrets/sealer';
import { databaseVersions, localWriteVersions, withReadCache } from './cached-connectors';
import { createConnectorStore } from './connectors';
import type { Database } from './database';
import { createReadCache } from './read-cache';
import { createActivityStore } from './activity';
import { createApiKeyStore } from './api-keys';
import { createConnectorTokenStore } from './connector-tokens';
import { createOAuthAppStore } from './oauth-apps';
import { createOAuthStateStore } from './oauth-states';
import { createSignInAttemptStore } from './sign-in-attempts';
import { createUserStore } from './users';
import { createPeopleStore } from './people';
import { createSecurityEventStore } from './security-events';
import { withSessionCache, withSharedSessionLookups } from './cached-users';
import { queuedWrites } from './write-queue';

/** How many list pages and header counts each process's read cache keeps. */
export const LIST_CACHE_ENTRIES = 200;

export function createStore({ db, kind }: Database, sealer: Sealer) {
  const embedded = kind === 'pglite';
  const connectorStore = createConnectorStore(db, sealer, queuedWrites(db));
  return {
    users: embedded ? withSessionCache(createUserStore(db), createReadCache({ maxEntries: 10_000 })) : withSharedSessionLookups(createUserStore(db)),
    connectors: withReadCache(
      connectorStore,
      createReadCache({ maxEntries: LIST_CACHE_ENTRIES }),
      embedded ? localWriteVersions(db) : databaseVersions(db),
    ),
    signInAttempts: createSignInAttemptStore(db),
    people: createPeopleStore(db, sealer),
    securityEvents: createSecurityEventStore(db),
    activity: createActivityStore(db),
    apiKeys: createApiKeyStore(db),
    oauthApps: createOAuthAppStore(db, sealer),
    oauthStates: createOAuthStateStore(db, sealer),
    connectorTokens: createConnectorTokenStore(db, sealer),
    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
