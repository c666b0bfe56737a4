import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { oauthAppListResponseSchema, oauthAppResponseSchema, type OAuthAppInput, type OAuthAppSlot } from '../../../contract/oauth';
import { apiRequest, isApiError, writeOrConfirm } from '../../lib/api-client';

export const oauthAppKeys = {
  all: () => ['oauth-apps'] as const,
  list: () => [...oauthAppKeys.all(), 'list'] as const,
};

const fetchApps = (signal?: AbortSignal) => apiRequest('/oauth-apps', oauthAppListResponseSchema, { signal }).then((body) => body.apps);

export const oauthAppQueries = {
  list: () => queryOptions({ queryKey: oauthAppKeys.list(), queryFn: ({ signal }) => fetchApps(signal) }),
};

const path = (connectorType: string) => `/oauth-apps/${encodeURIComponent(connectorType)}`;

function writeSlot(queryClient: QueryClient, slot: OAuthAppSlot): void {
  queryClient.setQueryData<OAuthAppSlot[]>(oauthAppKeys.list(), (slots) =>
    slots?.map((current) => (current.connectorType === slot.connectorType ? slot : current)),
  );
}

/** The slot as the server holds it now, when `holds` says a lost write landed (secrets cannot be compared). */
async function confirmSlot(connectorType: string, holds: (slot: OAuthAppSlot) => boolean): Promise<OAuthAppSlot | undefined> {
  const slot = (await fetchApps()).find((candidate) => candidate.connectorType === connectorType);
  return slot && holds(slot) ? slot : undefined;
}

const holdsInput = (input: OAuthAppInput) => ({ app }: OAuthAppSlot) =>
  app !== null &&
  app.clientId === input.clientId.trim() &&
  app.authorizeUrl === input.authorizeUrl.trim() &&
  app.tokenUrl === input.tokenUrl.trim() &&
  (app.issuer ?? '') === (input.issuer ?? '').trim() &&
  app.scopes.join(' ') === input.scopes.join(' ');

export function useSaveOAuthApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ connectorType, input }: { connectorType: string; input: OAuthAppInput }) =>
      writeOrConfirm(
        async () => (await apiRequest(path(connectorType), oauthAppResponseSchema, { method: 'PUT', body: input })).app,
        () => confirmSlot(connectorType, holdsInput(input)),
      ),
    onSuccess: (slot) => writeSlot(queryClient, slot),
  });
}

export function useRemoveOAuthApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ connectorType }: { connectorType: string }) =>
      writeOrConfirm(
        async () => (await apiRequest(path(connectorType), oauthAppResponseSchema, { method: 'DELETE' })).app,
        () => confirmSlot(connectorType, (slot) => slot.app === null),
      ),
    onSuccess: (slot) => writeSlot(queryClient, slot),
    onError: (error) => {
      // Someone else removed it first: the list learns so.
      if (isApiError(error) && error.code === 'NOT_FOUND') void queryClient.invalidateQueries({ queryKey: oauthAppKeys.list() });
    },
  });
}
