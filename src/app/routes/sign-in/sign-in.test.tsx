import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onboardingQueries } from '../../../features/onboarding/api';
import { tokenStore } from '../../../lib/api-client';
import { startTestServer } from '../../../../server/testing/test-server';
import { renderApp } from '../../../testing/render';
import { demo, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
afterEach(() => server.close());

describe('sign-in', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  it('sends a signed-out visitor to sign-in and back to the page they asked for', async () => {
    const { user, router } = await renderApp(server, { route: '/connectors?scope=team' });

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.search).toContain('redirectTo');

    await user.type(screen.getByLabelText('Email'), demo.admin);
    await user.type(screen.getByLabelText('Password'), demo.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Connectors' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/connectors');
    expect(router.state.location.search).toBe('?scope=team');
    expect(tokenStore.get()).not.toBeNull();
  });

  it('lists the demo accounts, says plainly that they are public, and fills the form from one', async () => {
    const { user } = await renderApp(server, { route: '/sign-in' });
    const accounts = await screen.findByRole('region', { name: 'Demo accounts' });
    expect(within(accounts).getByText(demo.alice)).toBeInTheDocument();
    const notice = within(accounts).getByRole('note', { name: 'Demo organisation' });
    expect(notice).toHaveTextContent('These accounts and their password are public. Anyone can sign in as them.');
    expect(notice).toHaveTextContent('A real organisation starts from the setup link');
    expect(screen.queryByRole('alert', { name: 'No organisation yet' })).not.toBeInTheDocument();

    await user.click(within(accounts).getByRole('button', { name: `Use ${demo.alice}` }));
    expect(screen.getByLabelText('Email')).toHaveValue(demo.alice);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Connectors' })).toBeInTheDocument();
  });

  it("shows the server's message on wrong credentials and stays on the form", async () => {
    const { user } = await renderApp(server, { route: '/sign-in' });
    await user.type(await screen.findByLabelText('Email'), demo.admin);
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not sign in');
    expect(tokenStore.get()).toBeNull();
  });

  it('validates the form with the contract before asking the server', async () => {
    const { user } = await renderApp(server, { route: '/sign-in' });
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter an email')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
  });

  it('signs out to sign-in, remembering the page', async () => {
    const { user, router } = await renderApp(server, { as: demo.admin, route: '/connectors?scope=personal' });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('redirectTo')).toBe('/connectors?scope=personal');
    expect(tokenStore.get()).toBeNull();
  });

  it('returns to sign-in when the token has expired, remembering the page', async () => {
    tokenStore.set('expired-or-made-up-token');
    const { router } = await renderApp(server, { route: '/connectors?search=drive' });

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('redirectTo')).toBe('/connectors?search=drive');
    expect(tokenStore.get()).toBeNull();
  });
});

describe('sign-in on a server without an organisation', () => {
  beforeEach(async () => {
    server = await startTestServer({ seed: 'none' });
    // As the server does when it starts on an empty database (and prints the link).
    await server.store.people.setupToken();
  });

  it('points to the setup link instead of a form nobody can use', async () => {
    await renderApp(server, { route: '/sign-in' });
    const notice = await screen.findByRole('alert', { name: 'No organisation yet' });
    expect(notice).toHaveTextContent('This server has no organisation yet. Open the setup link the server printed when it started.');
    expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Demo accounts' })).not.toBeInTheDocument();
  });

  it('shows the form again once the organisation exists', async () => {
    const token = await server.store.people.setupToken();
    await server.store.people.setUp({ token: token!, orgName: 'Globex', name: 'Hank', email: 'hank@globex.test', passwordHash: 'x' });
    const { queryClient } = await renderApp(server, { route: '/sign-in' });
    // The form shows while the server is asked; what counts is what stays once it has answered.
    await waitFor(() => expect(queryClient.getQueryState(onboardingQueries.setupStatus().queryKey)?.status).toBe('success'));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: 'No organisation yet' })).not.toBeInTheDocument();
  });
});
