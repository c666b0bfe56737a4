import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render';
import { demo, recordingFetch, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

it('is reached from the header by an admin', async () => {
  const { user, router } = await renderApp(server, { as: demo.admin });
  await user.click(within(await screen.findByRole('banner')).getByRole('link', { name: 'People' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'People' })).toBeInTheDocument();
  expect(router.state.location.pathname).toBe('/people');
  expect(await screen.findByRole('table', { name: 'Members' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Invite someone' })).toBeInTheDocument();
});

it('tells a member that only admins manage people, offers them no link to it, and asks the server nothing about people', async () => {
  const recorder = recordingFetch(server.fetch);
  await renderApp(server, { as: demo.alice, route: '/people', fetch: recorder.fetch });
  expect(await screen.findByRole('heading', { level: 1, name: 'People' })).toBeInTheDocument();
  expect(screen.getByText('Only admins manage people')).toBeInTheDocument();
  expect(within(screen.getByRole('banner')).queryByRole('link', { name: 'People' })).not.toBeInTheDocument();
  expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Settings' })).toBeInTheDocument();
  expect(screen.queryByRole('table')).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Invite someone' })).not.toBeInTheDocument();
  expect(recorder.requests).not.toContain('GET /api/v1/invitations');
});
