import autocannon from 'autocannon';
import { once } from 'node:events';
import { openDatabase, type DatabaseTarget } from '../server/store/database';
import { LIST_CACHE_ENTRIES } from '../server/store/store';
import type { ApiServerReady } from './api-server';
import { round, runIfMain, target, type Summary } from './lib/report';
import { HOST, startNodeProcess, tempDir, waitUntilIdle } from './lib/server-process';
import { startTestPostgres } from '../server/testing/postgres';
import { ADMIN_EMAIL, BENCH_CONNECTORS, DEMO_PASSWORD, seedBenchData, toggleCandidates } from './seed';

const CONNECTIONS = 64;
const DURATION_S = 10;
const WARMUP_S = 2;
const LIST_PATH = '/api/v1/connectors?limit=50&syncEnabled=true&sort=-lastSyncAt';
const REFERENCE_PATH = '/bench/reference';
// Pages of the same list, one after the other, more than the server's read cache keeps, so that no
// request finds its answer there: what a list costs when it has to be read from the database.
const UNCACHED_PAGES = 2 * LIST_CACHE_ENTRIES + 100;
const TOGGLE_CANDIDATES = 50_000;
// Long enough that a slow answer counts as latency rather than as an error.
const REQUEST_TIMEOUT_S = 60;

type Run = {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
};

