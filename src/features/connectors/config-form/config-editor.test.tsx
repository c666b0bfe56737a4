import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../../../server/testing/api';
import { selectRows } from '../../../../server/testing/test-database';
import { openConnectorPage, renderApp } from '../../../testing/render';
import { demo, faultyFetch, recordingFetch, serverConnector, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const openConnector = (name: string, options?: { as?: string; fetch?: typeof fetch }) => openConnectorPage(server, name, options);

const textbox = (name: string) => screen.getByRole('textbox', { name });
const save = () => screen.getByRole('button', { name: 'Save settings' });

async function storedSecrets(connectorId: string): Promise<Record<string, string>> {
  const [row] = await selectRows<{ secrets: Record<string, string> }>(server.database, `select secrets from connectors where id = '${connectorId}'`);
  return Object.fromEntries(Object.entries(row!.secrets).map(([name, sealed]) => [name, server.sealer.open(sealed)]));
}

describe('credentials and sync settings', () => {
  it("shows the type's fields with the stored values, and a stored secret only as stored", async () => {
    await openConnector('Support Jira');
    expect(textbox('Site URL')).toHaveValue('https://acme.atlassian.net');
    expect(textbox('Username')).toHaveValue('support-bot');
    const token = screen.getByLabelText(/^API token/, { selector: 'input' });
    expect(token).toHaveValue('');
    expect(token).toHaveAccessibleDescription('An API token is stored. Type a new one to replace it.');
    expect(textbox('Only these projects')).toHaveValue('');
  });

  it('replaces a secret only when a new one is typed, and sends only the fields that changed', async () => {
    const { user, connectorId } = await openConnector('Analytics Warehouse');
    const before = await storedSecrets(connectorId);
    await user.clear(textbox('Batch size'));
    await user.type(textbox('Batch size'), '250');
    await user.click(save());
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(await storedSecrets(connectorId)).toEqual(before);
    expect((await serverConnector(server, 'Analytics Warehouse')).dataLoaderConfig).toMatchObject({ batchSize: 250, source: 'postgres://warehouse.acme.internal/analytics' });

    const password = screen.getByLabelText(/^Password/, { selector: 'input' });
    await user.type(password, 'a-new-secret');
    await user.click(save());
    await screen.findByText('Saved.');
    expect(screen.getByLabelText(/^Password/, { selector: 'input' })).toHaveValue('');
    expect((await storedSecrets(connectorId)).password).toBe('a-new-secret');
    expect(server.logs.join('\n')).not.toContain('a-new-secret');
  });

  it('clears a stored secret on save once marked, says so beside the field, and can be undone before saving', async () => {
    const { user, connectorId } = await openConnector('Support Jira');
    const token = () => screen.getByLabelText(/^API token/, { selector: 'input' });
    await user.click(screen.getByRole('button', { name: 'Clear stored API token' }));
    expect(token()).toBeDisabled();
    expect(token()).toHaveAccessibleDescription('The stored API token will be removed when you save. Until a new one is entered, the connector is not configured.');
    expect(save()).toBeEnabled();

    // Undone with the same button (focus stays on it), or with the form's undo.
    const keep = screen.getByRole('button', { name: 'Keep stored API token' });
    expect(keep).toHaveFocus();
    await user.click(keep);
    expect(token()).toBeEnabled();
    expect(token()).toHaveAccessibleDescription('An API token is stored. Type a new one to replace it.');
    expect(save()).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Clear stored API token' }));
    const settings = screen.getByRole('region', { name: 'Credentials and sync settings' });
    await user.click(within(settings).getByRole('button', { name: 'Undo my edits' }));
    expect(screen.getByRole('button', { name: 'Clear stored API token' })).toBeInTheDocument();
    expect(Object.keys(await storedSecrets(connectorId))).toEqual(['apiToken']);

    await user.click(screen.getByRole('button', { name: 'Clear stored API token' }));
    await user.click(save());
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(await storedSecrets(connectorId)).toEqual({});
    expect(await serverConnector(server, 'Support Jira')).toMatchObject({ isConfigured: false, dataLoaderConfig: { auth: { hasPassword: false } } });
    expect(token()).toBeEnabled();
    expect(token()).not.toHaveAccessibleDescription(/stored/);
    expect(screen.queryByRole('button', { name: /stored API token/ })).not.toBeInTheDocument();
    expect(await screen.findByRole('alert', { name: 'Next: finish the configuration' })).toHaveTextContent('Fill in API token');
  });

  it('updates the badges and the list row in place when a save completes the configuration', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await renderApp(server, { as: demo.admin, fetch: recorder.fetch });
    await user.click(await screen.findByRole('link', { name: 'Data Lake' }));
    await screen.findByRole('heading', { level: 1, name: 'Data Lake' });
    expect(await screen.findByRole('alert', { name: 'Next: finish the configuration' })).toHaveTextContent('Fill in API token');
    await user.type(screen.getByLabelText(/^API token/, { selector: 'input' }), 'aws-secret');
    await user.click(save());
    expect(await screen.findByRole('alert', { name: 'Ready to run' })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Sync for Data Lake' })).toBeEnabled();

    const lists = recorder.requests.filter((request) => request === 'GET /api/v1/connectors').length;
    await user.click(screen.getByRole('link', { name: '← All connectors' }));
    expect(await screen.findByRole('switch', { name: 'Sync for Data Lake' })).toBeEnabled();
    expect(recorder.requests.filter((request) => request === 'GET /api/v1/connectors')).toHaveLength(lists);
  });

  it('checks each field with the type schema before sending', async () => {
    const { user } = await openConnector('Support Jira');
    await user.clear(textbox('Site URL'));
    await user.type(textbox('Site URL'), 'acme');
    await user.clear(textbox('Batch size'));
    await user.type(textbox('Batch size'), '20000');
    await user.click(save());
    expect(await screen.findByText('Site URL must be a web address starting with https://')).toBeInTheDocument();
    expect(screen.getByText('Batch size is at most 10000')).toBeInTheDocument();
    expect((await serverConnector(server, 'Support Jira')).version).toBe(1);
  });

  it('treats a save applied behind a lost answer as saved, and a refused one as not saved', async () => {
    const faults = faultyFetch(server.fetch);
    const { user } = await openConnector('Public Website', { fetch: faults.fetch });
    faults.failAfterApplying('PUT', /\/config$/);
    await user.clear(textbox('Source'));
    await user.type(textbox('Source'), 'https://applied.example');
    await user.click(save());
    expect(await screen.findByText('Saved.')).toBeInTheDocument();

    faults.fail('PUT', /\/config$/);
    await user.clear(textbox('Source'));
    await user.type(textbox('Source'), 'https://lost.example');
    await user.click(save());
    expect(await screen.findByText('Not saved')).toBeInTheDocument();
    expect(textbox('Source')).toHaveValue('https://lost.example');
    expect((await serverConnector(server, 'Public Website')).dataLoaderConfig.source).toBe('https://applied.example');
  });

  it('asks for the stored token again before sending it to a new source', async () => {
    const { user, connectorId } = await openConnector('Support Jira');
    await user.clear(textbox('Source'));
    await user.type(textbox('Source'), 'https://elsewhere.example');
    await user.click(save());
    const token = screen.getByLabelText(/^API token/, { selector: 'input' });
    await waitFor(() => expect(token).toHaveAccessibleDescription(/Enter the API token again: it would go to the new source/));
    expect((await serverConnector(server, 'Support Jira')).dataLoaderConfig.source).toBe('https://acme.atlassian.net');

    await user.type(token, 'token-for-elsewhere');
    await user.click(save());
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect((await storedSecrets(connectorId)).apiToken).toBe('token-for-elsewhere');
  });

  it("after someone else's save, keeps the edits and applies only them on the next save", async () => {
    const { user, connectorId } = await openConnector('Support Jira');
    await user.clear(textbox('Batch size'));
    await user.type(textbox('Batch size'), '300');
    const other = apiAs(server, await server.token(demo.admin));
    expect((await other('PUT', `/connectors/${connectorId}/config`, { auth: { username: 'their-bot' } })).status).toBe(200);

    await user.click(save());
    const notice = await screen.findByRole('alert', { name: 'Someone else changed these settings meanwhile' });
    expect(notice).toBeInTheDocument();
    expect(textbox('Batch size')).toHaveValue('300');
    await user.click(save());
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect((await serverConnector(server, 'Support Jira')).dataLoaderConfig).toMatchObject({ auth: { username: 'their-bot' }, batchSize: 300 });
  });

  it('takes the settings save and a toggle on the same page as the user’s own, not as someone else’s change', async () => {
    const { user } = await openConnector('Analytics Warehouse');
    await user.clear(textbox('Batch size'));
    await user.type(textbox('Batch size'), '120');
    await user.click(save());
    await screen.findByText('Saved.');
    await user.click(screen.getByRole('switch', { name: 'Sync for Analytics Warehouse' }));
    await expect.poll(async () => (await serverConnector(server, 'Analytics Warehouse')).syncEnabled).toBe(false);
    expect(screen.queryByRole('alert', { name: /changed since you opened it/ })).not.toBeInTheDocument();

    await user.clear(textbox('Name'));
    await user.type(textbox('Name'), 'Analytics Warehouse EU');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Analytics Warehouse EU' })).toBeInTheDocument();
    expect(await serverConnector(server, 'Analytics Warehouse EU')).toMatchObject({ syncEnabled: false, version: 4, dataLoaderConfig: { batchSize: 120 } });

    await user.clear(textbox('Batch size'));
    await user.type(textbox('Batch size'), '130');
    await user.click(save());
    const settings = screen.getByRole('region', { name: 'Credentials and sync settings' });
    expect(await within(settings).findByText('Saved.')).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: /changed these settings meanwhile/ })).not.toBeInTheDocument();
    expect((await serverConnector(server, 'Analytics Warehouse EU')).dataLoaderConfig.batchSize).toBe(130);
  });
});
