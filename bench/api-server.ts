import { ephemeralSealer } from '../server/secrets/keys';
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app';
import { openDatabase, type DatabaseTarget } from '../server/store/database';
import { createStore } from '../server/store/store';
import { HOST } from './lib/server-process';

// The server app as server/main.ts builds it (without demo seeding and request logging), with one
// more route: the reference, a constant JSON body of the list response's size. Started by bench/api.ts
// in its own process, so autocannon and the server do not share a thread.
// BENCH_WORKERS=N serves both with N node:cluster workers, as WORKERS=N does.

export type ApiServerReady = { port: number; workers: number; listBytes: number; referenceBytes: number };
type WorkerListening = { port: number; listBytes: number };

type Settings = { database: DatabaseTarget; listPath: string; referencePath: string; token: string; workers: number };

function settings(): Settings {
  const { BENCH_DATABASE, BENCH_LIST_PATH, BENCH_REFERENCE_PATH, BENCH_TOKEN, BENCH_WORKERS = '1' } = process.env;
  if (!BENCH_DATABASE || !BENCH_LIST_PATH || !BENCH_REFERENCE_PATH || !BENCH_TOKEN || !process.send) throw new Error('start this file from bench/api.ts');
  const workers = Number(BENCH_WORKERS);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`BENCH_WORKERS must be a whole number >= 1, got "${BENCH_WORKERS}"`);
  const database = JSON.parse(BENCH_DATABASE) as DatabaseTarget;
  if (workers > 1 && database.kind !== 'postgres') throw new Error('several workers need PostgreSQL: the embedded database belongs to one process');
  return { database, listPath: BENCH_LIST_PATH, referencePath: BENCH_REFERENCE_PATH, token: BENCH_TOKEN, workers };
}

async function serveApp({ database: target, listPath, referencePath, token }: Settings): Promise<WorkerListening> {
  const database = await openDatabase(target);
  // The load stands for many people; its three demo users' tokens must not meet the per-user bound.
  const app = createApp({ store: createStore(database, ephemeralSealer()), expensivePerUser: Number.POSITIVE_INFINITY });
  let referenceBody = '';
  app.get(referencePath, (c) => c.body(referenceBody, 200, { 'content-type': 'application/json' }));

  // A session made by bench/api.ts: signing in per process would spend the account's sign-in attempts.
  const list = await app.request(listPath, { headers: { authorization: `Bearer ${token}` } });
  if (list.status !== 200) throw new Error(`${listPath} answered ${list.status}: ${await list.text()}`);
  referenceBody = await list.text();

  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: HOST }, (info) => resolve({ server, port: info.port }));
  });
  process.once('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
  return { port, listBytes: Buffer.byteLength(referenceBody) };
}

function ready({ port, listBytes }: WorkerListening, workers: number): ApiServerReady {
  return { port, workers, listBytes, referenceBytes: listBytes };
}

function superviseWorkers(workers: number): void {
  const listening: WorkerListening[] = [];
  let exited = 0;
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  cluster.on('message', (_worker, message: WorkerListening) => {
    listening.push(message);
    if (listening.length < workers) return;
    const ports = new Set(listening.map((worker) => worker.port));
    if (ports.size !== 1) {
      process.stderr.write(`api-server: the workers listen on different ports (${[...ports].join(', ')})\n`);
      process.exitCode = 1;
      stopAll();
      return;
    }
    process.send?.(ready(listening[0]!, workers));
  });
  cluster.on('exit', (worker, code, signal) => {
    // A worker that dies under load would leave the other to answer alone: stop rather than measure that.
    if (!stopping) {
      process.stderr.write(`api-server: worker ${worker.id} exited (${signal ?? code}) before it was told to\n`);
      process.exitCode = 1;
      stopAll();
    }
    if (++exited === workers) process.exit();
  });
  process.once('SIGTERM', stopAll);
  for (let index = 0; index < workers; index++) cluster.fork();
}

async function main() {
  const config = settings();
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(config.workers);
  const listening = await serveApp(config);
  process.send?.(cluster.isWorker ? listening : ready(listening, 1));
}

main().catch((error: unknown) => {
  process.stderr.write(`api-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
