import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../../server/testing/api';
import { paths } from '../../config/paths';
import { tokenStore } from '../../lib/api-client';
import { renderApp } from '../../testing/render';
import { demo, startServer, type TestServer } from '../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

/** An admin's invitation, as the person invited receives it: the link's token. */
async function invite(email: string, role: 'admin' | 'member' = 'member'): Promise<string> {
  const admin = apiAs(server, await server.token(demo.admin));
  const { status, body } = await admin('POST', '/invitations', { email, role });
  if (status !== 201) throw new Error(`invitation refused: ${status} ${JSON.stringify(body)}`);
  return new URL(body.url).searchParams.get('token')!;
}

const password = 'correct horse battery staple';

describe('invitation', () => {
  it('shows the organisation and who invited, then makes the account and signs it in', async () => {
    const token = await invite('carol@acme.test');
    const { user, router } = await renderApp(server, { route: paths.invite.href(token) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Join Acme' })).toBeInTheDocument();
    expect(screen.getByText(/Ada Admin invited you to join as a member/)).toBeInTheDocument();
    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(email).toHaveValue('carol@acme.test');
    expect(email).toHaveAttribute('readonly');
    expect(screen.getByText('At least 12 characters, and not a common password.')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Your name' }), 'Carol Diaz');
    await user.type(screen.getByLabelText(/^Password/), password);
    await user.click(screen.getByRole('button', { name: 'Join Acme' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Connectors' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connectors');
    const me = await apiAs(server, tokenStore.get()!)('GET', '/auth/me');
    expect(me.body.user).toMatchObject({ email: 'carol@acme.test', name: 'Carol Diaz', role: 'member' });
  });

  it('replaces the session of whoever was signed in in this browser', async () => {
    const token = await invite('dave@acme.test', 'admin');
    const { user } = await renderApp(server, { as: demo.alice, route: paths.invite.href(token) });
    const before = tokenStore.get();

    await user.type(await screen.findByRole('textbox', { name: 'Your name' }), 'Dave');
    await user.type(screen.getByLabelText(/^Password/), password);
    await user.click(screen.getByRole('button', { name: 'Join Acme' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Connectors' })).toBeInTheDocument();
    expect(tokenStore.get()).not.toBe(before);
    expect((await apiAs(server, tokenStore.get()!)('GET', '/auth/me')).body.user.email).toBe('dave@acme.test');
  });

  it("shows the server's message and the way to sign in for a link already used", async () => {
    const token = await invite('erin@acme.test');
    const accepted = await apiAs(server)('POST', '/invitations/accept', { token, name: 'Erin', password });
    expect(accepted.status).toBe(201);

    const { user, router } = await renderApp(server, { route: paths.invite.href(token) });
    const alert = await screen.findByRole('alert', { name: 'This invitation cannot be used' });
    expect(alert).toHaveTextContent('it was used, revoked or has expired. Ask an admin for a new one.');
    expect(screen.queryByRole('textbox', { name: 'Your name' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Go to sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('says so when the link is revoked while the form is open, and signs nobody in', async () => {
    const token = await invite('fay@acme.test');
    const { user } = await renderApp(server, { route: paths.invite.href(token) });
    await user.type(await screen.findByRole('textbox', { name: 'Your name' }), 'Fay');
    await user.type(screen.getByLabelText(/^Password/), password);

    const admin = apiAs(server, await server.token(demo.admin));
    const [pending] = (await admin('GET', '/invitations')).body.invitations;
    expect((await admin('DELETE', `/invitations/${pending.id}`)).status).toBe(200);
    await user.click(screen.getByRole('button', { name: 'Join Acme' }));

    const alert = await screen.findByRole('alert', { name: 'Could not join' });
    expect(alert).toHaveTextContent('Ask an admin for a new one');
    expect(within(alert).getByRole('link', { name: 'Go to sign in' })).toBeInTheDocument();
    expect(tokenStore.get()).toBeNull();
  });

  it('checks the password policy before sending', async () => {
    const token = await invite('gus@acme.test');
    const { user } = await renderApp(server, { route: paths.invite.href(token) });
    await user.type(await screen.findByRole('textbox', { name: 'Your name' }), 'Gus');
    await user.type(screen.getByLabelText(/^Password/), 'too-short');
    await user.click(screen.getByRole('button', { name: 'Join Acme' }));

    expect(await screen.findByText('Use at least 12 characters')).toBeInTheDocument();
    expect(await server.store.users.findByEmail('gus@acme.test')).toBeFalsy();
  });

  it('asks for the whole link when it has no token', async () => {
    await renderApp(server, { route: paths.invite.href() });
    expect(await screen.findByRole('alert', { name: 'The invitation link is incomplete' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to sign in' })).toBeInTheDocument();
  });
});
