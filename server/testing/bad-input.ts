import fc from 'fast-check';
import { expect } from 'vitest';
import { errorResponseSchema } from '../../contract/errors';
import { selectRows } from './test-database';
import type { TestServer } from './test-server';

type Target = { method: string; path: (id: string) => string; query?: boolean };

const targets: Target[] = [
  { method: 'POST', path: () => '/auth/login' },
  { method: 'GET', path: () => '/connectors', query: true },
  { method: 'GET', path: () => '/connectors/counts', query: true },
  { method: 'GET', path: (id) => `/connectors/${id}` },
  { method: 'POST', path: (id) => `/connectors/${id}/toggle` },
  { method: 'PATCH', path: (id) => `/connectors/${id}` },
  { method: 'POST', path: () => '/connectors/change_status' },
  { method: 'GET', path: () => '/users' },
  { method: 'GET', path: () => '/connectors/registry', query: true },
  { method: 'GET', path: (id) => `/connectors/registry/${id}/schema` },
  { method: 'POST', path: () => '/connectors' },
  { method: 'PUT', path: (id) => `/connectors/${id}/name` },
  { method: 'GET', path: (id) => `/connectors/${id}/config` },
  { method: 'PUT', path: (id) => `/connectors/${id}/config` },
];

const oddStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', 'null', '-1', '1e309', '../../etc/passwd', '%00', '💥'.repeat(40), "' or 1=1 --", '<script>', '\ud800'),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);

const fields = ['type', 'enabled', 'email', 'password', 'instanceName', 'status', 'dataLoaderConfig', 'new_status', 'connectorID', 'data_loader_config', 'source', 'batchSize', 'batch_size', 'auth', 'username'];

const fieldValues = fc.oneof(oddStrings, fc.integer(), fc.double(), fc.constant(null), fc.anything());
const configs = fc.record(
  {
    auth: fc.dictionary(fc.constantFrom('apiToken', 'username', 'password', 'siteUrl', 'region', 'other'), fieldValues, { maxKeys: 3 }),
    sync: fc.dictionary(fc.constantFrom('source', 'batchSize', 'syncIntervalMinutes', 'other'), fieldValues, { maxKeys: 3 }),
    filters: fc.oneof(fc.dictionary(fc.string(), fieldValues, { maxKeys: 2 }), fc.anything()),
  },
  { requiredKeys: [] },
);

