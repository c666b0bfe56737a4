import { countFilters, sortableFields, type ConnectorCounts, type CountKey, type ConnectorFilters, type ConnectorListQuery } from '../../contract/connector';
import { canView, isActive, type Viewer } from '../../contract/rules';
import { decodeCursor, sortParts, type ListPosition } from './list-cursor';
import type { LoggedState } from './schema';

/** One connector's change in the write log (before null: created; after null: deleted). */
export type LoggedWrite = { version: number; connectorId: string; before: LoggedState | null; after: LoggedState | null };

export type ListPage = { connectors: { connectorId: string }[]; nextCursor: string | null };

const filterFields = {
  scope: ['scope'],
  search: ['instanceName'],
  connectorType: ['connectorType'],
  syncEnabled: ['syncEnabled'],
  agentEnabled: ['agentEnabled'],
  isConfigured: ['isConfigured'],
  isAuthenticated: ['isAuthenticated'],
  isActive: ['syncEnabled', 'agentEnabled'],
  status: ['status'],
} as const satisfies Record<keyof ConnectorFilters, readonly (keyof LoggedState)[]>;

// Beyond printable ASCII, the database's lower() and JavaScript's may differ.
const searchMatch = (name: string, search: string): boolean | undefined =>
  /[^ -~]/.test(name + search) ? undefined : name.toLowerCase().includes(search.toLowerCase());

const equalFilters = (Object.keys(filterFields) as (keyof ConnectorFilters)[]).filter(
  (key): key is Exclude<keyof ConnectorFilters, 'search' | 'isActive'> => key !== 'search' && key !== 'isActive',
);

/** The store's `matching` SQL for one state; undefined when unsure. */
export function matches(state: LoggedState, viewer: Viewer, filters: ConnectorFilters): boolean | undefined {
  if (!canView(viewer, { orgId: viewer.orgId, scope: state.scope, createdBy: state.createdBy })) return false;
  for (const key of equalFilters) {
    const value = filters[key];
    // The SQL skips an empty filter as it skips an absent one.
    if (value !== undefined && value !== '' && state[key] !== value) return false;
  }
  if (filters.isActive !== undefined && isActive(state) !== filters.isActive) return false;
  return filters.search === undefined ? true : searchMatch(state.instanceName, filters.search);
}

export const noCounts = (): ConnectorCounts => ({ total: 0, syncing: 0, agentEnabled: 0, notConfigured: 0, needsSignIn: 0 });

const countTests = (Object.entries(countFilters) as [CountKey, ConnectorFilters][]).map(([key, filters]) => ({
  key,
  fields: Object.entries(filters) as [keyof LoggedState, unknown][],
}));

function addState(sum: ConnectorCounts | undefined, viewer: Viewer, filters: ConnectorFilters, state: LoggedState | null, sign: 1 | -1) {
  if (!sum || !state) return sum;
  const counted = matches(state, viewer, filters);
  if (counted === undefined) return undefined;
  if (!counted) return sum;
  sum.total += sign;
  for (const { key, fields } of countTests) if (fields.every(([field, value]) => state[field] === value)) sum[key] += sign;
  return sum;
}

export function countsDelta(viewer: Viewer, filters: ConnectorFilters, { before, after }: LoggedWrite, sum = noCounts()): ConnectorCounts | undefined {
  return addState(addState(sum, viewer, filters, before, -1), viewer, filters, after, 1);
}

export const addCounts = (a: ConnectorCounts, b: ConnectorCounts): ConnectorCounts => ({
  total: a.total + b.total,
  syncing: a.syncing + b.syncing,
  agentEnabled: a.agentEnabled + b.agentEnabled,
  notConfigured: a.notConfigured + b.notConfigured,
  needsSignIn: a.needsSignIn + b.needsSignIn,
});

export function listFields(query: ConnectorListQuery): (keyof LoggedState)[] {
  const filtered = (Object.keys(query) as (keyof ConnectorListQuery)[]).flatMap((key) => (key in filterFields ? filterFields[key as keyof ConnectorFilters] : []));
  return [...new Set<keyof LoggedState>(['scope', 'createdBy', ...filtered, sortParts(query.sort ?? 'instanceName').field])];
}

export const dependencyFields = new Set<keyof LoggedState>([
  'scope',
  'createdBy',
  ...Object.values(filterFields).flat(),
  ...sortableFields,
  ...Object.values(countFilters).flatMap((filters) => Object.keys(filters) as (keyof LoggedState)[]),
]);

// Text sorts follow the database's collation, which JavaScript cannot reproduce: only times are compared.
const timeSorts = new Set(['lastSyncAt', 'createdAt', 'updatedAt']);

function compare(time: number | null, position: ListPosition): number {
  const other = position.value === null ? null : Date.parse(position.value);
  if (time === null || other === null) return (time === null ? 1 : 0) - (other === null ? 1 : 0);
  return sortParts(position.sort).descending ? other - time : time - other;
}

// Every write is checked against every cached page: what a page yields is worked out once per page.
function perPage<T>(derive: (page: ListPage, query: ConnectorListQuery) => T): (page: ListPage, query: ConnectorListQuery) => T {
  const derived = new WeakMap<ListPage, T>();
  return (page, query) => {
    if (!derived.has(page)) derived.set(page, derive(page, query));
    return derived.get(page) as T;
  };
}

const lastRowOf = perPage((page, query) => (page.nextCursor === null ? null : decodeCursor(page.nextCursor, query.sort ?? 'instanceName')));
const shownIn = perPage((page) => new Set(page.connectors.map((connector) => connector.connectorId)));

function sortsAgainst(state: LoggedState, position: ListPosition): number | undefined {
  const { field } = sortParts(position.sort);
  return timeSorts.has(field) ? compare(state[field as 'lastSyncAt' | 'createdAt' | 'updatedAt'], position) : undefined;
}

function mayBeOnPage(state: LoggedState, query: ConnectorListQuery, page: ListPage): boolean {
  const last = lastRowOf(page, query);
  const first = query.cursor === undefined ? null : decodeCursor(query.cursor, query.sort ?? 'instanceName');
  return (first === null || (sortsAgainst(state, first) ?? 0) >= 0) && (last === null || (sortsAgainst(state, last) ?? 0) <= 0);
}

// A cursor page's `nextCursor` ends when the last row after it leaves; offset pages see that in their total.
function mayEndAfterCursorPage(viewer: Viewer, query: ConnectorListQuery, page: ListPage, { before, after }: LoggedWrite): boolean {
  const last = lastRowOf(page, query);
  if (query.cursor === undefined || last === null || !before || matches(before, viewer, query) === false) return false;
  if ((sortsAgainst(before, last) ?? 1) < 0) return false;
  return !(after && matches(after, viewer, query) === true && (sortsAgainst(after, last) ?? 0) > 0);
}

export function changesRows(viewer: Viewer, query: ConnectorListQuery, fields: (keyof LoggedState)[], page: ListPage, write: LoggedWrite): boolean {
  if (shownIn(page, query).has(write.connectorId)) return true;
  const { before, after } = write;
  if (before && after && !fields.some((field) => before[field] !== after[field])) return false;
  if (mayEndAfterCursorPage(viewer, query, page, write)) return true;
  return [before, after].some((state) => state !== null && matches(state, viewer, query) !== false && mayBeOnPage(state, query, page));
}
