import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { sortableFields, type ConnectorFilters, type ConnectorListQuery } from '../../contract/connector';
import type { Viewer } from '../../contract/rules';
import type { ConnectorPage, ConnectorStore } from './connectors';
import type { Db } from './database';
import { sortParts } from './list-cursor';
import type { ReadCache } from './read-cache';
import { connectors, connectorWrites, orgs } from './schema';

/** One connector changed at a data version: the columns that changed, or null when it was created or deleted. */
export type ConnectorWrite = { connectorId: string; columns: string[] | null };

/** An org's version now, and its writes since the version asked about: 'unknown' when the log does not say. */
export type Changes = { version: number; writes: ConnectorWrite[] | 'unknown' };

export type DataVersions = {
  /** Undefined when nothing can have changed since `known`. */
  since(orgId: string, known: number): Promise<Changes> | undefined;
  /** Follows every write this process makes, failed ones too. */
  written(orgId: string): void;
};

// Further behind, dropping the org's entries costs less than reading what changed.
const MAX_REPLAYED_VERSIONS = 256;

function writesAfter(db: Db, orgId: string, known: number, upTo?: number) {
  return db
    .select({ version: connectorWrites.version, connectorId: connectorWrites.connectorId, columns: connectorWrites.columns })
    .from(connectorWrites)
    .where(and(eq(connectorWrites.orgId, orgId), gt(connectorWrites.version, known), upTo === undefined ? undefined : lte(connectorWrites.version, upTo)));
}

// Every version has its entries, unless they were pruned: then the log does not say.
function fromLog(logged: (ConnectorWrite & { version: number })[], known: number, version: number): Changes {
  const complete = new Set(logged.map((write) => write.version)).size === version - known;
  return { version, writes: complete ? logged : 'unknown' };
}

/** The version and the log the triggers on `connectors` keep (migrations 0004 and 0012): right on every process. */
export function databaseVersions(db: Db): DataVersions {
  const versionOf = db
    .select({ version: orgs.dataVersion })
    .from(orgs)
    .where(eq(orgs.id, sql.placeholder('orgId')))
    .prepare('org_data_version');
  const readVersion = new Map<string, () => Promise<number>>();
  const since = async (orgId: string, known: number): Promise<Changes> => {
    let read = readVersion.get(orgId);
    if (!read) {
      read = sharedAfterCall(async () => (await versionOf.execute({ orgId }))[0]?.version ?? 0);
      readVersion.set(orgId, read);
    }
    const version = await read();
    if (version === known) return { version, writes: [] };
    if (known < 0 || version < known || version - known > MAX_REPLAYED_VERSIONS) return { version, writes: 'unknown' };
    return fromLog(await writesAfter(db, orgId, known, version), known, version);
  };
  return { since, written: () => {} };
}

/**
 * Calls `query` for everyone who calls while none is under way. Whoever calls while one is under way
 * gets the next, started when it ends: one sent before the call might not see a write acknowledged just before.
 */
