import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';

type Body = { json: string; gzip?: Uint8Array<ArrayBuffer> };

function gzipOnce(body: Body): Uint8Array<ArrayBuffer> {
  if (!body.gzip) {
    const bytes = gzipSync(body.json);
    body.gzip = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  }
  return body.gzip;
}

/** Answers like `c.json(value, 200)`, but serialises and gzips each `source` object once: the read cache hands out one object per page or counts until a write changes it. */
export function createJsonMemo() {
  const bodies = new WeakMap<object, Body>();
  return <T>(c: Context, source: object, value: () => T) => {
    let body = bodies.get(source);
    if (body === undefined) {
      body = { json: JSON.stringify(value()) };
      bodies.set(source, body);
    }
    c.header('Vary', 'Accept-Encoding');
    const gzip = accepts(c, { header: 'Accept-Encoding', supports: ['gzip'], default: 'identity' }) === 'gzip';
    const answer = gzip
      ? c.body(gzipOnce(body), 200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      : c.body(body.json, 200, { 'content-type': 'application/json' });
    // The same response c.json would give, so the route keeps its typed contract with the schema.
    return answer as unknown as ReturnType<typeof c.json<T, 200>>;
  };
}
