import { infiniteQueryOptions } from '@tanstack/react-query';
import { securityEventsResponseSchema, type SecurityAction } from '../../../contract/people';
import { apiRequest } from '../../lib/api-client';

export const PAGE_SIZE = 50;

export type SecurityEventFilters = { action?: SecurityAction };

// From general to specific, so that invalidating a prefix reaches everything below it.
export const securityEventKeys = {
  all: () => ['security-events'] as const,
  lists: () => [...securityEventKeys.all(), 'list'] as const,
  list: (filters: SecurityEventFilters) => [...securityEventKeys.lists(), filters] as const,
};

export const securityEventQueries = {
  all: securityEventKeys.all,
  list: (filters: SecurityEventFilters) =>
    infiniteQueryOptions({
      queryKey: securityEventKeys.list(filters),
      queryFn: ({ pageParam, signal }) =>
        apiRequest('/security-events', securityEventsResponseSchema, { query: { action: filters.action, cursor: pageParam, limit: PAGE_SIZE }, signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.pagination.nextCursor ?? undefined,
      // Every sign-in anywhere adds to it: read again whenever it is shown.
      staleTime: 0,
    }),
};
