import { expect, test } from './fixtures';
import { ConnectorsPage } from './pages/connectors-page';

const run = Date.now().toString(36);

test('an admin selects every connector a search matches and turns sync on for all of them, after a preview', async ({
  page,
  apiAs,
  signInAs,
  expectAccessible,
}) => {
  // Specs share one database: this one acts only on connectors of its own, found by a search for its run.
  const api = await apiAs('admin@acme.test');
  const prefix = `Bulk crawler ${run}`;
  const names = [1, 2, 3].map((index) => `${prefix} ${index}`);
  for (const name of names) await api.createConnector(name);

  await signInAs('admin@acme.test');
  const list = new ConnectorsPage(page);
  await list.search(prefix);
  for (const name of names) await expect(list.switch('Sync', name)).not.toBeChecked();

  await page.getByRole('button', { name: 'Select all 3 matching' }).click();
  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bar.getByText('3 selected')).toBeVisible();
  await bar.getByRole('button', { name: 'Turn sync on' }).click();

  const dialog = page.getByRole('dialog', { name: 'Turn sync on?' });
  await expect(dialog.getByText('3 will be turned on')).toBeVisible();
  // The dialog fades in; axe counts a half-transparent button as low contrast.
  await expect(dialog).toHaveCSS('opacity', '1');
  await expectAccessible();

  await dialog.getByRole('button', { name: 'Turn sync on for 3' }).click();
  await expect(dialog.getByText('Turned sync on for 3')).toBeVisible();
  for (const name of names) await expect(list.switch('Sync', name)).toBeChecked();
  for (const name of names) expect((await api.connector(name)).syncEnabled).toBe(true);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(bar).toBeHidden();
});
