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
function signInFrom(from: string, password: string, email = 'bob@acme.test'): Promise<{ status: number; retryAfter?: string; body: any }> {
  const body = JSON.stringify({ email, password });
  const url = new URL('/api/v1/auth/login', server.url);
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body: JSON.parse(text || 'null') }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

it("checks at most five of a burst of fifty wrong passwords, slows that address down for that account only, and never blocks its owner from another", async () => {
  const guesses = await Promise.all(Array.from({ length: 50 }, (_, index) => signInFrom('127.0.0.2', `guess-${index}`)));
  expect(guesses.filter(({ status }) => status === 401)).toHaveLength(5);
  const refused = guesses.filter(({ status }) => status === 429);
  expect(refused).toHaveLength(45);
  for (const { retryAfter } of refused) expect(Number(retryAfter)).toBeGreaterThan(0);
  expect((await signInFrom('127.0.0.2', 'demo-password')).status).toBe(429);
  expect((await signInFrom('127.0.0.3', 'demo-password')).status).toBe(200);

  // Recorded with the address they came from, for the org's admins.
  const admin = await signInFrom('127.0.0.4', 'demo-password', 'admin@acme.test');
  const events = await fetch(new URL('/api/v1/security-events?limit=100', server.url), { headers: { authorization: `Bearer ${admin.body.token}` } });
  const list = ((await events.json()) as { events: { action: string; address: string; actor: { name: string } }[] }).events;
  const failures = list.filter((event) => event.action === 'sign_in_failed');
  expect(failures).toHaveLength(5);
  expect(failures.every((event) => event.address.endsWith('127.0.0.2') && event.actor.name === 'Bob Chen')).toBe(true);
  expect(list.filter((event) => event.action === 'locked_out')).toHaveLength(1);
  expect(list.find((event) => event.action === 'signed_in' && event.address.endsWith('127.0.0.3'))?.actor.name).toBe('Bob Chen');
});
