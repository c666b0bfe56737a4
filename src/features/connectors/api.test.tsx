import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import { changeAsSomeoneElse, demo, faultyFetch, serverConnector, startServer, type TestServer } from '../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const toggle = /\/toggle$/;
const rowOf = (name: string) => screen.getByRole('link', { name }).closest('li') as HTMLElement;

async function openList(options: { fetch?: typeof fetch; timeoutMs?: number } = {}) {
  const app = await renderApp(server, { as: demo.admin, ...options });
  await screen.findByRole('switch', { name: 'Sync for Support Jira' });
  return app;
}

describe('toggling sync and the agent', () => {
  it('moves the switch before the server answers, shows it pending, and persists', async () => {
    const faults = faultyFetch(server.fetch);
    const release = faults.hold('POST', toggle);
    const { user, unmount } = await openList({ fetch: faults.fetch });

    const sync = screen.getByRole('switch', { name: 'Sync for Support Jira' });
    expect(sync).not.toBeChecked();
    await user.click(sync);

    // The request is still held: what the switch shows is the optimistic state.
    expect(sync).toBeChecked();
    expect(sync).toHaveAttribute('aria-busy', 'true');
    expect(within(rowOf('Support Jira')).getByText('Sync on')).toBeInTheDocument();
    // Other rows are not blocked meanwhile.
    expect(screen.getByRole('switch', { name: 'Sync for Company Drive' })).toBeEnabled();

    release();
    await waitFor(() => expect(sync).not.toHaveAttribute('aria-busy'));
    expect(sync).toBeChecked();
    expect((await serverConnector(server, 'Support Jira')).syncEnabled).toBe(true);

    // A fresh start (as after a reload) reads the same state back from the server.
    unmount();
    await openList();
    expect(screen.getByRole('switch', { name: 'Sync for Support Jira' })).toBeChecked();
  });

  it('turns a switch from its label and from the keyboard, as a checkbox does', async () => {
    const { user } = await openList();
    const sync = screen.getByRole('switch', { name: 'Sync for Support Jira' });

    await user.click(within(rowOf('Support Jira')).getByText('Sync'));
    expect(sync).toBeChecked();
    await waitFor(() => expect(sync).not.toHaveAttribute('aria-busy'));
    expect(sync).toHaveFocus();

    await user.keyboard(' ');
    expect(sync).not.toBeChecked();
    await waitFor(() => expect(sync).not.toHaveAttribute('aria-busy'));
    expect((await serverConnector(server, 'Support Jira')).syncEnabled).toBe(false);
  });

  it('keeps two overlapping toggles apart, whatever order the answers come in', async () => {
    const faults = faultyFetch(server.fetch);
    const releaseSync = faults.hold('POST', toggle);
    const releaseAgent = faults.hold('POST', toggle);
    const { user } = await openList({ fetch: faults.fetch });

    const sync = screen.getByRole('switch', { name: 'Sync for Support Jira' });
    const agent = screen.getByRole('switch', { name: 'Agent for Support Jira' });
    await user.click(sync);
    await user.click(agent);
    expect(sync).toBeChecked();
    expect(agent).toBeChecked();

    releaseAgent();
    await waitFor(() => expect(agent).not.toHaveAttribute('aria-busy'));
    // The agent's answer (sync still off on the server) must not flip sync back.
    expect(sync).toBeChecked();
    expect(agent).toBeChecked();

    releaseSync();
    await waitFor(() => expect(sync).not.toHaveAttribute('aria-busy'));
    expect(sync).toBeChecked();
    expect(agent).toBeChecked();
    const stored = await serverConnector(server, 'Support Jira');
    expect([stored.syncEnabled, stored.agentEnabled]).toEqual([true, true]);
  });

  it("rolls back a refused toggle and shows the server's message at that row, once", async () => {
    // With live updates cut off, the page still shows the state from before the change below.
    const faults = faultyFetch(server.fetch);
    faults.offline('GET', /\/events$/, Infinity);
    const { user } = await openList({ fetch: faults.fetch });
    // Meanwhile someone removes the username this PostgreSQL connector needs to run.
    const { source } = (await serverConnector(server, 'Sales PostgreSQL')).dataLoaderConfig;
    await changeAsSomeoneElse(server, 'Sales PostgreSQL', {
      dataLoaderConfig: { source, batchSize: 100, auth: { username: '' } },
    });

    const sync = screen.getByRole('switch', { name: 'Sync for Sales PostgreSQL' });
    await user.click(sync);

    const alert = await within(rowOf('Sales PostgreSQL')).findByRole('alert');
    expect(alert).toHaveTextContent('Sync was not turned on');
    expect(alert).toHaveTextContent('Configure this connector before enabling sync');
    expect(sync).not.toBeChecked();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect((await serverConnector(server, 'Sales PostgreSQL')).syncEnabled).toBe(false);

    // The list catches up with the change: the switch is now disabled, with the reason.
    await waitFor(() => expect(sync).toBeDisabled());

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(within(rowOf('Sales PostgreSQL')).queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('toggling when the server or the network fails', () => {
  it('rolls back after a 500 that did not apply the change, with one message', async () => {
    const faults = faultyFetch(server.fetch);
    faults.fail('POST', toggle);
    const { user } = await openList({ fetch: faults.fetch });

    const sync = screen.getByRole('switch', { name: 'Sync for Support Jira' });
    await user.click(sync);

    const alert = await within(rowOf('Support Jira')).findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on the server');
    expect(sync).not.toBeChecked();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('keeps the change, silently, when the server applied it but the answer was a 500', async () => {
    const faults = faultyFetch(server.fetch);
    faults.failAfterApplying('POST', toggle);
    const { user } = await openList({ fetch: faults.fetch });

    const sync = screen.getByRole('switch', { name: 'Sync for Support Jira' });
    await user.click(sync);
    await waitFor(() => expect(sync).not.toHaveAttribute('aria-busy'));

    expect(sync).toBeChecked();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect((await serverConnector(server, 'Support Jira')).syncEnabled).toBe(true);
  });

  it('rolls back when offline, saying so once (no second message from a refetch)', async () => {
    const faults = faultyFetch(server.fetch);
    const { user } = await openList({ fetch: faults.fetch });
    faults.offline('*', /.*/, Infinity);

    const sync = screen.getByRole('switch', { name: 'Sync for Support Jira' });
    await user.click(sync);

    const alert = await within(rowOf('Support Jira')).findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the server');
    expect(sync).not.toBeChecked();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByText('Could not refresh the data on this page')).not.toBeInTheDocument();
  });

  it('rolls back when the server does not answer in time', async () => {
    const faults = faultyFetch(server.fetch);
    faults.hang('POST', toggle);
    const { user } = await openList({ fetch: faults.fetch, timeoutMs: 300 });

    const sync = screen.getByRole('switch', { name: 'Sync for Support Jira' });
    await user.click(sync);

    const alert = await within(rowOf('Support Jira')).findByRole('alert');
    expect(alert).toHaveTextContent('The server took too long to answer');
    expect(sync).not.toBeChecked();
  });

  it('reports a failed background refresh once, keeping what is on screen', async () => {
    const faults = faultyFetch(server.fetch);
    const { queryClient } = await openList({ fetch: faults.fetch });
    faults.fail('GET', /.*/, Infinity);

    await queryClient.refetchQueries();

    expect(await screen.findByText('Could not refresh the data on this page')).toBeInTheDocument();
    expect(screen.getAllByText('Could not refresh the data on this page')).toHaveLength(1);
    expect(screen.getByRole('switch', { name: 'Sync for Support Jira' })).toBeInTheDocument();
  });
});
