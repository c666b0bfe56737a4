import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../../server/testing/api';
import { renderApp } from '../../testing/render';
import { demo, faultyFetch, recordingFetch, startServer, type TestServer } from '../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const SECRET = 'notion-secret-7f3a9c';
const notionApp = {
  clientId: 'acme-notion',
  clientSecret: SECRET,
  authorizeUrl: 'https://api.notion.com/v1/oauth/authorize',
  tokenUrl: 'https://api.notion.com/v1/oauth/token',
  scopes: [],
};
const REDIRECT_URL = 'http://localhost/api/v1/connectors/oauth/callback';

const admin = async () => apiAs(server, await server.token(demo.admin));
const storedApps = async () => (await (await admin())('GET', '/oauth-apps')).body.apps as { connectorType: string; app: any }[];
const storedApp = async (connectorType: string) => (await storedApps()).find((slot) => slot.connectorType === connectorType)!.app;
const storedSecret = async (connectorType: string) => (await server.store.oauthApps.forSignIn('org_acme', connectorType))?.clientSecret;

/** Opens Settings as the admin, with every answer's text kept to check that no secret is in it. */
async function openSettings() {
  const answers: string[] = [];
  const fetch = (async (input, init) => {
    const response = await server.fetch(input, init);
    answers.push(await response.clone().text());
    return response;
  }) as typeof globalThis.fetch;
  const app = await renderApp(server, { as: demo.admin, route: '/settings', fetch });
  await screen.findByRole('region', { name: 'Notion' });
  return { ...app, answers };
}

const card = (name: string) => screen.getByRole('region', { name });
const field = (name: string) => within(card('Notion')).getByRole('textbox', { name });
const secretInput = () => within(card('Notion')).getByLabelText(/^Client secret/, { selector: 'input' });

