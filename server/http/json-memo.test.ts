import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

let server: TestServer;
let token: string;

beforeEach(async () => {
  server = await startTestServer();
  token = await server.token('admin@acme.test');
});
afterEach(() => server.close());

const read = (path: string, acceptEncoding?: string) =>
  server.app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } });

it('sends a list page compressed to a client that accepts gzip, the same JSON as uncompressed, and says it varies', async () => {
  const plain = await read('/connectors?limit=50');
  expect(plain.headers.get('content-encoding')).toBeNull();
  const json = await plain.text();
  expect(json.length).toBeGreaterThan(1024);

  for (let time = 0; time < 2; time++) {
    const compressed = await read('/connectors?limit=50', 'gzip, deflate, br');
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(compressed.headers.get('vary')).toBe('Accept-Encoding');
    expect(compressed.headers.get('content-type')).toBe('application/json');
    const bytes = Buffer.from(await compressed.arrayBuffer());
    expect(bytes.length).toBeLessThan(json.length / 4);
    expect(gunzipSync(bytes).toString('utf8')).toBe(json);
  }

  for (const refused of ['gzip;q=0', 'br', 'identity']) {
    const answer = await read('/connectors?limit=50', refused);
    expect(answer.headers.get('content-encoding'), refused).toBeNull();
    expect(await answer.text(), refused).toBe(json);
  }
});
