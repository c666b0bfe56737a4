import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
  type Mutation,
  type QueryClient,
} from '@tanstack/react-query';
import {
  connectorCountsResponseSchema,
  connectorListResponseSchema,
  connectorResponseSchema,
  toggleResponseSchema,
  type Connector,
  type ConnectorFilters,
  type ConnectorPatch,
  type ToggleType,
} from '../../../contract/connector';
import { apiRequest, isApiError, writeOrConfirm } from '../../lib/api-client';
import { findCachedConnector, toggleField, updateCachedConnector, withToggle, writeServerConnector } from './cache';
import { connectorKeys } from './keys';
import type { ListParams } from './list-params';

export const PAGE_SIZE = 100;

const path = (connectorId: string) => `/connectors/${encodeURIComponent(connectorId)}`;

export function fetchConnector(connectorId: string, signal?: AbortSignal) {
  return apiRequest(path(connectorId), connectorResponseSchema, { signal }).then((body) => body.connector);
}

export function postToggle(connectorId: string, type: ToggleType, enabled: boolean) {
  return apiRequest(`${path(connectorId)}/toggle`, toggleResponseSchema, { method: 'POST', body: { type, enabled } });
}

export function patchConnector(connectorId: string, version: number, patch: ConnectorPatch) {
  return apiRequest(path(connectorId), connectorResponseSchema, {
    method: 'PATCH',
    body: patch,
    headers: { 'if-match': `"${version}"` },
  }).then((body) => body.connector);
}

export const connectorQueries = {
  all: connectorKeys.all,
  lists: connectorKeys.lists,
  list: (params: ListParams) =>
    infiniteQueryOptions({
      queryKey: connectorKeys.list(params),
      queryFn: ({ pageParam, signal }) =>
        apiRequest('/connectors', connectorListResponseSchema, {
          query: { ...params, cursor: pageParam, limit: PAGE_SIZE },
          signal,
        }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.pagination.nextCursor ?? undefined,
    }),
  allCounts: connectorKeys.allCounts,
  counts: (filters: ConnectorFilters) =>
    queryOptions({
      queryKey: connectorKeys.counts(filters),
      queryFn: ({ signal }) =>
        apiRequest('/connectors/counts', connectorCountsResponseSchema, { query: filters, signal }).then((body) => body.counts),
    }),
  details: connectorKeys.details,
  detail: (connectorId: string) =>
    queryOptions({
      queryKey: connectorKeys.detail(connectorId),
      queryFn: ({ signal }) => fetchConnector(connectorId, signal),
    }),
};

export const connectorMutationKeys = {
  toggle: () => [...connectorQueries.all(), 'toggle'] as const,
  update: (connectorId: string) => [...connectorQueries.all(), 'update', connectorId] as const,
};

export type ToggleVariables = { connectorId: string; type: ToggleType; enabled: boolean };
type ToggleMutation = Mutation<unknown, unknown, ToggleVariables>;

/** Toggles still waiting for an answer on this connector, oldest first, other than `except`. */
function pendingToggles(queryClient: QueryClient, connectorId: string, except?: ToggleVariables): ToggleVariables[] {
  return (queryClient.getMutationCache().findAll({ mutationKey: connectorMutationKeys.toggle(), status: 'pending' }) as ToggleMutation[])
    .filter((mutation) => mutation.state.variables?.connectorId === connectorId && mutation.state.variables !== except)
    .sort((a, b) => a.state.submittedAt - b.state.submittedAt)
    .flatMap((mutation) => (mutation.state.variables ? [mutation.state.variables] : []));
}

async function sendToggle({ connectorId, type, enabled }: ToggleVariables): Promise<Connector> {
  // Starting a request takes the main thread a few milliseconds: the browser paints the switch in its
  // new state first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return writeOrConfirm(
    async () => (await postToggle(connectorId, type, enabled)).connector,
    async () => {
      const current = await fetchConnector(connectorId);
      return current[toggleField(type)] === enabled ? current : null;
    },
  );
}

/**
 * Sets sync or the agent of one connector on or off (the desired state is sent, never a flip). The
 * switch moves at once in every cached list page and the detail; a refusal puts it back.
 */
