import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectorTypes } from '../contract/connector-types';
import { apiAs, idOf, type Api } from './testing/api';
import { startTestServer, type TestServer } from './testing/test-server';

let server: TestServer;
let admin: Api;

beforeEach(async () => {
  server = await startTestServer();
  admin = apiAs(server, await server.token('admin@acme.test'));
});
afterEach(() => server.close());

describe('authentication', () => {
  it.each([
    ['GET', '/connectors'],
    ['GET', '/connectors/counts'],
    ['GET', '/connectors/conn_x'],
    ['POST', '/connectors/conn_x/toggle'],
    ['PATCH', '/connectors/conn_x'],
    ['POST', '/connectors/change_status'],
    ['GET', '/connectors/registry'],
    ['GET', '/users'],
    ['GET', '/auth/me'],
    ['POST', '/auth/logout'],
  ])('%s %s without a token answers 401', async (method, path) => {
    const result = await apiAs(server)(method, path, method === 'GET' ? undefined : {});
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ success: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    const forged = await apiAs(server, 'not-a-real-token')(method, path, method === 'GET' ? undefined : {});
    expect(forged.status).toBe(401);
  });

  it('leaves health and the OpenAPI document public', async () => {
    expect((await apiAs(server)('GET', '/health')).body).toEqual({ status: 'ok' });
    const doc = (await apiAs(server)('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/connectors', '/connectors/{connectorId}', '/connectors/{connectorId}/toggle', '/connectors/change_status', '/auth/login']),
    );
    expect(doc.paths['/connectors/{connectorId}/toggle'].post.requestBody.content['application/json'].schema.properties.type.enum).toEqual(['sync', 'agent']);
  });
});

