import { createApp } from '../app';
import type { Database } from '../store/database';
import { demoAccounts, seedDemo } from '../store/demo-seed';
import { ephemeralSealer } from '../secrets/keys';
import type { Sealer } from '../secrets/sealer';
import { createStore, type Store } from '../store/store';
import { createEventHub } from '../events/event-hub';
import { freshPglite } from './test-database';

export type TestServer = {
  app: ReturnType<typeof createApp>;
  store: Store;
  database: Database;
  /** Seals this server's secrets, with a key made for it. */
  sealer: Sealer;
  /** Routes relative (`/api/v1/…`) and absolute URLs into the app in-process. */
  fetch: typeof fetch;
  /** Every line the server logged, to check that nothing secret is written. */
  logs: string[];
  /** A session token for a user, made directly in the store (sign-in itself is tested on its own). */
  token(email: string): Promise<string>;
  close(): Promise<void>;
};

/** The real server app over a fresh database, seeded with the demo org unless told otherwise. */
export async function startTestServer(
  options: { seed?: 'demo' | 'none'; database?: Database; trustedProxies?: string[] } = {},
): Promise<TestServer> {
  const database = options.database ?? (await freshPglite());
  const seeded = options.seed !== 'none';
  const sealer = ephemeralSealer();
  if (seeded) await seedDemo(database.db, sealer);
  const store = createStore(database, sealer);
  const logs: string[] = [];
  const events = createEventHub(database, store);
  await events.start();
  const app = createApp({ store, demo: demoAccounts(seeded), log: (line) => logs.push(line), events, trustedProxies: options.trustedProxies });

  const fetchInProcess = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    return Promise.resolve(app.fetch(request));
  }) as typeof fetch;

  return {
    app,
    store,
    database,
    sealer,
    fetch: fetchInProcess,
    logs,
    async token(email) {
      const user = await store.users.findByEmail(email);
      if (!user) throw new Error(`No user ${email}`);
      return (await store.users.createSession(user.id)).token;
    },
    async close() {
      await events.close();
      await database.close();
    },
  };
}
