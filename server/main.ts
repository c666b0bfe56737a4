import cluster from 'node:cluster';
import { chmodSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, escapeControls } from './app';
import { allowedHosts, parseEnv, seedsDemo, type Env } from './env';
import { openDatabase, refreshStaleStatistics } from './store/database';
import { createEventHub } from './events/event-hub';
import { createTokenRefresher } from './oauth/token-refresher';
import { DEMO_ORG_ID, DEMO_PASSWORD, demoAccounts, demoUsers, hasDemoOrg, seedDemo } from './store/demo-seed';
import { sealUnsealedSecrets } from './store/sealed-secrets';
import { createStore } from './store/store';
import { sealerFromEnv } from './secrets/keys';

const workerPrefix = cluster.isWorker ? `worker ${cluster.worker?.id}: ` : '';
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${workerPrefix}${escapeControls(line)}\n`);

/** The addresses a browser may use for this server, each registered with the demo provider. */
function demoOrigins(env: Env): string[] {
  const local = [`http://127.0.0.1:${env.PORT}`, `http://localhost:${env.PORT}`];
  return env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).origin, ...local] : local;
}

/** On a server nobody can sign in to yet: the one link that makes its organisation and first admin. */
async function printSetupLink(store: ReturnType<typeof createStore>, env: Env) {
  try {
    const token = await store.people.setupToken();
    if (!token) return;
    const origin = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
    log(`first run: open ${origin}/setup?${new URLSearchParams({ token })} to create the organisation and its first admin (this link works once)`);
  } catch (error) {
    log(`setup link not made: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function serveApp(env: Env) {
  // While PGlite's WebAssembly compiles, nothing else holds the event loop open; Node then waits for
  // every background compile job, optimising ones included, before it runs the loop again, and the
  // first requests waited ~0.3 s for them (nodejs/node#36616). Released once the server listens.
  const startingUp = setInterval(() => {}, 60_000);
  const embedded = !env.DATABASE_URL;
  if (embedded) {
    // The database's files hold everything: this process's user alone may enter their directory.
    mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });
    chmodSync(env.DATA_DIR, 0o700);
  }
  const sealer = sealerFromEnv(env);
  const seedAllowed = seedsDemo(env);
  let onDemoData = false;
  const database = await openDatabase(
    env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, maxConnections: env.DATABASE_POOL_SIZE, statementTimeoutMs: env.STATEMENT_TIMEOUT_MS } : { kind: 'pglite', dataDir: resolve(env.DATA_DIR) },
    {
      setUp: async (db) => {
        const sealed = await sealUnsealedSecrets(db, sealer);
        if (sealed > 0) log(`sealed ${sealed} stored credentials with SECRETS_KEY`);
        if (!seedAllowed) return;
        if ((await seedDemo(db, sealer)).seeded) log('seeded the demo org "Acme"');
        onDemoData = await hasDemoOrg(db);
      },
    },
  );
  log(embedded ? `database: embedded PostgreSQL in ${resolve(env.DATA_DIR)}` : 'database: PostgreSQL at DATABASE_URL');

  const store = createStore(database, sealer);
  // The demo provider keeps its sessions and codes in memory: with one process only.
  // Loaded only for the demo: a real deployment never runs this provider's code.
  const demoOAuth = onDemoData && env.WORKERS === 1 ? (await import('./demo-oauth/demo-provider')).createDemoOAuthProvider({ origins: demoOrigins(env) }) : undefined;
  if (demoOAuth) await demoOAuth.configureApps(store.oauthApps, DEMO_ORG_ID, demoUsers[0].id);
  const events = createEventHub(database, store, log);
  await events.start();
  const app = createApp({ store, demo: demoAccounts(onDemoData), staticDir: env.STATIC_DIR, log, publicUrl: env.PUBLIC_URL, demoOAuth, events, allowedHosts: allowedHosts(env), trustedProxies: env.TRUSTED_PROXIES });
  const stopRefreshing = createTokenRefresher(store, log).start();
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    clearInterval(startingUp);
    log(`connector-console is running at http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${info.port}`);
    if (onDemoData && (cluster.worker?.id ?? 1) === 1) {
      log(`sign in as ${demoUsers.map((user) => `${user.email} (${user.role})`).join(', ')} with password "${DEMO_PASSWORD}"`);
    }
    if (demoOAuth) log(`demo OAuth provider at ${demoOAuth.issuer}: the demo org's OAuth connectors sign in there`);
    if ((cluster.worker?.id ?? 1) === 1) void printSetupLink(store, env);
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
    stopRefreshing();
    void events.close();
    server.close(() => void database.close().then(() => process.exit(0)));
    // Event streams never end on their own; they reconnect, with Last-Event-ID, to another process.
    setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), 1000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

const CRASH_LOOP_MS = 10_000;
const MAX_QUICK_DEATHS = 5;

function superviseWorkers(workers: number) {
  log(`starting ${workers} server processes on one PostgreSQL server`);
  let stopping = false;
  let quickDeaths = 0;
  const startedAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  for (let index = 0; index < workers; index++) fork();

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    quickDeaths = lived < CRASH_LOOP_MS ? quickDeaths + 1 : 0;
    if (quickDeaths >= MAX_QUICK_DEATHS) {
      log(`worker ${worker.id} exited (${signal ?? code}); ${MAX_QUICK_DEATHS} workers died within ${CRASH_LOOP_MS / 1000} s of starting, giving up`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    log(`worker ${worker.id} exited (${signal ?? code}); starting another`);
    setTimeout(fork, lived < CRASH_LOOP_MS ? 1_000 : 0);
  });

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the server processes`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

function main() {
  const env = parseEnv(process.env);
  if (env.WORKERS > 1 && cluster.isPrimary) {
    superviseWorkers(env.WORKERS);
    return Promise.resolve();
  }
  return serveApp(env);
}

main().catch((error: unknown) => {
  process.stderr.write(`connector-console could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
