import { and, asc, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type {
  ChangeStatusRequest,
  Connector,
  ConnectorCounts,
  ConnectorFilters,
  ConnectorListQuery,
  ConnectorPatch,
  ConnectorSort,
  ConnectorStatus,
  DataLoaderConfigInput,
  SortableField,
  ToggleType,
} from '../../contract/connector';
import { countFilters } from '../../contract/connector';
import { changeDenial, enableDenial, isActive, isConfigured, type Viewer } from '../../contract/rules';
import { AppError, notFound } from '../errors';
import { writeEach, type ConnectorUpdate, type WriteChange } from './connector-changes';
import type { Db } from './database';
import { decodeCursor, encodeCursor, sortParts, type ListPosition } from './list-cursor';
import { connectorTallies, connectors, type ConnectorRow } from './schema';

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

type StateFilters = Omit<ConnectorFilters, 'search'>;

function stateConditions(table: typeof connectors | typeof connectorTallies, filters: StateFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.scope) conditions.push(eq(table.scope, filters.scope));
  if (filters.connectorType) conditions.push(eq(table.connectorType, filters.connectorType));
  if (filters.status) conditions.push(eq(table.status, filters.status));
  if (filters.syncEnabled !== undefined) conditions.push(eq(table.syncEnabled, filters.syncEnabled));
  if (filters.agentEnabled !== undefined) conditions.push(eq(table.agentEnabled, filters.agentEnabled));
  if (filters.isConfigured !== undefined) conditions.push(eq(table.isConfigured, filters.isConfigured));
  if (filters.isAuthenticated !== undefined) conditions.push(eq(table.isAuthenticated, filters.isAuthenticated));
  return conditions;
}

function filterConditions(filters: ConnectorFilters): SQL[] {
  const conditions = stateConditions(connectors, filters);
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

const DEFAULT_SORT = 'instanceName' satisfies SortableField;

function orderBy(sort: ConnectorSort): SQL[] {
  const { field, descending } = sortParts(sort);
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

function after({ sort, value, id }: ListPosition): SQL {
  const { field, descending } = sortParts(sort);
  const column = sortColumns[field];
  const comparison = sql.raw(descending ? '<' : '>');
  const isTime = column.getSQLType().startsWith('timestamp');
  const bound = value === null ? null : isTime ? sql`${value}::timestamptz` : sql`${value}`;
  if (field === 'lastSyncAt') {
    // Never-synced rows come last in both directions.
    if (bound === null) return and(isNull(column), sql`${connectors.id} ${comparison} ${id}`)!;
    return or(sql`(${column}, ${connectors.id}) ${comparison} (${bound}, ${id})`, isNull(column))!;
  }
  return sql`(${column}, ${connectors.id}) ${comparison} (${bound}, ${id})`;
}

function positionOf(row: ConnectorRow, sort: ConnectorSort): ListPosition {
  const value = row[sortParts(sort).field];
  return { sort, value: value instanceof Date ? value.toISOString() : value, id: row.id };
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

function ensureMayChange(viewer: Viewer, row: ConnectorRow): void {
  const denial = changeDenial(viewer, row);
  if (denial) throw new AppError(denial.code, denial.message);
}

/** The rows a viewer sees that match the filters: what a page lists, and what its total and counts count. */
function matching(viewer: Viewer, filters: ConnectorFilters): SQL | undefined {
  return and(visibleTo(viewer), ...filterConditions(filters));
}

const noConnectors: ConnectorCounts = { total: 0, syncing: 0, agentEnabled: 0, notConfigured: 0, needsSignIn: 0 };

const onlyWhere = (conditions: SQL[]) => (conditions.length > 0 ? sql` filter (where ${and(...conditions)})` : sql``);

function countColumns(count: (filters: StateFilters) => SQL<number>) {
  return {
    total: count({}),
    syncing: count(countFilters.syncing),
    agentEnabled: count(countFilters.agentEnabled),
    notConfigured: count(countFilters.notConfigured),
    needsSignIn: count(countFilters.needsSignIn),
  };
}

async function countFromTallies(db: Db, viewer: Viewer, filters: StateFilters): Promise<ConnectorCounts> {
  const [row] = await db
    .select(countColumns((extra) => sql<number>`coalesce(sum(${connectorTallies.count})${onlyWhere(stateConditions(connectorTallies, extra))}, 0)::int`))
    .from(connectorTallies)
    .where(
      and(
        eq(connectorTallies.orgId, viewer.orgId),
        or(eq(connectorTallies.scope, 'team'), eq(connectorTallies.owner, viewer.id)),
        ...stateConditions(connectorTallies, filters),
      ),
    );
  return row ?? noConnectors;
}

// The tallies hold no names: a search counts its matches.
async function countMatching(db: Db, viewer: Viewer, filters: ConnectorFilters): Promise<ConnectorCounts> {
  const [row] = await db
    .select(countColumns((extra) => sql<number>`count(*)${onlyWhere(stateConditions(connectors, extra))}::int`))
    .from(connectors)
    .where(matching(viewer, filters));
  return row ?? noConnectors;
}

function countConnectors(db: Db, viewer: Viewer, { search, ...states }: ConnectorFilters): Promise<ConnectorCounts> {
  return search ? countMatching(db, viewer, { search, ...states }) : countFromTallies(db, viewer, states);
}

export type ConnectorPage = {
  connectors: Connector[];
  totalCount: number;
  nextCursor: string | null;
};

export function createConnectorStore(db: Db, write: WriteChange = writeEach(db)) {
  const change = (viewer: Viewer, connectorId: string, decide: (row: ConnectorRow) => ConnectorUpdate | null) =>
    write({ viewer, connectorId, decide });

  return {
    async list(viewer: Viewer, query: ConnectorListQuery): Promise<ConnectorPage> {
      const { sort = DEFAULT_SORT, page, cursor, limit, ...filters } = query;
      const start = cursor === undefined ? undefined : after(decodeCursor(cursor, sort));
      const rows = db
        .select()
        .from(connectors)
        .where(and(matching(viewer, filters), start))
        .orderBy(...orderBy(sort))
        .limit(limit + 1)
        .offset(cursor === undefined ? ((page ?? 1) - 1) * limit : 0);
      const [found, counts] = await Promise.all([rows, countConnectors(db, viewer, filters)]);
      const last = found.length > limit ? found[limit - 1] : undefined;
      return {
        connectors: found.slice(0, limit).map(toConnector),
        totalCount: counts.total,
        nextCursor: last ? encodeCursor(positionOf(last, sort)) : null,
      };
    },

    counts: (viewer: Viewer, filters: ConnectorFilters): Promise<ConnectorCounts> => countConnectors(db, viewer, filters),

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
