import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Connector, ConnectorCounts, ConnectorFilters, ConnectorListQuery } from '../../contract/connector';
import type { Viewer } from '../../contract/rules';
import { filtersOf, type ConnectorPage, type ConnectorStore } from './connectors';
import type { Db } from './database';
import { sharedAfterCallPerKey, sharedWhileRunning } from './shared-queries';
import type { ReadCache } from './read-cache';
import { connectorWrites, orgs, type LoggedState } from './schema';
import { addCounts, changesRows, countsDelta, listFields, noCounts, type LoggedWrite } from './write-effects';

export type Changes = { version: number; writes: LoggedWrite[] | 'unknown' };

export type DataVersions = {
  since(orgId: string, known: number): Promise<Changes> | undefined;
  written(orgId: string): void;
};

// Further behind, dropping the org's entries costs less than reading what changed.
const MAX_REPLAYED_VERSIONS = 256;

export type StoredState = Omit<LoggedState, 'lastSyncAt' | 'createdAt' | 'updatedAt'> & { lastSyncAt: string | null; createdAt: string; updatedAt: string };

export function loggedState(stored: StoredState | null): LoggedState | null {
  if (!stored) return null;
  const { lastSyncAt, createdAt, updatedAt } = stored;
  return { ...stored, lastSyncAt: lastSyncAt === null ? null : Date.parse(lastSyncAt), createdAt: Date.parse(createdAt), updatedAt: Date.parse(updatedAt) };
}

function writesAfter(db: Db, orgId: string, known: number, upTo?: number) {
  return db
    .select({
      version: connectorWrites.version,
      connectorId: connectorWrites.connectorId,
      before: sql<StoredState | null>`to_jsonb(${connectorWrites.before})`.mapWith(loggedState),
      after: sql<StoredState | null>`to_jsonb(${connectorWrites.after})`.mapWith(loggedState),
    })
    .from(connectorWrites)
    .where(and(eq(connectorWrites.orgId, orgId), gt(connectorWrites.version, known), upTo === undefined ? undefined : lte(connectorWrites.version, upTo)));
}

function fromLog(logged: LoggedWrite[], known: number, version: number): Changes {
  const complete = new Set(logged.map((write) => write.version)).size === version - known && logged.every((write) => write.before || write.after);
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
  // Reads arriving while the log is read after a write wait for that read, not skip it.
  const reading = new Map<string, Promise<Changes>>();
  return {
    since(orgId, known) {
      if (known < 0) return database.since(orgId, known);
      if (dirty.delete(orgId)) {
        const changes: Promise<Changes> = writesAfter(db, orgId, known)
          .then((logged) => fromLog(logged, known, logged.reduce((newest, write) => Math.max(newest, write.version), known)))
          .catch((error: unknown) => {
            dirty.add(orgId);
            throw error;
          })
          .finally(() => {
            if (reading.get(orgId) === changes) reading.delete(orgId);
          });
        reading.set(orgId, changes);
      }
      return reading.get(orgId);
    },
    written: (orgId) => dirty.add(orgId),
  };
}

type Tag = { viewer: Viewer } & ({ list: ConnectorListQuery; fields: (keyof LoggedState)[] } | { counts: ConnectorFilters });

type Box<T> = { current: T };

type OrgLog = { known: number; floor: number; writes: LoggedWrite[] };

const KEPT_WRITES = 1024;
const HELD_ROWS = 10_000;

function pageIsStale(writes: LoggedWrite[]) {
  return (tag: Tag | undefined, loaded: unknown) => {
    if (!tag) return true;
    if (!('list' in tag)) return false;
    const page = (loaded as Box<ConnectorPage>).current;
    return writes.some((write) => changesRows(tag.viewer, tag.list, tag.fields, page, write));
  };
}

function countsSince(asOf: number, log: OrgLog | undefined, viewer: Viewer, filters: ConnectorFilters): ConnectorCounts | null | undefined {
  if (!log || asOf >= log.known) return null;
  if (asOf < log.floor) return undefined;
  const sum = noCounts();
  for (let index = log.writes.length - 1; index >= 0 && log.writes[index]!.version > asOf; index--) {
    if (!countsDelta(viewer, filters, log.writes[index]!, sum)) return undefined;
  }
  return Object.values(sum).some((count) => count !== 0) ? sum : null;
}

// Every other method is taken for a write, new ones too: forgetting to list one only costs a miss.
const otherReads: readonly string[] = ['get', 'config', 'byIds', 'rows'] satisfies (keyof ConnectorStore)[];