describe('OAuth apps in Settings', () => {
  it('lists every OAuth type with its state and the redirect URL to register, reached from the header', async () => {
    const { user } = await renderApp(server, { as: demo.admin });
    await user.click(await screen.findByRole('link', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'OAuth apps' })).toBeInTheDocument();
    const names = ['Google Drive', 'Slack', 'Jira', 'Confluence', 'Notion'];
    expect((await screen.findAllByRole('heading', { level: 3 })).map((heading) => heading.textContent)).toEqual(names);
    for (const name of names) {
      expect(within(card(name)).getByText('Not set up')).toBeInTheDocument();
      const redirect = within(card(name)).getByRole('textbox', { name: 'Redirect URL' });
      expect(redirect).toHaveValue(REDIRECT_URL);
      expect(redirect).toHaveAttribute('readonly');
    }
    await user.click(within(card('Slack')).getByRole('button', { name: 'Copy redirect URL' }));
    expect(await navigator.clipboard.readText()).toBe(REDIRECT_URL);
    expect(within(card('Slack')).getByRole('status')).toHaveTextContent('Copied.');
  });

  it('sets up an app with its secret stored sealed, never shown or sent back', async () => {
    const { user, answers } = await openSettings();
    await user.click(within(card('Notion')).getByRole('button', { name: 'Set up the app' }));
    expect(field('Client ID')).toHaveFocus();
    await user.type(field('Client ID'), notionApp.clientId);
    await user.type(secretInput(), SECRET);
    await user.type(field('Authorization URL'), notionApp.authorizeUrl);
    await user.type(field('Token URL'), notionApp.tokenUrl);
    await user.type(field('Scopes'), ' read  write ');
    await user.click(within(card('Notion')).getByRole('button', { name: 'Save app' }));

    expect(await within(card('Notion')).findByText('Saved.')).toBeInTheDocument();
    expect(within(card('Notion')).getByText('Set up')).toBeInTheDocument();
    expect(secretInput()).toHaveValue('');
    expect(secretInput()).toHaveAccessibleDescription('A client secret is stored. Type a new one to replace it.');
    expect(await storedApp('notion')).toMatchObject({ clientId: 'acme-notion', hasClientSecret: true, issuer: null, scopes: ['read', 'write'] });
    expect(await storedSecret('notion')).toBe(SECRET);
    expect(answers.some((text) => text.includes('"hasClientSecret":true'))).toBe(true);
    for (const text of [...answers, document.body.innerHTML, ...server.logs]) expect(text).not.toContain(SECRET);
  });

  it('shows a refused token URL on its field and stores nothing', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await renderApp(server, { as: demo.admin, route: '/settings', fetch: recorder.fetch });
    await user.click(await within(await screen.findByRole('region', { name: 'Notion' })).findByRole('button', { name: 'Set up the app' }));
    await user.type(field('Client ID'), notionApp.clientId);
    await user.type(secretInput(), SECRET);
    await user.type(field('Authorization URL'), notionApp.authorizeUrl);
    await user.type(field('Token URL'), 'http://example.com');
    await user.click(within(card('Notion')).getByRole('button', { name: 'Save app' }));

    const message = 'The token URL must be an https:// address (http:// only for localhost), without a user, password or #fragment';
    await waitFor(() => expect(field('Token URL')).toHaveAccessibleDescription(message));
    expect(field('Token URL')).toHaveAttribute('aria-invalid', 'true');
    expect(recorder.requests).not.toContain('PUT /api/v1/oauth-apps/notion');
    expect(await storedApp('notion')).toBeNull();
  });

  it("shows the server's refusal of a new app without a secret on the secret's field", async () => {
    const { user } = await openSettings();
    await user.click(within(card('Notion')).getByRole('button', { name: 'Set up the app' }));
    await user.type(field('Client ID'), notionApp.clientId);
    await user.type(field('Authorization URL'), notionApp.authorizeUrl);
    await user.type(field('Token URL'), notionApp.tokenUrl);
    await user.click(within(card('Notion')).getByRole('button', { name: 'Save app' }));
    await waitFor(() => expect(secretInput()).toHaveAccessibleDescription('Enter the client secret'));
    expect(within(card('Notion')).queryByRole('alert')).not.toBeInTheDocument();
    expect(await storedApp('notion')).toBeNull();
  });

  it('keeps the stored secret when saved again with the secret left empty', async () => {
    expect((await (await admin())('PUT', '/oauth-apps/notion', notionApp)).status).toBe(200);
    const { user } = await openSettings();
    await user.click(within(card('Notion')).getByRole('button', { name: 'Edit the app' }));
    expect(field('Client ID')).toHaveValue('acme-notion');
    expect(secretInput()).toHaveValue('');
    await user.clear(field('Client ID'));
    await user.type(field('Client ID'), 'acme-notion-2');
    await user.type(field('Issuer'), 'https://api.notion.com');
    await user.click(within(card('Notion')).getByRole('button', { name: 'Save app' }));
    expect(await within(card('Notion')).findByText('Saved.')).toBeInTheDocument();
    expect(await storedApp('notion')).toMatchObject({ clientId: 'acme-notion-2', issuer: 'https://api.notion.com', hasClientSecret: true });
    expect(await storedSecret('notion')).toBe(SECRET);
  });

  it('says "Not saved" when the server fails, and "Saved." when a save landed behind a lost answer', async () => {
    const faults = faultyFetch(server.fetch);
    expect((await (await admin())('PUT', '/oauth-apps/notion', notionApp)).status).toBe(200);
    const { user } = await renderApp(server, { as: demo.admin, route: '/settings', fetch: faults.fetch });
    await user.click(await within(await screen.findByRole('region', { name: 'Notion' })).findByRole('button', { name: 'Edit the app' }));
    faults.fail('PUT', /\/oauth-apps\/notion$/);
    await user.clear(field('Client ID'));
    await user.type(field('Client ID'), 'lost');
    await user.click(within(card('Notion')).getByRole('button', { name: 'Save app' }));
    expect(await within(card('Notion')).findByRole('alert')).toHaveTextContent('Not saved');
    expect((await storedApp('notion')).clientId).toBe('acme-notion');

    faults.failAfterApplying('PUT', /\/oauth-apps\/notion$/);
    await user.click(within(card('Notion')).getByRole('button', { name: 'Save app' }));
    expect(await within(card('Notion')).findByText('Saved.')).toBeInTheDocument();
    expect((await storedApp('notion')).clientId).toBe('lost');
  });

  it('removes an app only once the removal is confirmed', async () => {
    expect((await (await admin())('PUT', '/oauth-apps/notion', notionApp)).status).toBe(200);
    const { user } = await openSettings();
    await user.click(within(card('Notion')).getByRole('button', { name: 'Remove app' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove the Notion OAuth app?' });
    expect(dialog).toHaveTextContent('People can no longer sign connectors of this type in; signed-in connectors keep working until their sign-in expires.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await storedApp('notion')).not.toBeNull();

    await user.click(within(card('Notion')).getByRole('button', { name: 'Remove app' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove app' }));
    expect(await within(card('Notion')).findByText('Not set up')).toBeInTheDocument();
    expect(within(card('Notion')).getByText('Removed.')).toHaveAttribute('role', 'status');
    expect(within(card('Notion')).queryByRole('button', { name: 'Remove app' })).not.toBeInTheDocument();
    expect(await storedApp('notion')).toBeNull();
  });

  it('shows a member Settings with their API keys but no OAuth apps, without a request for them', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await renderApp(server, { as: demo.alice, fetch: recorder.fetch });
    await screen.findByRole('heading', { level: 1, name: 'Connectors' });
    await user.click(screen.getByRole('link', { name: 'Settings' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'API keys' })).toBeInTheDocument();
    expect(await screen.findByText('No API keys yet.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'OAuth apps' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Notion' })).not.toBeInTheDocument();
    expect(screen.queryByText('Only admins can manage settings')).not.toBeInTheDocument();
    expect(recorder.requests).toContain('GET /api/v1/api-keys');
    expect(recorder.requests.filter((request) => request.includes('/oauth-apps'))).toEqual([]);
  });
});
