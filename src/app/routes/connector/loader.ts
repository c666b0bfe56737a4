import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { connectorQueries } from '../../../features/connectors/api';
import { tokenStore } from '../../../lib/api-client';
import { sessionQueries } from '../../../lib/session';

/** Fetches the connector while the page's code is still loading; the page shows its own loading state. */
export function connectorLoader(queryClient: QueryClient) {
  return ({ params }: LoaderFunctionArgs) => {
    if (!tokenStore.get() || !params.connectorId) return null;
    void queryClient.prefetchQuery(connectorQueries.detail(params.connectorId));
    void queryClient.prefetchQuery(sessionQueries.users());
    return null;
  };
}
