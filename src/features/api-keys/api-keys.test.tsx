import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY_PREFIX } from '../../../contract/api-keys';
import { apiAs } from '../../../server/testing/api';
import { renderApp } from '../../testing/render';
import { demo, faultyFetch, recordingFetch, startServer, type TestServer } from '../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => {
  vi.restoreAllMocks();
  return server.close();
});

const DAY = 24 * 3600 * 1000;
const api = async (email: string) => apiAs(server, await server.token(email));
const storedKeys = async (email: string) => (await (await api(email))('GET', '/api-keys')).body.apiKeys as { name: string; role: string; expiresAt: string | null }[];
const statusWith = async (key: string) => (await server.fetch('/api/v1/connectors', { headers: { 'x-api-key': key } })).status;

async function openSettings(as: string, fetch?: typeof globalThis.fetch) {
  const app = await renderApp(server, { as, route: '/settings', fetch });
  await screen.findByRole('heading', { level: 2, name: 'API keys' });
  return app;
}

const form = () => screen.getByRole('form', { name: 'New API key' });
const nameInput = () => within(form()).getByRole('textbox', { name: 'Name' });
const table = () => screen.getByRole('table', { name: 'API keys' });
const row = (name: string) => within(table()).getByRole('rowheader', { name }).closest('tr')!;

/** The text of a key's cell under the column `column`. */
function cell(name: string, column: string): string {
  const columns = within(table()).getAllByRole('columnheader').map((header) => header.textContent);
  return row(name).children[columns.indexOf(column)]!.textContent ?? '';
}