export function useToggleConnector(connectorId: string, type: ToggleType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: connectorMutationKeys.toggle(),
    // Clicks on the same switch are sent one after the other, so the last click decides.
    scope: { id: `toggle:${connectorId}:${type}` },
    mutationFn: sendToggle,
    onMutate: (variables) => {
      // Cancelling reverts an in-flight refetch synchronously, so its stale answer cannot overwrite the
      // write below. Not awaited: the write happens within the click, before the next frame is painted.
      void queryClient.cancelQueries({ queryKey: connectorKeys.lists() });
      void queryClient.cancelQueries({ queryKey: connectorKeys.detail(variables.connectorId) });
      const snapshot = findCachedConnector(queryClient, variables.connectorId);
      updateCachedConnector(queryClient, variables.connectorId, (connector) => withToggle(connector, variables.type, variables.enabled));
      return { previous: snapshot ? snapshot[toggleField(variables.type)] : !variables.enabled };
    },
    onSuccess: (connector, variables) => {
      const stillPending = pendingToggles(queryClient, variables.connectorId, variables);
      writeServerConnector(queryClient, connector, (server) =>
        stillPending.reduce((result, pending) => withToggle(result, pending.type, pending.enabled), server),
      );
    },
    onError: (_error, variables, context) => {
      // Only this switch goes back, and not while a later click on it is still on its way.
      const laterClick = pendingToggles(queryClient, variables.connectorId, variables).some((pending) => pending.type === variables.type);
      if (context && !laterClick) {
        updateCachedConnector(queryClient, variables.connectorId, (connector) => withToggle(connector, variables.type, context.previous));
      }
    },
    onSettled: (_data, error) => {
      // After a failure with unknown outcome the server is down or unreachable: refetching now would
      // only report the same failure a second time.
      if (isApiError(error) && (error.outcomeUnknown || error.code === 'UNAUTHENTICATED')) return;
      // Refetching while other toggles are in flight would briefly show their switches in the old state.
      if (queryClient.isMutating({ mutationKey: connectorMutationKeys.toggle() }) === 1) {
        void queryClient.invalidateQueries({ queryKey: connectorKeys.all() });
      }
    },
  });
}

/** Writes a copy of the connector from the server into the cache, keeping the clicks still on their way on screen. */
export function applyServerConnector(queryClient: QueryClient, connector: Connector): void {
  const stillPending = pendingToggles(queryClient, connector.connectorId);
  writeServerConnector(queryClient, connector, (server) => stillPending.reduce((result, pending) => withToggle(result, pending.type, pending.enabled), server));
}

/** Whether `connector` holds every field of `patch` (a password cannot be read back, so it is not compared). */
function holdsPatch(connector: Connector, patch: ConnectorPatch): boolean {
  const config = patch.dataLoaderConfig;
  return (
    (patch.instanceName === undefined || connector.instanceName === patch.instanceName) &&
    (patch.status === undefined || connector.status === patch.status) &&
    (config === undefined ||
      (connector.dataLoaderConfig.source === config.source &&
        connector.dataLoaderConfig.batchSize === config.batchSize &&
        connector.dataLoaderConfig.auth.username === config.auth.username))
  );
}

function sendUpdate(connectorId: string, version: number, patch: ConnectorPatch): Promise<Connector> {
  return writeOrConfirm(
    () => patchConnector(connectorId, version, patch),
    async () => {
      const current = await fetchConnector(connectorId);
      return current.version === version + 1 && holdsPatch(current, patch) ? current : null;
    },
  );
}

/** Saves the editor. The answer replaces the connector wherever it is cached: no list is refetched. */
export function useUpdateConnector(connectorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: connectorMutationKeys.update(connectorId),
    mutationFn: ({ version, patch }: { version: number; patch: ConnectorPatch }) => sendUpdate(connectorId, version, patch),
    onSuccess: (connector) => {
      applyServerConnector(queryClient, connector);
      // Status and configuration feed the header counts.
      void queryClient.invalidateQueries({ queryKey: connectorKeys.allCounts() });
    },
    onError: (error) => {
      // Someone else saved first: fetch their version so the editor can show what changed.
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: connectorKeys.detail(connectorId) });
      }
    },
  });
}
