import { afterEach, beforeEach, expect, it } from 'vitest';
import { apiAs } from '../../testing/api';
import { startTestServer, type TestServer } from '../../testing/test-server';

// In-process requests come from "in-process": trusted here as a proxy would be (TRUSTED_PROXIES).
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ trustedProxies: ['in-process'] });
});
afterEach(() => server.close());

const signIn = (from: string, password: string) =>
  apiAs(server)('POST', '/auth/login', { email: 'bob@acme.test', password }, { 'x-forwarded-for': from });

it('limits and records sign-ins by the client a trusted proxy names, not by the proxy', async () => {
  const guesses = [];
  for (let n = 0; n < 6; n++) guesses.push((await signIn('203.0.113.7', `guess-${n}`)).status);
  expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
  // Everyone else behind the same proxy still signs in.
  expect((await signIn('203.0.113.8', 'demo-password')).status).toBe(200);

  const admin = apiAs(server, await server.token('admin@acme.test'));
  const failed = (await admin('GET', '/security-events?action=sign_in_failed')).body.events;
  expect(failed.map((event: { address: string }) => event.address)).toEqual(Array(5).fill('203.0.113.7'));
  expect((await admin('GET', '/security-events?action=locked_out')).body.events).toHaveLength(1);
});

it('counts an IPv6 client by its /64: a new address in the same network does not start afresh', async () => {
  for (let n = 0; n < 5; n++) expect((await signIn(`2001:db8:0:1::${n + 1}`, `guess-${n}`)).status).toBe(401);
  expect((await signIn('2001:db8:0:1::ff', 'demo-password')).status).toBe(429);
  expect((await signIn('2001:db8:0:2::1', 'demo-password')).status).toBe(200);
});
