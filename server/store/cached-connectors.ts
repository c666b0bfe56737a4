import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { sortableFields, type ConnectorFilters, type ConnectorListQuery } from '../../contract/connector';
import type { Viewer } from '../../contract/rules';
import type { ConnectorPage, ConnectorStore } from './connectors';
import type { Db } from './database';
import { sortParts } from './list-cursor';
import { sharedAfterCallPerKey, sharedWhileRunning } from './shared-queries';
import type { ReadCache } from './read-cache';
import { connectors, connectorWrites, orgs } from './schema';

export type ConnectorWrite = { connectorId: string; columns: string[] | null; instanceName: string | null };

export type Changes = { version: number; writes: ConnectorWrite[] | 'unknown' };

export type DataVersions = {
  since(orgId: string, known: number): Promise<Changes> | undefined;
  written(orgId: string): void;
};

// Further behind, dropping the org's entries costs less than reading what changed.
const MAX_REPLAYED_VERSIONS = 256;

function writesAfter(db: Db, orgId: string, known: number, upTo?: number) {
  return db
    .select({ version: connectorWrites.version, connectorId: connectorWrites.connectorId, columns: connectorWrites.columns, instanceName: connectorWrites.instanceName })
    .from(connectorWrites)
    .where(and(eq(connectorWrites.orgId, orgId), gt(connectorWrites.version, known), upTo === undefined ? undefined : lte(connectorWrites.version, upTo)));
}

function fromLog(logged: (ConnectorWrite & { version: number })[], known: number, version: number): Changes {
  const complete = new Set(logged.map((write) => write.version)).size === version - known;
  return { version, writes: complete ? logged : 'unknown' };
}

export function databaseVersions(db: Db): DataVersions {
  const versionOf = db
    .select({ version: orgs.dataVersion })
    .from(orgs)
    .where(eq(orgs.id, sql.placeholder('orgId')))
    .prepare('org_data_version');
  const readVersion = sharedAfterCallPerKey<number>();
  // A range of versions never changes: reads catching up on the same one share its query.
  const readLog = sharedWhileRunning<Changes>();
  const since = async (orgId: string, known: number): Promise<Changes> => {
    const version = await readVersion(orgId, async () => (await versionOf.execute({ orgId }))[0]?.version ?? 0);
    if (version === known) return { version, writes: [] };
    if (known < 0 || version < known || version - known > MAX_REPLAYED_VERSIONS) return { version, writes: 'unknown' };
    return readLog(`${orgId} ${known} ${version}`, async () => fromLog(await writesAfter(db, orgId, known, version), known, version));
  };
  return { since, written: () => {} };
}

/** Asks only after this process's own writes: enough where it makes every write (the embedded database). */
export function localWriteVersions(db: Db): DataVersions {
  const database = databaseVersions(db);
  const dirty = new Set<string>();
  return {
    since(orgId, known) {
      if (known < 0) return database.since(orgId, known);
      if (!dirty.delete(orgId)) return undefined;
      return writesAfter(db, orgId, known).then((logged) => fromLog(logged, known, logged.reduce((newest, write) => Math.max(newest, write.version), known)));
    },
    written: (orgId) => dirty.add(orgId),
  };
}

type Tag = { columns: Set<string>; search?: string };

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
const countedColumns = (['connectorType', 'status', 'syncEnabled', 'agentEnabled', 'isConfigured', 'isAuthenticated'] as const).map(columnName);

// The trigger of migration 0014 must log a change to each of these.
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
    search: query.search?.toLowerCase(),
  }),
  counts: (filters: ConnectorFilters): Tag => ({ columns: new Set([...visibility, ...filtered(filters), ...countedColumns]), search: filters.search?.toLowerCase() }),
};

// Built once per cached answer: every write checks every entry.
const shownIds = new WeakMap<object, Set<string>>();
function shownIn(loaded: unknown): Set<string> {
  if (typeof loaded !== 'object' || loaded === null) return new Set();
  let shown = shownIds.get(loaded);
  if (!shown) {
    shown = new Set(((loaded as Partial<ConnectorPage>).connectors ?? []).map((connector) => connector.connectorId));
    shownIds.set(loaded, shown);
  }
  return shown;
}

// Beyond printable ASCII, the database's lower() and JavaScript's may differ: such a name may match.
const mayMatch = (name: string, search: string) => /[^ -~]/.test(name + search) || name.toLowerCase().includes(search);

/** A connector that does not match a search, and is not renamed, counts in none of its answers. */
function outsideSearch(tag: Tag, { columns, instanceName }: ConnectorWrite): boolean {
  if (tag.search === undefined || columns === null || columns.includes(columnName('instanceName')) || instanceName === null) return false;
  return !mayMatch(instanceName, tag.search);
}

function isStale(writes: ConnectorWrite[]) {
  return (tag: Tag | undefined, loaded: unknown) => {
    if (!tag) return true;
    return writes.some(
      (write) =>
        !outsideSearch(tag, write) &&
        (write.columns === null || write.columns.some((column) => tag.columns.has(column)) || shownIn(loaded).has(write.connectorId)),
    );
  };
}

// Every other method is taken for a write, new ones too: forgetting to list one only costs a miss.
const cachedReads = ['list', 'counts'] as const satisfies (keyof ConnectorStore)[];
const otherReads: readonly string[] = ['get', 'config', 'byIds'] satisfies (keyof ConnectorStore)[];

export function withReadCache(store: ConnectorStore, cache: ReadCache<Tag>, versions: DataVersions): ConnectorStore {
  const known = new Map<string, number>();
  const catchUp = (orgId: string, { version, writes }: Changes) => {
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
