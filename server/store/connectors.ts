import { and, asc, desc, eq, getTableColumns, or, sql, type SQL } from 'drizzle-orm';
import type {
  ChangeStatusRequest,
  Connector,
  ConnectorCounts,
  ConnectorFilters,
  ConnectorListQuery,
  ConnectorPatch,
  ConnectorStatus,
  DataLoaderConfigInput,
  SortableField,
  ToggleType,
} from '../../contract/connector';
import { countFilters } from '../../contract/connector';
import { canView, changeDenial, enableDenial, isActive, isConfigured, type Viewer } from '../../contract/rules';
import { AppError, notFound } from '../errors';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './database';
import type { ReadCache } from './read-cache';
import { connectors, type ConnectorRow } from './schema';

type ConnectorUpdate = Partial<typeof connectors.$inferInsert>;

export function toConnector(row: ConnectorRow): Connector {
  return {
    connectorId: row.id,
    connectorType: row.connectorType,
    instanceName: row.instanceName,
    scope: row.scope,
    authType: row.authType,
    createdBy: row.createdBy,
    orgId: row.orgId,
    isActive: isActive(row),
    isConfigured: row.isConfigured,
    isAuthenticated: row.isAuthenticated,
    syncEnabled: row.syncEnabled,
    agentEnabled: row.agentEnabled,
    supportsAgent: row.supportsAgent,
    status: row.status,
    dataLoaderConfig: {
      source: row.source,
      batchSize: row.batchSize,
      auth: { username: row.authUsername, hasPassword: Boolean(row.authPassword) },
    },
    version: row.version,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `canView` from the contract, written as SQL for the queries that must not load every row. */
function visibleTo(viewer: Viewer): SQL {
  return and(
    eq(connectors.orgId, viewer.orgId),
    or(eq(connectors.scope, 'team'), eq(connectors.createdBy, viewer.id)),
  ) as SQL;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function filterConditions(filters: ConnectorFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.scope) conditions.push(eq(connectors.scope, filters.scope));
  if (filters.connectorType) conditions.push(eq(connectors.connectorType, filters.connectorType));
  if (filters.status) conditions.push(eq(connectors.status, filters.status));
  if (filters.syncEnabled !== undefined) conditions.push(eq(connectors.syncEnabled, filters.syncEnabled));
  if (filters.agentEnabled !== undefined) conditions.push(eq(connectors.agentEnabled, filters.agentEnabled));
  if (filters.isConfigured !== undefined) conditions.push(eq(connectors.isConfigured, filters.isConfigured));
  if (filters.isAuthenticated !== undefined) {
    conditions.push(eq(connectors.isAuthenticated, filters.isAuthenticated));
  }
  if (filters.search) {
    const pattern = `%${escapeLike(filters.search.toLowerCase())}%`;
    conditions.push(sql`lower(${connectors.instanceName}) like ${pattern}`);
  }
  return conditions;
}

const sortColumns = {
  instanceName: connectors.instanceName,
  connectorType: connectors.connectorType,
  scope: connectors.scope,
  authType: connectors.authType,
  status: connectors.status,
  createdBy: connectors.createdBy,
  lastSyncAt: connectors.lastSyncAt,
  createdAt: connectors.createdAt,
  updatedAt: connectors.updatedAt,
} satisfies Record<SortableField, unknown>;

function orderBy(sort: ConnectorListQuery['sort']): SQL[] {
  const descending = sort?.startsWith('-') ?? false;
  const field = (sort ? sort.replace(/^-/, '') : 'instanceName') as SortableField;
  if (field === 'lastSyncAt') {
    // Never-synced connectors go last either way, matching connectors_org_last_sync(_desc)_idx.
    const direction = sql.raw(descending ? 'desc nulls last' : 'asc nulls last');
    return [sql`${connectors.lastSyncAt} ${direction}`, sql`${connectors.id} ${direction}`];
  }
  // The id keeps pages stable when values tie, and follows the sort's direction so that one index,
  // read forwards or backwards, serves both.
  const direction = descending ? desc : asc;
  return [direction(sortColumns[field]), direction(connectors.id)];
}

function configUpdate(row: ConnectorRow, input: DataLoaderConfigInput): ConnectorUpdate {
  const password = input.auth.password ? input.auth.password : row.authPassword;
  const config = {
    source: input.source,
    batchSize: input.batchSize,
    auth: { username: input.auth.username, hasPassword: Boolean(password) },
  };
  return {
    source: input.source,
    batchSize: input.batchSize,
    authUsername: input.auth.username,
    authPassword: password,
    isConfigured: isConfigured(row.authType, config),
  };
}

function changedFields(row: ConnectorRow, update: ConnectorUpdate): ConnectorUpdate | null {
  const changed = Object.entries(update).filter(([key, value]) => row[key as keyof ConnectorRow] !== value);
  return changed.length > 0 ? (Object.fromEntries(changed) as ConnectorUpdate) : null;
}

function ensureMayChange(viewer: Viewer, row: ConnectorRow): void {
  const denial = changeDenial(viewer, row);
  if (denial) throw new AppError(denial.code, denial.message);
}

/** The rows a viewer sees that match the filters: what a page lists, and what its total and counts count. */
function matching(viewer: Viewer, filters: ConnectorFilters): SQL | undefined {
  return and(visibleTo(viewer), ...filterConditions(filters));
}

async function queryPage(db: Db, viewer: Viewer, query: ConnectorListQuery): Promise<Connector[]> {
  const rows = await db
    .select()
    .from(connectors)
    .where(matching(viewer, query))
    .orderBy(...orderBy(query.sort))
    .limit(query.limit)
    .offset((query.page - 1) * query.limit);
  return rows.map(toConnector);
}

async function queryTotal(db: Db, viewer: Viewer, filters: ConnectorFilters): Promise<number> {
  const [total] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(connectors)
    .where(matching(viewer, filters));
  return total?.count ?? 0;
}

async function queryCounts(db: Db, viewer: Viewer, filters: ConnectorFilters): Promise<ConnectorCounts> {
  const countWhere = (extra: ConnectorFilters) => {
    const conditions = filterConditions(extra);
    return conditions.length > 0 ? sql`count(*) filter (where ${and(...conditions)})::int` : sql`count(*)::int`;
  };
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      syncing: sql<number>`${countWhere(countFilters.syncing)}`,
      agentEnabled: sql<number>`${countWhere(countFilters.agentEnabled)}`,
      notConfigured: sql<number>`${countWhere(countFilters.notConfigured)}`,
      needsSignIn: sql<number>`${countWhere(countFilters.needsSignIn)}`,
    })
    .from(connectors)
    .where(matching(viewer, filters));
  return row ?? { total: 0, syncing: 0, agentEnabled: 0, notConfigured: 0, needsSignIn: 0 };
}