describe('the one error shape', () => {
  it('for an unknown connector, path and id', async () => {
    const missing = await admin('GET', '/connectors/conn_nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'No connector with that id' } });
    expect((await admin('GET', '/no-such-thing')).body.error.code).toBe('NOT_FOUND');
    const odd = await admin('GET', `/connectors/${encodeURIComponent('../../etc/passwd')}`);
    expect([odd.status, odd.body.success]).toEqual([400, false]);
  });

  it('for malformed JSON, a wrong content type and an oversized body', async () => {
    const id = await idOf(admin, 'Support Jira');
    const malformed = await admin('POST', `/connectors/${id}/toggle`, '{"type": "sync"');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    const wrongType = await admin('POST', `/connectors/${id}/toggle`, 'type=sync', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([wrongType.status, wrongType.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const huge = await admin('POST', `/connectors/${id}/toggle`, { type: 'sync', padding: 'x'.repeat(100_000) });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // With the length declared, as a Node server receives most bodies: one over the cap is refused unread.
    const hugeBody = JSON.stringify({ type: 'sync', padding: 'x'.repeat(100_000) });
    const declaredHuge = await admin('POST', `/connectors/${id}/toggle`, hugeBody, { 'content-length': String(hugeBody.length) });
    expect([declaredHuge.status, declaredHuge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const extra = await admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true, force: true });
    expect([extra.status, extra.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect((await admin('GET', `/connectors/${id}`)).body.connector.version).toBe(1);
  });

  it('for text PostgreSQL cannot store (NUL, unpaired surrogates), before it reaches the database', async () => {
    const id = await idOf(admin, 'Support Jira');
    const search = await admin('GET', '/connectors?search=a%00b');
    const rename = await admin('PATCH', `/connectors/${id}`, { instanceName: 'a\u0000b' }, { 'if-match': '"1"' });
    expect([search.status, rename.status]).toEqual([400, 400]);
    expect(rename.body.error.message).toBe('instanceName: Text cannot contain the NUL character');
    // JSON.stringify writes it as the escape "\ud800", which is how such a body arrives.
    const config = { source: 'x\ud800', batch_size: 10, auth: { username: 'u', password: '' } };
    const broken = await admin('POST', '/connectors/change_status', { connectorID: id, new_status: 'active', data_loader_config: config });
    expect([broken.status, broken.body.error.message]).toEqual([400, expect.stringContaining('broken Unicode')]);
    const emoji = await admin('PATCH', `/connectors/${id}`, { instanceName: 'Support Jira 💥' }, { 'if-match': '"1"' });
    expect([emoji.status, emoji.body.connector.instanceName]).toEqual([200, 'Support Jira 💥']);
  });

  it('for an unexpected failure: INTERNAL, with no SQL or stack in the body', async () => {
    await server.database.db.execute('alter table connectors rename to connectors_gone');
    const result = await admin('GET', '/connectors');
    expect(result.status).toBe(500);
    expect(result.body).toEqual({ success: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(result.text).not.toMatch(/select|connectors_gone|relation|at .*\.ts/i);
    expect(server.logs.some((line) => line.includes('error GET /api/v1/connectors'))).toBe(true);
    await server.database.db.execute('alter table connectors_gone rename to connectors');
  });
});

it('serves the connector type registry', async () => {
  const { body } = await admin('GET', '/connectors/registry');
  expect(body.connectors.map((type: { connectorType: string }) => type.connectorType)).toEqual(connectorTypes.map((type) => type.id));
});

it('counts per state in one request', async () => {
  const { body } = await admin('GET', '/connectors/counts?scope=team');
  const team = (await admin('GET', '/connectors?scope=team&limit=1')).body.pagination.totalCount;
  expect(body.counts.total).toBe(team);
  const notConfigured = (await admin('GET', '/connectors?scope=team&isConfigured=false&limit=1')).body.pagination.totalCount;
  expect(body.counts.notConfigured).toBe(notConfigured);
  expect(notConfigured).toBeGreaterThan(0);
});

it('serves the security headers the SPA relies on', async () => {
  const response = await server.fetch('/api/v1/health');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
  expect(response.headers.get('referrer-policy')).toBeTruthy();
});

it('gzips reads and the bulk action’s answer, and sends a single write’s answer as it is', async () => {
  const gunzipped = async (response: Response) => JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString());
  const token = await server.token('admin@acme.test');
  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip', 'content-type': 'application/json' };
  const id = await idOf(admin, 'Support Jira');
  const read = await server.fetch(`/api/v1/connectors/${id}`, { headers });
  expect(read.headers.get('content-encoding')).toBe('gzip');
  const syncing = (await gunzipped(read)).connector.syncEnabled as boolean;

  const toggled = await server.fetch(`/api/v1/connectors/${id}/toggle`, { method: 'POST', headers, body: JSON.stringify({ type: 'sync', enabled: !syncing }) });
  expect([toggled.status, toggled.headers.get('content-encoding')]).toEqual([200, null]);
  expect((await toggled.json()).connector).toMatchObject({ connectorId: id, syncEnabled: !syncing });

  const counts = await server.fetch('/api/v1/connectors/counts', { headers });
  expect(counts.headers.get('content-encoding')).toBe('gzip');
  expect((await gunzipped(counts)).counts).toEqual((await admin('GET', '/connectors/counts')).body.counts);

  const bulk = await server.fetch('/api/v1/connectors/bulk/toggle', { method: 'POST', headers, body: JSON.stringify({ connectorIds: [id], type: 'sync', enabled: syncing }) });
  expect([bulk.status, bulk.headers.get('content-encoding')]).toEqual([200, 'gzip']);
  expect((await gunzipped(bulk)).summary.changed).toBe(1);
});

it('keeps API answers out of caches, and a request path from forging log lines', async () => {
  const token = await server.token('admin@acme.test');
  const listed = await server.fetch('/api/v1/connectors', { headers: { authorization: `Bearer ${token}` } });
  expect(listed.headers.get('cache-control')).toBe('no-store');
  expect((await server.fetch('/api/v1/connectors')).headers.get('cache-control')).toBe('no-store');

  await server.fetch('/api/v1/health%0D%0A2026-01-01T00:00:00.000Z%20POST%20/api/v1/auth/login%20200%1B[31m');
  const line = server.logs.find((entry) => entry.includes('/api/v1/health'))!;
  expect(line).toContain('/api/v1/health\\x0d\\x0a2026-01-01');
  expect(line).toContain('\\x1b[31m');
  expect([...line].some((char) => char === '\r' || char === '\n' || char === '\u001b')).toBe(false);
});

describe('serving the built app', () => {
  it('serves assets for a year, index.html for every client route, and never the SPA for an API path', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { brotliCompressSync, brotliDecompressSync } = await import('node:zlib');
    const { createApp } = await import('./app');
    const dir = mkdtempSync(join(tmpdir(), 'connector-console-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    const app = createApp({ store: server.store, staticDir: dir });

    const page = await app.request('/connectors/conn_123?scope=team');
    expect([page.status, page.headers.get('cache-control')]).toEqual([200, 'no-cache']);
    expect(await page.text()).toContain('<title>app</title>');

    const asset = await app.request('/assets/main-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');

    // A file the build compressed already goes out as it is.
    const source = `console.log(${JSON.stringify('y'.repeat(5000))});`;
    writeFileSync(join(dir, 'assets', 'other-def456.js'), source);
    writeFileSync(join(dir, 'assets', 'other-def456.js.br'), brotliCompressSync(source));
    const precompressed = await app.request('/assets/other-def456.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect([precompressed.headers.get('content-encoding'), precompressed.headers.get('vary')]).toEqual(['br', 'Accept-Encoding']);
    expect(brotliDecompressSync(Buffer.from(await precompressed.arrayBuffer())).toString()).toBe(source);

    const plain = await app.request('/assets/other-def456.js');
    expect([plain.headers.get('content-encoding'), plain.headers.get('vary'), await plain.text()]).toEqual([null, 'Accept-Encoding', source]);

    const missingAsset = await app.request('/assets/gone-123.js');
    expect([missingAsset.status, missingAsset.headers.get('cache-control')]).toEqual([404, null]);

    const api = await app.request('/api/v1/nothing-here');
    expect(api.headers.get('content-type')).toMatch(/json/);
  });
});
