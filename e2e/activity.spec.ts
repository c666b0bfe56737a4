import { expect, test } from './fixtures';

const run = Date.now().toString(36);

test('an admin turns sync on from the connector page and finds it on the Activity page, filtered by action', async ({
  page,
  apiAs,
  signInAs,
  expectAccessible,
}) => {
  const api = await apiAs('admin@acme.test');
  const name = `Activity crawler ${run}`;
  const created = await api.createConnector(name);

  await signInAs('admin@acme.test', `/connectors/${created.connectorId}`);
  const sync = page.getByRole('switch', { name: `Sync for ${name}` });
  await sync.click();
  await expect(sync).toBeChecked();
  await expect.poll(async () => (await api.connector(name)).syncEnabled).toBe(true);
  const history = page.getByRole('region', { name: 'Activity' });
  await expect(history.getByText(`Ada Admin turned sync on for ${name}`, { exact: true })).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  const entries = page.getByRole('list', { name: 'Activity, newest first' });
  await expect(entries.getByText(`Ada Admin turned sync on for ${name}`, { exact: true })).toBeVisible();
  await expect(entries.getByText(`Ada Admin created ${name} through the API`, { exact: true })).toBeVisible();
  await expectAccessible();

  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Turned sync on' }).click();
  await expect(page).toHaveURL(/[?&]action=sync_on(&|$)/);
  await expect(entries.getByText(`Ada Admin created ${name} through the API`, { exact: true })).toBeHidden();
  await expect(entries.getByText(`Ada Admin turned sync on for ${name}`, { exact: true })).toBeVisible();
  await expectAccessible();

  await entries.getByRole('link', { name }).first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});
