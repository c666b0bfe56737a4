import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, type Api } from '../../../server/testing/api';
import { DEMO_ORG_ID } from '../../../server/store/demo-seed';
import { renderApp } from '../../testing/render';
import { demo, recordingFetch, startServer, type TestServer } from '../../testing/test-server';
import { PAGE_SIZE } from './api';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const as = async (email: string) => apiAs(server, await server.token(email));
async function call(api: Api, method: string, path: string, body?: unknown, expected = 200) {
  const result = await api(method, path, body);
  expect(result.status, result.text).toBe(expected);
  return result.body;
}

const table = () => screen.getByRole('table', { name: 'Security events, newest first' });
/** Each row's cells, keyed by column header, newest first. */
function rows(): Record<string, string>[] {
  const columns = within(table())
    .getAllByRole('columnheader')
    .map((header) => header.textContent ?? '');
  return within(table())
    .getAllByRole('row')
    .slice(1)
    .map((row) => Object.fromEntries(Array.from(row.children, (cell, index) => [columns[index]!, cell.textContent ?? ''])));
}
const location = (router: { state: { location: { search: string } } }) => new URLSearchParams(router.state.location.search);

async function openSecurityTab() {
  const app = await renderApp(server, { as: demo.admin, route: '/activity' });
  await screen.findByRole('heading', { level: 1, name: 'Activity' });
  await app.user.click(screen.getByRole('tab', { name: 'Security' }));
  await screen.findByRole('table', { name: 'Security events, newest first' });
  return app;
}

describe('the Security tab of the Activity page', () => {
  it('lists who did what to whom, from where, with readable details, and filters by kind of event in the URL', async () => {
    const admin = await as(demo.admin);
    await call(admin, 'PATCH', '/users/usr_bob', { role: 'admin' });
    await call(admin, 'POST', '/invitations', { email: 'dan@acme.test', role: 'member' }, 201);

    const { user, router } = await openSecurityTab();
    expect(location(router).get('tab')).toBe('security');
    expect(screen.getByRole('tab', { name: 'Security' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() =>
      expect(rows()).toEqual([
        { When: 'just now', What: 'Invited someone', Who: 'Ada Admin', Whom: 'dan@acme.test', From: 'in-process', Details: 'As Member' },
        { When: 'just now', What: 'Changed a role', Who: 'Ada Admin', Whom: 'Bob Chen', From: 'in-process', Details: 'Member to Admin' },
      ]),
    );
    const time = within(table()).getAllByText('just now')[0]!;
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('title', expect.stringMatching(/\d{1,2}:\d{2}/));

    await user.click(screen.getByRole('combobox', { name: 'Event' }));
    await user.click(await screen.findByRole('option', { name: 'Changed a role' }));
    expect(location(router).get('event')).toBe('role_changed');
    await waitFor(() => expect(rows().map((row) => row.What)).toEqual(['Changed a role']));

    await user.click(screen.getByRole('combobox', { name: 'Event' }));
    await user.click(await screen.findByRole('option', { name: 'Locked out' }));
    expect(await screen.findByText('No security events of this kind')).toBeInTheDocument();

    // Back on the first tab, the connector activity is as it was.
    await user.click(screen.getByRole('tab', { name: 'Connectors' }));
    expect(location(router).get('tab')).toBeNull();
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
  });

  it('names people by who they are now: a removed inviter is marked, and says what went with them', async () => {
    const admin = await as(demo.admin);
    await call(admin, 'PATCH', '/users/usr_bob', { role: 'admin' });
    const { url } = await call(await as(demo.bob), 'POST', '/invitations', { email: 'dan@acme.test', role: 'member' }, 201);
    const token = new URL(url).searchParams.get('token');
    await call(apiAs(server), 'POST', '/invitations/accept', { token, name: 'Dan Reyes', password: 'violet kettle harbour 42' }, 201);
    await call(admin, 'DELETE', '/users/usr_bob');

    await openSecurityTab();
    await waitFor(() => expect(rows()).toHaveLength(4));
    const [removed, accepted] = rows();
    expect(removed).toMatchObject({ What: 'Removed someone', Who: 'Ada Admin', Whom: 'Bob Chen', Details: '2 personal connectors deleted' });
    expect(accepted).toMatchObject({ What: 'Accepted an invitation', Who: 'Dan Reyes', Whom: '—', Details: 'As Member, invited by Bob Chen (removed)' });
  });

  it('loads older events with "Load more"', async () => {
    const count = PAGE_SIZE + 1;
    // Test data straight into the store: the oldest is the one on the second page.
    for (let index = 0; index < count; index += 1) {
      await server.store.securityEvents.record({
        orgId: DEMO_ORG_ID,
        action: index === 0 ? 'locked_out' : 'signed_in',
        actor: { id: 'usr_alice', name: 'Alice Martin' },
        address: '203.0.113.7',
        details: index === 0 ? { waitSeconds: 120 } : {},
      });
    }
    const { user } = await openSecurityTab();
    await waitFor(() => expect(rows()).toHaveLength(PAGE_SIZE));
    expect(rows()[0]).toMatchObject({ What: 'Signed in', Who: 'Alice Martin', From: '203.0.113.7', Details: '—' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toHaveLength(count));
    expect(rows().at(-1)).toMatchObject({ What: 'Locked out', Details: 'Sign-ins refused for 2 minutes' });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('is not offered to a member, even by its link', async () => {
    const recorder = recordingFetch(server.fetch);
    await renderApp(server, { as: demo.alice, route: '/activity?tab=security', fetch: recorder.fetch });
    expect(await screen.findByText('Changes to team connectors and to your own, newest first.')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
    expect(recorder.requests).not.toContain('GET /api/v1/security-events');
  });
});
