import type { Viewer } from '../../contract/rules';
import type { ConnectorStore } from './connectors';
import type { ReadCache } from './read-cache';

/** The reads whose answers the cache keeps, and the reads it leaves alone; every other method is a write. */
const cachedReads: readonly string[] = ['list', 'counts'] satisfies (keyof ConnectorStore)[];
const otherReads: readonly string[] = ['get'] satisfies (keyof ConnectorStore)[];

/**
 * The connector store with its list pages and counts answered from `cache` until the next write to
 * the same org through this store. Every method not named above is taken for a write, including the
 * ones added later, so forgetting to list a new write can only cost a cache miss. Only sound where
 * this process makes every write (the embedded database).
 */
export function withReadCache(store: ConnectorStore, cache: ReadCache): ConnectorStore {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store) as [string, (viewer: Viewer, ...rest: unknown[]) => Promise<unknown>][]) {
    if (cachedReads.includes(name)) {
      wrapped[name] = (viewer: Viewer, ...rest: unknown[]) =>
        cache.read(viewer.orgId, `${viewer.id} ${name} ${JSON.stringify(rest)}`, () => method(viewer, ...rest));
    } else if (otherReads.includes(name)) {
      wrapped[name] = method;
    } else {
      wrapped[name] = async (viewer: Viewer, ...rest: unknown[]) => {
        try {
          return await method(viewer, ...rest);
        } finally {
          // Also after a failure: a write whose outcome is unknown may have landed.
          cache.invalidate(viewer.orgId);
        }
      };
    }
  }
  return wrapped as ConnectorStore;
}
