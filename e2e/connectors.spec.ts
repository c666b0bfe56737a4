import { expect, test } from './fixtures';
import { ConnectorsPage } from './pages/connectors-page';

test('a member sees team connectors read-only, manages their own, and never sees another member’s', async ({ page, signInAs }) => {
  await signInAs('alice@acme.test');
  const list = new ConnectorsPage(page);

  await list.search('Company Drive');
  await list.expectDisabledBecause('Sync', 'Company Drive', 'Only admins can change team connectors');
  await list.expectDisabledBecause('Agent', 'Company Drive', 'Only admins can change team connectors');

  await list.search('Alice');
  await expect(list.switch('Sync', 'Alice Drive')).toBeEnabled();
  await list.expectDisabledBecause('Sync', 'Alice Notion', 'Sign in to Notion before enabling sync');

  await list.search('Bob');
  await expect(page.getByText('No connectors match these filters')).toBeVisible();
});

test('an admin sees every reason a switch is disabled', async ({ page, signInAs, expectAccessible }) => {
  await signInAs('admin@acme.test');
  const list = new ConnectorsPage(page);
  await expect(list.switch('Sync', 'Company Drive')).toBeVisible();
  await expectAccessible();

  const cases = [
    ['Sync', 'Product Notion', 'Configure this connector before enabling sync'],
    ['Sync', 'Marketing Drive', 'Sign in to Google Drive before enabling sync'],
    ['Agent', 'Analytics Warehouse', 'PostgreSQL connectors do not support the agent'],
  ] as const;
  for (const [type, name, reason] of cases) {
    await list.search(name);
    await list.expectDisabledBecause(type, name, reason);
  }
  // A personal connector of someone else is not even listed for an admin.
  await list.search('Alice Drive');
  await expect(page.getByText('No connectors match these filters')).toBeVisible();
});

test('a toggle shows at once and persists after a reload', async ({ page, signInAs, apiAs }) => {
  const api = await apiAs('admin@acme.test');
  await api.setToggle('Support Jira', 'sync', false);
  await signInAs('admin@acme.test', '/connectors?search=Support%20Jira');
  const list = new ConnectorsPage(page);

  await list.switch('Sync', 'Support Jira').click();
  await expect(list.switch('Sync', 'Support Jira')).toBeChecked();
  await expect.poll(async () => (await api.connector('Support Jira')).syncEnabled).toBe(true);

  await page.reload();
  await expect(list.switch('Sync', 'Support Jira')).toBeChecked();
  await list.switch('Sync', 'Support Jira').press('Space');
  await expect(list.switch('Sync', 'Support Jira')).not.toBeChecked();
  await expect.poll(async () => (await api.connector('Support Jira')).syncEnabled).toBe(false);
});

test('a refused toggle rolls back and says why, at the row', async ({ page, signInAs, apiAs }) => {
  const api = await apiAs('admin@acme.test');
  await api.setToggle('Analytics Warehouse', 'sync', false);
  // With live updates cut off, the page keeps showing the state from before the change below.
  await page.route('**/api/v1/events', (route) => route.abort());
  await signInAs('admin@acme.test', '/connectors?search=Analytics');
  const list = new ConnectorsPage(page);
  await expect(list.switch('Sync', 'Analytics Warehouse')).toBeEnabled();

  // Someone else removes the username meanwhile: the stale page still offers the switch, the server refuses.
  const before = await api.connector('Analytics Warehouse');
  await api.patch('Analytics Warehouse', { dataLoaderConfig: { source: before.dataLoaderConfig.source, batchSize: 100, auth: { username: '' } } });
  try {
    await list.switch('Sync', 'Analytics Warehouse').click();
    await expect(page.getByText('Configure this connector before enabling sync').first()).toBeVisible();
    await expect(list.switch('Sync', 'Analytics Warehouse')).not.toBeChecked();
    expect((await api.connector('Analytics Warehouse')).syncEnabled).toBe(false);
  } finally {
    await api.patch('Analytics Warehouse', { dataLoaderConfig: { source: before.dataLoaderConfig.source, batchSize: 100, auth: { username: 'reader' } } });
    await api.setToggle('Analytics Warehouse', 'sync', true);
  }
});
