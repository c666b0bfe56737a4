import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render';
import { addBulkConnectors, demo, faultyFetch, recordingFetch, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

it('renders only the rows in view and loads the next page as the user scrolls', async () => {
  await addBulkConnectors(server, 400);
  const recorder = recordingFetch(server.fetch);
  await renderApp(server, { as: demo.admin, route: '/connectors?search=Bulk&sort=instanceName', fetch: recorder.fetch });
  const pages = () => recorder.requests.filter((request) => request === 'GET /api/v1/connectors').length;

  expect(await screen.findByRole('link', { name: 'Bulk 0001' })).toBeInTheDocument();
  const list = screen.getByRole('list', { name: 'Connectors' });
  await waitFor(() => expect(pages()).toBe(2));
  const rendered = screen.getAllByRole('listitem').length;
  expect(rendered).toBeLessThan(200);
  expect(screen.getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '400');
  expect(list).toBeInTheDocument();

  window.scrollTo(0, 25_000);
  fireEvent.scroll(window);
  await waitFor(() => expect(pages()).toBeGreaterThanOrEqual(3));
  expect(await screen.findByRole('link', { name: 'Bulk 0250' })).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Bulk 0001' })).not.toBeInTheDocument();
});

it('says so at the end of the list when the next page fails, and loads it on request', async () => {
  await addBulkConnectors(server, 250);
  const faults = faultyFetch(server.fetch);
  const { user } = await renderApp(server, { as: demo.admin, route: '/connectors?search=Bulk&sort=instanceName', fetch: faults.fetch });
  expect(await screen.findByRole('link', { name: 'Bulk 0001' })).toBeInTheDocument();
  await screen.findByRole('link', { name: 'Bulk 0101' });

  faults.fail('GET', /^\/api\/v1\/connectors$/);
  window.scrollTo(0, 25_000);
  fireEvent.scroll(window);

  expect(await screen.findByText(/Could not load more connectors/)).toBeInTheDocument();
  // Reported once, there, and not again as a failed refresh.
  expect(screen.queryByText('Could not refresh the data on this page')).not.toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByRole('link', { name: 'Bulk 0250' })).toBeInTheDocument();
});
