import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../../../server/testing/api';
import { renderApp } from '../../../testing/render';
import { addBulkConnectors, demo, faultyFetch, serverConnector, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

type User = Awaited<ReturnType<typeof renderApp>>['user'];

async function select(user: User, ...names: string[]) {
  for (const name of names) await user.click(await screen.findByRole('checkbox', { name: `Select ${name}` }));
}

// Found, not got: the bar's code loads when rows are first selected.
const toolbar = () => screen.findByRole('toolbar', { name: 'Bulk actions' });

async function listTotal(email: string, query: string): Promise<number> {
  const { body } = await apiAs(server, await server.token(email))('GET', `/connectors?${query}`);
  return body.pagination.totalCount;
}

describe('bulk actions', () => {
  it('turns sync off for two selected rows: the preview counts them, then the switches and the server follow', async () => {
    const { user } = await renderApp(server, { as: demo.admin });
    await select(user, 'Company Drive', 'Support Jira');
    expect(within(await toolbar()).getByText('2 selected')).toBeInTheDocument();

    await user.click(within(await toolbar()).getByRole('button', { name: 'Turn sync off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn sync off?' });
    expect(await within(dialog).findByText('1 will be turned off, 1 is already off')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Sync for Company Drive' })).toBeChecked();

    await user.click(within(dialog).getByRole('button', { name: 'Turn sync off for 1' }));
    expect(await within(dialog).findByText('Turned sync off for 1; 1 was already off')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Sync for Company Drive' })).not.toBeChecked());
    expect((await serverConnector(server, 'Company Drive')).syncEnabled).toBe(false);
    expect((await serverConnector(server, 'Support Jira')).syncEnabled).toBe(false);

    // Done: the selection it acted on is gone with it.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select Company Drive' })).not.toBeChecked();
  });

  it('acts on every connector matching the filters, loaded or not, and on no other', async () => {
    await addBulkConnectors(server, 350);
    const { user } = await renderApp(server, { as: demo.admin, route: '/connectors?search=Bulk&syncEnabled=false' });
    await screen.findByRole('checkbox', { name: 'Select Bulk 0001' });
    const syncingBefore = await listTotal(demo.admin, 'syncEnabled=true');

    await user.click(screen.getByRole('button', { name: 'Select all 350 matching' }));
    expect(within(await toolbar()).getByText('350 selected')).toBeInTheDocument();
    expect(screen.getByText('All 350 matching connectors are selected')).toBeInTheDocument();
    await user.click(within(await toolbar()).getByRole('button', { name: 'Turn sync on' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn sync on?' });
    expect(await within(dialog).findByText('350 will be turned on')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Turn sync on for 350' }));
    expect(await within(dialog).findByText('Turned sync on for 350')).toBeInTheDocument();
    // The rows on screen were fewer than 350: only the filter reaches the rest.
    expect(await listTotal(demo.admin, 'search=Bulk&syncEnabled=false')).toBe(0);
    expect((await serverConnector(server, 'Bulk 0350')).syncEnabled).toBe(true);
    expect(await listTotal(demo.admin, 'syncEnabled=true')).toBe(syncingBefore + 350);
    expect((await serverConnector(server, 'Support Jira')).syncEnabled).toBe(false);
    // The list, refreshed, no longer holds them; the dialog stays until it is closed.
    expect(await screen.findByText('No connectors match these filters')).toBeInTheDocument();
    expect(within(dialog).getByText('Turned sync on for 350')).toBeInTheDocument();
  });

  it('names each connector that cannot be changed and why, before and after', async () => {
    const { user } = await renderApp(server, { as: demo.admin });
    await select(user, 'Support Jira', 'Product Notion', 'Marketing Drive', 'Engineering Slack');
    await user.click(within(await toolbar()).getByRole('button', { name: 'Turn sync on' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn sync on?' });

    expect(await within(dialog).findByText('1 will be turned on, 1 is already on, 2 cannot: 1 not configured, 1 needs sign-in')).toBeInTheDocument();
    const refused = within(dialog).getByRole('region', { name: 'Cannot be changed' });
    expect(refused).toHaveTextContent('Product Notion: Configure this connector before enabling sync');
    expect(refused).toHaveTextContent('Marketing Drive: Sign in to Google Drive before enabling sync');

    await user.click(within(dialog).getByRole('button', { name: 'Turn sync on for 1' }));
    expect(await within(dialog).findByText('Turned sync on for 1; 1 was already on; 2 could not be changed')).toBeInTheDocument();
    expect(within(dialog).getByRole('region', { name: 'Cannot be changed' })).toHaveTextContent('Product Notion: Configure this connector before enabling sync');
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Sync for Support Jira' })).toBeChecked());
    expect((await serverConnector(server, 'Product Notion')).syncEnabled).toBe(false);
  });

  it("shows a member the team connectors in her selection as ones she may not change, and changes her own", async () => {
    const { user } = await renderApp(server, { as: demo.alice });
    await select(user, 'Alice Drive', 'Company Drive', 'Engineering Slack');
    await user.click(within(await toolbar()).getByRole('button', { name: 'Turn sync off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn sync off?' });

    expect(await within(dialog).findByText('1 will be turned off, 2 cannot: 2 you may not change')).toBeInTheDocument();
    expect(within(dialog).getByRole('region', { name: 'Cannot be changed' })).toHaveTextContent('Company Drive: Only admins can change team connectors');

    await user.click(within(dialog).getByRole('button', { name: 'Turn sync off for 1' }));
    expect(await within(dialog).findByText('Turned sync off for 1; 2 could not be changed')).toBeInTheDocument();
    expect((await serverConnector(server, 'Alice Drive', demo.alice)).syncEnabled).toBe(false);
    expect((await serverConnector(server, 'Company Drive')).syncEnabled).toBe(true);
  });

  it('says once in the dialog that the preview or the request failed, claims no outcome, and can try again', async () => {
    const faults = faultyFetch(server.fetch);
    const bulkToggle = /\/connectors\/bulk\/toggle$/;
    const { user } = await renderApp(server, { as: demo.admin, fetch: faults.fetch });
    await select(user, 'Company Drive');
    faults.offline('POST', bulkToggle);
    await user.click(within(await toolbar()).getByRole('button', { name: 'Turn agent off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn agent off?' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not check what would change');
    await user.click(within(dialog).getByRole('button', { name: 'Try again' }));
    await within(dialog).findByText('1 will be turned off');

    faults.fail('POST', bulkToggle);
    await user.click(within(dialog).getByRole('button', { name: 'Turn agent off for 1' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The change was not confirmed');
    expect(alert).toHaveTextContent('Something went wrong on the server');
    expect(within(dialog).queryByText(/^Turned/)).not.toBeInTheDocument();
    expect(screen.queryByText('Could not refresh the data on this page')).not.toBeInTheDocument();
    expect((await serverConnector(server, 'Company Drive')).agentEnabled).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Turn agent off for 1' }));
    expect(await within(dialog).findByText('Turned agent off for 1')).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('selects the loaded rows from the header, and forgets the selection when the filters change', async () => {
    const { user, router } = await renderApp(server, { as: demo.admin });
    const all = await screen.findByRole('checkbox', { name: 'Select all loaded' });
    const loaded = screen.getAllByRole('checkbox', { name: /^Select (?!all)/ }).length;

    await user.click(all);
    expect(within(await toolbar()).getByText(`${loaded} selected`)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select Data Lake' }));
    expect(within(await toolbar()).getByText(`${loaded - 1} selected`)).toBeInTheDocument();
    expect(all).toBePartiallyChecked();

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'drive');
    await waitFor(() => expect(router.state.location.search).toBe('?search=drive'));
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).not.toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: 'Select Company Drive' })).not.toBeChecked();
    // Back to the first filters: what was selected under them is not brought back.
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).not.toBeInTheDocument();
  });
});
