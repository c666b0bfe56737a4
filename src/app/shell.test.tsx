import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { renderApp } from '../testing/render';
import { demo, startServer, type TestServer } from '../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

it('shows who is signed in, switches colour scheme, and keeps page content in the main landmark', async () => {
  const { user } = await renderApp(server, { as: demo.alice });
  expect(await screen.findByText('Alice Martin')).toBeInTheDocument();
  expect(screen.getByRole('main')).toContainElement(await screen.findByRole('heading', { level: 1, name: 'Connectors' }));

  const scheme = () => document.documentElement.getAttribute('data-mantine-color-scheme');
  const before = scheme();
  await user.click(screen.getByRole('button', { name: /^Use (dark|light) colours$/ }));
  await waitFor(() => expect(scheme()).not.toBe(before));
});

it('answers an unknown address with a way back', async () => {
  const { user, router } = await renderApp(server, { as: demo.admin, route: '/nowhere' });
  expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  await user.click(screen.getByRole('link', { name: 'Back to connectors' }));
  await waitFor(() => expect(router.state.location.pathname).toBe('/connectors'));
});
