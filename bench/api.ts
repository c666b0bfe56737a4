import { ephemeralSealer } from '../server/secrets/keys';
import autocannon from 'autocannon';
import { once } from 'node:events';
import type { Connector, ConnectorListResponse, ConnectorPatch } from '../contract/connector';
import { openDatabase, refreshStatistics, type DatabaseTarget } from '../server/store/database';
import { demoUsers } from '../server/store/demo-seed';
import { createStore, LIST_CACHE_ENTRIES } from '../server/store/store';
import type { ApiServerReady } from './api-server';
import { percentile, round, runIfMain, target, type Summary, type Target } from './lib/report';
import { HOST, startNodeProcess, tempDir, waitUntilIdle } from './lib/server-process';
import { startTestPostgres } from '../server/testing/postgres';
import { BENCH_CONNECTORS, seedBenchData, toggleCandidates } from './seed';

const CONNECTIONS = 64;
const DURATION_S = 10;
const WARMUP_S = 2;
const CONNECTORS_PATH = '/api/v1/connectors';
const LIST_PATH = `${CONNECTORS_PATH}?limit=50&syncEnabled=true&sort=-lastSyncAt`;
const REFERENCE_PATH = '/bench/reference';
const TOGGLE_CANDIDATES = 50_000;
// Long enough that a slow answer counts as latency rather than as an error.
const REQUEST_TIMEOUT_S = 60;
const POSTGRES_WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

// Rows 5,000-10,000 of the default-sorted list, reached by following nextCursor.
const DEEP_FROM_PAGE = 100;
const DEEP_TO_PAGE = 200;
const list = (query: string) => `${CONNECTORS_PATH}?limit=50${query ? `&${query}` : ''}`;
const FILTER_PATHS = ['scope=team', 'connectorType=jira&isConfigured=false', 'status=active&agentEnabled=true', 'isAuthenticated=false', 'scope=personal'].map(list);
// One word matches a few percent of bench/seed.ts's names; two words a few hundred.
const SEARCH_PATHS = ['falcon', 'quartz 17', 'harbor', 'jira cedar', 'sales slack'].map((words) => list(`search=${encodeURIComponent(words)}`));
const SORT_PATHS = ['-createdAt', 'connectorType', '-updatedAt', 'status', 'instanceName'].map((sort) => list(`sort=${sort}`));
const COUNT_PATHS = ['', '?scope=team', '?connectorType=jira&isConfigured=false', '?status=active&agentEnabled=true', '?search=falcon'].map(
  (query) => `${CONNECTORS_PATH}/counts${query}`,
);
const MIXED_TOGGLE_SHARE = 0.1;
const WRITE_THEN_READ_CLIENTS = 8;

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

type Call = { method: 'GET' | 'POST' | 'PATCH'; path: string; token?: string; body?: string; ifMatch?: number };

type Tally = { failed: number; samples: string[]; togglesUnchanged: number };

type Setup = {
  base: string;
  tokens: string[];
  admin: string;
  deepCursorPaths: string[];
  nextToggle: () => Call;
};

type Scenario = {
  key: string;
  name: string;
  embeddedOnly?: boolean;
  measure: (setup: Setup, name: string, tally: Tally) => Promise<Run>;
};

const get = (path: string, token?: string): Call => ({ method: 'GET', path, ...(token ? { token } : {}) });

function inTurn(paths: string[], tokens: string[]): () => Call {
  let next = 0;
  return () => {
    const index = next++;
    return get(paths[index % paths.length]!, tokens[index % tokens.length]);
  };
}

