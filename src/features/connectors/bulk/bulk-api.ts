import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { bulkToggleResponseSchema, type BulkFilter, type bulkToggleRequestSchema } from '../../../../contract/bulk';
import type { ToggleType } from '../../../../contract/connector';
import { apiRequest, isApiError } from '../../../lib/api-client';
import { updateCachedConnectors, withToggle } from '../cache';
import { connectorKeys } from '../keys';

export type BulkAction = { type: ToggleType; enabled: boolean };
/** Which connectors: those picked by id, or every one the list's filters match as the server runs it. */
export type BulkTarget = { connectorIds: string[] } | { filter: BulkFilter };
export type BulkRequest = BulkAction & BulkTarget;

function postBulkToggle(request: BulkRequest, dryRun: boolean, signal?: AbortSignal) {
  const body: z.input<typeof bulkToggleRequestSchema> = { ...request, dryRun };
  return apiRequest('/connectors/bulk/toggle', bulkToggleResponseSchema, { method: 'POST', body, signal });
}

export const bulkQueries = {
  // A dry run changes nothing, so it is read like any other data: cancelled with its dialog, never kept.
  preview: (request: BulkRequest) =>
    queryOptions({
      queryKey: connectorKeys.bulkPreview(request),
      queryFn: ({ signal }) => postBulkToggle(request, true, signal),
      staleTime: 0,
      gcTime: 0,
      refetchOnWindowFocus: false,
    }),
};

function refreshAfterBulk(queryClient: QueryClient, changed: ReadonlySet<string>) {
  void queryClient.invalidateQueries({ queryKey: connectorKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: connectorKeys.allCounts() });
  // The answer carries no versions: an editor opened later must read the new one before it saves.
  for (const prefix of [connectorKeys.details(), connectorKeys.configs()]) {
    for (const query of queryClient.getQueryCache().findAll({ queryKey: prefix })) {
      const connectorId = query.queryKey.at(-1);
      if (typeof connectorId === 'string' && changed.has(connectorId)) void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  }
}

export function useBulkToggle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkRequest) => postBulkToggle(request, false),
    onSuccess: (response, request) => {
      const changed = new Set(response.results.flatMap((result) => (result.outcome === 'changed' ? [result.connectorId] : [])));
      updateCachedConnectors(queryClient, changed, (connector) => withToggle(connector, request.type, request.enabled));
      refreshAfterBulk(queryClient, changed);
    },
    onError: (error) => {
      // Rows may have changed before the answer was lost; refetching now would only fail out loud again.
      if (isApiError(error) && error.outcomeUnknown) void queryClient.invalidateQueries({ queryKey: connectorKeys.all(), refetchType: 'none' });
    },
  });
}