/** Bodies near the valid ones (so validation is reached field by field) and far from them. */
const bodies = (ids: string[]) =>
  fc.oneof(
    fc.record(
      {
        type: fc.oneof(fc.constantFrom('sync', 'agent'), oddStrings, fc.anything()),
        enabled: fc.oneof(fc.boolean(), fc.anything()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        instanceName: fc.oneof(oddStrings, fc.anything()),
        status: fc.oneof(fc.constantFrom('pending', 'active', 'inactive', 'paused'), fc.anything()),
        dataLoaderConfig: fc.oneof(
          fc.record({ source: oddStrings, batchSize: fc.oneof(fc.integer(), fc.double(), oddStrings), auth: fc.anything() }, { requiredKeys: [] }),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        new_status: fc.oneof(fc.constantFrom('pending', 'active', 'inactive'), oddStrings),
        connectorID: fc.oneof(fc.constantFrom(...ids), oddStrings),
        data_loader_config: fc.oneof(
          fc.record({ source: oddStrings, batch_size: fc.oneof(fc.integer(), oddStrings), auth: fc.record({ username: oddStrings, password: fc.anything() }, { requiredKeys: [] }) }, { requiredKeys: [] }),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        connectorType: fc.oneof(fc.constantFrom('slack', 'jira', 'postgres', 's3', 'web', 'nope'), oddStrings),
        instanceName: fc.oneof(oddStrings, fc.anything()),
        scope: fc.oneof(fc.constantFrom('team', 'personal'), oddStrings),
        authType: fc.oneof(fc.constantFrom('API_TOKEN', 'OAUTH', 'NONE', 'USERNAME_PASSWORD'), oddStrings),
        config: fc.oneof(configs, fc.anything()),
      },
      { requiredKeys: [] },
    ),
    configs,
    fc.record({ email: fc.oneof(fc.emailAddress(), oddStrings), password: fc.oneof(oddStrings, fc.anything()) }, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom(...fields), fc.anything()),
    fc.anything(),
  );

const rawBodies = (ids: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: bodies(ids).map((body) => JSON.stringify(body) ?? 'undefined') },
    { weight: 2, arbitrary: oddStrings },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"type":', '[]', 'true', '{"type":"sync"}}', '\u0000') },
    { weight: 1, arbitrary: fc.integer({ min: 65_000, max: 200_000 }).map((size) => JSON.stringify({ type: 'sync', pad: 'x'.repeat(size) })) },
  );

const queries = fc.dictionary(
  fc.oneof(fc.constantFrom('scope', 'search', 'connectorType', 'syncEnabled', 'agentEnabled', 'isConfigured', 'isAuthenticated', 'isActive', 'status', 'sort', 'page', 'limit'), fc.string()),
  fc.oneof(oddStrings, fc.constantFrom('true', 'false', 'team', 'personal', '-lastSyncAt', '0', '201', '1', '99999999999')),
  { maxKeys: 4 },
);

/** A digest of every table, to show that a rejected request changed nothing. */
async function digest(server: TestServer): Promise<string> {
  const tables = ['orgs', 'users', 'connectors', 'sessions'];
  const parts = await Promise.all(
    tables.map((table) =>
      selectRows<{ digest: string | null }>(server.database, `select md5(string_agg(t::text, '|' order by t::text)) as digest from ${table} t`),
    ),
  );
  return parts.map((rows) => rows[0]?.digest ?? '').join(',');
}

/**
 * Sends `runs` generated requests — wrong types, missing and extra fields, huge and unicode strings,
 * invalid JSON, wrong content types, oversized bodies, odd ids — and checks each: never a 5xx,
 * always the one error shape, and nothing changed when the request was refused.
 */
export async function assertBadInputIsHarmless(server: TestServer, runs: number, seed?: number): Promise<number> {
  const tokens = [await server.token('admin@acme.test'), await server.token('alice@acme.test'), 'garbage-token', ''];
  const listed = await server.fetch('/api/v1/connectors?limit=200', { headers: { authorization: `Bearer ${tokens[0]}` } });
  const ids: string[] = ((await listed.json()) as { connectors: { connectorId: string }[] }).connectors.map((c) => c.connectorId);
  let sent = 0;

  const request = fc.record({
    target: fc.constantFrom(...targets),
    id: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: oddStrings }),
    token: fc.constantFrom(...tokens),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', undefined),
    body: rawBodies(ids),
    query: queries,
    ifMatch: fc.oneof(fc.constantFrom('"1"', '"2"', 'W/"1"', '*', '', '"99999999999"'), oddStrings, fc.constant(undefined)),
  });

  await fc.assert(
    fc.asyncProperty(request, async ({ target, id, token, contentType, body, query, ifMatch }) => {
      const before = await digest(server);
      const search = target.query ? `?${new URLSearchParams(query).toString()}` : '';
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (contentType) headers['content-type'] = contentType;
      if (ifMatch !== undefined) headers['if-match'] = ifMatch.replace(/[^\t\x20-\x7e]/g, '');
      // A lone surrogate cannot be put in a URL at all; any client would have to replace it first.
      let path = target.path(encodeURIComponent(id.replace(/[\ud800-\udfff]/g, '\ufffd')));
      if (path.length > 4000) path = path.slice(0, 4000);
      const response = await server.fetch(`/api/v1${path}${search}`, {
        method: target.method,
        headers,
        ...(target.method === 'GET' ? {} : { body }),
      });
      sent++;
      const text = await response.text();
      expect(response.status, `${target.method} ${path} -> ${text.slice(0, 300)}`).toBeLessThan(500);
      if (response.status >= 400) {
        expect(errorResponseSchema.safeParse(JSON.parse(text)).success, text.slice(0, 300)).toBe(true);
        expect(await digest(server)).toBe(before);
      }
    }),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
  );
  return sent;
}