export function withReadCache(store: ConnectorStore, cache: ReadCache<Tag>, versions: DataVersions): ConnectorStore {
  const logs = new Map<string, OrgLog>();
  const catchUp = (orgId: string, { version, writes }: Changes) => {
    const log = logs.get(orgId);
    if (log && version <= log.known) return;
    if (!log || writes === 'unknown') {
      cache.invalidate(orgId);
      logs.set(orgId, { known: version, floor: version, writes: [] });
      return;
    }
    const fresh = writes.filter((write) => write.version > log.known).sort((a, b) => a.version - b.version);
    if (fresh.length > 0) cache.invalidate(orgId, pageIsStale(fresh));
    log.writes.push(...fresh);
    log.known = version;
    if (log.writes.length > KEPT_WRITES) {
      log.floor = log.writes.splice(0, log.writes.length - KEPT_WRITES).at(-1)!.version;
      while (log.writes[0]?.version === log.floor) log.writes.shift();
    }
  };

  async function caughtUp(orgId: string): Promise<void> {
    const changes = versions.since(orgId, logs.get(orgId)?.known ?? -1);
    if (changes) catchUp(orgId, await changes);
  }

  async function cachedRead<T extends { asOf: number }>(
    viewer: Viewer,
    tag: Tag,
    load: () => Promise<T>,
    /** The answer corrected by `delta`; null when `delta` leaves it as it is, undefined when it must be read again. */
    recount: (answer: T, delta: ConnectorCounts) => Omit<T, 'asOf'> | null | undefined,
  ): Promise<T> {
    const key = `${viewer.id} ${JSON.stringify('list' in tag ? ['list', tag.list] : ['counts', tag.counts])}`;
    const boxed = () => load().then((current) => ({ current }));
    const box = await cache.read(viewer.orgId, key, boxed, () => tag);
    const log = logs.get(viewer.orgId);
    const delta = countsSince(box.current.asOf, log, viewer, 'list' in tag ? tag.list : tag.counts);
    const recounted = delta ? recount(box.current, delta) : null;
    if (delta === undefined || recounted === undefined) {
      cache.forget(viewer.orgId, key);
      return (await cache.read(viewer.orgId, key, boxed, () => tag)).current;
    }
    if (recounted) box.current = { ...recounted, asOf: log!.known } as T;
    // Nothing it shows changed: the same object, whose JSON is already written, is as new as the log.
    else if (log && box.current.asOf < log.known) box.current.asOf = log.known;
    return box.current;
  }

  const counts = (viewer: Viewer, filters: ConnectorFilters) =>
    cachedRead(viewer, { viewer, counts: filters }, () => store.counts(viewer, filters), (answer, delta) => ({ counts: addCounts(answer.counts, delta) }));

  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store) as [string, (viewer: Viewer, ...rest: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = otherReads.includes(name)
      ? method
      : async (viewer: Viewer, ...rest: unknown[]) => {
          try {
            return await method(viewer, ...rest);
          } finally {
            versions.written(viewer.orgId);
          }
        };
  }
  const shownBefore = new Map<string, Connector[]>();
  let heldRows = 0;
  const remember = (key: string, shown: Connector[]) => {
    heldRows += shown.length - (shownBefore.get(key)?.length ?? 0);
    shownBefore.delete(key);
    shownBefore.set(key, shown);
    for (const [oldest, rows] of shownBefore) {
      if (heldRows <= HELD_ROWS) break;
      shownBefore.delete(oldest);
      heldRows -= rows.length;
    }
  };
  // A page's total is its filters' counts, from the cache and corrected from the log, not counted again.
  const page = async (viewer: Viewer, query: ConnectorListQuery): Promise<ConnectorPage> => {
    const key = `${viewer.id} ${JSON.stringify(query)}`;
    const [rows, counted] = await Promise.all([store.rows(viewer, query, { held: shownBefore.get(key) }), counts(viewer, filtersOf(query))]);
    remember(key, rows.connectors);
    return { ...rows, totalCount: counted.counts.total, asOf: counted.asOf };
  };

  const cached: Pick<ConnectorStore, 'list' | 'counts'> = {
    async list(viewer, query) {
      await caughtUp(viewer.orgId);
      return cachedRead(viewer, { viewer, list: query, fields: listFields(query) }, () => page(viewer, query), (shown, delta) => {
        const totalCount = shown.totalCount + delta.total;
        const shownUpTo = ((query.page ?? 1) - 1) * query.limit + shown.connectors.length;
        if (query.cursor === undefined && shown.nextCursor !== null && totalCount <= shownUpTo) return undefined;
        // A page shows only the total of its counts: kept as it is, its JSON is not written again.
        return delta.total === 0 ? null : { ...shown, totalCount };
      });
    },
    async counts(viewer, filters) {
      await caughtUp(viewer.orgId);
      return counts(viewer, filters);
    },
  };
  return { ...wrapped, ...cached } as ConnectorStore;
}
