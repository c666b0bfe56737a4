import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIST_CACHE_ENTRIES } from '../server/store/store';
import { median, repoRoot, round, runIfMain, target, type Summary } from './lib/report';
import { buildServer, freePort, HOST, processMemoryMB, serveCommand, signIn, startServerProcess, tempDir, waitFor200 } from './lib/server-process';
import { ADMIN_EMAIL, BENCH_CONNECTORS, DEMO_PASSWORD, seedDataDir } from './seed';

const RUNS = 3;

type StartRun = {
  /** Spawn to the first 200 from /api/v1/health. */
  readyMs: number;
  /** Spawn to the log line that says the database is open (migrations done). */
  databaseOpenMs: number | null;
  /** Spawn to the log line that says the server listens. */
  listeningMs: number | null;
  rssAfterListMB: number;
  peakRssMB: number;
  listStatus: number;
  listMs: number;
  /** Not a target: after filling the read cache with more list requests (other pages, sorts and a search), to show what warming up adds. */
  rssAfterWarmUpMB: number;
};

const WARM_UP_PATHS = ['limit=50&syncEnabled=true&sort=-lastSyncAt', 'limit=50&sort=instanceName', 'limit=50&search=atlas', 'limit=50&scope=team&sort=-updatedAt'];

async function startOnce(dataDir: string, staticDir: string): Promise<StartRun> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const server = startServerProcess({
    PORT: String(port),
    HOST,
    DATA_DIR: dataDir,
    STATIC_DIR: staticDir,
    DATABASE_URL: '',
    SEED_DEMO: '',
  });
  try {
    const readyMs = await waitFor200(`${base}/api/v1/health`, { since: server.spawnedAt, process: server });
    const lineAt = (pattern: RegExp) => {
      const ms = server.lines.find((line) => pattern.test(line.text))?.ms;
      return ms === undefined ? null : round(ms);
    };
    const token = await signIn(base, ADMIN_EMAIL, DEMO_PASSWORD);
    const listStarted = performance.now();
    const list = await fetch(`${base}/api/v1/connectors?limit=50`, { headers: { authorization: `Bearer ${token}` } });
    await list.arrayBuffer();
    const listMs = performance.now() - listStarted;
    // The server process itself: node is spawned directly, so there is no npm launcher in between.
    const memory = processMemoryMB(server.child.pid!);
    for (let i = 0; i < LIST_CACHE_ENTRIES; i++) {
      const path = `${WARM_UP_PATHS[i % WARM_UP_PATHS.length]}&page=${1 + Math.floor(i / WARM_UP_PATHS.length)}`;
      const response = await fetch(`${base}/api/v1/connectors?${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/v1/connectors?${path} answered ${response.status}`);
    }
    return {
      readyMs: round(readyMs),
      databaseOpenMs: lineAt(/database: /),
      listeningMs: lineAt(/is running at/),
      rssAfterListMB: memory.rssMB,
      peakRssMB: memory.peakRssMB,
      listStatus: list.status,
      listMs: round(listMs),
      rssAfterWarmUpMB: processMemoryMB(server.child.pid!).rssMB,
    };
  } finally {
    await server.stop();
  }
}

export async function startupBenchmark(): Promise<Omit<Summary, 'benchmark'>> {
  const dataDir = tempDir('bench-startup');
  const emptyStatic = tempDir('bench-static');
  try {
    const seed = await seedDataDir(dataDir.path, { count: BENCH_CONNECTORS });
    buildServer();
    const dist = join(repoRoot, 'dist');
    const staticDir = existsSync(join(dist, 'index.html')) ? dist : emptyStatic.path;
    const runs: StartRun[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const result = await startOnce(dataDir.path, staticDir);
      runs.push(result);
      console.log(
        `  run ${run}: first 200 from /health after ${result.readyMs} ms (database open at ${result.databaseOpenMs} ms, listening at ${result.listeningMs} ms); ` +
          `list ${result.listStatus} in ${result.listMs} ms; RSS ${result.rssAfterListMB} MB (peak ${result.peakRssMB} MB), ${result.rssAfterWarmUpMB} MB after ${LIST_CACHE_ENTRIES} more lists`,
      );
    }
    if (runs.some((run) => run.listStatus !== 200)) throw new Error('the list request after start-up did not answer 200');
    const worstReady = Math.max(...runs.map((run) => run.readyMs));
    const worstRss = Math.max(...runs.map((run) => run.rssAfterListMB));
    console.log(`  cold start: median ${round(median(runs.map((run) => run.readyMs)))} ms, worst ${worstReady} ms; RSS after a list request: worst ${worstRss} MB`);
    return {
      status: 'ok',
      targets: [target('cold start to first /health 200 (worst of runs)', worstReady, '<=', 2000, 'ms'), target('RSS after a list request (worst of runs)', worstRss, '<=', 250, 'MB')],
      figures: {
        connectors: BENCH_CONNECTORS,
        seedSeconds: round(seed.seconds),
        command: ['node', ...serveCommand()].join(' '),
        staticDir: staticDir === dist ? 'dist' : 'an empty directory (no dist/ build)',
        runs,
        medianReadyMs: round(median(runs.map((run) => run.readyMs))),
      },
    };
  } finally {
    dataDir.remove();
    emptyStatic.remove();
  }
}

runIfMain(import.meta.url, 'startup', startupBenchmark);
