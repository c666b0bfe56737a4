import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../../server/testing/api';
import { tokenStore } from '../../lib/api-client';
import { renderApp } from '../../testing/render';
import { demo, recordingFetch, startServer, type TestServer } from '../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const NEW_PASSWORD = 'violet kettle harbour 42';

async function openSettings(fetch?: typeof globalThis.fetch) {
  const app = await renderApp(server, { as: demo.alice, route: '/settings', fetch });
  await screen.findByRole('heading', { level: 2, name: 'Password' });
  return app;
}

const form = () => screen.getByRole('form', { name: 'Change your password' });
// A PasswordInput's visibility toggle is a button, so its input is found by label (which ends with the required mark).
const field = (label: string) => within(form()).getByLabelText(new RegExp(`^${label}`), { selector: 'input' });
const submit = () => within(form()).getByRole('button', { name: 'Change password' });
const signInStatus = async (password: string) => (await apiAs(server)('POST', '/auth/login', { email: demo.alice, password })).status;
const sessionStatus = async (token: string) => (await apiAs(server, token)('GET', '/auth/me')).status;

type User = { type: (element: Element, text: string) => Promise<void>; click: (element: Element) => Promise<void> };
async function fill(user: User, values: { current: string; next: string; confirm?: string }) {
  await user.type(field('Current password'), values.current);
  await user.type(field('New password'), values.next);
  await user.type(field('Confirm new password'), values.confirm ?? values.next);
}

describe('changing your password in Settings', () => {
  it('shows a wrong current password at that field, and changes nothing', async () => {
    const { user } = await openSettings();
    expect(field('New password')).toHaveAccessibleDescription('At least 12 characters, and not a common password.');
    await fill(user, { current: 'not-my-password', next: NEW_PASSWORD });
    await user.click(submit());
    await waitFor(() => expect(field('Current password')).toHaveAccessibleDescription('This is not your current password'));
    expect(field('Current password')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form()).queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getAllByText('This is not your current password')).toHaveLength(1);
    expect(await signInStatus(demo.password)).toBe(200);
  });

  it('checks the new password here first: typed twice the same, long enough, not a common one', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await openSettings(recorder.fetch);
    await fill(user, { current: demo.password, next: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    await user.click(submit());
    await waitFor(() => expect(field('Confirm new password')).toHaveAccessibleDescription('This is not the same as the new password'));

    await user.clear(field('New password'));
    await user.type(field('New password'), 'short one');
    await user.click(submit());
    await waitFor(() => expect(field('New password')).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters')));

    await user.clear(field('New password'));
    await user.clear(field('Confirm new password'));
    await user.type(field('New password'), 'qwerty123456');
    await user.type(field('Confirm new password'), 'qwerty123456');
    await user.click(submit());
    await waitFor(() =>
      expect(field('New password')).toHaveAccessibleDescription(expect.stringContaining('This is one of the most common passwords: choose another')),
    );
    expect(recorder.requests).not.toContain('POST /api/v1/auth/password');
  });

  it('changes it, says how many other sessions were signed out, and keeps this one', async () => {
    const others = [await server.token(demo.alice), await server.token(demo.alice)];
    const { user } = await openSettings();
    const own = tokenStore.get()!;
    await fill(user, { current: demo.password, next: NEW_PASSWORD });
    await user.click(submit());

    expect(await within(form()).findByText('Password changed. 2 other sessions were signed out.')).toHaveAttribute('role', 'status');
    expect(field('Current password')).toHaveValue('');
    expect(field('New password')).toHaveValue('');
    expect(await signInStatus(NEW_PASSWORD)).toBe(200);
    expect(await signInStatus(demo.password)).toBe(401);
    for (const token of others) expect(await sessionStatus(token)).toBe(401);
    expect(await sessionStatus(own)).toBe(200);
  });
});
