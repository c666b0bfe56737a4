import { serve } from '@hono/node-server';
import { API_PREFIX, createApp } from '../server/app';
import { openDatabase, refreshStatistics, type DatabaseTarget } from '../server/store/database';
import { createStore } from '../server/store/store';
import { HOST } from './lib/server-process';

// The server app as server/main.ts builds it (without demo seeding and request logging), with one
// more route: the reference, a constant JSON body of the list response's size. Started by bench/api.ts
// in its own process, so autocannon and the server do not share a thread.

export type ApiServerReady = { port: number; token: string; listBytes: number; referenceBytes: number };

async function main() {
  const target = process.env.BENCH_DATABASE;
  const listPath = process.env.BENCH_LIST_PATH;
  const referencePath = process.env.BENCH_REFERENCE_PATH;
  const email = process.env.BENCH_EMAIL;
  const password = process.env.BENCH_PASSWORD;
  if (!target || !listPath || !referencePath || !email || !password || !process.send) throw new Error('start this file from bench/api.ts');

  const database = await openDatabase(JSON.parse(target) as DatabaseTarget);
  await refreshStatistics(database); // server/main.ts refreshes them a second after start-up, when stale
  const app = createApp({ store: createStore(database) });
  let referenceBody = '';
  app.get(referencePath, (c) => c.body(referenceBody, 200, { 'content-type': 'application/json' }));

  const login = await app.request(`${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { token } = (await login.json()) as { token: string };
  const list = await app.request(listPath, { headers: { authorization: `Bearer ${token}` } });
  if (list.status !== 200) throw new Error(`${listPath} answered ${list.status}`);
  referenceBody = await list.text();

  const server = serve({ fetch: app.fetch, port: 0, hostname: HOST }, (info) => {
    const bytes = Buffer.byteLength(referenceBody);
    process.send?.({ port: info.port, token, listBytes: bytes, referenceBytes: bytes } satisfies ApiServerReady);
  });
  process.once('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
}

main().catch((error: unknown) => {
  process.stderr.write(`api-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
