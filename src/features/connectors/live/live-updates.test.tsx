import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, idOf } from '../../../../server/testing/api';
import { renderApp } from '../../../testing/render';
import { demo, recordingFetch, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const listReads = (requests: string[]) => requests.filter((request) => request === 'GET /api/v1/connectors').length;

describe('changes made by others', () => {
  it('move the switch, drop a deleted row and add a new one, in the open list, without reloading it for a change', async () => {
    const recorder = recordingFetch(server.fetch);
    await renderApp(server, { as: demo.bob, fetch: recorder.fetch });
    const sync = await screen.findByRole('switch', { name: 'Sync for Engineering Slack' });
    expect(sync).toBeChecked();
    await waitFor(() => expect(recorder.requests).toContain('GET /api/v1/events'));
    const readsBefore = listReads(recorder.requests);

    const admin = apiAs(server, await server.token(demo.admin));
    await admin('POST', `/connectors/${await idOf(admin, 'Engineering Slack')}/toggle`, { type: 'sync', enabled: false });
    await waitFor(() => expect(sync).not.toBeChecked(), { timeout: 1000 });
    expect(listReads(recorder.requests)).toBe(readsBefore);
    const row = screen.getByRole('link', { name: 'Engineering Slack' }).closest('[data-index]') as HTMLElement;
    expect(within(row).getByText(/Changed by Ada Admin/)).toHaveTextContent('Changed by Ada Admin just now');

    await admin('DELETE', `/connectors/${await idOf(admin, 'Public Website')}`);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Public Website' })).not.toBeInTheDocument(), { timeout: 1000 });

    await admin('POST', '/connectors', { connectorType: 'web', instanceName: 'Aaa Handbook', scope: 'team', authType: 'NONE', config: { sync: { source: 'https://handbook.acme.test' } } });
    expect(await screen.findByRole('link', { name: 'Aaa Handbook' }, { timeout: 2000 })).toBeInTheDocument();
  });

  it("never shows another member's personal connectors", async () => {
    await renderApp(server, { as: demo.bob });
    await screen.findByRole('switch', { name: 'Sync for Engineering Slack' });
    const alice = apiAs(server, await server.token(demo.alice));
    await alice('POST', '/connectors', { connectorType: 'web', instanceName: 'Aaa Alice Notes', scope: 'personal', authType: 'NONE', config: { sync: { source: 'https://notes.acme.test' } } });
    const admin = apiAs(server, await server.token(demo.admin));
    await admin('POST', '/connectors', { connectorType: 'web', instanceName: 'Aaa Team Notes', scope: 'team', authType: 'NONE', config: { sync: { source: 'https://team.acme.test' } } });
    expect(await screen.findByRole('link', { name: 'Aaa Team Notes' }, { timeout: 2000 })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Aaa Alice Notes' })).not.toBeInTheDocument();
  });
});
