import { notifyManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';
import { backgroundError } from './background-error';

// Cache changes reach React in a microtask instead of a later timer task, so an optimistic write made
// in a click handler is rendered before the browser paints the next frame.
notifyManager.setScheduler(queueMicrotask);

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A refusal will not change on retry; only failures whose outcome is unknown are worth repeating.
  if (isApiError(error) && !error.outcomeUnknown) return false;
  return failureCount < 2;
}

export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A first load that fails is shown where the data would be; only a refetch of data already on
        // screen fails out of sight. A session that ended redirects to sign-in, which says enough.
        if (query.state.data === undefined) return;
        // A page that failed to load as the user scrolled is reported where it was to appear.
        if (query.state.fetchMeta?.fetchMore) return;
        if (isApiError(error) && error.code === 'UNAUTHENTICATED') return;
        // Reported once however many queries fail: when the server is down, five failures are one.
        backgroundError.report(error.message);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: options.retry === false ? false : shouldRetry,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
