import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { connectorQueries } from '../../../features/connectors/api';
import { filtersOf, readListParams } from '../../../features/connectors/list-params';
import { tokenStore } from '../../../lib/api-client';
import { sessionQueries } from '../../../lib/session';

/**
 * Starts the list page's requests as the navigation starts, alongside the session's, instead of once
 * the session has answered and the page has rendered. Not awaited: the page shows its own loading
 * states, and a 401 on any of these signs out through the API client.
 */
export function connectorsLoader(queryClient: QueryClient) {
  return ({ request }: LoaderFunctionArgs) => {
    if (!tokenStore.get()) return null;
    const params = readListParams(new URL(request.url).searchParams);
    // The rows first: they are what people wait for.
    void queryClient.prefetchInfiniteQuery(connectorQueries.list(params));
    void queryClient.prefetchQuery(connectorQueries.counts(filtersOf(params)));
    void queryClient.prefetchQuery(sessionQueries.users());
    return null;
  };
}
