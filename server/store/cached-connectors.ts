import { eq } from 'drizzle-orm';
import type { Viewer } from '../../contract/rules';
import type { ConnectorStore } from './connectors';
import type { Db } from './database';
import type { ReadCache } from './read-cache';
import { orgs } from './schema';

/** Where the read cache learns that an org's connectors changed. */
export type DataVersions = {
  /** The org's version now: any write acknowledged before this call has moved it on. */
  current(orgId: string): Promise<number> | number;
  /** Told after every write through this store, also after a failed one (it may have landed). */
  written(orgId: string): void;
};

/** Versions counted in this process's memory: enough where this process makes every write (the embedded database). */
export function localVersions(): DataVersions {
  const versions = new Map<string, number>();
  return {
    current: (orgId) => versions.get(orgId) ?? 0,
    written: (orgId) => versions.set(orgId, (versions.get(orgId) ?? 0) + 1),
  };
}

/**
 * Versions read from the database, where the triggers on `connectors` bump `orgs.data_version` in
 * the transaction of every change: right on every process, whichever process wrote.
 */
export function databaseVersions(db: Db): DataVersions {
  return {
    async current(orgId) {
      const [org] = await db.select({ version: orgs.dataVersion }).from(orgs).where(eq(orgs.id, orgId));
      return org?.version ?? 0;
    },
    written: () => {},
  };
}

/** The reads whose answers the cache keeps, and the reads it leaves alone; every other method is a write. */
const cachedReads: readonly string[] = ['list', 'counts'] satisfies (keyof ConnectorStore)[];
const otherReads: readonly string[] = ['get'] satisfies (keyof ConnectorStore)[];

/**
 * The connector store with its list pages and counts answered from `cache` for as long as their
 * org's data version stays the one they were read at. An answer is loaded after its version was read,
 * so it is never older than that version. Every method not named above is taken for a write,
 * including ones added later, so forgetting to list a new write can only cost a cache miss.
 */
export function withReadCache(store: ConnectorStore, cache: ReadCache, versions: DataVersions): ConnectorStore {
  const newest = new Map<string, number>();
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store) as [string, (viewer: Viewer, ...rest: unknown[]) => Promise<unknown>][]) {
    if (cachedReads.includes(name)) {
      const readAt = (version: number, viewer: Viewer, rest: unknown[]) => {
        if (version > (newest.get(viewer.orgId) ?? -1)) {
          // Answers of older versions will not be asked for again.
          cache.invalidate(viewer.orgId);
          newest.set(viewer.orgId, version);
        }
        return cache.read(viewer.orgId, `${version} ${viewer.id} ${name} ${JSON.stringify(rest)}`, () => method(viewer, ...rest));
      };
      wrapped[name] = (viewer: Viewer, ...rest: unknown[]) => {
        const version = versions.current(viewer.orgId);
        // A version known in memory answers without waiting a turn of the event loop.
        return typeof version === 'number' ? readAt(version, viewer, rest) : version.then((known) => readAt(known, viewer, rest));
      };
    } else if (otherReads.includes(name)) {
      wrapped[name] = method;
    } else {
      wrapped[name] = async (viewer: Viewer, ...rest: unknown[]) => {
        try {
          return await method(viewer, ...rest);
        } finally {
          versions.written(viewer.orgId);
        }
      };
    }
  }
  return wrapped as ConnectorStore;
}