export function sharedAfterCall<T>(query: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = () => {
    const started = query();
    running = started;
    const ended = () => {
      if (running === started) running = undefined;
    };
    started.then(ended, ended);
    return started;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}

/** Asks the database only after a write of this process's: enough where it makes every write (the embedded database). */
export function localWriteVersions(db: Db): DataVersions {
  const database = databaseVersions(db);
  const dirty = new Set<string>();
  const asked = new Set<string>();
  return {
    since(orgId, known) {
      if (asked.has(orgId) && !dirty.has(orgId)) return undefined;
      dirty.delete(orgId);
      if (!asked.has(orgId) || known < 0) {
        asked.add(orgId);
        return database.since(orgId, known);
      }
      // Every version since `known` is this process's own, complete once written: the log alone says where it is now.
      return writesAfter(db, orgId, known).then((logged) => fromLog(logged, known, logged.reduce((newest, write) => Math.max(newest, write.version), known)));
    },
    written: (orgId) => dirty.add(orgId),
  };
}

/** The columns an answer depends on; the connectors it shows are read from the answer itself. */
type Tag = { columns: Set<string> };

const columnName = (key: keyof typeof connectors.$inferSelect) => connectors[key].name;
const visibility = [columnName('scope'), columnName('createdBy')];
const filterColumns = {
  scope: ['scope'],
  search: ['instanceName'],
  connectorType: ['connectorType'],
  syncEnabled: ['syncEnabled'],
  agentEnabled: ['agentEnabled'],
  isConfigured: ['isConfigured'],
  isAuthenticated: ['isAuthenticated'],
  isActive: ['syncEnabled', 'agentEnabled'],
  status: ['status'],
} as const satisfies Record<keyof ConnectorFilters, readonly (keyof typeof connectors.$inferSelect)[]>;
// What the header counts count by, besides the filters.
const countedColumns = (['connectorType', 'status', 'syncEnabled', 'agentEnabled', 'isConfigured', 'isAuthenticated'] as const).map(columnName);

/** Every column a cached answer can depend on: the triggers log changes to each (migration 0012). */
export const dependencyColumns = new Set([
  ...visibility,
  ...Object.values(filterColumns).flatMap((keys) => keys.map(columnName)),
  ...sortableFields.map(columnName),
  ...countedColumns,
]);

function filtered(filters: ConnectorFilters): string[] {
  return (Object.keys(filters) as (keyof ConnectorFilters)[]).filter((key) => key in filterColumns).flatMap((key) => filterColumns[key].map(columnName));
}

const dependencies = {
  list: (query: ConnectorListQuery): Tag => ({
    columns: new Set([...visibility, ...filtered(query), columnName('instanceName'), columnName(sortParts(query.sort ?? 'instanceName').field)]),
  }),
  counts: (filters: ConnectorFilters): Tag => ({ columns: new Set([...visibility, ...filtered(filters), ...countedColumns]) }),
};

function isStale(writes: ConnectorWrite[]) {
  return (tag: Tag | undefined, loaded: unknown) => {
    if (!tag) return true;
    const shown = new Set(((loaded as Partial<ConnectorPage>).connectors ?? []).map((connector) => connector.connectorId));
    return writes.some(({ connectorId, columns }) => columns === null || shown.has(connectorId) || columns.some((column) => tag.columns.has(column)));
  };
}

// Every other method is taken for a write, new ones too: forgetting to list one only costs a miss.
const cachedReads = ['list', 'counts'] as const satisfies (keyof ConnectorStore)[];
const otherReads: readonly string[] = ['get', 'config', 'byIds'] satisfies (keyof ConnectorStore)[];

/**
 * Answers lists and counts from `cache`. Before each, the org's writes since the cache was last brought
 * up to date drop the entries they can have changed: those showing a changed connector, those filtered,
 * sorted or counted by a changed column, and all of them when a connector came or went.
 */
export function withReadCache(store: ConnectorStore, cache: ReadCache<Tag>, versions: DataVersions): ConnectorStore {
  const known = new Map<string, number>();
  const catchUp = (orgId: string, { version, writes }: Changes) => {
    // Reaching `known` meant bringing the cache up to it.
    if (version <= (known.get(orgId) ?? -1)) return;
    cache.invalidate(orgId, writes === 'unknown' ? undefined : isStale(writes));
    known.set(orgId, version);
  };
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store) as [string, (viewer: Viewer, ...rest: unknown[]) => Promise<unknown>][]) {
    if ((cachedReads as readonly string[]).includes(name)) {
      const tagOf = dependencies[name as (typeof cachedReads)[number]] as (query: unknown) => Tag;
      const read = (viewer: Viewer, rest: unknown[]) =>
        cache.read(viewer.orgId, `${viewer.id} ${name} ${JSON.stringify(rest)}`, () => method(viewer, ...rest), () => tagOf(rest[0]));
      wrapped[name] = (viewer: Viewer, ...rest: unknown[]) => {
        const changes = versions.since(viewer.orgId, known.get(viewer.orgId) ?? -1);
        if (!changes) return read(viewer, rest);
        return changes.then((found) => {
          catchUp(viewer.orgId, found);
          return read(viewer, rest);
        });
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
