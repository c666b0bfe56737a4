import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../contract/auth';
import { apiAs, idOf } from '../testing/api';
import { startTestServer, type TestServer } from '../testing/test-server';
import { API_PATH } from './api-path';
import type { AppEnv } from './app-env';
import { createErrorHandler } from './errors';
import { limitConcurrentPerUser, MAX_EXPENSIVE_IN_FLIGHT_PER_USER } from './per-user-limit';

type Gate = { path: string; open: () => void; fail: (error: Error) => void };

/** A list endpoint that answers only when the test opens its gate: the fault injected is a slow database. */
function gatedApp(maxInFlight: number) {
  const gates: Gate[] = [];
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(() => {}));
  app.use(async (c, next) => {
    const id = c.req.header('x-user');
    if (id) c.set('user', { id, email: `${id}@acme.test`, name: id, role: 'member', orgId: 'org_1' } as User);
    return next();
  });
  app.use(limitConcurrentPerUser({ maxInFlight }));
  const held = (c: { req: { path: string }; json: (body: unknown, status: 200) => Response }) =>
    new Promise<void>((open, fail) => gates.push({ path: c.req.path, open, fail })).then(() => c.json({ success: true }, 200));
  app.get(`${API_PATH}/connectors`, (c) => held(c));
  app.get(`${API_PATH}/activity`, (c) => held(c));
  app.get(`${API_PATH}/connectors/:connectorId`, (c) => c.json({ success: true }, 200));
  app.get(`${API_PATH}/events`, (c) => held(c));
  const send = (user: string, path = '/connectors') => app.request(`${API_PATH}${path}`, { headers: { 'x-user': user } });
  const waitForHeld = (count: number) => vi.waitFor(() => expect(gates).toHaveLength(count));
  const openAll = () => gates.splice(0).forEach((gate) => gate.open());
  return { send, gates, waitForHeld, openAll };
}

async function expectRefused(response: Response) {
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('1');
  expect(await response.json()).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('at most 4') } });
}

describe('at most N expensive requests per user at a time', () => {
  it('refuses the one over N for that user only, and lets them in again once theirs finish', async () => {
    const { send, waitForHeld, openAll } = gatedApp(4);
    const running = [send('a'), send('a', '/activity'), send('a'), send('a')];
    await waitForHeld(4);

    await expectRefused(await send('a'));
    await expectRefused(await send('a', '/activity'));
    // Not counted: one connector, and the event stream that stays open for the whole visit.
    expect((await send('a', '/connectors/conn_1')).status).toBe(200);
    const stream = send('a', '/events');
    await waitForHeld(5);

    const other = send('b');
    await waitForHeld(6);
    openAll();
    expect((await Promise.all([...running, other, stream])).map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);

    const again = send('a');
    await waitForHeld(1);
    openAll();
    expect((await again).status).toBe(200);
  });

  it('gives the place back when the handler throws', async () => {
    const { send, gates, waitForHeld, openAll } = gatedApp(4);
    const failing = [send('a'), send('a'), send('a'), send('a')];
    await waitForHeld(4);
    gates.splice(0).forEach((gate) => gate.fail(new Error('connection reset')));
    expect((await Promise.all(failing)).map((response) => response.status)).toEqual([500, 500, 500, 500]);

    const after = Array.from({ length: 4 }, () => send('a'));
    await waitForHeld(4);
    openAll();
    expect((await Promise.all(after)).map((response) => response.status)).toEqual([200, 200, 200, 200]);
  });

  it('lets requests without a signed-in user through (the paths authentication leaves public)', async () => {
    const { send, waitForHeld, openAll } = gatedApp(1);
    const anonymous = [send(''), send('')];
    await waitForHeld(2);
    openAll();
    expect((await Promise.all(anonymous)).map((response) => response.status)).toEqual([200, 200]);
  });
});

describe('in the app', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.close());

  it('counts the lists of the signed-in user, after authentication', async () => {
    server = await startTestServer();
    const admin = apiAs(server, await server.token('admin@acme.test'));
    const member = apiAs(server, await server.token('alice@acme.test'));
    const id = await idOf(admin, 'Support Jira');
    const { connectors } = server.store;
    const list = connectors.list.bind(connectors);
    const opens: (() => void)[] = [];
    // A slow database: the first lists wait for the test before they read; any more would answer at once.
    connectors.list = (...args) =>
      opens.length > MAX_EXPENSIVE_IN_FLIGHT_PER_USER ? list(...args) : new Promise<void>((open) => opens.push(open)).then(() => list(...args));

    const running = Array.from({ length: MAX_EXPENSIVE_IN_FLIGHT_PER_USER }, () => admin('GET', '/connectors'));
    await vi.waitFor(() => expect(opens).toHaveLength(MAX_EXPENSIVE_IN_FLIGHT_PER_USER));
    const refused = await admin('GET', '/connectors?search=jira');
    expect([refused.status, refused.headers.get('retry-after'), refused.body.error.code]).toEqual([429, '1', 'RATE_LIMITED']);
    expect((await admin('GET', `/connectors/${id}`)).status).toBe(200);

    const others = member('GET', '/connectors');
    await vi.waitFor(() => expect(opens).toHaveLength(MAX_EXPENSIVE_IN_FLIGHT_PER_USER + 1));
    opens.splice(0).forEach((open) => open());
    expect((await Promise.all([...running, others])).every((result) => result.status === 200)).toBe(true);

    connectors.list = list;
    expect((await admin('GET', '/connectors')).status).toBe(200);
  });
});