function summarise(name: string, result: autocannon.Result): Run {
  const requests = result['2xx'] + result.non2xx;
  return {
    name,
    requestsPerSecond: round(requests / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: requests > 0 ? Math.round(result.throughput.total / requests) : 0,
  };
}

function print(run: Run, reference?: Run): void {
  const ratio = reference ? ` = ${round((run.requestsPerSecond / reference.requestsPerSecond) * 100)} % of the reference` : '';
  const problems = run.non2xx + run.errors + run.timeouts > 0 ? `  (non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts})` : '';
  console.log(
    `  ${run.name.padEnd(15)} ${String(run.requestsPerSecond).padStart(8)} req/s  p50 ${run.p50Ms} ms  p99 ${run.p99Ms} ms  max ${run.maxMs} ms  ${run.bytesPerRequest} B/response${ratio}${problems}`,
  );
}

/** Set-state toggles that flip sync on each eligible connector in turn, so every request is a real change. */
function toggleRequests(candidates: { id: string; syncEnabled: boolean }[], tally: { unchanged: number }) {
  let next = 0;
  return [
    {
      method: 'POST' as const,
      path: '/',
      setupRequest: (request: autocannon.Request) => {
        const candidate = candidates[next++ % candidates.length]!;
        candidate.syncEnabled = !candidate.syncEnabled;
        return {
          ...request,
          path: `/api/v1/connectors/${candidate.id}/toggle`,
          body: JSON.stringify({ type: 'sync', enabled: candidate.syncEnabled }),
        };
      },
      onResponse: (status: number, body: string) => {
        if (status === 200 && body.includes('was already')) tally.unchanged++;
      },
    },
  ];
}

/**
 * A warm-up, then the measured run. autocannon stops sending when its time is up, but the server still
 * owes the requests in flight; each run starts only once that backlog is worked off.
 */
async function measure(name: string, base: string, options: autocannon.Options): Promise<Run> {
  const settings = { ...options, connections: CONNECTIONS, timeout: REQUEST_TIMEOUT_S };
  await waitUntilIdle(base);
  await autocannon({ ...settings, duration: WARMUP_S });
  await waitUntilIdle(base);
  const run = summarise(name, await autocannon({ ...settings, duration: DURATION_S }));
  await waitUntilIdle(base);
  return run;
}

/**
 * The API under load, on the embedded database (the targets are set for it), or with `onPostgres` on
 * a throw-away PostgreSQL server started here (figures only: there the server caches no reads).
 */
export async function apiBenchmark({ onPostgres = false } = {}): Promise<Omit<Summary, 'benchmark'>> {
  const postgres = onPostgres ? await startTestPostgres() : undefined;
  if (postgres === null) return { status: 'skipped', reason: 'no PostgreSQL binaries found (install postgresql or set PG_BIN)', targets: [], figures: {} };
  const dataDir = postgres ? undefined : tempDir('bench-api');
  const databaseTarget: DatabaseTarget = postgres ? { kind: 'postgres', url: postgres.url } : { kind: 'pglite', dataDir: dataDir?.path };
  let server: ReturnType<typeof startNodeProcess> | undefined;
  try {
    const database = await openDatabase(databaseTarget);
    if (postgres) console.log(`database: PostgreSQL at ${postgres.url} (a throw-away cluster, fsync off)`);
    const seed = await seedBenchData(database.db, { count: BENCH_CONNECTORS });
    const candidates = await toggleCandidates(database.db, TOGGLE_CANDIDATES);
    await database.close();

    server = startNodeProcess(
      'bench/api-server.ts',
      {
        BENCH_DATABASE: JSON.stringify(databaseTarget),
        BENCH_LIST_PATH: LIST_PATH,
        BENCH_REFERENCE_PATH: REFERENCE_PATH,
        BENCH_EMAIL: ADMIN_EMAIL,
        BENCH_PASSWORD: DEMO_PASSWORD,
      },
      { ipc: true },
    );
    const [ready] = (await Promise.race([
      once(server.child, 'message'),
      once(server.child, 'exit').then(() => Promise.reject(new Error('bench/api-server.ts exited before it was ready'))),
    ])) as [ApiServerReady];
    const base = `http://${HOST}:${ready.port}`;
    const auth = { authorization: `Bearer ${ready.token}` };
    console.log(`server ready on ${base}; list response ${ready.listBytes} B, reference ${ready.referenceBytes} B`);
    console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s measured, per endpoint`);

    const reference = await measure('reference', base, { url: base + REFERENCE_PATH });
    print(reference);
    // Not a target: GET /health makes one `select 1` and no sign-in check, the least any route that
    // touches the database can cost.
    const health = await measure('health', base, { url: `${base}/api/v1/health` });
    print(health, reference);
    const list = await measure('list', base, { url: base + LIST_PATH, headers: auth });
    print(list, reference);
    // Not a target: the list when every request misses the read cache.
    let page = 0;
    const uncached = await measure('list, uncached', base, {
      url: base,
      headers: auth,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `${LIST_PATH}&page=${(page++ % UNCACHED_PAGES) + 1}` }) }],
    });
    print(uncached, reference);
    const tally = { unchanged: 0 };
    const toggle = await measure('toggle', base, { url: base, headers: { ...auth, 'content-type': 'application/json' }, requests: toggleRequests(candidates, tally) });
    print(toggle, reference);
    // Warm-up and measured toggles share the tally; all of them should have changed something.
    if (tally.unchanged > 0) console.log(`  note: ${tally.unchanged} toggles found the state already set`);

    const listRatio = (list.requestsPerSecond / reference.requestsPerSecond) * 100;
    const toggleRatio = (toggle.requestsPerSecond / reference.requestsPerSecond) * 100;
    const clean = [reference, health, list, uncached, toggle].every((run) => run.non2xx + run.errors + run.timeouts === 0);
    return {
      status: 'ok',
      ...(clean ? {} : { reason: 'some requests failed; see non2xx/errors/timeouts' }),
      targets: [
        ...(postgres
          ? []
          : [
              target('list req/s vs reference', round(listRatio), '>=', 40, '%'),
              target('list p99 latency', list.p99Ms, '<=', 25, 'ms'),
              target('toggle req/s vs reference', round(toggleRatio), '>=', 25, '%'),
            ]),
        ...(clean ? [] : [target('requests answered 2xx without errors', 0, '>=', 1, '')]),
      ],
      figures: {
        database: postgres ? 'postgres' : 'pglite',
        connectors: BENCH_CONNECTORS,
        seedSeconds: round(seed.seconds),
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        warmupSeconds: WARMUP_S,
        listPath: LIST_PATH,
        toggleCandidates: candidates.length,
        togglesUnchanged: tally.unchanged,
        reference,
        health: { ...health, ratioPercent: round((health.requestsPerSecond / reference.requestsPerSecond) * 100) },
        list: { ...list, ratioPercent: round(listRatio) },
        listUncached: { ...uncached, ratioPercent: round((uncached.requestsPerSecond / reference.requestsPerSecond) * 100) },
        toggle: { ...toggle, ratioPercent: round(toggleRatio) },
      },
    };
  } finally {
    await server?.stop();
    await postgres?.stop();
    dataDir?.remove();
  }
}

runIfMain(import.meta.url, 'api', () => apiBenchmark());
