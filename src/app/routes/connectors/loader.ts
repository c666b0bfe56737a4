import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs, ShouldRevalidateFunctionArgs } from 'react-router';
import { connectorQueries } from '../../../features/connectors/api';
import { filtersOf, readListParams } from '../../../features/connectors/list-params';
import { tokenStore } from '../../../lib/api-client';
import { sessionQueries } from '../../../lib/session';

/**
 * Starts the list page's requests as the navigation starts, alongside the session's, and opens the
 * page once its first rows are in: they are what people wait for, and the page then renders once,
 * with them, rather than first with placeholders. The counts and the users' names follow when they
 * come. A failure is shown by the page itself, and a 401 signs out through the API client.
 */
export function connectorsLoader(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    if (!tokenStore.get()) return null;
    const params = readListParams(new URL(request.url).searchParams);
    // Rows already cached show at once (the list refreshes them if stale); others are waited for.
    const rows = queryClient.infiniteQuery({ ...connectorQueries.list(params), staleTime: 'static' });
    void queryClient.prefetchQuery(connectorQueries.counts(filtersOf(params)));
    void queryClient.prefetchQuery(sessionQueries.users());
    await rows.catch(() => undefined);
    return null;
  };
}

/**
 * A new search or filter on the page changes the URL at once and the list shows its own loading
 * state, rather than the URL (and the controls showing it) waiting for the new rows.
 */
export function connectorsShouldRevalidate({ currentUrl, nextUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return currentUrl.pathname === nextUrl.pathname ? false : defaultShouldRevalidate;
}