type Change = {
  viewer: Viewer;
  connectorId: string;
  /** Refuses (throws) or describes the change to make to the locked row; null when there is none. */
  decide: (row: ConnectorRow) => ConnectorUpdate | null;
};
type ChangeResult = { row: ConnectorRow; changed: boolean };
type Settled = { ok: true; value: ChangeResult } | { ok: false; error: unknown };

const columns = Object.entries(getTableColumns(connectors)) as [keyof ConnectorRow, AnyPgColumn][];
// Everything a change may write: not the identity, the creation time, or what the database computes.
const writable = new Map(columns.filter(([key, column]) => !column.generated && !['id', 'orgId', 'createdAt'].includes(key)));

/**
 * Locks the rows of a batch and reads them, each as one JSON value: the embedded database's protocol
 * parser costs about a microsecond per field, so 25 columns a row made reading a batch cost as much as
 * writing it, where one JSON.parse of the row is a fraction of that.
 */
async function lockRows(tx: Db, ids: string[]): Promise<{ rows: ConnectorRow[]; now: Date }> {
  const result = (await tx.execute(
    sql`select row_to_json(c) as "row", to_json(now()) as "now" from ${connectors} c where c.id = any(${sql.param(ids)}::text[]) order by c.id for update`,
  )) as unknown as { rows: { row: Record<string, unknown>; now: string }[] };
  const rows = result.rows.map(({ row }) =>
    Object.fromEntries(columns.map(([key, column]) => [key, row[column.name] == null ? null : column.mapFromDriverValue(row[column.name])])) as ConnectorRow,
  );
  return { rows, now: result.rows[0] ? new Date(result.rows[0].now) : new Date() };
}

