import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render';
import { demo, faultyFetch, recordingFetch, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const rowOf = (name: string) => screen.getByRole('link', { name }).closest('li') as HTMLElement;

describe('connectors list', () => {
  it("shows an admin every team connector and their own, with each switch's state and every reason one is disabled", async () => {
    await renderApp(server, { as: demo.admin });

    const drive = await screen.findByRole('switch', { name: 'Sync for Company Drive' });
    expect(drive).toBeChecked();
    expect(drive).toBeEnabled();
    expect(screen.getByRole('switch', { name: 'Agent for Company Drive' })).toBeChecked();

    const row = rowOf('Company Drive');
    expect(within(row).getByText('Google Drive')).toBeInTheDocument();
    expect(within(row).getByText(/Team · OAuth \(admin consent\) · Created by Ada Admin \(you\)/)).toBeInTheDocument();
    expect(within(row).getByText('Status: Active')).toBeInTheDocument();
    expect(within(row).getByText('Sync on')).toBeInTheDocument();
    expect(within(row).getByText('Agent on')).toBeInTheDocument();
    expect(within(row).queryByText('Active')).not.toBeInTheDocument();
    expect(within(row).getByText('Signed in')).toBeInTheDocument();
    expect(within(row).getByText('2 hours ago')).toHaveAttribute('title');

    // Not configured: neither switch can be turned on, and each says why.
    const notion = screen.getByRole('switch', { name: 'Sync for Product Notion' });
    expect(notion).toBeDisabled();
    expect(notion).toHaveAccessibleDescription('Configure this connector before enabling sync');
    expect(within(rowOf('Product Notion')).getByText('Not configured')).toBeInTheDocument();

    // OAuth whose sign-in the provider would not renew.
    const marketing = screen.getByRole('switch', { name: 'Agent for Marketing Drive' });
    expect(marketing).toBeDisabled();
    expect(marketing).toHaveAccessibleDescription('Sign in to Google Drive before enabling the agent');
    expect(within(rowOf('Marketing Drive')).getByText('Sign-in expired')).toBeInTheDocument();

    // A type without the agent: sync still works.
    expect(screen.getByRole('switch', { name: 'Sync for Analytics Warehouse' })).toBeEnabled();
    expect(screen.getByRole('switch', { name: 'Agent for Analytics Warehouse' })).toHaveAccessibleDescription(
      'PostgreSQL connectors do not support the agent',
    );

    // Never synced.
    expect(within(rowOf('Data Lake')).getByText('never')).toBeInTheDocument();
    // Another member's personal connector is not listed.
    expect(screen.queryByRole('link', { name: 'Alice Drive' })).not.toBeInTheDocument();
  });

  it('shows a member team connectors read-only, saying why, and lets them manage their own', async () => {
    await renderApp(server, { as: demo.alice });

    const team = await screen.findByRole('switch', { name: 'Sync for Company Drive' });
    expect(team).toBeDisabled();
    expect(team).toHaveAccessibleDescription('Only admins can change team connectors');
    // Visible in the row, not only to screen readers.
    expect(within(rowOf('Company Drive')).getByText('Only admins can change team connectors')).toBeVisible();

    expect(screen.getByRole('switch', { name: 'Sync for Alice Drive' })).toBeEnabled();
    expect(screen.getByRole('switch', { name: 'Sync for Alice Slack' })).toBeEnabled();
    expect(screen.queryByRole('link', { name: 'Bob Jira' })).not.toBeInTheDocument();
  });

  it('searches as the user types, keeping the search in the URL', async () => {
    const { user, router } = await renderApp(server, { as: demo.admin });
    await screen.findByRole('link', { name: 'Company Drive' });

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'drive');
    await waitFor(() => expect(router.state.location.search).toBe('?search=drive'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Support Jira' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Company Drive' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Marketing Drive' })).toBeInTheDocument();
  });

  it('filters by a header count, and clears to every connector from the empty state', async () => {
    const { user, router } = await renderApp(server, { as: demo.admin, route: '/connectors' });
    const counts = await screen.findByRole('group', { name: 'Connector counts' });
    const notConfigured = await within(counts).findByRole('button', { name: /not configured/ });
    expect(notConfigured).toHaveAttribute('aria-pressed', 'false');

    await user.click(notConfigured);
    await waitFor(() => expect(router.state.location.search).toBe('?isConfigured=false'));
    expect(await screen.findByRole('link', { name: 'Product Notion' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Company Drive' })).not.toBeInTheDocument());
    await waitFor(() =>
      expect(within(screen.getByRole('group', { name: 'Connector counts' })).getByRole('button', { name: /not configured/ })).toHaveAttribute(
        'aria-pressed',
        'true',
      ),
    );

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Slack');
    expect(await screen.findByRole('heading', { name: 'No connectors match these filters' })).toBeInTheDocument();

    await user.click(screen.getAllByRole('button', { name: 'Clear filters' }).at(-1)!);
    expect(await screen.findByRole('link', { name: 'Company Drive' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('asks for the list, the counts and the users without waiting for the session to answer', async () => {
    const faults = faultyFetch(server.fetch);
    const recorder = recordingFetch(faults.fetch);
    const release = faults.hold('GET', /^\/api\/v1\/auth\/me$/);
    await renderApp(server, { as: demo.admin, fetch: recorder.fetch });

    await waitFor(() =>
      expect(recorder.requests).toEqual(
        expect.arrayContaining(['GET /api/v1/auth/me', 'GET /api/v1/connectors', 'GET /api/v1/connectors/counts', 'GET /api/v1/users']),
      ),
    );
    release();
    expect(await screen.findByRole('switch', { name: 'Sync for Company Drive' })).toBeChecked();
  });

  it('restores search, filters and sort from a shared link', async () => {
    await renderApp(server, { as: demo.admin, route: '/connectors?search=drive&scope=team&sort=-instanceName' });
    expect(await screen.findByRole('link', { name: 'Marketing Drive' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('drive');
    expect(screen.getByRole('combobox', { name: 'Scope' })).toHaveValue('team');
    expect(screen.getByRole('combobox', { name: 'Sort' })).toHaveValue('-instanceName');
    const names = screen.getAllByRole('listitem').map((item) => within(item).getAllByRole('link')[0]?.textContent);
    expect(names).toEqual([...names].sort().reverse());
  });
});
