import { render, screen } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { AppProviders } from '../app/providers';
import { createAppRouter } from '../app/router';
import { configureApiClient, tokenStore } from '../lib/api-client';
import { createQueryClient } from '../lib/query-client';
import { demo, serverConnector, type TestServer } from './test-server';

type Options = {
  /** Where the app starts. */
  route?: string;
  /** Signs this demo user in before the app starts. */
  as?: string;
  /** The fetch the app uses; the real server's by default (fault injection wraps it). */
  fetch?: typeof fetch;
  timeoutMs?: number;
};

/** Renders the whole app (real providers, router and query client) against the in-process server. */
export async function renderApp(server: TestServer, { route = '/connectors', as, fetch = server.fetch, timeoutMs = 15_000 }: Options = {}) {
  if (as) tokenStore.set(await server.token(as));
  configureApiClient({ fetch, timeoutMs });
  // Retries would only slow down the tests of failures; the retry policy itself is not under test.
  const queryClient = createQueryClient({ retry: false });
  const router = createAppRouter(queryClient, (routes) => createMemoryRouter(routes, { initialEntries: [route] }));
  // The pointer-events check reads computed styles up the tree on every event, which happy-dom does
  // slowly; Playwright covers what really receives clicks.
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = render(<AppProviders queryClient={queryClient} router={router} env="test" />);
  return { ...view, user, router, queryClient };
}

/** Opens a connector's page as `as` (the admin by default), once its heading and settings are shown. */
export async function openConnectorPage(server: TestServer, name: string, options: { as?: string; fetch?: typeof fetch } = {}) {
  const as = options.as ?? demo.admin;
  const { connectorId } = await serverConnector(server, name, as);
  const app = await renderApp(server, { as, route: `/connectors/${connectorId}`, fetch: options.fetch });
  await screen.findByRole('heading', { level: 1, name });
  await screen.findByRole('textbox', { name: 'Source' });
  return { ...app, connectorId };
}
