import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../server/testing/test-server';
import { paths } from '../../config/paths';
import { tokenStore } from '../../lib/api-client';
import { renderApp } from '../../testing/render';
import { recordingFetch, startServer, type TestServer } from '../../testing/test-server';

let server: TestServer;
afterEach(() => server.close());

const password = 'correct horse battery staple';

async function fill(user: Awaited<ReturnType<typeof renderApp>>['user'], values: { password?: string } = {}) {
  await user.type(await screen.findByRole('textbox', { name: 'Organisation name' }), 'Globex');
  await user.type(screen.getByRole('textbox', { name: 'Your name' }), 'Hank Scorpio');
  await user.type(screen.getByRole('textbox', { name: 'Email' }), 'hank@globex.test');
  await user.type(screen.getByLabelText(/^Password/), values.password ?? password);
}

describe('setup on a first run', () => {
  let token: string;
  // A database with nobody in it, and the token of the link the server prints for it.
  beforeEach(async () => {
    server = await startTestServer({ seed: 'none' });
    const made = await server.store.people.setupToken();
    if (!made) throw new Error('no setup token on an empty database');
    token = made;
  });

  it('makes the organisation and its first admin, signs them in and opens the connectors', async () => {
    const { user, router } = await renderApp(server, { route: paths.setup.href(token) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Set up connector-console' })).toBeInTheDocument();
    // The heading shows while the server is asked whether it is set up; the form comes with the answer.
    expect(await screen.findByText('At least 12 characters, and not a common password.')).toBeInTheDocument();
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Connectors' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connectors');
    expect(tokenStore.get()).not.toBeNull();
    const admin = await server.store.users.findByEmail('hank@globex.test');
    expect(admin).toMatchObject({ name: 'Hank Scorpio', role: 'admin' });
    // The link is used up.
    expect(await server.store.people.setupNeeded()).toBe(false);
  });

  it('says a too-short password under the field, without a request going through', async () => {
    const recorder = recordingFetch(server.fetch);
    const { user } = await renderApp(server, { route: paths.setup.href(token), fetch: recorder.fetch });
    await fill(user, { password: 'short-pw' });
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));

    expect(await screen.findByText('Use at least 12 characters')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(/Use at least 12 characters/);
    expect(recorder.requests).not.toContain('POST /api/v1/setup');
    expect(await server.store.people.setupNeeded()).toBe(true);
    expect(tokenStore.get()).toBeNull();
  });

  it('refuses a common password with the field error the server gives', async () => {
    const { user } = await renderApp(server, { route: paths.setup.href(token) });
    await fill(user, { password: '1qaz2wsx3edc' });
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));
    expect(await screen.findByText('This is one of the most common passwords: choose another')).toBeInTheDocument();
    expect(await server.store.people.setupNeeded()).toBe(true);
  });

  it('tells whoever has a wrong link to copy the whole one from the server output', async () => {
    const { user } = await renderApp(server, { route: paths.setup.href(`${token.slice(0, -2)}xx`) });
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));

    const alert = await screen.findByRole('alert', { name: 'Not the setup link' });
    expect(alert).toHaveTextContent("copy the whole link from the server's output");
    expect(await server.store.people.setupNeeded()).toBe(true);
    expect(tokenStore.get()).toBeNull();
  });

  it('asks for the whole link when it has no token', async () => {
    await renderApp(server, { route: paths.setup.href() });
    const alert = await screen.findByRole('alert', { name: 'The setup link is incomplete' });
    expect(alert).toHaveTextContent('Open the whole setup link the server printed');
    expect(screen.queryByRole('button', { name: 'Create organisation' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to sign in' })).toHaveAttribute('href', '/sign-in');
  });

  it('says so when someone else finished the setup while the form was open', async () => {
    const { user } = await renderApp(server, { route: paths.setup.href(token) });
    await fill(user);
    await server.store.people.setUp({ token, orgName: 'Initech', name: 'Bill', email: 'bill@initech.test', passwordHash: 'x' });
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));

    const alert = await screen.findByRole('alert', { name: 'Already set up' });
    expect(within(alert).getByRole('link', { name: 'Go to sign in' })).toBeInTheDocument();
    expect(tokenStore.get()).toBeNull();
  });
});

describe('setup once the server is set up', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  it('shows the way to sign in once the server is set up', async () => {
    const { user, router } = await renderApp(server, { route: paths.setup.href('some-old-token') });

    expect(await screen.findByRole('alert', { name: 'This server is already set up' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Organisation name' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Go to sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
  });
});
