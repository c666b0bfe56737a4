import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const run = Date.now().toString(36);

/** Waits for whichever happens first; the others are left to time out quietly. */
async function firstOf(...waits: Promise<unknown>[]) {
  await Promise.race(waits.map((wait) => wait.then(() => undefined)));
  for (const wait of waits) wait.catch(() => {});
}

/**
 * The demo provider's own pages: its sign-in and consent, each skipped when its session or an earlier
 * grant already covers them (as a real provider does on a reconnect).
 */
async function approveAtProvider(page: Page, account: string) {
  const name = page.getByRole('textbox', { name: 'Your name' });
  await firstOf(name.waitFor(), page.getByRole('button', { name: 'Allow' }).waitFor(), page.waitForURL((url) => url.searchParams.has('signIn')));
  if (await name.isVisible()) {
    await name.fill(account);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const allow = page.getByRole('button', { name: 'Allow' });
  const back = (url: URL) => url.searchParams.has('signIn');
  await firstOf(allow.waitFor(), page.waitForURL(back));
  if (await allow.isVisible()) await allow.click();
  await page.waitForURL(back);
}

test('a member signs her personal Notion connector in through the provider, then turns sync on', async ({ page, apiAs, signInAs, expectAccessible }) => {
  const alice = await apiAs('alice@acme.test');
  const name = `Alice research ${run}`;
  await alice.createConnector(name, { type: 'notion', authType: 'OAUTH', scope: 'personal', source: 'notion://research' });

  await signInAs('alice@acme.test', `/connectors?search=${encodeURIComponent(name)}`);
  const sync = page.getByRole('switch', { name: `Sync for ${name}` });
  await expect(sync).toBeDisabled();
  await expect(page.getByText('Sign in to Notion before enabling sync')).toBeVisible();
  await page.getByRole('button', { name: `Sign in to Notion: ${name}` }).click();

  await expect(page.getByRole('heading', { name: 'Sign in to the demo provider' })).toBeVisible();
  await expectAccessible();
  await approveAtProvider(page, 'alice');

  // Back where she left: the list, filtered as it was, with the outcome.
  await expect(page).toHaveURL(new RegExp(`/connectors\\?search=.*signIn=connected`));
  await expect(page.getByRole('status').filter({ hasText: `Signed in to Notion: ${name}` })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(name);
  await expect(sync).toBeEnabled();
  await sync.click();
  await expect(sync).toBeChecked();
  await expect.poll(async () => (await alice.connector(name)).syncEnabled).toBe(true);
  expect(await alice.connector(name)).toMatchObject({ isAuthenticated: true, signedInBy: 'usr_alice' });
  await expectAccessible();
});

test('an admin signs a team connector in and reconnects it in place', async ({ page, apiAs, signInAs }) => {
  const admin = await apiAs('admin@acme.test');
  const name = `Support Slack ${run}`;
  const { connectorId } = await admin.createConnector(name, { type: 'slack', authType: 'OAUTH', source: 'acme-support.slack.com' });

  await signInAs('admin@acme.test', `/connectors/${connectorId}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: `Sign in to Slack: ${name}` }).click();
  await approveAtProvider(page, 'ada');
  await expect(page).toHaveURL(new RegExp(`/connectors/${connectorId}\\?signIn=connected`));
  const signedInAt = (await admin.connector(name)).signedInAt;
  expect(signedInAt).not.toBeNull();

  await page.getByRole('button', { name: `Reconnect: ${name}` }).click();
  await approveAtProvider(page, 'ada');
  await expect(page.getByRole('status').filter({ hasText: `Signed in to Slack: ${name}` })).toBeVisible();
  const reconnected = await admin.connector(name);
  expect(reconnected).toMatchObject({ connectorId, isAuthenticated: true });
  expect(Date.parse(reconnected.signedInAt)).toBeGreaterThan(Date.parse(signedInAt));
});
