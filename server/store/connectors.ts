import { and, asc, desc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type {
  AuthType,
  AuthProblem,
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
import {
  configInputSchema,
  configSections,
  dataLoaderView,
  defaultSettings,
  isConfiguredWith,
  primarySecret,
  type ConnectorConfig,
  type ConnectorConfigInput,
  type CreateConnectorRequest,
  type StoredSettings,
} from '../../contract/connector-config';
import { MAX_BULK_ROWS, type BulkFilter, type BulkResult, type BulkToggleRequest } from '../../contract/bulk';
import { findConnectorType } from '../../contract/connector-types';
import { changeDenial, createDenial, effectiveIsAuthenticated, enableDenial, isActive, isOAuth, signInDenial, supportsAgent, type Viewer } from '../../contract/rules';
import { AppError, notFound } from '../errors';
import type { Sealer } from '../secrets/sealer';
import { applyChanges, DELETE, writeEach, type ConnectorUpdate, type WriteChange } from './connector-changes';
import { noticeChanges } from './change-notices';
import { actorOf, createdActivity, systemActor, type Actor, type Caller } from './activity';
import type { Db } from './database';
import { decodeCursor, encodeCursor, sortParts, type ListPosition } from './list-cursor';
import { newConnectorId } from './ids';
import { connectorAsJson } from './connector-json';
import { connectorActivity, connectorRecency, connectorTallies, connectors, orgs, type ConnectorRow } from './schema';

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
    dataLoaderConfig: dataLoaderView(row.connectorType, row.authType, row.settings, Object.keys(row.secrets)),
    version: row.version,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    signedInBy: row.signedInBy,
    signedInAt: row.signedInAt?.toISOString() ?? null,
    authProblem: row.authProblem,
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
  if (filters.isActive !== undefined) {
    const active = or(eq(table.syncEnabled, true), eq(table.agentEnabled, true))!;
    conditions.push(filters.isActive ? active : sql`not (${active})`);
  }
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

type SortKey = { column: PgColumn; id: PgColumn };

// A search sorts its few matches itself; other lists walk connector_recency's index.
function sortKey(field: SortableField, search: boolean): SortKey {
  if (field === 'updatedAt' && !search) return { column: connectorRecency.updatedAt, id: connectorRecency.connectorId };
  return { column: sortColumns[field], id: connectors.id };
}

function orderBy(sort: ConnectorSort, { column, id }: SortKey): SQL[] {
  const { field, descending } = sortParts(sort);
  if (field === 'lastSyncAt') {
    // Never-synced connectors go last either way, matching connectors_org_last_sync(_desc)_idx.
    const direction = sql.raw(descending ? 'desc nulls last' : 'asc nulls last');
    return [sql`${column} ${direction}`, sql`${id} ${direction}`];
  }
  // The id follows the sort's direction so that one index, read forwards or backwards, serves both.
  const direction = descending ? desc : asc;
  return [direction(column), direction(id)];
}

function after({ sort, value, id }: ListPosition, key: SortKey): SQL {
  const { field, descending } = sortParts(sort);
  const { column } = key;
  const comparison = sql.raw(descending ? '<' : '>');
  const isTime = column.getSQLType().startsWith('timestamp');
  const bound = value === null ? null : isTime ? sql`${value}::timestamptz` : sql`${value}`;
  if (field === 'lastSyncAt') {
    // Never-synced rows come last in both directions.
    if (bound === null) return and(isNull(column), sql`${key.id} ${comparison} ${id}`)!;
    return or(sql`(${column}, ${key.id}) ${comparison} (${bound}, ${id})`, isNull(column))!;
  }
  return sql`(${column}, ${key.id}) ${comparison} (${bound}, ${id})`;
}

function positionOf(connector: Connector, sort: ConnectorSort): ListPosition {
  return { sort, value: connector[sortParts(sort).field], id: connector.connectorId };
}

export function toConnectorConfig(row: ConnectorRow): ConnectorConfig {
  return {
    connectorId: row.id,
    connectorType: row.connectorType,
    instanceName: row.instanceName,
    authType: row.authType,
    scope: row.scope,
    config: { ...row.settings, storedSecrets: Object.keys(row.secrets) },
    isActive: isActive(row),
    isConfigured: row.isConfigured,
    isAuthenticated: row.isAuthenticated,
    version: row.version,
  };
}

type Configured = Pick<ConnectorRow, 'connectorType' | 'authType' | 'settings' | 'secrets'>;

/**
 * `input` laid over the stored configuration, field by field: an empty text clears a field, an empty
 * or missing secret keeps the stored one, a null secret removes it, and a new secret is sealed before
 * it goes anywhere.
 */
export function mergeConfig(row: Configured, input: ConnectorConfigInput, sealer: Sealer): ConnectorUpdate {
  const settings = structuredClone(row.settings) as StoredSettings;
  const secrets = { ...row.secrets };
  const type = findConnectorType(row.connectorType);
  for (const section of configSections) {
    for (const [name, value] of Object.entries(input[section] ?? {})) {
      const secret = section === 'auth' && type?.auth[row.authType]?.some((field) => field.name === name && field.kind === 'secret');
      if (secret) {
        if (value === null) delete secrets[name];
        else if (typeof value === 'string' && value !== '') secrets[name] = sealer.seal(value);
      } else if (value === null || value === '') {
        delete settings[section][name];
      } else {
        settings[section][name] = value;
      }
    }
  }
  const isConfigured = isConfiguredWith(row.connectorType, row.authType, settings, Object.keys(secrets));
  // A connector that lacks what it needs cannot sync or serve the agent: its switches go off with it.
  return { settings, secrets, isConfigured, ...(isConfigured ? {} : { syncEnabled: false, agentEnabled: false }) };
}

/** Checks `input` against the connector's type, as creation does, naming each wrong field. */
function validConfig(row: Pick<ConnectorRow, 'connectorType' | 'authType'>, input: ConnectorConfigInput): ConnectorConfigInput {
  const type = findConnectorType(row.connectorType);
  if (!type) throw new AppError('VALIDATION_ERROR', `Connectors of type ${row.connectorType} can no longer be configured`);
  const result = configInputSchema(type, row.authType).safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new AppError('VALIDATION_ERROR', `${issue.path.join('.')}: ${issue.message}${more}`, result.error.issues);
  }
  return result.data as ConnectorConfigInput;
}

/** A label inside a sentence: "Password" becomes "password", "API token" and "Site URL" stay. */
const inSentence = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

/**
 * A stored secret goes where the connector reads from: moving it (its source, or an address field)
 * needs the secret typed again (or removed), or anyone allowed to edit could send it to a host of their own.
 */
function ensureSecretsFollow(row: Configured, input: ConnectorConfigInput): ConnectorConfigInput {
  const type = findConnectorType(row.connectorType);
  if (!type) return input;
  const destinations = [
    ...type.sync.filter((field) => field.name === 'source').map((field) => ({ section: 'sync' as const, field })),
    ...(type.auth[row.authType] ?? []).filter((field) => field.kind === 'url').map((field) => ({ section: 'auth' as const, field })),
  ];
  const moved = destinations.filter(({ section, field }) => {
    // Emptied sends the secret nowhere; only a new address counts.
    const sent = input[section]?.[field.name];
    return sent !== undefined && sent !== null && sent !== '' && sent !== row.settings[section][field.name];
  });
  if (moved.length === 0) return input;
  const where = moved.map(({ field }) => inSentence(field.label)).join(' and ');
  const issues = (type.auth[row.authType] ?? [])
    .filter((field) => field.kind === 'secret' && field.name in row.secrets)
    // Only a kept secret would travel; one typed again or removed does not.
    .filter((field) => input.auth?.[field.name] === undefined || input.auth[field.name] === '')
    .map((field) => ({ path: ['auth', field.name], message: `Enter the ${inSentence(field.label)} again: it would go to the new ${where}` }));
  if (issues.length > 0) throw new AppError('VALIDATION_ERROR', `auth.${issues[0]!.path[1]}: ${issues[0]!.message}`, issues);
  return input;
}

/** Seed 002's data loader configuration as the type's settings: source, batch size, username and its main secret. */
function dataLoaderInput(authType: AuthType, connectorType: string, input: DataLoaderConfigInput): ConnectorConfigInput {
  const type = findConnectorType(connectorType);
  const auth: Record<string, string> = {};
  if (type?.auth[authType]?.some((field) => field.name === 'username')) auth.username = input.auth.username;
  const secret = primarySecret(type, authType);
  if (secret && input.auth.password) auth[secret] = input.auth.password;
  return { auth, sync: { source: input.source, batchSize: input.batchSize } };
}

const NAME_KEY = 'connectors_name_key';

/** The database's unique-name refusal, as a message a person understands; anything else unchanged. */
function explainNameTaken(error: unknown, name: string, scope: string): unknown {
  const causes = [error, (error as { cause?: unknown })?.cause] as { code?: string; constraint?: string; message?: string }[];
  const taken = causes.some((cause) => cause?.code === '23505' && (cause.constraint === NAME_KEY || cause.message?.includes(NAME_KEY)));
  if (!taken) return error;
  return new AppError(
    'CONFLICT',
    scope === 'team'
      ? `A team connector named "${name}" already exists. Choose another name.`
      : `You already have a personal connector named "${name}". Choose another name.`,
  );
}

const toggleColumn = (type: ToggleType) => (type === 'sync' ? 'syncEnabled' : 'agentEnabled');

/** Sets `type` to `enabled` (flips it when not given): null when it already is; throws when enabling is refused. */
function toggleUpdate(row: ConnectorRow, type: ToggleType, enabled: boolean | undefined): ConnectorUpdate | null {
  const field = toggleColumn(type);
  const target = enabled ?? !row[field];
  if (target === row[field]) return null;
  if (target) {
    const denial = enableDenial(row, type);
    if (denial) throw new AppError(denial.code, denial.message);
  }
  return { [field]: target };
}

function ensureMayChange(viewer: Viewer, row: ConnectorRow): void {
  const denial = changeDenial(viewer, row);
  if (denial) throw new AppError(denial.code, denial.message);
}

/** Throws unless this viewer may sign this connector in or out. */
export function ensureMaySignIn(viewer: Viewer, row: Pick<ConnectorRow, 'orgId' | 'scope' | 'createdBy' | 'authType' | 'connectorType'>): void {
  if (!isOAuth(row.authType)) throw new AppError('VALIDATION_ERROR', 'This connector does not sign in with OAuth: its credentials are part of its configuration');
  const denial = signInDenial(viewer, row);
  if (denial) throw new AppError(denial.code, denial.message);
}

// Signed out: nothing runs without the sign-in, as the prerequisite rule says.
const signedOut = { isAuthenticated: false, syncEnabled: false, agentEnabled: false } as const;

/** The rows a viewer sees that match the filters: what a page lists, and what its total and counts count. */
function matching(viewer: Viewer, filters: ConnectorFilters): SQL | undefined {
  return and(visibleTo(viewer), ...filterConditions(filters));
}

// Matches first, then ordered (the limit stops the planner merging them and walking the org in index order).
function searchMatches(db: Db, where: SQL | undefined) {
  return db.select().from(connectors).where(where).limit(Number.MAX_SAFE_INTEGER).as('connectors');
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

/** Counts with the org's data version they were read at: the same statement, so the same snapshot. */
export type CountsAsOf = { counts: ConnectorCounts; asOf: number };

const asOfColumn = (viewer: Viewer) => sql<number>`(select ${orgs.dataVersion} from ${orgs} where ${orgs.id} = ${viewer.orgId})`.mapWith(Number);

function countsAsOf(row: (ConnectorCounts & { asOf: number }) | undefined): CountsAsOf {
  const { asOf, ...counts } = row ?? { ...noConnectors, asOf: 0 };
  return { counts, asOf };
}

async function countFromTallies(db: Db, viewer: Viewer, filters: StateFilters): Promise<CountsAsOf> {
  const [row] = await db
    .select({
      ...countColumns((extra) => sql<number>`coalesce(sum(${connectorTallies.count})${onlyWhere(stateConditions(connectorTallies, extra))}, 0)::int`),
      asOf: asOfColumn(viewer),
    })
    .from(connectorTallies)
    .where(
      and(
        eq(connectorTallies.orgId, viewer.orgId),
        or(eq(connectorTallies.scope, 'team'), eq(connectorTallies.owner, viewer.id)),
        ...stateConditions(connectorTallies, filters),
      ),
    );
  return countsAsOf(row);
}

// The tallies hold no names: a search counts its matches.
async function countMatching(db: Db, viewer: Viewer, filters: ConnectorFilters): Promise<CountsAsOf> {
  const [row] = await db
    .select({ ...countColumns((extra) => sql<number>`count(*)${onlyWhere(stateConditions(connectors, extra))}::int`), asOf: asOfColumn(viewer) })
    .from(connectors)
    .where(matching(viewer, filters));
  return countsAsOf(row);
}

function countConnectors(db: Db, viewer: Viewer, { search, ...states }: ConnectorFilters): Promise<CountsAsOf> {
  return search ? countMatching(db, viewer, { search, ...states }) : countFromTallies(db, viewer, states);
}

export function filtersOf({ sort: _sort, page: _page, cursor: _cursor, limit: _limit, ...filters }: ConnectorListQuery): ConnectorFilters {
  return filters;
}

export type ConnectorRows = { connectors: Connector[]; nextCursor: string | null };
export type ConnectorPage = ConnectorRows & { totalCount: number; asOf: number };

// A held connector the page shows at the same version is returned as it is: every change it shows bumps the version.
export type RowsOptions = { held?: Iterable<Connector> };

async function readRows(db: Db, viewer: Viewer, query: ConnectorListQuery, { held = [] }: RowsOptions = {}): Promise<ConnectorRows> {
  const { sort = DEFAULT_SORT, page, cursor, limit } = query;
  const filters = filtersOf(query);
  const key = sortKey(sortParts(sort).field, Boolean(filters.search));
  const start = cursor === undefined ? undefined : after(decodeCursor(cursor, sort), key);
  const where = and(matching(viewer, filters), start);
  const source = filters.search
    ? db.select().from(searchMatches(db, where)).$dynamic()
    : key.column === connectorRecency.updatedAt
      ? db
          .select(getTableColumns(connectors))
          .from(connectorRecency)
          .innerJoin(connectors, eq(connectors.id, connectorRecency.connectorId))
          .where(and(eq(connectorRecency.orgId, viewer.orgId), where))
          .$dynamic()
      : db.select().from(connectors).where(where).$dynamic();
  const shown = source
    .orderBy(...orderBy(sort, key))
    .limit(limit + 1)
    .offset(cursor === undefined ? ((page ?? 1) - 1) * limit : 0)
    .as('shown');
  // Around the page, so only its rows become JSON; a plain projection keeps the subquery's order.
  const heldById = new Map([...held].map((connector) => [connector.connectorId, connector]));
  const heldVersions = [...heldById.values()].map((connector) => `${connector.connectorId} ${connector.version}`);
  const found = (await db.select({ id: shown.id, row: connectorAsJson(sql.identifier('shown'), heldVersions) }).from(shown)).map(({ id, row }) => (row ? toConnector(row) : heldById.get(id)!));
  const last = found.length > limit ? found[limit - 1] : undefined;
  return { connectors: found.slice(0, limit), nextCursor: last ? encodeCursor(positionOf(last, sort)) : null };
}

function versionConflict(row: ConnectorRow): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    'Someone else changed this connector since you opened it. Review their changes and save again.',
    { connector: toConnector(row) },
  );
}

