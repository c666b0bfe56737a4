import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../../../server/testing/api';
import { openConnectorPage, renderApp } from '../../../testing/render';
import { demo, recordingFetch, serverConnector, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const openConnector = (name: string, options?: { as?: string; fetch?: typeof fetch }) => openConnectorPage(server, name, options);

describe('deleting', () => {
  it('asks an admin to type a team connector’s name, then removes it from every cached page without refetching them', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await renderApp(server, { as: demo.admin, fetch: recorder.fetch });
    const before = (await serverConnector(server, 'Support Jira')).connectorId;
    await screen.findByRole('link', { name: 'Support Jira' });
    const total = screen.getByText(/^\d+ connectors$/).textContent;
    await user.click(screen.getByRole('link', { name: 'Support Jira' }));
    await user.click(await screen.findByRole('button', { name: 'Delete connector' }));

    const dialog = await screen.findByRole('dialog', { name: 'Delete Support Jira?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Type Support Jira to confirm' }), 'Support Jira');
    const lists = recorder.requests.filter((request) => request === 'GET /api/v1/connectors').length;
    await user.click(confirm);

    expect(await screen.findByText('Deleted Support Jira')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Support Jira' })).not.toBeInTheDocument();
    expect(recorder.requests.filter((request) => request === 'GET /api/v1/connectors')).toHaveLength(lists);
    expect(screen.getByText(/^\d+ connectors$/).textContent).toBe(`${Number.parseInt(total!, 10) - 1} connectors`);
    const api = apiAs(server, await server.token(demo.admin));
    expect((await api('GET', `/connectors/${before}`)).status).toBe(404);
  });

  it('deletes a personal connector after one confirmation, without typing its name', async () => {
    const { user } = await openConnector('Alice Slack', { as: demo.alice });
    await user.click(screen.getByRole('button', { name: 'Delete connector' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Alice Slack?' });
    expect(within(dialog).queryByRole('textbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted Alice Slack')).toBeInTheDocument();
  });

  it("deletes from a row's menu", async () => {
    const { user } = await renderApp(server, { as: demo.admin });
    await user.click(await screen.findByRole('button', { name: 'More actions for Public Website' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete connector' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Public Website?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Type Public Website to confirm' }), 'Public Website');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Public Website' })).not.toBeInTheDocument());
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it("tells a member in a team connector's menu that only admins delete it", async () => {
    const { user } = await renderApp(server, { as: demo.alice });
    await user.click(await screen.findByRole('button', { name: 'More actions for Company Drive' }));
    const item = await screen.findByRole('menuitem', { name: 'Only admins can change or delete team connectors' });
    expect(item).toBeDisabled();
  });
});
