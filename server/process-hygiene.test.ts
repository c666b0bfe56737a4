import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './testing/server-process';

let parent: string;
let dataDir: string;
let server: ServerProcess;
beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'process-hygiene-'));
  dataDir = join(parent, 'data');
  // Made earlier, open to everyone: the server closes it.
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  server = await startServerProcess({ DATA_DIR: dataDir, SECRETS_KEY: '', DATABASE_URL: '', ALLOWED_HOSTS: 'console.acme.test' });
});
afterAll(async () => {
  await server.stop();
  rmSync(parent, { recursive: true, force: true });
});

function pathsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? [path, ...pathsUnder(path)] : [path];
  });
}

/** A request naming `host` in its Host header, as a browser sends after a DNS rebinding. */
function statusFor(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(new URL('/api/v1/health', server.url), { headers: { host } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end();
  });
}

// PGlite sets its files' modes itself; a directory that others cannot enter keeps them out of all of them.
it("keeps the embedded database's directory to the server's own user", () => {
  expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  expect(statSync(join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
  expect(pathsUnder(dataDir).length).toBeGreaterThan(10);
});

it('answers on a loopback address only to its own names and ALLOWED_HOSTS', async () => {
  const port = new URL(server.url).port;
  expect(await statusFor(`127.0.0.1:${port}`)).toBe(200);
  expect(await statusFor(`localhost:${port}`)).toBe(200);
  expect(await statusFor(`console.acme.test:${port}`)).toBe(200);
  expect(await statusFor(`attacker.example:${port}`)).toBe(403);
  await expect.poll(() => server.output()).toContain('GET /api/v1/health 403');
});
