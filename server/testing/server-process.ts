import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type ServerProcess = {
  url: string;
  pid: number;
  output(): string;
  exited: Promise<number | string>;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** One key for every test process, so that processes on one database open each other's secrets. */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

export async function startServerProcess(env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', STATIC_DIR: 'no-static-files', SECRETS_KEY: TEST_SECRETS_KEY, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  try {
    await waitForOutput(() => output, /is running at/g, Number(env.WORKERS ?? 1), { exited, timeoutMs });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    exited,
    stop: () => stopChild(child, exited),
  };
}

export async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function waitForOutput(
  output: () => string,
  pattern: RegExp,
  times: number,
  { exited, timeoutMs = 60_000 }: { exited: Promise<unknown>; timeoutMs?: number },
): Promise<void> {
  const started = Date.now();
  while ((output().match(pattern) ?? []).length < times) {
    const ended = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 50))]);
    if (ended !== null) throw new Error(`the server exited (${String(ended)}) before printing ${pattern}:\n${output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`the server did not print ${pattern} within ${timeoutMs} ms:\n${output()}`);
  }
}