export function createConnectorStore(db: Db, sealer: Sealer, write: WriteChange = writeEach(db)) {
  /** A change to one connector by someone allowed to make it, at `expectedVersion` when one is given. */
  const change = async (
    viewer: Caller,
    connectorId: string,
    decide: (row: ConnectorRow) => ConnectorUpdate | typeof DELETE | null,
    expectedVersion?: number,
    system?: Actor,
  ) => {
    const bySystem = system !== undefined;
    let name = '';
    let scope = '';
    try {
      return await write({
        viewer,
        connectorId,
        bySystem,
        actor: system ?? actorOf(viewer),
        decide: (row) => {
          if (!bySystem) ensureMayChange(viewer, row);
          if (expectedVersion !== undefined && row.version !== expectedVersion) throw versionConflict(row);
          const update = decide(row);
          name = (update !== DELETE && update?.instanceName) || row.instanceName;
          scope = row.scope;
          return update;
        },
      });
    } catch (error) {
      throw explainNameTaken(error, name, scope);
    }
  };

  return {
    rows: (viewer: Viewer, query: ConnectorListQuery, options?: RowsOptions): Promise<ConnectorRows> => readRows(db, viewer, query, options),

    async list(viewer: Viewer, query: ConnectorListQuery): Promise<ConnectorPage> {
      const [rows, { counts, asOf }] = await Promise.all([readRows(db, viewer, query), countConnectors(db, viewer, filtersOf(query))]);
      return { ...rows, totalCount: counts.total, asOf };
    },

    counts: (viewer: Viewer, filters: ConnectorFilters): Promise<CountsAsOf> => countConnectors(db, viewer, filters),

    /** The org's connectors with these ids as they are now, whoever may see them; for the live event streams. */
    async byIds(viewer: Viewer, connectorIds: string[]): Promise<Connector[]> {
      if (connectorIds.length === 0) return [];
      const rows = await db.select().from(connectors).where(and(eq(connectors.orgId, viewer.orgId), inArray(connectors.id, connectorIds)));
      return rows.map(toConnector);
    },

    async get(viewer: Viewer, connectorId: string): Promise<Connector> {
      return toConnector(await readRow(db, viewer, connectorId));
    },

    async config(viewer: Viewer, connectorId: string): Promise<ConnectorConfig> {
      return toConnectorConfig(await readRow(db, viewer, connectorId));
    },

    /** Creates a connector; the request was checked against its type by the contract's schema. */
    async create(viewer: Caller, request: CreateConnectorRequest): Promise<Connector> {
      const type = findConnectorType(request.connectorType);
      if (!type) throw new AppError('VALIDATION_ERROR', `connectorType: There is no connector type "${request.connectorType}"`);
      const denial = createDenial(viewer, type, request.scope);
      if (denial) throw new AppError(denial.code, denial.message);
      const authType = request.authType ?? type.authTypes[0]!;
      const blank = { connectorType: type.id, authType, settings: defaultSettings(type, authType), secrets: {} };
      const configured = mergeConfig(blank, validConfig(blank, request.config ?? {}), sealer);
      try {
        const row = await db.transaction(async (tx) => {
          const [inserted] = await tx
            .insert(connectors)
            .values({
              id: newConnectorId(),
              orgId: viewer.orgId,
              connectorType: type.id,
              instanceName: request.instanceName,
              scope: request.scope,
              authType,
              createdBy: viewer.id,
              settings: configured.settings!,
              secrets: configured.secrets!,
              isConfigured: configured.isConfigured!,
              isAuthenticated: effectiveIsAuthenticated(authType, false),
              supportsAgent: supportsAgent(type.id),
            })
            .returning();
          const [entry] = await tx
            .insert(connectorActivity)
            .values(createdActivity(inserted!, actorOf(viewer)))
            .returning({ id: connectorActivity.id, owner: connectorActivity.owner, by: connectorActivity.actorName });
          await noticeChanges(tx, [{ orgId: inserted!.orgId, connectorId: inserted!.id, owner: entry!.owner, deleted: false, by: entry!.by, activityId: entry!.id }]);
          return inserted!;
        });
        return toConnector(row);
      } catch (error) {
        throw explainNameTaken(error, request.instanceName, request.scope);
      }
    },

    async rename(viewer: Caller, connectorId: string, instanceName: string, expectedVersion?: number): Promise<Connector> {
      const result = await change(viewer, connectorId, () => ({ instanceName }), expectedVersion);
      return toConnector(result.row);
    },

    /** Merges `input` into the stored configuration (see mergeConfig). */
    async configure(viewer: Caller, connectorId: string, input: ConnectorConfigInput, expectedVersion?: number): Promise<ConnectorConfig> {
      const result = await change(viewer, connectorId, (row) => mergeConfig(row, ensureSecretsFollow(row, validConfig(row, input)), sealer), expectedVersion);
      return toConnectorConfig(result.row);
    },

    async remove(viewer: Caller, connectorId: string, expectedVersion?: number): Promise<Connector> {
      const result = await change(viewer, connectorId, () => DELETE, expectedVersion);
      return toConnector(result.row);
    },

    /** Sets `type` to `enabled`, or flips it when `enabled` is not given. */
    async toggle(viewer: Caller, connectorId: string, type: ToggleType, enabled?: boolean) {
      const field = toggleColumn(type);
      const result = await change(viewer, connectorId, (row) => toggleUpdate(row, type, enabled));
      const state = result.row[field] ? 'enabled' : 'disabled';
      const what = type === 'sync' ? 'Sync' : 'Agent';
      const message = result.changed
        ? `${what} ${state} for ${result.row.instanceName}`
        : `${what} was already ${state} for ${result.row.instanceName}`;
      return { connector: toConnector(result.row), changed: result.changed, message };
    },

    /**
     * One toggle over many rows, each decided by the single toggle's rules; a refused row never stops
     * the others. A dry run decides without writing.
     */
    async bulkToggle(viewer: Caller, request: BulkToggleRequest): Promise<BulkResult[]> {
      const ids = request.connectorIds ? [...new Set(request.connectorIds)] : await matchingIds(db, viewer, request.filter!);
      const decide = (row: ConnectorRow) => {
        ensureMayChange(viewer, row);
        return toggleUpdate(row, request.type, request.enabled);
      };
      const refused = (connectorId: string, instanceName: string | null, error: unknown): BulkResult => {
        if (!(error instanceof AppError)) throw error;
        return { connectorId, instanceName, outcome: 'refused', code: error.code, message: error.message };
      };
      if (request.dryRun) {
        const rows = new Map((await db.select().from(connectors).where(and(inArray(connectors.id, ids), visibleTo(viewer)))).map((row) => [row.id, row]));
        return ids.map((id) => {
          const row = rows.get(id);
          try {
            if (!row) throw notFound();
            return { connectorId: id, instanceName: row.instanceName, outcome: decide(row) ? 'changed' : 'unchanged' };
          } catch (error) {
            return refused(id, row?.instanceName ?? null, error);
          }
        });
      }
      const actor = { ...actorOf(viewer), reason: `Part of one action on ${ids.length.toLocaleString('en')} connectors` };
      const results: BulkResult[] = [];
      // Transactions of a thousand rows: row locks stay short for the single toggles arriving meanwhile.
      for (let start = 0; start < ids.length; start += BULK_CHUNK) {
        const chunk = ids.slice(start, start + BULK_CHUNK);
        const settled = await applyChanges(db, chunk.map((connectorId) => ({ viewer, connectorId, actor, decide })));
        settled.forEach((result, index) => {
          const connectorId = chunk[index]!;
          results.push(
            result.ok
              ? { connectorId, instanceName: result.value.row.instanceName, outcome: result.value.changed ? 'changed' : 'unchanged' }
              : refused(connectorId, null, result.error),
          );
        });
      }
      return results;
    },

    async patch(viewer: Caller, connectorId: string, expectedVersion: number, patch: ConnectorPatch): Promise<Connector> {
      const result = await change(
        viewer,
        connectorId,
        (row) => ({
          ...(patch.instanceName !== undefined ? { instanceName: patch.instanceName } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.dataLoaderConfig
            ? mergeConfig(row, ensureSecretsFollow(row, validConfig(row, dataLoaderInput(row.authType, row.connectorType, patch.dataLoaderConfig))), sealer)
            : {}),
        }),
        expectedVersion,
      );
      return toConnector(result.row);
    },

    /** Records a completed OAuth sign-in by `viewer`, who must still be allowed to make it. */
    async signedIn(viewer: Caller, connectorId: string, at: Date): Promise<Connector> {
      const result = await change(viewer, connectorId, (row) => {
        ensureMaySignIn(viewer, row);
        return { isAuthenticated: true, signedInBy: viewer.id, signedInAt: at, authProblem: null };
      });
      return toConnector(result.row);
    },

    /** Forgets the sign-in (the tokens go separately): sync and the agent stop with it. */
    async signOut(viewer: Caller, connectorId: string): Promise<Connector> {
      const result = await change(viewer, connectorId, (row) => {
        ensureMaySignIn(viewer, row);
        return { ...signedOut, signedInBy: null, signedInAt: null, authProblem: null };
      });
      return toConnector(result.row);
    },

    /** The provider refused to renew the sign-in: signed out, with the reason kept. `system` names only the org. */
    async signInLost(system: Viewer, connectorId: string, problem: AuthProblem): Promise<Connector> {
      const result = await change(system, connectorId, () => ({ ...signedOut, authProblem: problem }), undefined, systemActor(problem.message));
      return toConnector(result.row);
    },

    /** Deletes the personal connectors of someone removed from the org, recorded as the remover's doing; within `into`'s transaction when given. */
    async removePersonalOf(viewer: Caller, ownerId: string, into: Db = db): Promise<number> {
      const owned = await into
        .select({ id: connectors.id })
        .from(connectors)
        .where(and(eq(connectors.orgId, viewer.orgId), eq(connectors.scope, 'personal'), eq(connectors.createdBy, ownerId)))
        .orderBy(connectors.id);
      const actor = { ...actorOf(viewer), reason: 'Its owner was removed from the organisation' };
      let deleted = 0;
      for (let start = 0; start < owned.length; start += BULK_CHUNK) {
        const chunk = owned.slice(start, start + BULK_CHUNK);
        const settled = await applyChanges(into, chunk.map(({ id }) => ({ viewer, connectorId: id, actor, bySystem: true, decide: () => DELETE })));
        deleted += settled.filter((result) => result.ok).length;
      }
      return deleted;
    },

    async changeStatus(viewer: Caller, request: ChangeStatusRequest): Promise<Connector> {
      const config = request.data_loader_config;
      const input = { source: config.source, batchSize: config.batch_size, auth: { username: config.auth.username, password: config.auth.password } };
      const result = await change(viewer, request.connectorID, (row) => ({
        status: request.new_status satisfies ConnectorStatus,
        ...mergeConfig(row, ensureSecretsFollow(row, validConfig(row, dataLoaderInput(row.authType, row.connectorType, input))), sealer),
      }));
      return toConnector(result.row);
    },
  };
}

const BULK_CHUNK = 1000;

/** The ids of the connectors a filter matches, refusing more than one request may change. */
async function matchingIds(db: Db, viewer: Viewer, filter: BulkFilter): Promise<string[]> {
  const rows = await db
    .select({ id: connectors.id })
    .from(connectors)
    .where(matching(viewer, filter))
    .orderBy(connectors.id)
    .limit(MAX_BULK_ROWS + 1);
  if (rows.length > MAX_BULK_ROWS) {
    throw new AppError('VALIDATION_ERROR', `This filter matches more than ${MAX_BULK_ROWS.toLocaleString('en')} connectors; narrow it down and act on each part`);
  }
  return rows.map((row) => row.id);
}

async function readRow(db: Db, viewer: Viewer, connectorId: string): Promise<ConnectorRow> {
  const [row] = await db.select().from(connectors).where(and(eq(connectors.id, connectorId), visibleTo(viewer)));
  if (!row) throw notFound();
  return row;
}

export type ConnectorStore = ReturnType<typeof createConnectorStore>;
