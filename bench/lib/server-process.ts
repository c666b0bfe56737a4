import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild } from '../../server/testing/server-process';
import { repoRoot } from './report';

export const HOST = '127.0.0.1';

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `connector-console-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export { freePort };

export type ServerProcess = {
  child: ChildProcess;
  /** Every stdout line with the milliseconds since spawn at which it arrived. */
  lines: { ms: number; text: string }[];
  spawnedAt: number;
  stop(): Promise<void>;
};

/**
 * Starts `node --import tsx <script>` from the repository root, with the Node options `npm run serve`
 * gives the server: the node process itself, so its pid is the server's (no npx or tsx launcher in
 * between).
 */
export function startNodeProcess(script: string, env: Record<string, string>, options: { ipc?: boolean } = {}): ServerProcess {
  return spawnNode([...serveCommand().slice(0, -1), '--import', 'tsx', script], env, options);
}

/**
 * The command of `npm run serve` (what `npm start` runs after the build), e.g.
 * `node --v8-pool-size=1 dist-server/main.js`, read from package.json so a benchmark measures exactly it.
 */
export function serveCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = (scripts.serve ?? '').split(/\s+/).filter(Boolean);
  if (command !== 'node' || args.length === 0) throw new Error(`expected "scripts.serve" to be a plain \`node ...\` command, got "${scripts.serve}"`);
  return args;
}

/** Builds dist-server/ as `npm start` does, so the server measured is the current source. */
export function buildServer(): void {
  const result = spawnSync('npm', ['run', '--silent', 'build:server', '--', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build:server failed');
}

/** Starts the built server with `npm run serve`'s node arguments; node itself, so its pid is the server's. */
export function startServerProcess(env: Record<string, string>): ServerProcess {
  return spawnNode(serveCommand(), env, {});
}

function spawnNode(args: string[], env: Record<string, string>, options: { ipc?: boolean }): ServerProcess {
  const script = args.at(-1) ?? '';
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const lines: ServerProcess['lines'] = [];
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const ms = performance.now() - spawnedAt;
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    // The request log grows with every request; only the start-up lines are worth keeping.
    for (const text of parts) if (lines.length < 50) lines.push({ ms, text });
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (code && code !== 0) process.stderr.write(`${script} exited with ${code ?? signal}\n${stderr}`);
  });
  return {
    child,
    lines,
    spawnedAt,
    stop: () => stopChild(child, exited),
  };
}

/** One GET without keep-alive; resolves with the status, or 0 when nothing answered. */
export function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', () => resolve(0));
    req.once('timeout', () => req.destroy());
    req.end();
  });
}

/** Polls `url` every `intervalMs` until it answers 200; returns the milliseconds since `since`. */
export async function waitFor200(url: string, { since = performance.now(), timeoutMs = 60_000, intervalMs = 5, process: server }: { since?: number; timeoutMs?: number; intervalMs?: number; process?: ServerProcess } = {}): Promise<number> {
  for (;;) {
    if ((await getStatus(url)) === 200) return performance.now() - since;
    if (server && server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode} before answering ${url}`);
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
  return body.token;
}

/** Resident and peak resident memory of a process, from /proc (Linux only). */
export function processMemoryMB(pid: number): { rssMB: number; peakRssMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rssMB: Math.round(field('VmRSS') * 10) / 10, peakRssMB: Math.round(field('VmHWM') * 10) / 10 };
}

/**
 * Waits until the server has worked off what an earlier load left queued: two health checks in a row
 * (each a database round trip) answer within `quickMs`.
 */
export async function waitUntilIdle(base: string, { quickMs = 25, timeoutMs = 120_000 } = {}): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 2) {
    const before = performance.now();
    const status = await getStatus(`${base}/api/v1/health`);
    quick = status === 200 && performance.now() - before <= quickMs ? quick + 1 : 0;
    if (performance.now() - started > timeoutMs) throw new Error(`the server was still busy after ${timeoutMs} ms`);
  }
  return performance.now() - started;
}
