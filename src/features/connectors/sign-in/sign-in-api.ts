import { useMutation, useQueryClient } from '@tanstack/react-query';
import { connectorResponseSchema } from '../../../../contract/connector';
import { authorizeResponseSchema } from '../../../../contract/oauth';
import { apiRequest } from '../../../lib/api-client';
import { writeServerConnector } from '../cache';
import { connectorKeys } from '../keys';

const oauthPath = (connectorId: string) => `/connectors/${encodeURIComponent(connectorId)}/oauth`;

/** Asks the server for the provider's sign-in address; the caller sends the browser there. */
export function useStartSignIn() {
  return useMutation({
    mutationFn: ({ connectorId, returnTo }: { connectorId: string; returnTo: string }) =>
      apiRequest(`${oauthPath(connectorId)}/authorize`, authorizeResponseSchema, { query: { returnTo } }).then((body) => body.authorizationUrl),
  });
}

/** Forgets the sign-in: the server turns sync and the agent off with it. */
export function useDisconnect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectorId: string) => apiRequest(oauthPath(connectorId), connectorResponseSchema, { method: 'DELETE' }).then((body) => body.connector),
    onSuccess: (connector) => {
      writeServerConnector(queryClient, connector);
      void queryClient.invalidateQueries({ queryKey: connectorKeys.allCounts() });
    },
  });
}

/** Where the browser goes for the sign-in; a seam for tests, which cannot leave the page. */
export const browserLocation = { assign: (url: string) => window.location.assign(url) };