/** A deterministic random sequence (mulberry32), so that every run draws the same mix. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Toggles are the admin's, on team connectors: members may change only their own.
function mixedCalls(setup: Setup): () => Call {
  const random = seededRandom(1);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const readGroups = [[LIST_PATH], setup.deepCursorPaths, FILTER_PATHS, SEARCH_PATHS, SORT_PATHS, COUNT_PATHS];
  return () => (random() < MIXED_TOGGLE_SHARE ? setup.nextToggle() : get(pick(pick(readGroups)), pick(setup.tokens)));
}

function headers(call: Call): Record<string, string> {
  return {
    ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
    ...(call.body ? { 'content-type': 'application/json' } : {}),
    ...(call.ifMatch !== undefined ? { 'if-match': `"${call.ifMatch}"` } : {}),
  };
}

function record(tally: Tally, call: Call | undefined, status: number | string, body: string): void {
  if (typeof status === 'number' && status >= 200 && status < 300) {
    if (call?.method === 'POST' && body.includes('was already')) tally.togglesUnchanged++;
    return;
  }
  tally.failed++;
  if (tally.samples.length < 3) tally.samples.push(`${call?.method} ${call?.path}${call?.body ? ` ${call.body}` : ''} -> ${status} ${body.slice(0, 300)}`);
}

function requestsFor(source: Call | (() => Call), tally: Tally): autocannon.Request[] {
  const asRequest = (call: Call) => ({ method: call.method, path: call.path, headers: headers(call), body: call.body ?? '' });
  const onResponse = (status: number, body: string, context: object) =>
    record(tally, typeof source === 'function' ? (context as { call?: Call }).call : source, status, body);
  if (typeof source !== 'function') return [{ ...asRequest(source), onResponse }];
  return [
    {
      setupRequest: (request, context) => {
        const call = source();
        (context as { call?: Call }).call = call;
        return { ...request, ...asRequest(call) };
      },
      onResponse,
    },
  ];
}

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

function cannon(calls: (setup: Setup) => Call | (() => Call)) {
  return (setup: Setup, name: string, tally: Tally) => measure(name, setup.base, { url: setup.base, requests: requestsFor(calls(setup), tally) });
}

async function send(base: string, call: Call, tally: Tally): Promise<{ status: number | string; bytes: number; body?: string }> {
  try {
    const response = await fetch(base + call.path, { method: call.method, headers: headers(call), body: call.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000) });
    const body = await response.text();
    record(tally, call, response.status, body);
    return { status: response.status, bytes: Buffer.byteLength(body), body };
  } catch (error) {
    const status = error instanceof Error ? error.name : 'error';
    record(tally, call, status, String(error));
    return { status, bytes: 0 };
  }
}

// Each client reads a page of its own after its toggle, so no other client's read can have cached it.
async function listAfterWrite(setup: Setup, name: string, tally: Tally): Promise<Run> {
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const outcome = { bytes: 0, non2xx: 0, errors: 0, timeouts: 0 };
    const started = performance.now();
    const until = started + seconds * 1000;
    const client = async (index: number) => {
      const read = get(`${LIST_PATH}&page=${index + 1}`, setup.admin);
      // A change to a row the page shows: whatever the read cache knows, the page must be read again.
      let shown = ((await (await fetch(setup.base + read.path, { headers: headers(read) })).json()) as ConnectorListResponse).connectors[0]!;
      while (performance.now() < until) {
        const change = JSON.stringify({ status: shown.status === 'active' ? 'inactive' : 'active' } satisfies ConnectorPatch);
        const patched = await send(setup.base, { method: 'PATCH', path: `${CONNECTORS_PATH}/${shown.connectorId}`, token: setup.admin, body: change, ifMatch: shown.version }, tally);
        if (patched.status === 200) shown = (JSON.parse(patched.body!) as { connector: Connector }).connector;
        const sent = performance.now();
        const { status, bytes } = await send(setup.base, read, tally);
        latencies.push(performance.now() - sent);
        outcome.bytes += bytes;
        if (typeof status === 'number') outcome.non2xx += status >= 200 && status < 300 ? 0 : 1;
        else if (status === 'TimeoutError') outcome.timeouts++;
        else outcome.errors++;
      }
    };
    await Promise.all(Array.from({ length: WRITE_THEN_READ_CLIENTS }, (_, index) => client(index)));
    return { latencies, outcome, seconds: (performance.now() - started) / 1000 };
  };
  await waitUntilIdle(setup.base);
  await run(WARMUP_S);
  await waitUntilIdle(setup.base);
  const { latencies, outcome, seconds } = await run(DURATION_S);
  await waitUntilIdle(setup.base);
  const requests = latencies.length;
  return {
    name,
    requestsPerSecond: round(requests / seconds),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(Math.max(...latencies)),
    requests,
    non2xx: outcome.non2xx,
    errors: outcome.errors,
    timeouts: outcome.timeouts,
    bytesPerRequest: requests > 0 ? Math.round(outcome.bytes / requests) : 0,
  };
}

const measureReference = cannon(() => get(REFERENCE_PATH));

const scenarios: Scenario[] = [
  { key: 'health', name: 'health', measure: cannon(() => get('/api/v1/health')) },
  { key: 'list', name: 'list', measure: cannon((setup) => get(LIST_PATH, setup.admin)) },
  // ~300 distinct queries: more than the read cache keeps (LIST_CACHE_ENTRIES).
  { key: 'listDeepCursor', name: 'list, deep cursor', measure: cannon((setup) => inTurn(setup.deepCursorPaths, setup.tokens)) },
  { key: 'listFilters', name: 'list, filters', measure: cannon((setup) => inTurn(FILTER_PATHS, [setup.admin])) },
  { key: 'listSearch', name: 'list, search', measure: cannon((setup) => inTurn(SEARCH_PATHS, [setup.admin])) },
  { key: 'listSorts', name: 'list, sorts', measure: cannon((setup) => inTurn(SORT_PATHS, [setup.admin])) },
  { key: 'counts', name: 'counts', measure: cannon((setup) => inTurn(COUNT_PATHS, [setup.admin])) },
  { key: 'toggle', name: 'toggle', measure: cannon((setup) => setup.nextToggle) },
  { key: 'mixed', name: 'mixed', measure: cannon(mixedCalls) },
  { key: 'listAfterWrite', name: 'list after a write', embeddedOnly: true, measure: listAfterWrite },
];

type Goal = { key: string; figure: 'ratio' | 'p99'; comparison: Target['comparison']; limit: number };
const goals: Record<'postgres' | 'pglite', Goal[]> = {
  postgres: [
    { key: 'list', figure: 'ratio', comparison: '>=', limit: 20 },
    { key: 'list', figure: 'p99', comparison: '<=', limit: 50 },
    { key: 'mixed', figure: 'ratio', comparison: '>=', limit: 15 },
    { key: 'mixed', figure: 'p99', comparison: '<=', limit: 100 },
    { key: 'toggle', figure: 'ratio', comparison: '>=', limit: 15 },
  ],
  pglite: [
    { key: 'list', figure: 'ratio', comparison: '>=', limit: 40 },
    { key: 'list', figure: 'p99', comparison: '<=', limit: 25 },
    { key: 'toggle', figure: 'ratio', comparison: '>=', limit: 25 },
    { key: 'listAfterWrite', figure: 'p99', comparison: '<=', limit: 50 },
  ],
};

const ratioPercent = (run: Run, reference: Run) => round((run.requestsPerSecond / reference.requestsPerSecond) * 100);

function print(run: Run, tally: Tally, reference?: Run): void {
  const ratio = reference ? ` = ${ratioPercent(run, reference)} % of the reference (${reference.requestsPerSecond} req/s just before)` : '';
  const problems = run.non2xx + run.errors + run.timeouts > 0 ? `  (non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts})` : '';
  console.log(
    `  ${run.name.padEnd(19)} ${String(run.requestsPerSecond).padStart(8)} req/s  p50 ${run.p50Ms} ms  p99 ${run.p99Ms} ms  max ${run.maxMs} ms  ${run.bytesPerRequest} B/response${ratio}${problems}`,
  );
  for (const sample of tally.samples) console.log(`      failed: ${sample}`);
  if (tally.togglesUnchanged > 0) console.log(`      note: ${tally.togglesUnchanged} toggles found the state already set`);
}

async function deepCursors(base: string, token: string): Promise<{ paths: string[]; firstPage: number; lastPage: number }> {
  const cursors: string[] = []; // cursors[i] asks for page i + 2
  let cursor: string | null = null;
  do {
    const path = list(cursor ? `cursor=${encodeURIComponent(cursor)}` : '');
    const response = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    cursor = ((await response.json()) as ConnectorListResponse).pagination.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor && cursors.length < DEEP_TO_PAGE - 1);
  const lastPage = cursors.length + 1;
  const firstPage = Math.max(2, Math.min(DEEP_FROM_PAGE, Math.ceil(lastPage / 2)));
  return { paths: cursors.slice(firstPage - 2).map((c) => list(`cursor=${encodeURIComponent(c)}`)), firstPage, lastPage };
}

function toggles(candidates: { id: string; syncEnabled: boolean }[], token: string): () => Call {
  let next = 0;
  return () => {
    const candidate = candidates[next++ % candidates.length]!;
    candidate.syncEnabled = !candidate.syncEnabled;
    return { method: 'POST', path: `${CONNECTORS_PATH}/${candidate.id}/toggle`, token, body: JSON.stringify({ type: 'sync', enabled: candidate.syncEnabled }) };
  };
}

export async function apiBenchmark({ onPostgres = false } = {}): Promise<Omit<Summary, 'benchmark'>> {
  const postgres = onPostgres ? await startTestPostgres() : undefined;
  if (postgres === null) return { status: 'skipped', reason: 'no PostgreSQL binaries found (install postgresql or set PG_BIN)', targets: [], figures: {} };
  const dataDir = postgres ? undefined : tempDir('bench-api');
  const databaseTarget: DatabaseTarget = postgres ? { kind: 'postgres', url: postgres.url } : { kind: 'pglite', dataDir: dataDir?.path };
  const kind = databaseTarget.kind;
  const workers = postgres ? POSTGRES_WORKERS : 1;
  let server: ReturnType<typeof startNodeProcess> | undefined;
  try {
    const database = await openDatabase(databaseTarget);
    if (postgres) console.log(`database: PostgreSQL at ${postgres.url} (a throw-away cluster, fsync off)`);
    const seed = await seedBenchData(database.db, { count: BENCH_CONNECTORS });
    const candidates = await toggleCandidates(database.db, TOGGLE_CANDIDATES);
    await refreshStatistics(database);
    const users = createStore(database, ephemeralSealer()).users;
    const tokens: string[] = [];
    for (const user of demoUsers) tokens.push((await users.createSession(user.id)).token);
    await database.close();
    const admin = tokens[0]!;

    server = startNodeProcess(
      'bench/api-server.ts',
      { BENCH_DATABASE: JSON.stringify(databaseTarget), BENCH_LIST_PATH: LIST_PATH, BENCH_REFERENCE_PATH: REFERENCE_PATH, BENCH_TOKEN: admin, BENCH_WORKERS: String(workers) },
      { ipc: true },
    );
    const [ready] = (await Promise.race([
      once(server.child, 'message'),
      once(server.child, 'exit').then(() => Promise.reject(new Error('bench/api-server.ts exited before it was ready'))),
    ])) as [ApiServerReady];
    const base = `http://${HOST}:${ready.port}`;
    const processes = ready.workers > 1 ? `${ready.workers} node:cluster workers on one port` : 'one process';
    console.log(`server ready on ${base} (${processes}); list response ${ready.listBytes} B, reference ${ready.referenceBytes} B`);

    const deep = await deepCursors(base, admin);
    console.log(`deep cursor: ${deep.paths.length} cursors, pages ${deep.firstPage}-${deep.lastPage} of 50 (rows ${(deep.firstPage - 1) * 50 + 1}-${deep.lastPage * 50})`);
    if (!postgres && deep.paths.length * tokens.length <= LIST_CACHE_ENTRIES) console.log('  note: too few to miss the read cache: the deep cursor pages are answered from it');
    console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s measured, per scenario`);
    if (!postgres) console.log(`list after a write: ${WRITE_THEN_READ_CLIENTS} clients, each a status change (PATCH) to a row of its list page, then that page; the list requests' figures`);

    const setup: Setup = { base, tokens, admin, deepCursorPaths: deep.paths, nextToggle: toggles(candidates, admin) };
    const runs: Record<string, Run & { ratioPercent?: number; referenceRequestsPerSecond?: number; failed?: string[]; togglesUnchanged?: number }> = {};
    const chosen = process.env.BENCH_SCENARIOS?.split(',');
    for (const scenario of scenarios) {
      if ((scenario.embeddedOnly && postgres) || (chosen && !chosen.includes(scenario.key))) continue;
      // Measured right before each scenario: the machine's speed drifts within a run.
      const referenceTally: Tally = { failed: 0, samples: [], togglesUnchanged: 0 };
      const reference = await measureReference(setup, 'reference', referenceTally);
      const tally: Tally = { failed: 0, samples: [], togglesUnchanged: 0 };
      const run = await scenario.measure(setup, scenario.name, tally);
      print(run, tally, reference);
      runs[scenario.key] = {
        ...run,
        ratioPercent: ratioPercent(run, reference),
        referenceRequestsPerSecond: reference.requestsPerSecond,
        ...(tally.samples.length > 0 ? { failed: tally.samples } : {}),
        ...(tally.togglesUnchanged > 0 ? { togglesUnchanged: tally.togglesUnchanged } : {}),
      };
    }

    const clean = Object.values(runs).every((run) => run.non2xx + run.errors + run.timeouts === 0);
    const targets = goals[kind].flatMap(({ key, figure, comparison, limit }) => {
      const run = runs[key];
      if (!run) return [];
      return figure === 'ratio'
        ? target(`${run.name} req/s vs reference`, run.ratioPercent ?? null, comparison, limit, '%')
        : target(`${run.name} p99 latency`, run.p99Ms, comparison, limit, 'ms');
    });
    return {
      status: 'ok',
      ...(clean ? {} : { reason: 'some requests failed; see non2xx/errors/timeouts' }),
      targets: [...targets, ...(clean ? [] : [target('requests answered 2xx without errors', 0, '>=', 1, '')])],
      figures: {
        database: kind,
        workers: ready.workers,
        connectors: BENCH_CONNECTORS,
        seedSeconds: round(seed.seconds),
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        warmupSeconds: WARMUP_S,
        listPath: LIST_PATH,
        deepCursorPages: [deep.firstPage, deep.lastPage],
        filterPaths: FILTER_PATHS,
        searchPaths: SEARCH_PATHS,
        sortPaths: SORT_PATHS,
        countPaths: COUNT_PATHS,
        mixedToggleShare: MIXED_TOGGLE_SHARE,
        ...(postgres ? {} : { listAfterWriteClients: WRITE_THEN_READ_CLIENTS }),
        toggleCandidates: candidates.length,
        ...runs,
      },
    };
  } finally {
    await server?.stop();
    await postgres?.stop();
    dataDir?.remove();
  }
}

runIfMain(import.meta.url, 'api', () => apiBenchmark());
