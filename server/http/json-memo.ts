import type { Context } from 'hono';

/**
 * Answers like `c.json(value, 200)`, but writes the JSON of each `source` object only once. For
 * answers built from the store's read cache, which hands out the same object for every request until
 * the next write: serialising a 50-row page was the largest cost of a cached list request.
 */
export function createJsonMemo() {
  const bodies = new WeakMap<object, string>();
  return <T>(c: Context, source: object, value: () => T) => {
    let body = bodies.get(source);
    if (body === undefined) {
      body = JSON.stringify(value());
      bodies.set(source, body);
    }
    // The same response c.json would give, so the route keeps its typed contract with the schema.
    return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as ReturnType<typeof c.json<T, 200>>;
  };
}
