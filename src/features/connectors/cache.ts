import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Connector, ConnectorListResponse, ToggleType } from '../../../contract/connector';
import type { ConnectorConfig } from '../../../contract/connector-config';
import { isActive } from '../../../contract/rules';
import { connectorKeys } from './keys';

type ListData = InfiniteData<ConnectorListResponse, unknown>;
type Update = (connector: Connector) => Connector;

export function toggleField(type: ToggleType): 'syncEnabled' | 'agentEnabled' {
  return type === 'sync' ? 'syncEnabled' : 'agentEnabled';
}

export function withToggle(connector: Connector, type: ToggleType, enabled: boolean): Connector {
  const next = { ...connector, [toggleField(type)]: enabled };
  return { ...next, isActive: isActive(next) };
}

function updatePages(data: ListData, connectorId: string, update: Update): ListData {
  let changed = false;
  const pages = data.pages.map((page) => {
    const index = page.connectors.findIndex((connector) => connector.connectorId === connectorId);
    const current = page.connectors[index];
    if (!current) return page;
    changed = true;
    const connectors = [...page.connectors];
    connectors[index] = update(current);
    return { ...page, connectors };
  });
  return changed ? { ...data, pages } : data;
}

/**
 * Writes `data` to a query that holds it already, without making it fresh: a write counts as a fetch
 * in TanStack Query, so a list invalidated by a create would otherwise keep showing its old rows.
 */
function writeCached<T>(queryClient: QueryClient, queryKey: QueryKey, data: T): void {
  const invalidated = queryClient.getQueryState(queryKey)?.isInvalidated;
  queryClient.setQueryData(queryKey, data);
  if (invalidated) void queryClient.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
}

/** Applies `update` to the connector wherever it is cached: every loaded page of every list, and its detail. */
export function updateCachedConnector(queryClient: QueryClient, connectorId: string, update: Update): void {
  for (const [queryKey, data] of queryClient.getQueriesData<ListData>({ queryKey: connectorKeys.lists() })) {
    const next = data && updatePages(data, connectorId, update);
    if (next && next !== data) writeCached(queryClient, queryKey, next);
  }
  const cached = queryClient.getQueryData<Connector>(connectorKeys.detail(connectorId));
  if (cached) writeCached(queryClient, connectorKeys.detail(connectorId), update(cached));
}

/** Applies `update` to each of `connectorIds` wherever it is cached, walking each list once rather than once per id. */
export function updateCachedConnectors(queryClient: QueryClient, connectorIds: ReadonlySet<string>, update: Update): void {
  if (connectorIds.size === 0) return;
  for (const [queryKey, data] of queryClient.getQueriesData<ListData>({ queryKey: connectorKeys.lists() })) {
    if (!data?.pages.some((page) => page.connectors.some((connector) => connectorIds.has(connector.connectorId)))) continue;
    writeCached(queryClient, queryKey, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        connectors: page.connectors.map((connector) => (connectorIds.has(connector.connectorId) ? update(connector) : connector)),
      })),
    });
  }
  for (const [queryKey, cached] of queryClient.getQueriesData<Connector>({ queryKey: connectorKeys.details() })) {
    if (cached && connectorIds.has(cached.connectorId)) writeCached(queryClient, queryKey, update(cached));
  }
}

/** Takes the connector out of every cached page, with the totals one lower, instead of refetching them. */
export function removeCachedConnector(queryClient: QueryClient, connectorId: string): void {
  queryClient.setQueriesData<ListData>({ queryKey: connectorKeys.lists() }, (data) => {
    if (!data?.pages.some((page) => page.connectors.some((connector) => connector.connectorId === connectorId))) return data;
    return {
      ...data,
      pages: data.pages.map((page) => {
        const total = Math.max(0, page.pagination.totalCount - 1);
        return {
          ...page,
          connectors: page.connectors.filter((connector) => connector.connectorId !== connectorId),
          pagination: { ...page.pagination, totalCount: total, total },
        };
      }),
    };
  });
}

/** The connector as cached (the detail, else the first list page holding it), for snapshots. */
export function findCachedConnector(queryClient: QueryClient, connectorId: string): Connector | undefined {
  const detail = queryClient.getQueryData<Connector>(connectorKeys.detail(connectorId));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<ListData>({ queryKey: connectorKeys.lists() })) {
    for (const page of data?.pages ?? []) {
      const found = page.connectors.find((connector) => connector.connectorId === connectorId);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Writes the server's copy of a connector into the cache. A copy older than the cached one (answers
 * of overlapping requests arrive in any order) is ignored, and `adjust` lets the caller re-apply
 * changes that requests still in flight have already made on screen.
 */
export function writeServerConnector(
  queryClient: QueryClient,
  server: Connector,
  adjust: (connector: Connector) => Connector = (connector) => connector,
): void {
  updateCachedConnector(queryClient, server.connectorId, (cached) => (cached.version > server.version ? cached : adjust(server)));
  // The settings form tells its own edits from someone else's by the configuration's version and values.
  const config = queryClient.getQueryData<ConnectorConfig>(connectorKeys.config(server.connectorId));
  if (config && config.version < server.version) void queryClient.invalidateQueries({ queryKey: connectorKeys.config(server.connectorId) });
  // Opened from a link, the connector may be in no cache yet; its detail still gets the fresh copy.
  if (!queryClient.getQueryData(connectorKeys.detail(server.connectorId))) {
    queryClient.setQueryData<Connector>(connectorKeys.detail(server.connectorId), adjust(server));
  }
}
