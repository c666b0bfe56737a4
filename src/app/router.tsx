import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, redirect, type RouteObject } from 'react-router';
import { paths, safeRedirect } from '../config/paths';
import { signOutOnServer } from '../features/auth/api';
import { PageLoader } from '../components/page-loader';
import { configureApiClient, tokenStore } from '../lib/api-client';
import { sessionQueries } from '../lib/session';
import { RequireAuth } from './require-auth';
import { RouteError } from './route-error';
import { connectorLoader } from './routes/connector/loader';
import { ConnectorsRoute } from './routes/connectors/connectors';
import { connectorsLoader, connectorsShouldRevalidate } from './routes/connectors/loader';
import { NotFoundRoute } from './routes/not-found/not-found';
import { Shell } from './shell';

export type AppRouter = ReturnType<typeof createBrowserRouter>;
/** How the routes become a router: the browser's history, or (in tests) a memory router. */
type CreateRouter = (routes: RouteObject[]) => AppRouter;

// The list is the page most visits start on, so it is in the first download; the editor (forms,
// number input, modal, table) and the sign-in page load their code when they are visited.
const lazySignIn = async () => ({ Component: (await import('./routes/sign-in/sign-in')).SignInRoute });
const lazySetup = async () => ({ Component: (await import('./routes/setup/setup')).SetupRoute });
const lazyInvite = async () => ({ Component: (await import('./routes/invite/invite')).InviteRoute });
const lazyConnector = async () => ({ Component: (await import('./routes/connector/connector')).ConnectorRoute });
const lazyNewConnector = async () => ({ Component: (await import('./routes/new-connector/new-connector')).NewConnectorRoute });
const lazyCreateConnector = async () => ({ Component: (await import('./routes/create-connector/create-connector')).CreateConnectorRoute });
const lazySettings = async () => ({ Component: (await import('./routes/settings/settings')).SettingsRoute });
const lazyActivity = async () => ({ Component: (await import('./routes/activity/activity')).ActivityRoute });
const lazyPeople = async () => ({ Component: (await import('./routes/people/people')).PeopleRoute });

function routes(queryClient: QueryClient): RouteObject[] {
  const pages: RouteObject[] = [
    { path: paths.signIn.path, lazy: lazySignIn, errorElement: <RouteError standalone /> },
    // Reached from links while signed out: the first run's setup link, and invitations.
    { path: paths.setup.path, lazy: lazySetup, errorElement: <RouteError standalone /> },
    { path: paths.invite.path, lazy: lazyInvite, errorElement: <RouteError standalone /> },
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
      // Asks who is signed in without waiting for React to render, at the same time as the page's data;
      // the page opens once the answer is in (RequireAuth shows what it says).
      loader: async () => {
        if (tokenStore.get()) await queryClient.prefetchQuery(sessionQueries.me());
        return null;
      },
      children: [
        {
          element: <Shell />,
          errorElement: <RouteError standalone />,
          children: [
            { index: true, element: <Navigate to={paths.connectors.href()} replace /> },
            {
              path: paths.connectors.path,
              element: <ConnectorsRoute />,
              loader: connectorsLoader(queryClient),
              shouldRevalidate: connectorsShouldRevalidate,
              errorElement: <RouteError />,
            },
            { path: paths.newConnector.path, lazy: lazyNewConnector, errorElement: <RouteError /> },
            { path: paths.createConnector.path, lazy: lazyCreateConnector, errorElement: <RouteError /> },
            { path: paths.connector.path, lazy: lazyConnector, loader: connectorLoader(queryClient), errorElement: <RouteError /> },
            { path: paths.settings.path, lazy: lazySettings, errorElement: <RouteError /> },
            { path: paths.activity.path, lazy: lazyActivity, errorElement: <RouteError /> },
            { path: paths.people.path, lazy: lazyPeople, errorElement: <RouteError /> },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ];
  // Shown while the page first opened still loads its code.
  return [{ hydrateFallbackElement: <PageLoader label="Loading the page" />, children: pages }];
}

/**
 * The app's router. Also installs what happens when the server says the session is over: back to
 * sign-in, remembering the page, with nothing of the old session left in the cache.
 */
export function createAppRouter(queryClient: QueryClient, create: CreateRouter = (routes) => createBrowserRouter(routes)): AppRouter {
  const router = create(routes(queryClient));

  configureApiClient({
    onUnauthenticated: () => {
      const { pathname, search } = router.state.location;
      if (pathname === paths.signIn.path) return;
      void router.navigate(paths.signIn.href(pathname + search), { replace: true }).then(() => queryClient.clear());
    },
  });
  return router;
}
