import { connectorResponseSchema, type Connector, type ConnectorPatch } from '../../contract/connector';
import { apiAs, idOf } from '../../server/testing/api';
import { startTestServer, type TestServer } from '../../server/testing/test-server';
import { connectorRow, DEMO_ORG_ID } from '../../server/store/demo-seed';
import { connectors } from '../../server/store/schema';

export type { TestServer };

/**
 * The real API server in-process over a fresh demo database. Each test gets its own, so that what
 * one test changes no other test sees.
 */
export async function startServer(): Promise<TestServer> {
  return startTestServer({ seed: 'demo' });
}

export const demo = {
  admin: 'admin@acme.test',
  alice: 'alice@acme.test',
  bob: 'bob@acme.test',
  password: 'demo-password',
} as const;

type Handler = (input: RequestInfo | URL, init: RequestInit | undefined, real: typeof fetch) => Promise<Response>;
type Fault = { matches: (url: string, init?: RequestInit) => boolean; handle: Handler; times: number };

/**
 * The real server's fetch with faults injected: the one place where responses are stubbed. A fault
 * applies to the next `times` matching requests; everything else reaches the real server.
 */
export function faultyFetch(real: typeof fetch) {
  const faults: Fault[] = [];
  const fetchWithFaults = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const fault = faults.find((candidate) => candidate.times > 0 && candidate.matches(url, init));
    if (!fault) return real(input, init);
    fault.times -= 1;
    return fault.handle(input, init, real);
  }) as typeof fetch;

  // `method` '*' matches every method; `times` Infinity keeps the fault until the test ends.
  const add = (method: string, path: RegExp, handle: Handler, times = 1) => {
    faults.push({
      matches: (url, init) => (method === '*' || (init?.method ?? 'GET') === method) && path.test(new URL(url, 'http://localhost').pathname),
      handle,
      times,
    });
  };

  return {
    fetch: fetchWithFaults,
    /** Holds the next matching request until `release()` is called, then lets it reach the server. */
    hold: (method: string, path: RegExp) => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      add(method, path, async (input, init, realFetch) => {
        await gate;
        return realFetch(input, init);
      });
      return () => release();
    },
    /** Answers 500 without reaching the server. */
    fail: (method: string, path: RegExp, times = 1) => add(method, path, async () => serverError(), times),
    /** The request reaches the server and is applied, but the answer is a 500 (a proxy or a crash after commit). */
    failAfterApplying: (method: string, path: RegExp, times = 1) =>
      add(method, path, async (input, init, realFetch) => {
        await realFetch(input, init);
        return serverError();
      }, times),
    /** As if the network were down. */
    offline: (method: string, path: RegExp, times = 1) =>
      add(method, path, async () => {
        throw new TypeError('Failed to fetch');
      }, times),
    /** Never answers; only the caller's abort (the client's timeout) ends it. */
    hang: (method: string, path: RegExp, times = 1) =>
      add(method, path, (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        }), times),
  };
}

/** The real server's fetch, noting every request's method and path (to check what was, or was not, fetched). */
export function recordingFetch(real: typeof fetch) {
  const requests: string[] = [];
  const record = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    return real(input, init);
  }) as typeof fetch;
  return { fetch: record, requests };
}

function serverError(): Response {
  return new Response(JSON.stringify({ success: false, error: { code: 'INTERNAL', message: 'Something went wrong on the server' } }), {
    status: 500,
    headers: { 'content-type': 'application/json' },
  });
}

/** The connector named `name` as the server holds it now, read with `email`'s session. */
export async function serverConnector(server: TestServer, name: string, email: string = demo.admin): Promise<Connector> {
  const api = apiAs(server, await server.token(email));
  const { body } = await api('GET', `/connectors/${await idOf(api, name)}`);
  return connectorResponseSchema.parse(body).connector;
}

/** Changes a connector the way another person would, through the API, while the app is open. */
export async function changeAsSomeoneElse(server: TestServer, name: string, patch: ConnectorPatch): Promise<Connector> {
  const current = await serverConnector(server, name);
  const api = apiAs(server, await server.token(demo.admin));
  const { status, body } = await api('PATCH', `/connectors/${current.connectorId}`, patch, { 'if-match': `"${current.version}"` });
  if (status !== 200) throw new Error(`PATCH failed: ${status} ${JSON.stringify(body)}`);
  return connectorResponseSchema.parse(body).connector;
}

/** Adds `count` configured team connectors named "Bulk 0001"…, straight into the store (test data, not UI). */
export async function addBulkConnectors(server: TestServer, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, index) =>
    connectorRow(DEMO_ORG_ID, {
      name: `Bulk ${String(index + 1).padStart(4, '0')}`,
      type: 'web',
      authType: 'NONE',
      scope: 'team',
      createdBy: 'usr_admin',
      config: { source: `https://example.test/${index}` },
      status: 'active',
    }, server.sealer),
  );
  await server.database.db.insert(connectors).values(rows);
}