async function choose(user: { click: (element: Element) => Promise<void> }, label: string, option: string) {
  await user.click(within(form()).getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('API keys in Settings', () => {
  it('shows a new key once, which works against the server, then keeps it nowhere', async () => {
    const { user, queryClient } = await openSettings(demo.alice);
    expect(await screen.findByText('No API keys yet.')).toBeInTheDocument();
    await user.type(nameInput(), 'Nightly export');
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));

    const panel = await screen.findByRole('region', { name: 'Key created: Nightly export' });
    expect(panel).toHaveTextContent('Copy it now: it will not be shown again.');
    const field = within(panel).getByRole('textbox', { name: 'API key' });
    expect(field).toHaveAttribute('readonly');
    expect(field).toHaveFocus();
    const key = (field as HTMLInputElement).value;
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    await user.click(within(panel).getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(key);
    expect(within(panel).getByRole('status')).toHaveTextContent('Copied.');

    // Listed with what the server holds, and only its first characters.
    await waitFor(() => expect(cell('Nightly export', 'Last used')).toBe('never'));
    expect(cell('Nightly export', 'Key')).toBe(`${key.slice(0, API_KEY_PREFIX.length + 4)}…`);
    expect(cell('Nightly export', 'Role')).toBe('Member');
    expect(cell('Nightly export', 'Created')).toBe('just now');
    expect(cell('Nightly export', 'Expires')).toBe('in 3 months');
    expect(within(table()).queryByRole('columnheader', { name: 'Created by' })).not.toBeInTheDocument();
    expect(await statusWith(key)).toBe(200);

    await user.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: /^Key created/ })).not.toBeInTheDocument();
    expect(nameInput()).toHaveValue('');
    expect(nameInput()).toHaveFocus();
    const inputs = Array.from(document.querySelectorAll('input'), (input) => input.value);
    const storage = [...Object.values(localStorage), ...Object.values(sessionStorage)];
    for (const text of [document.body.innerHTML, document.body.textContent ?? '', ...inputs, ...storage]) expect(text).not.toContain(key);
    const queryData = () => JSON.stringify(queryClient.getQueryCache().getAll().map((query) => query.state.data));
    const mutationData = () => JSON.stringify(queryClient.getMutationCache().getAll().map((mutation) => mutation.state.data));
    expect(queryData()).not.toContain(key);
    await waitFor(() => expect(mutationData()).not.toContain(key));
  });

  it('revokes a key only once confirmed, and the key is refused from then on', async () => {
    const { key } = (await (await api(demo.alice))('POST', '/api-keys', { name: 'Deploy script' })).body;
    const { user } = await openSettings(demo.alice);
    await user.click(await within(await screen.findByRole('table', { name: 'API keys' })).findByRole('button', { name: 'Revoke Deploy script' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke Deploy script?' });
    expect(dialog).toHaveTextContent('Scripts using this key stop working at once.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await statusWith(key)).toBe(200);

    await user.click(within(row('Deploy script')).getByRole('button', { name: 'Revoke Deploy script' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText('Revoked Deploy script.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('table', { name: 'API keys' })).not.toBeInTheDocument();
    expect(screen.getByText('No API keys yet.')).toBeInTheDocument();
    expect(await statusWith(key)).toBe(401);
    expect(await storedKeys(demo.alice)).toEqual([]);
  });

  it("offers a member only the Member role and an admin both, and creates the key with the chosen role and expiry", async () => {
    const { user, unmount } = await openSettings(demo.alice);
    await user.click(within(form()).getByRole('combobox', { name: 'Role' }));
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['Member']);
    unmount();

    const admin = await openSettings(demo.admin);
    await choose(admin.user, 'Role', 'Admin');
    await choose(admin.user, 'Expires', '30 days');
    await admin.user.type(nameInput(), 'Org report');
    await admin.user.click(within(form()).getByRole('button', { name: 'Create key' }));
    await screen.findByRole('region', { name: 'Key created: Org report' });
    const [stored] = await storedKeys(demo.admin);
    expect(stored).toMatchObject({ name: 'Org report', role: 'admin' });
    expect(Date.parse(stored!.expiresAt!) - Date.now()).toBeGreaterThan(29 * DAY);
    expect(Date.parse(stored!.expiresAt!) - Date.now()).toBeLessThan(31 * DAY);
  });

  it("shows an admin a member's key with its creator, and lets them revoke it", async () => {
    const { key } = (await (await api(demo.alice))('POST', '/api-keys', { name: 'Alice sync' })).body;
    await (await api(demo.admin))('POST', '/api-keys', { name: 'Ada audit' });
    const { user } = await openSettings(demo.admin);
    await within(await screen.findByRole('table', { name: 'API keys' })).findByRole('rowheader', { name: 'Alice sync' });
    await waitFor(() => expect(cell('Alice sync', 'Created by')).toBe('Alice Martin'));
    expect(cell('Ada audit', 'Created by')).toBe('Ada Admin (you)');

    await user.click(within(row('Alice sync')).getByRole('button', { name: 'Revoke Alice sync' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Revoke Alice sync?' })).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(within(table()).queryByRole('rowheader', { name: 'Alice sync' })).not.toBeInTheDocument());
    expect(within(table()).getByRole('rowheader', { name: 'Ada audit' })).toBeInTheDocument();
    expect(await statusWith(key)).toBe(401);
    expect(await storedKeys(demo.alice)).toEqual([]);
  });

  it('shows what is wrong on the field it concerns, and sends nothing the contract refuses', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await openSettings(demo.alice, recorder.fetch);
    await user.type(nameInput(), '   ');
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(nameInput()).toHaveAccessibleDescription('Enter a name'));
    expect(nameInput()).toHaveAttribute('aria-invalid', 'true');
    expect(recorder.requests).not.toContain('POST /api/v1/api-keys');

    // A computer whose clock is a month behind asks for an expiry the server finds past.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() - 31 * DAY);
    await user.type(nameInput(), 'Backfill');
    await choose(user, 'Expires', '30 days');
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    const expires = within(form()).getByRole('combobox', { name: 'Expires' });
    await waitFor(() => expect(expires).toHaveAccessibleDescription('Choose an expiry in the future'));
    expect(recorder.requests).toContain('POST /api/v1/api-keys');
    expect(within(form()).queryByRole('alert')).not.toBeInTheDocument();
    expect(await storedKeys(demo.alice)).toEqual([]);
  });

  it('says so when the answer is lost, and lists the key if it was made after all', async () => {
    const faults = faultyFetch(server.fetch);
    const { user } = await openSettings(demo.alice, faults.fetch);
    faults.fail('POST', /\/api-keys$/);
    await user.type(nameInput(), 'Lost one');
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    expect(await within(form()).findByRole('alert')).toHaveTextContent('No key to show');
    expect(screen.getByText('No API keys yet.')).toBeInTheDocument();

    faults.failAfterApplying('POST', /\/api-keys$/);
    await user.click(within(form()).getByRole('button', { name: 'Create key' }));
    expect(await screen.findByRole('rowheader', { name: 'Lost one' })).toBeInTheDocument();
    expect(within(form()).getByRole('alert')).toHaveTextContent('If it was made anyway, it is in the list below: revoke it and create another.');
    expect(screen.queryByRole('region', { name: /^Key created/ })).not.toBeInTheDocument();
  });
});