/**
 * Writes the final rows of a batch in one statement, sent as one JSON parameter (a multi-row insert
 * with a parameter per value took drizzle longer to build than the database took to run), and only the
 * columns that the batch changed: every other value costs as much again to send, parse and compare.
 */
function writeRows(tx: Db, rows: ConnectorRow[], changed: Set<keyof ConnectorRow>) {
  const written = [...changed].map((key) => [key, writable.get(key)!] as const);
  const recordColumns = sql.raw(['"id" text', ...written.map(([, column]) => `"${column.name}" ${column.getSQLType()}`)].join(', '));
  const assignments = sql.raw(written.map(([, column]) => `"${column.name}" = "v"."${column.name}"`).join(', '));
  const records = rows.map((row) =>
    Object.fromEntries([['id', row.id], ...written.map(([key, column]) => [column.name, row[key] === null ? null : column.mapToDriverValue(row[key])])]),
  );
  return tx.execute(
    sql`update ${connectors} set ${assignments} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as "v"(${recordColumns}) where ${connectors.id} = "v"."id"`,
  );
}

export function createConnectorStore(db: Db, readCache: ReadCache) {
  /**
   * Applies a batch of changes in one transaction: lock every row concerned (in id order, so that two
   * servers on one PostgreSQL never wait on each other in a circle), decide each change in arrival
   * order on the row as the previous ones left it, and write the final rows in one statement. Each
   * change that alters a row gets its own version. A refusal only fails its own change.
   */
  async function applyBatch(batch: Change[]): Promise<Settled[]> {
    const outcome = await db.transaction(async (tx) => {
      const ids = [...new Set(batch.map((change) => change.connectorId))];
      const locked = await lockRows(tx, ids);
      const rows = new Map(locked.rows.map((row) => [row.id, row]));
      const written = new Set<string>();
      const changedColumns = new Set<keyof ConnectorRow>(['version', 'updatedAt']);
      const settled = batch.map(({ viewer, connectorId, decide }): Settled => {
        try {
          const row = rows.get(connectorId);
          if (!row || !canView(viewer, row)) throw notFound();
          const update = decide(row);
          const changes = update && changedFields(row, update);
          if (!changes) return { ok: true, value: { row, changed: false } };
          const next = { ...row, ...changes, version: row.version + 1, updatedAt: locked.now };
          for (const key of Object.keys(changes)) changedColumns.add(key as keyof ConnectorRow);
          rows.set(connectorId, next);
          written.add(connectorId);
          return { ok: true, value: { row: next, changed: true } };
        } catch (error) {
          return { ok: false, error };
        }
      });
      const finalRows = [...written].map((id) => rows.get(id)!);
      if (finalRows.length > 0) {
        await writeRows(tx, finalRows, changedColumns);
      }
      return { settled, orgs: new Set(finalRows.map((row) => row.orgId)) };
    });
    for (const orgId of outcome.orgs) readCache.invalidate(orgId);
    return outcome.settled;
  }

  // Changes wait and go together in one transaction: the embedded database runs one statement at a
  // time, and without ever waiting on I/O, so no request is even read while a transaction runs. A
  // batch therefore starts only once the requests already received have queued their changes
  // (setImmediate runs after the pending I/O callbacks), and the next one after the requests that
  // came in meanwhile.
  let waiting: { change: Change; resolve: (result: ChangeResult) => void; reject: (error: unknown) => void }[] = [];
  let scheduled = false;

  async function writeWaiting(): Promise<void> {
    const batch = waiting;
    waiting = [];
    let settled: Settled[];
    try {
      settled = await applyBatch(batch.map((entry) => entry.change));
    } catch (error) {
      if (batch.length === 1) {
        settled = [{ ok: false, error }];
      } else {
        // Retried one by one, a database error fails only the change that caused it.
        settled = [];
        for (const { change } of batch) settled.push(...(await applyBatch([change]).catch((error: unknown) => [{ ok: false, error } as const])));
      }
    }
    settled.forEach((result, index) => {
      const entry = batch[index]!;
      if (result.ok) entry.resolve(result.value);
      else entry.reject(result.error);
    });
    if (waiting.length > 0) setImmediate(() => void writeWaiting());
    else scheduled = false;
  }

  function change(viewer: Viewer, connectorId: string, decide: Change['decide']): Promise<ChangeResult> {
    return new Promise((resolve, reject) => {
      waiting.push({ change: { viewer, connectorId, decide }, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => void writeWaiting());
    });
  }

  function cachedCounts(viewer: Viewer, filters: ConnectorFilters): Promise<ConnectorCounts> {
    return readCache.read(viewer.orgId, `${viewer.id} counts ${JSON.stringify(filters)}`, () => queryCounts(db, viewer, filters));
  }

  return {
    list(viewer: Viewer, query: ConnectorListQuery): Promise<{ connectors: Connector[]; totalCount: number }> {
      return readCache.read(viewer.orgId, `${viewer.id} list ${JSON.stringify(query)}`, async () => {
        const { sort: _sort, page: _page, limit: _limit, ...filters } = query;
        // Counting reads every row a filter matches. With the read cache on, a filter's total is taken
        // from its counts, which the list page asks for beside its rows: one read of the rows answers
        // both, and every page of the filter, until the next write (a client asking only for rows pays
        // for the five counts once, not for one). Without the cache, one plain count reads less.
        const total = readCache.enabled ? cachedCounts(viewer, filters).then((counts) => counts.total) : queryTotal(db, viewer, filters);
        const [page, totalCount] = await Promise.all([queryPage(db, viewer, query), total]);
        return { connectors: page, totalCount };
      });
    },

    counts: cachedCounts,

    async get(viewer: Viewer, connectorId: string): Promise<Connector> {
      const [row] = await db.select().from(connectors).where(and(eq(connectors.id, connectorId), visibleTo(viewer)));
      if (!row) throw notFound();
      return toConnector(row);
    },

    /** Sets `type` to `enabled`, or flips it when `enabled` is not given. */
    async toggle(viewer: Viewer, connectorId: string, type: ToggleType, enabled?: boolean) {
      const field = type === 'sync' ? 'syncEnabled' : 'agentEnabled';
      const result = await change(viewer, connectorId, (row) => {
        ensureMayChange(viewer, row);
        const target = enabled ?? !row[field];
        if (target === row[field]) return null;
        if (target) {
          const denial = enableDenial(row, type);
          if (denial) throw new AppError(denial.code, denial.message);
        }
        return { [field]: target };
      });
      const state = result.row[field] ? 'enabled' : 'disabled';
      const what = type === 'sync' ? 'Sync' : 'Agent';
      const message = result.changed
        ? `${what} ${state} for ${result.row.instanceName}`
        : `${what} was already ${state} for ${result.row.instanceName}`;
      return { connector: toConnector(result.row), changed: result.changed, message };
    },

    async patch(viewer: Viewer, connectorId: string, expectedVersion: number, patch: ConnectorPatch): Promise<Connector> {
      const result = await change(viewer, connectorId, (row) => {
        ensureMayChange(viewer, row);
        if (row.version !== expectedVersion) {
          throw new AppError(
            'VERSION_CONFLICT',
            'Someone else changed this connector since you opened it. Review their changes and save again.',
            { connector: toConnector(row) },
          );
        }
        return {
          ...(patch.instanceName !== undefined ? { instanceName: patch.instanceName } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.dataLoaderConfig ? configUpdate(row, patch.dataLoaderConfig) : {}),
        };
      });
      return toConnector(result.row);
    },

    async changeStatus(viewer: Viewer, request: ChangeStatusRequest): Promise<Connector> {
      const config = request.data_loader_config;
      const result = await change(viewer, request.connectorID, (row) => {
        ensureMayChange(viewer, row);
        return {
          status: request.new_status satisfies ConnectorStatus,
          ...configUpdate(row, {
            source: config.source,
            batchSize: config.batch_size,
            auth: { username: config.auth.username, password: config.auth.password },
          }),
        };
      });
      return toConnector(result.row);
    },
  };
}

export type ConnectorStore = ReturnType<typeof createConnectorStore>;
