import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import { RouterProvider } from 'react-router';
import { BackgroundErrorNotice } from '../components/background-error-notice';
import type { AppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

type Props = {
  queryClient: QueryClient;
  router: AppRouter;
  /** 'test' turns off transitions and portals so tests see what users see at once. */
  env?: 'default' | 'test';
};

// What react-router/dom passes; imported here, the app and its tests share one react-router module.
const routerFlushSync = (update: () => unknown): undefined => {
  flushSync(update);
};

/** The whole app: theme, server state and pages. */
export function AppProviders({ queryClient, router, env = 'default' }: Props) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" env={env}>
      <BackgroundErrorNotice />
      <QueryClientProvider client={queryClient}>
        {/* Router updates render at once rather than as transitions: a page opens when its data is in,
            and as a transition the list page rendered in slices, then whole again when data arrived
            between two slices. Nothing suspends during a navigation, which is what transitions are for. */}
        <RouterProvider router={router} flushSync={routerFlushSync} useTransitions={false} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
