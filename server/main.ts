import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { parseEnv, seedsDemo } from './env';
import { openDatabase, refreshStaleStatistics } from './store/database';
import { DEMO_PASSWORD, demoAccounts, demoUsers, hasDemoOrg, seedDemo } from './store/demo-seed';
import { createStore } from './store/store';

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

async function main() {
  const env = parseEnv(process.env);
  // While PGlite's WebAssembly compiles, nothing else holds the event loop open; Node then waits for
  // every background compile job, optimising ones included, before it runs the loop again, and the
  // first requests waited ~0.3 s for them (nodejs/node#36616). Released once the server listens.
  const startingUp = setInterval(() => {}, 60_000);
  const embedded = !env.DATABASE_URL;
  if (embedded) mkdirSync(env.DATA_DIR, { recursive: true });
  const database = await openDatabase(
    env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(env.DATA_DIR) },
  );
  log(embedded ? `database: embedded PostgreSQL in ${resolve(env.DATA_DIR)}` : 'database: PostgreSQL at DATABASE_URL');

  const seedAllowed = seedsDemo(env);
  if (seedAllowed && (await seedDemo(database.db)).seeded) log('seeded the demo org "Acme"');
  const onDemoData = seedAllowed && (await hasDemoOrg(database.db));
  const app = createApp({ store: createStore(database), demo: demoAccounts(onDemoData), staticDir: env.STATIC_DIR, log });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    clearInterval(startingUp);
    log(`connector-console is running at http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${info.port}`);
    if (onDemoData) {
      log(`sign in as ${demoUsers.map((user) => `${user.email} (${user.role})`).join(', ')} with password "${DEMO_PASSWORD}"`);
    }
  });

  if (embedded) {
    // After the first answers rather than before them: on the embedded database ANALYZE holds the
    // process while it runs.
    setTimeout(() => {
      const started = performance.now();
      refreshStaleStatistics(database)
        .then((refreshed) => refreshed && log(`database statistics refreshed in ${Math.round(performance.now() - started)} ms`))
        .catch((error: unknown) => log(`database statistics not refreshed: ${error instanceof Error ? error.message : String(error)}`));
    }, 1000);
  }

  const shutdown = (signal: string) => {
    log(`${signal}: shutting down`);
    server.close(() => void database.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`connector-console could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
