import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiAs } from '../../../../server/testing/api';
import { selectRows } from '../../../../server/testing/test-database';
import { openConnectorPage, renderApp } from '../../../testing/render';
import { demo, serverConnector, startServer, type TestServer } from '../../../testing/test-server';
import { browserLocation } from './sign-in-api';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => {
  vi.restoreAllMocks();
  return server.close();
});

const notionApp = {
  clientId: 'notion-client',
  clientSecret: 'notion-secret-value',
  authorizeUrl: 'https://provider.example/authorize',
  tokenUrl: 'https://provider.example/token',
  scopes: ['read'],
};

const rowOf = async (name: string) => (await screen.findByRole('link', { name })).closest('[data-index]') as HTMLElement;

describe('signing a connector in', () => {
  it('sends the creator to the provider with PKCE from the row, and comes back to the same page', async () => {
    await apiAs(server, await server.token(demo.admin))('PUT', '/oauth-apps/notion', notionApp);
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
    const { user } = await renderApp(server, { as: demo.alice, route: '/connectors?scope=personal' });
    const row = await rowOf('Alice Notion');
    expect(within(row).getByText('Needs sign-in')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Sign in to Notion: Alice Notion' }));

    await vi.waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    const url = new URL(assign.mock.calls[0]![0]);
    expect(url.origin + url.pathname).toBe('https://provider.example/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe('notion-client');
    const [state] = await selectRows<{ return_to: string }>(server.database, 'select return_to from oauth_states');
    expect(state!.return_to).toBe('/connectors?scope=personal');
  });

  it('says why it cannot start, at the button, when no OAuth app is set up', async () => {
    const { user } = await openConnectorPage(server, 'Alice Notion', { as: demo.alice });
    await user.click(screen.getByRole('button', { name: 'Sign in to Notion: Alice Notion' }));
    const button = screen.getByRole('button', { name: 'Sign in to Notion: Alice Notion' });
    await vi.waitFor(() => expect(button).toHaveAccessibleDescription(/ask an admin to add the Notion OAuth app in Settings/));
  });

  it('offers no sign-in to someone who may not change the connector', async () => {
    await renderApp(server, { as: demo.alice });
    const row = await rowOf('Product Notion');
    expect(within(row).getByText('Needs sign-in')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /Sign in/ })).not.toBeInTheDocument();
  });

  it('shows an expired sign-in as its own state, with the stored reason and the way back', async () => {
    await renderApp(server, { as: demo.admin, route: '/connectors?search=Marketing' });
    const row = await rowOf('Marketing Drive');
    expect(within(row).getByText('Sign-in expired')).toBeInTheDocument();
    expect(within(row).getByText(/^Google Drive refused to renew the sign-in \(invalid_grant\) on .+; sign in again to resume\.$/)).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Sign in to Google Drive: Marketing Drive' })).toBeEnabled();
  });
});

describe('coming back from the provider', () => {
  it('shows the outcome on the page the sign-in started from, until dismissed', async () => {
    const { connectorId } = await serverConnector(server, 'Alice Notion', demo.alice);
    const { user, router } = await renderApp(server, { as: demo.alice, route: `/connectors/${connectorId}?signIn=other_browser&signInConnector=${connectorId}` });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The sign-in was started elsewhere');
    expect(alert).toHaveTextContent('Nothing was changed.');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('The sign-in was started elsewhere')).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('names the connector that was signed in', async () => {
    const { connectorId } = await serverConnector(server, 'Engineering Slack', demo.admin);
    await renderApp(server, { as: demo.admin, route: `/connectors?signIn=connected&signInConnector=${connectorId}` });
    expect(await screen.findByRole('status', { name: /^Signed in to Slack: Engineering Slack/ })).toBeInTheDocument();
  });
});

describe('disconnecting', () => {
  it('asks first, then forgets the sign-in and turns sync off', async () => {
    const { user } = await openConnectorPage(server, 'Engineering Slack');
    expect(screen.getByRole('switch', { name: 'Sync for Engineering Slack' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disconnect Engineering Slack from Slack?' });
    expect(dialog).toHaveTextContent('sync and the agent turn off for everyone in the organisation');
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    expect(await screen.findByText('Needs sign-in')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Sync for Engineering Slack' })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Sign in to Slack: Engineering Slack' })).toBeInTheDocument();
    expect(await serverConnector(server, 'Engineering Slack')).toMatchObject({ isAuthenticated: false, syncEnabled: false });
  });
});
