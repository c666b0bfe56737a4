import { eq, sql } from 'drizzle-orm';
import type { Viewer } from '../../contract/rules';
import type { ConnectorStore } from './connectors';
import type { Db } from './database';
import type { ReadCache } from './read-cache';
import { orgs } from './schema';

/** How the read cache learns that an org's connectors changed; `written` follows every write, failed ones too. */
export type DataVersions = {
  current(orgId: string): Promise<number> | number;
  written(orgId: string): void;
};

/** Enough where this process makes every write (the embedded database). */
export function localVersions(): DataVersions {
  const versions = new Map<string, number>();
  return {
    current: (orgId) => versions.get(orgId) ?? 0,
    written: (orgId) => versions.set(orgId, (versions.get(orgId) ?? 0) + 1),
  };
}

/** Right on every process: the triggers on `connectors` bump `orgs.data_version` with every change. */
export function databaseVersions(db: Db): DataVersions {
  const versionOf = db
    .select({ version: orgs.dataVersion })
    .from(orgs)
    .where(eq(orgs.id, sql.placeholder('orgId')))
    .prepare('org_data_version');
  return {
    async current(orgId) {
      const [org] = await versionOf.execute({ orgId });
      return org?.version ?? 0;
    },
    written: () => {},
  };
}

// Every other method is taken for a write, new ones too: forgetting to list one only costs a miss.
const cachedReads: readonly string[] = ['list', 'counts'] satisfies (keyof ConnectorStore)[];
const otherReads: readonly string[] = ['get', 'config', 'byIds'] satisfies (keyof ConnectorStore)[];

/** Answers lists and counts from `cache` while their org's version is the one read before loading them. */
export function withReadCache(store: ConnectorStore, cache: ReadCache, versions: DataVersions): ConnectorStore {
  const newest = new Map<string, number>();
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store) as [string, (viewer: Viewer, ...rest: unknown[]) => Promise<unknown>][]) {
    if (cachedReads.includes(name)) {
      const readAt = (version: number, viewer: Viewer, rest: unknown[]) => {
        if (version > (newest.get(viewer.orgId) ?? -1)) {
          cache.invalidate(viewer.orgId);
          newest.set(viewer.orgId, version);
        }
        return cache.read(viewer.orgId, `${version} ${viewer.id} ${name} ${JSON.stringify(rest)}`, () => method(viewer, ...rest));
      };
      wrapped[name] = (viewer: Viewer, ...rest: unknown[]) => {
        const version = versions.current(viewer.orgId);
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
