import { queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { CONNECTOR_EVENT_NAME, connectorEventSchema, type ConnectorEvent } from '../../../../contract/events';
import { followEventStream } from '../../../lib/event-stream';
import { applyServerConnector } from '../api';
import { findCachedConnector, removeCachedConnector } from '../cache';
import { connectorKeys, recentChangeKeys } from '../keys';

// Events come in bursts (a colleague's clicks, a bulk action): the counts are asked again once per burst.
const COUNTS_DELAY_MS = 300;

export type RecentChanges = Record<string, { by: string; at: string }>;

/** The live changes of the last minutes, by connector: what a row shows as "changed by … just now". */
export const recentChangesQuery = queryOptions({
  queryKey: recentChangeKeys.all(),
  queryFn: (): RecentChanges => ({}),
  initialData: {} as RecentChanges,
  staleTime: Infinity,
  enabled: false,
});

const RECENT_MS = 10 * 60 * 1000;

function noteChange(queryClient: QueryClient, connectorId: string, by: string, at: string): void {
  const now = Date.now();
  queryClient.setQueryData<RecentChanges>(recentChangeKeys.all(), (recent = {}) => ({
    ...Object.fromEntries(Object.entries(recent).filter(([, change]) => now - Date.parse(change.at) < RECENT_MS)),
    [connectorId]: { by, at },
  }));
}

function applyEvent(queryClient: QueryClient, event: ConnectorEvent, me: string, refreshCounts: () => void, refreshLists: () => void): void {
  if (event.kind === 'refetch') {
    void queryClient.invalidateQueries({ queryKey: connectorKeys.all() });
    return;
  }
  if (event.kind === 'changed' && event.by !== me) noteChange(queryClient, event.connector.connectorId, event.by, event.connector.updatedAt);
  if (event.kind === 'deleted') {
    removeCachedConnector(queryClient, event.connectorId);
  } else if (findCachedConnector(queryClient, event.connector.connectorId)) {
    applyServerConnector(queryClient, event.connector);
  } else {
    // New to this page: where it belongs in each sorted, filtered list is the server's to say.
    refreshLists();
  }
  refreshCounts();
}

function debounced(run: () => void): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call: () => {
      clearTimeout(timer);
      timer = setTimeout(run, COUNTS_DELAY_MS);
    },
    cancel: () => clearTimeout(timer),
  };
}

/** Keeps every cached connector, list and count current with the changes others make, as they happen. */
export function useLiveConnectorUpdates(userId: string, userName: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const counts = debounced(() => void queryClient.invalidateQueries({ queryKey: connectorKeys.allCounts() }));
    const lists = debounced(() => void queryClient.invalidateQueries({ queryKey: connectorKeys.lists() }));
    const stop = followEventStream('/events', (message) => {
      if (message.event !== CONNECTOR_EVENT_NAME) return;
      const parsed = connectorEventSchema.safeParse(JSON.parse(message.data));
      if (parsed.success) applyEvent(queryClient, parsed.data, userName, counts.call, lists.call);
    });
    return () => {
      stop();
      counts.cancel();
      lists.cancel();
    };
  }, [queryClient, userId, userName]);
}
