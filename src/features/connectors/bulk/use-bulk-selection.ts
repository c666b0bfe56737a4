import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { connectorQueries } from '../api';
import { filtersOf, type ListParams } from '../list-params';
import type { BulkTarget } from './bulk-api';

// "All matching" reaches the rows not loaded yet too, which is why it is not a list of ids.
export type Selection = { matching: false; ids: ReadonlySet<string> } | { matching: true };
export type BulkSelection = ReturnType<typeof useBulkSelection>;

const nothing: Selection = { matching: false, ids: new Set() };

export function isSelected(selection: Selection, connectorId: string): boolean {
  return selection.matching || selection.ids.has(connectorId);
}

export function selectedCount(selection: Selection, totalCount: number): number {
  return selection.matching ? totalCount : selection.ids.size;
}

export function bulkTarget(selection: Selection, params: ListParams): BulkTarget {
  return selection.matching ? { filter: filtersOf(params) } : { connectorIds: [...selection.ids] };
}

function loadedIds(queryClient: QueryClient, params: ListParams): string[] {
  const data = queryClient.getQueryData(connectorQueries.list(params).queryKey);
  return data?.pages.flatMap((page) => page.connectors.map((connector) => connector.connectorId)) ?? [];
}

/** Page state, not the URL: a link cannot carry thousands of ids, and a shared one should not carry a selection. */
export function useBulkSelection(params: ListParams) {
  const queryClient = useQueryClient();
  const scope = JSON.stringify(filtersOf(params));
  const [state, setState] = useState({ scope, selection: nothing });
  // A selection belongs to the filters it was made under: new filters, or the old ones again, start empty.
  if (state.scope !== scope) setState({ scope, selection: nothing });
  const selection = state.scope === scope ? state.selection : nothing;

  const setSelected = useCallback(
    (connectorIds: readonly string[], selected: boolean) =>
      setState((current) => {
        // Leaving "all matching" keeps the loaded rows, which were all shown selected.
        const ids = new Set(current.selection.matching ? loadedIds(queryClient, params) : current.selection.ids);
        for (const connectorId of connectorIds) {
          if (selected) ids.add(connectorId);
          else ids.delete(connectorId);
        }
        return { ...current, selection: { matching: false, ids } };
      }),
    [queryClient, params],
  );
  const toggle = useCallback((connectorId: string, selected: boolean) => setSelected([connectorId], selected), [setSelected]);
  const selectAllMatching = useCallback(() => setState((current) => ({ ...current, selection: { matching: true } })), []);
  const clear = useCallback(() => setState((current) => ({ ...current, selection: nothing })), []);

  return { selection, setSelected, toggle, selectAllMatching, clear };
}
