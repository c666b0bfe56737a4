import { expect, test, TOKEN_KEY } from './fixtures';

test('a change made in one browser shows in another open on the same list within a second, without reloading', async ({ browser, apiAs }) => {
  const admin = await apiAs('admin@acme.test');
  const name = `Live handbook ${Date.now().toString(36)}`;
  const created = await admin.createConnector(name);

  // Two people at two screens: two contexts, two sessions.
  const open = async () => {
    const session = await apiAs('admin@acme.test');
    const context = await browser.newContext();
    await context.addInitScript(([key, token]) => window.localStorage.setItem(key!, token!), [TOKEN_KEY, session.token]);
    const page = await context.newPage();
    await page.goto(`/connectors?search=${encodeURIComponent(name)}`);
    await expect(page.getByRole('switch', { name: `Sync for ${name}` })).not.toBeChecked();
    return { page, context };
  };
  const first = await open();
  const second = await open();
  let reloads = 0;
  second.page.on('framenavigated', () => reloads++);

  await first.page.getByRole('switch', { name: `Sync for ${name}` }).click();
  await expect(first.page.getByRole('switch', { name: `Sync for ${name}` })).toBeChecked();
  await expect(second.page.getByRole('switch', { name: `Sync for ${name}` })).toBeChecked({ timeout: 1000 });
  expect(reloads).toBe(0);

  await admin.call('DELETE', `/connectors/${created.connectorId}`);
  await expect(second.page.getByRole('link', { name })).toHaveCount(0, { timeout: 1000 });
  await Promise.all([first.context.close(), second.context.close()]);
});
