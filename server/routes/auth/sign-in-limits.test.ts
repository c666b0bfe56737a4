import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../testing/server-process';

let server: ServerProcess;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sign-in-limits-'));
  server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A sign-in sent from `from`, one of this machine's loopback addresses (127.0.0.0/8 are all local). */
function signInFrom(from: string, password: string): Promise<number> {
  const body = JSON.stringify({ email: 'bob@acme.test', password });
  const url = new URL('/api/v1/auth/login', server.url);
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

it("lets failures from one address lock the account out from that address only, never its owner's sign-in from another", async () => {
  const guesses = await Promise.all(Array.from({ length: 12 }, (_, index) => signInFrom('127.0.0.2', `guess-${index}`)));
  expect(guesses.filter((status) => status === 401)).toHaveLength(5);
  expect(guesses.filter((status) => status === 429)).toHaveLength(7);
  expect(await signInFrom('127.0.0.2', 'demo-password')).toBe(429);
  expect(await signInFrom('127.0.0.3', 'demo-password')).toBe(200);
});
