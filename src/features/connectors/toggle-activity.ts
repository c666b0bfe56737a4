import { useMutationState, useQueryClient, type Mutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ToggleType } from '../../../contract/connector';
import { connectorMutationKeys, type ToggleVariables } from './api';

type ToggleMutation = Mutation<unknown, Error, ToggleVariables>;
export type ToggleFailure = { type: ToggleType; enabled: boolean; message: string };

/**
 * What the toggles of one connector are doing: which switches wait for the server, and the refusal
 * of the latest click on each switch. Read from the mutation cache, so that it survives the row
 * scrolling out of view and back.
 */
export function useToggleActivity(connectorId: string) {
  const queryClient = useQueryClient();
  const mutations = useMutationState({
    filters: {
      mutationKey: connectorMutationKeys.toggle(),
      predicate: (mutation) => (mutation as ToggleMutation).state.variables?.connectorId === connectorId,
    },
    select: (mutation) => {
      const { variables, status, submittedAt, error } = (mutation as ToggleMutation).state;
      return { variables, status, submittedAt, message: error?.message ?? null };
    },
  });

  const activity = (type: ToggleType) => {
    const ofType = mutations.filter((mutation) => mutation.variables?.type === type);
    const latest = ofType.reduce<(typeof ofType)[number] | undefined>(
      (found, mutation) => (!found || mutation.submittedAt >= found.submittedAt ? mutation : found),
      undefined,
    );
    const failure: ToggleFailure | null =
      latest?.status === 'error' && latest.variables
        ? { type, enabled: latest.variables.enabled, message: latest.message ?? 'The change could not be saved.' }
        : null;
    return { pending: ofType.some((mutation) => mutation.status === 'pending'), failure };
  };

  const dismiss = useCallback(
    (type: ToggleType) => {
      const cache = queryClient.getMutationCache();
      for (const mutation of cache.findAll({ mutationKey: connectorMutationKeys.toggle(), status: 'error' })) {
        const variables = (mutation as ToggleMutation).state.variables;
        if (variables?.connectorId === connectorId && variables.type === type) cache.remove(mutation);
      }
    },
    [queryClient, connectorId],
  );

  return { sync: activity('sync'), agent: activity('agent'), dismiss };
}
