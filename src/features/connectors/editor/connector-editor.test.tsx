import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render';
import { changeAsSomeoneElse, demo, faultyFetch, recordingFetch, serverConnector, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

async function openEditor(name: string, options: { as?: string; fetch?: typeof fetch } = {}) {
  const { connectorId } = await serverConnector(server, name);
  const app = await renderApp(server, { as: options.as ?? demo.admin, route: `/connectors/${connectorId}`, fetch: options.fetch });
  await screen.findByRole('heading', { level: 1, name });
  return app;
}

const field = (label: string) => screen.getByRole('textbox', { name: label });

describe('connector editor', () => {
  it('saves with If-Match and writes the answer into the cached list, without refetching it', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await renderApp(server, { as: demo.admin, fetch: recorder.fetch });
    await user.click(await screen.findByRole('link', { name: 'Support Jira' }));
    await screen.findByRole('heading', { level: 1, name: 'Support Jira' });

    expect(field('Name')).toHaveValue('Support Jira');
    expect(field('Username')).toHaveValue('support-bot');
    // Write-only: the stored token is never sent to the page; the field says one is stored.
    const token = screen.getByLabelText('API token');
    expect(token).toHaveValue('');
    expect(token).toHaveAccessibleDescription(/An api token is stored/i);

    await user.clear(field('Name'));
    await user.type(field('Name'), 'Support Jira Cloud');
    await user.clear(screen.getByRole('textbox', { name: 'Batch size' }));
    await user.type(screen.getByRole('textbox', { name: 'Batch size' }), '250');
    await user.click(screen.getByRole('radio', { name: 'Inactive' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const stored = await serverConnector(server, 'Support Jira Cloud');
    expect(stored).toMatchObject({ status: 'inactive', dataLoaderConfig: { batchSize: 250, auth: { username: 'support-bot', hasPassword: true } } });

    const listFetches = recorder.requests.filter((request) => request === 'GET /api/v1/connectors').length;
    await user.click(screen.getByRole('link', { name: '← All connectors' }));
    expect(await screen.findByRole('link', { name: 'Support Jira Cloud' })).toBeInTheDocument();
    expect(recorder.requests.filter((request) => request === 'GET /api/v1/connectors')).toHaveLength(listFetches);
  });

  it('treats a save that the server applied but answered with a 500 as saved, and one it did not apply as not saved', async () => {
    const faults = faultyFetch(server.fetch);
    const { user } = await openEditor('Support Jira', { fetch: faults.fetch });

    faults.failAfterApplying('PATCH', /\/connectors\//);
    await user.clear(field('Source'));
    await user.type(field('Source'), 'https://applied.example');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.queryByText('Not saved')).not.toBeInTheDocument();
    expect((await serverConnector(server, 'Support Jira')).dataLoaderConfig.source).toBe('https://applied.example');

    faults.fail('PATCH', /\/connectors\//);
    await user.clear(field('Source'));
    await user.type(field('Source'), 'https://lost.example');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Not saved')).toBeInTheDocument();
    expect(screen.getAllByText('Not saved')).toHaveLength(1);
    expect(field('Source')).toHaveValue('https://lost.example');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
    expect((await serverConnector(server, 'Support Jira')).dataLoaderConfig.source).toBe('https://applied.example');
  });

  it('replaces a stored secret only when a new one is typed', async () => {
    const { user } = await openEditor('Analytics Warehouse');
    const password = screen.getByLabelText('Password');
    await user.type(password, 'a-new-secret');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(password).toHaveValue('');
    expect(server.logs.join('\n')).not.toContain('a-new-secret');
  });

  it("validates with the contract's schema before sending", async () => {
    const { user } = await openEditor('Support Jira');
    await user.clear(field('Name'));
    await user.clear(screen.getByRole('textbox', { name: 'Batch size' }));
    const before = await serverConnector(server, 'Support Jira');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Enter a name')).toBeInTheDocument();
    expect(screen.getByText('Batch size must be a whole number')).toBeInTheDocument();
    expect(field('Name')).toHaveAccessibleDescription('Enter a name');
    expect((await serverConnector(server, 'Support Jira')).version).toBe(before.version);
  });

  it('on a conflict shows what the other person changed and re-applies the edits without retyping', async () => {
    const { user } = await openEditor('Support Jira');
    await user.clear(field('Name'));
    await user.type(field('Name'), 'Support Jira (EU)');
    await changeAsSomeoneElse(server, 'Support Jira', {
      status: 'inactive',
      dataLoaderConfig: { source: 'https://acme.atlassian.net', batchSize: 500, auth: { username: 'support-bot' } },
    });

    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const notice = await screen.findByRole('alert', { name: /another person changed this connector/i });
    const changes = await within(notice).findByRole('table');
    expect(within(changes).getByRole('row', { name: 'Status Active Inactive (not edited)' })).toBeInTheDocument();
    expect(within(changes).getByRole('row', { name: 'Batch size 100 500 (not edited)' })).toBeInTheDocument();

    await user.click(within(notice).getByRole('button', { name: 'Apply my edits to the latest version' }));
    expect(field('Name')).toHaveValue('Support Jira (EU)');
    expect(screen.getByRole('textbox', { name: 'Batch size' })).toHaveValue('500');
    expect(screen.getByRole('radio', { name: 'Inactive' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(await serverConnector(server, 'Support Jira (EU)')).toMatchObject({ status: 'inactive', dataLoaderConfig: { batchSize: 500 } });
  });

  it('asks before leaving with unsaved changes', async () => {
    const { user, router } = await openEditor('Support Jira');
    await user.type(field('Name'), ' 2');
    await user.click(screen.getByRole('link', { name: '← All connectors' }));

    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Stay on this page' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(field('Name')).toHaveValue('Support Jira 2');

    await user.click(screen.getByRole('link', { name: '← All connectors' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/connectors'));
  });

  it('shows a member a team connector read-only, with the reason', async () => {
    await openEditor('Company Drive', { as: demo.alice });
    expect(screen.getByText('Only admins can change team connectors')).toBeInTheDocument();
    expect(field('Name')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  });

  it("says so when the connector does not exist or is someone else's", async () => {
    const { connectorId } = await serverConnector(server, 'Alice Drive', demo.alice);
    await renderApp(server, { as: demo.bob, route: `/connectors/${connectorId}` });
    expect(await screen.findByRole('heading', { name: 'Connector not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to connectors' })).toBeInTheDocument();
  });
});
