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
    await user.clear(field('Name'));
    await user.type(field('Name'), 'Support Jira Cloud');
    await user.click(screen.getByRole('radio', { name: 'Inactive' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const stored = await serverConnector(server, 'Support Jira Cloud');
    expect(stored).toMatchObject({ status: 'inactive', version: 2 });

    const listFetches = recorder.requests.filter((request) => request === 'GET /api/v1/connectors').length;
    await user.click(screen.getByRole('link', { name: '← All connectors' }));
    expect(await screen.findByRole('link', { name: 'Support Jira Cloud' })).toBeInTheDocument();
    expect(recorder.requests.filter((request) => request === 'GET /api/v1/connectors')).toHaveLength(listFetches);
  });

  it('treats a save that the server applied but answered with a 500 as saved, and one it did not apply as not saved', async () => {
    const faults = faultyFetch(server.fetch);
    const { user } = await openEditor('Support Jira', { fetch: faults.fetch });

    faults.failAfterApplying('PATCH', /\/connectors\//);
    await user.clear(field('Name'));
    await user.type(field('Name'), 'Applied Jira');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.queryByText('Not saved')).not.toBeInTheDocument();
    expect((await serverConnector(server, 'Applied Jira')).status).toBe('active');

    faults.fail('PATCH', /\/connectors\//);
    await user.clear(field('Name'));
    await user.type(field('Name'), 'Lost Jira');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Not saved')).toBeInTheDocument();
    expect(screen.getAllByText('Not saved')).toHaveLength(1);
    expect(field('Name')).toHaveValue('Lost Jira');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
    expect((await serverConnector(server, 'Applied Jira')).version).toBe(2);
  });

  it("validates with the contract's schema before sending", async () => {
    const { user } = await openEditor('Support Jira');
    await user.clear(field('Name'));
    const before = await serverConnector(server, 'Support Jira');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Enter a name')).toBeInTheDocument();
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

    await user.click(within(notice).getByRole('button', { name: 'Apply my edits to the latest version' }));
    expect(field('Name')).toHaveValue('Support Jira (EU)');
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
    const notice = screen.getByRole('alert', { name: 'You can view this connector but not change or delete it' });
    expect(within(notice).getByText('Only admins can change team connectors')).toBeInTheDocument();
    expect(field('Name')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    expect(await screen.findByRole('textbox', { name: 'Source' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Delete connector' })).not.toBeInTheDocument();
  });

  it("says so when the connector does not exist or is someone else's", async () => {
    const { connectorId } = await serverConnector(server, 'Alice Drive', demo.alice);
    await renderApp(server, { as: demo.bob, route: `/connectors/${connectorId}` });
    expect(await screen.findByRole('heading', { name: 'Connector not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to connectors' })).toBeInTheDocument();
  });
});
