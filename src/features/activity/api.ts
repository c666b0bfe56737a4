import { infiniteQueryOptions, partialMatchKey, type QueryKey } from '@tanstack/react-query';
import { activityResponseSchema, type ActivityQuery } from '../../../contract/activity';
import { apiRequest } from '../../lib/api-client';
import { sinceOf, type ActivityFilters } from './activity-params';

export const PAGE_SIZE = 50;

// From general to specific, so that invalidating a prefix reaches everything below it.
export const activityKeys = {
  all: () => ['activity'] as const,
  orgs: () => [...activityKeys.all(), 'org'] as const,
  org: (filters: ActivityFilters) => [...activityKeys.orgs(), filters] as const,
  connectors: () => [...activityKeys.all(), 'connector'] as const,
  connector: (connectorId: string) => [...activityKeys.connectors(), connectorId] as const,
  connectorAt: (connectorId: string, version: number) => [...activityKeys.connector(connectorId), version] as const,
};

type Query = Partial<Omit<ActivityQuery, 'cursor' | 'limit'>>;

function activityList(queryKey: QueryKey, path: string, query: () => Query, keeps: (previousKey: QueryKey) => boolean = () => false) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      apiRequest(path, activityResponseSchema, { query: { ...query(), cursor: pageParam, limit: PAGE_SIZE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pagination.nextCursor ?? undefined,
    // While a new key loads, the previous entries stay on screen if `keeps` says they describe the same thing.
    placeholderData: (previous, previousQuery) => (previousQuery && keeps(previousQuery.queryKey) ? previous : undefined),
    // Anyone's change adds to it: read again whenever it is shown.
    staleTime: 0,
  });
}

export type ActivityListOptions = ReturnType<typeof activityList>;

export const activityQueries = {
  all: activityKeys.all,
  // "Last 24 hours" counts back from when the page is fetched, not from when the filter was chosen.
  org: (filters: ActivityFilters) =>
    activityList(activityKeys.org(filters), '/activity', () => ({ action: filters.action, actor: filters.person, since: sinceOf(filters.period) })),
  /** A connector's history. Each version of the connector has a key of its own, so any change to it refetches. */
  connector: (connectorId: string, version: number) =>
    activityList(
      activityKeys.connectorAt(connectorId, version),
      `/connectors/${encodeURIComponent(connectorId)}/activity`,
      () => ({}),
      (previousKey) => partialMatchKey(previousKey, activityKeys.connector(connectorId)),
    ),
};
