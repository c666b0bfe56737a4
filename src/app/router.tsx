import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, createMemoryRouter, Navigate, redirect, type RouteObject } from 'react-router';
import { paths, safeRedirect } from '../config/paths';
import { signOutOnServer } from '../features/auth/api';
import { configureApiClient } from '../lib/api-client';
import { RequireAuth } from './require-auth';
import { RouteError } from './route-error';
import { ConnectorRoute } from './routes/connector/connector';
import { ConnectorsRoute } from './routes/connectors/connectors';
import { NotFoundRoute } from './routes/not-found/not-found';
import { SignInRoute } from './routes/sign-in/sign-in';
import { Shell } from './shell';

export type AppRouter = ReturnType<typeof createBrowserRouter>;

function routes(queryClient: QueryClient): RouteObject[] {
  return [
    { path: paths.signIn.path, element: <SignInRoute />, errorElement: <RouteError standalone /> },
    {
      path: paths.signOut.path,
      action: async ({ request }) => {
        const form = await request.formData();
        await signOutOnServer();
        queryClient.clear();
        return redirect(paths.signIn.href(safeRedirect(String(form.get('redirectTo') ?? ''))));
      },
      loader: () => redirect(paths.signIn.href()),
    },
    {
      element: <RequireAuth />,
      errorElement: <RouteError standalone />,
      children: [
        {
          element: <Shell />,
          errorElement: <RouteError standalone />,
          children: [
            { index: true, element: <Navigate to={paths.connectors.href()} replace /> },
            { path: paths.connectors.path, element: <ConnectorsRoute />, errorElement: <RouteError /> },
            { path: paths.connector.path, element: <ConnectorRoute />, errorElement: <RouteError /> },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ];
}

/**
 * The app's router. Also installs what happens when the server says the session is over: back to
 * sign-in, remembering the page, with nothing of the old session left in the cache.
 */
export function createAppRouter(queryClient: QueryClient, options: { initialEntries?: string[] } = {}): AppRouter {
  const router = options.initialEntries
    ? createMemoryRouter(routes(queryClient), { initialEntries: options.initialEntries })
    : createBrowserRouter(routes(queryClient));

  configureApiClient({
    onUnauthenticated: () => {
      const { pathname, search } = router.state.location;
      if (pathname === paths.signIn.path) return;
      void router.navigate(paths.signIn.href(pathname + search), { replace: true }).then(() => queryClient.clear());
    },
  });
  return router;
}
