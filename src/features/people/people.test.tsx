import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../../server/testing/api';
import { renderApp } from '../../testing/render';
import { demo, faultyFetch, recordingFetch, startServer, type TestServer } from '../../testing/test-server';
import { formatDate } from './people-values';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const api = async (email: string) => apiAs(server, await server.token(email));
const serverUsers = async () => (await (await api(demo.admin))('GET', '/users')).body.users as { id: string; name: string; role: string; removed: boolean }[];
const pendingOnServer = async () => (await (await api(demo.admin))('GET', '/invitations')).body.invitations as { email: string; role: string }[];
const lookUp = async (token: string) => (await apiAs(server)('POST', '/invitations/lookup', { token })).status;

async function openPeople(options: { as?: string; fetch?: typeof fetch } = {}) {
  const app = await renderApp(server, { as: options.as ?? demo.admin, route: '/people', fetch: options.fetch });
  await screen.findByRole('heading', { level: 1, name: 'People' });
  return app;
}

const members = () => screen.getByRole('table', { name: 'Members' });
const memberRow = (name: string) => within(members()).getByRole('rowheader', { name }).closest('tr')!;
const roleSelect = (name: string) => screen.getByRole('combobox', { name: `Role of ${name}` });

type User = { click: (element: Element) => Promise<void> };
async function chooseRole(user: User, name: string, option: string) {
  await user.click(roleSelect(name));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('inviting', () => {
  it('shows the link once with whom to send it to and until when, lists the invitation, and revokes it', async () => {
    const { user } = await openPeople();
    expect(await screen.findByText('No pending invitations.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Invite someone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite someone' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'Carol@Acme.test');
    await user.click(within(dialog).getByRole('combobox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: 'Admin' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation link' }));

    const shown = await screen.findByRole('dialog', { name: 'Invitation link' });
    const [stored] = (await (await api(demo.admin))('GET', '/invitations')).body.invitations;
    expect(shown).toHaveTextContent(`Send this link to carol@acme.test; it works once, until ${formatDate(stored.expiresAt)}.`);
    const link = within(shown).getByRole('textbox', { name: 'Invitation link' }) as HTMLInputElement;
    expect(link).toHaveAttribute('readonly');
    const url = new URL(link.value);
    expect(url.pathname).toBe('/invite');
    const token = url.searchParams.get('token')!;
    expect(await lookUp(token)).toBe(200);
    await user.click(within(shown).getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(link.value);

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.body.innerHTML).not.toContain(token);
    const row = (await within(await screen.findByRole('table', { name: 'Pending invitations' })).findByRole('rowheader', { name: 'carol@acme.test' })).closest('tr')!;
    expect(row).toHaveTextContent('Admin');
    expect(row).toHaveTextContent('Ada Admin (you)');
    expect(row).toHaveTextContent('in 7 days');

    await user.click(within(row).getByRole('button', { name: 'Revoke the invitation for carol@acme.test' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke the invitation for carol@acme.test?' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke invitation' }));
    expect(await screen.findByText('Revoked the invitation for carol@acme.test.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('table', { name: 'Pending invitations' })).not.toBeInTheDocument();
    expect(screen.getByText('No pending invitations.')).toBeInTheDocument();
    expect(await pendingOnServer()).toEqual([]);
    expect(await lookUp(token)).toBe(404);
  });

  it('says at the email when it already has an account, and sends nothing the contract refuses', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await openPeople({ fetch: recorder.fetch });
    await user.click(screen.getByRole('button', { name: 'Invite someone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite someone' });
    const email = within(dialog).getByRole('textbox', { name: 'Email' });
    await user.type(email, 'not an email');
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation link' }));
    await waitFor(() => expect(email).toHaveAccessibleDescription('Enter a valid email address'));
    expect(recorder.requests).not.toContain('POST /api/v1/invitations');

    await user.clear(email);
    await user.type(email, demo.alice);
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation link' }));
    await waitFor(() => expect(email).toHaveAccessibleDescription('alice@acme.test already has an account: they sign in with it'));
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(await pendingOnServer()).toEqual([]);
  });
});

describe('roles', () => {
  it("changes someone's role in place, and keeps the only admin's role with the reason", async () => {
    const { user } = await openPeople();
    await within(await screen.findByRole('table', { name: 'Members' })).findByRole('rowheader', { name: 'Bob Chen' });
    // Ada is the only admin: her role cannot change, and she is told why.
    expect(roleSelect('Ada Admin')).toBeDisabled();
    expect(roleSelect('Ada Admin')).toHaveAccessibleDescription('You are the only admin: make someone else an admin first.');
    expect(within(memberRow('Ada Admin (you)')).queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();

    await chooseRole(user, 'Bob Chen', 'Admin');
    await waitFor(async () => expect((await serverUsers()).find((person) => person.name === 'Bob Chen')?.role).toBe('admin'));
    await waitFor(() => expect(roleSelect('Bob Chen')).toHaveValue('Admin'));
    // With a second admin, Ada's own role may change.
    await waitFor(() => expect(roleSelect('Ada Admin')).toBeEnabled());
    expect(roleSelect('Ada Admin')).not.toHaveAccessibleDescription();
  });

  it('shows the refusal at the row when the org would be left without an admin', async () => {
    const admin = await api(demo.admin);
    expect((await admin('PATCH', '/users/usr_bob', { role: 'admin' })).status).toBe(200);
    const { user } = await openPeople();
    await waitFor(() => expect(roleSelect('Ada Admin')).toBeEnabled());
    // Meanwhile, in another tab, Bob is made a member again: Ada is the last admin, which this page does not know yet.
    expect((await admin('PATCH', '/users/usr_bob', { role: 'member' })).status).toBe(200);

    await chooseRole(user, 'Ada Admin', 'Member');
    const message = "Ada Admin is the organisation's last admin and cannot be made a member: make someone else an admin first";
    await waitFor(() => expect(roleSelect('Ada Admin')).toHaveAccessibleDescription(message));
    expect(screen.getAllByText(message)).toHaveLength(1);
    expect(roleSelect('Ada Admin')).toHaveValue('Admin');
    // The list is read again: Ada is the only admin, and the select says so by being disabled.
    await waitFor(() => expect(roleSelect('Ada Admin')).toBeDisabled());
    await waitFor(() => expect(roleSelect('Bob Chen')).toHaveValue('Member'));
    expect((await serverUsers()).find((person) => person.id === 'usr_admin')?.role).toBe('admin');
  });
});

describe('removing someone', () => {
  it('says how many personal connectors go with them before confirming, then removes them', async () => {
    const faults = faultyFetch(server.fetch);
    const aliceToken = await server.token(demo.alice);
    const { user } = await openPeople({ fetch: faults.fetch });
    await within(await screen.findByRole('table', { name: 'Members' })).findByRole('rowheader', { name: 'Alice Martin' });

    const release = faults.hold('GET', /\/users\/usr_alice\/removal$/);
    await user.click(within(memberRow('Alice Martin')).getByRole('button', { name: 'Remove Alice Martin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Alice Martin?' });
    expect(dialog).toHaveTextContent('Counting their personal connectors…');
    expect(within(dialog).getByRole('button', { name: 'Remove person' })).toBeDisabled();
    release();
    await waitFor(() =>
      expect(dialog).toHaveTextContent('Their 3 personal connectors will be deleted. Their sessions and API keys end at once. Team connectors they made stay.'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Remove person' }));

    expect(await screen.findByText('Removed Alice Martin. 3 personal connectors deleted.')).toHaveAttribute('role', 'status');
    expect(within(members()).queryByRole('rowheader', { name: 'Alice Martin' })).not.toBeInTheDocument();
    expect(within(members()).getByRole('rowheader', { name: 'Bob Chen' })).toBeInTheDocument();
    expect((await serverUsers()).find((person) => person.id === 'usr_alice')?.removed).toBe(true);
    expect((await apiAs(server, aliceToken)('GET', '/connectors')).status).toBe(401);
  });

  it('says why a removal failed, in the dialog', async () => {
    const faults = faultyFetch(server.fetch);
    const { user } = await openPeople({ fetch: faults.fetch });
    await within(await screen.findByRole('table', { name: 'Members' })).findByRole('rowheader', { name: 'Bob Chen' });
    await user.click(within(memberRow('Bob Chen')).getByRole('button', { name: 'Remove Bob Chen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Bob Chen?' });
    await within(dialog).findByText(/Their 2 personal connectors will be deleted/);
    faults.fail('DELETE', /\/users\/usr_bob$/);
    await user.click(within(dialog).getByRole('button', { name: 'Remove person' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Something went wrong on the server');
    expect(within(members()).getByRole('rowheader', { name: 'Bob Chen' })).toBeInTheDocument();
  });
});
