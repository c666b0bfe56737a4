import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';

test('an admin edits the credentials and sync settings; the secret stays write-only', async ({ page, signInAs, apiAs, expectAccessible }) => {
  const api = await apiAs('admin@acme.test');
  await signInAs('admin@acme.test');
  const editor = new EditorPage(page);
  await editor.open('Data Lake');
  await expectAccessible();

  await expect(editor.field('API token')).toHaveValue('');
  await editor.field('Source').fill('s3://acme-data-lake/exports');
  await editor.field('Batch size').fill('250');
  await editor.field('API token').fill('e2e-new-secret-token');
  await editor.saveSettings();
  await editor.expectSaved();

  const saved = await api.connector('Data Lake');
  expect(saved).toMatchObject({ isConfigured: true, dataLoaderConfig: { source: 's3://acme-data-lake/exports', batchSize: 250, auth: { hasPassword: true } } });

  await page.reload();
  await expect(editor.field('Source')).toHaveValue('s3://acme-data-lake/exports');
  await expect(editor.field('API token')).toHaveValue('');
  await expect(page.getByText('An API token is stored')).toBeVisible();
  expect(await page.content()).not.toContain('e2e-new-secret-token');
});

test('a 412 from someone else’s save is recovered without retyping', async ({ page, browser, signInAs, apiAs, expectAccessible }) => {
  const api = await apiAs('admin@acme.test');
  await signInAs('admin@acme.test');
  const mine = new EditorPage(page);
  await mine.open('Public Website');
  await page.getByRole('radio', { name: 'Pending' }).check();

  // A colleague, in another browser, renames the connector and saves first.
  const otherContext = await browser.newContext();
  const otherApi = await apiAs('admin@acme.test');
  await otherContext.addInitScript((token) => window.localStorage.setItem('connector-console.token', token), otherApi.token);
  const theirs = new EditorPage(await otherContext.newPage());
  await theirs.open('Public Website');
  await theirs.field('Name').fill('Public Website (marketing)');
  await theirs.save();
  await theirs.expectSaved();
  await otherContext.close();

  await mine.save();
  const notice = page.getByRole('alert').filter({ hasText: 'another person changed this connector' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('row', { name: /Name/ })).toContainText('Public Website (marketing)');
  await expectAccessible();

  await notice.getByRole('button', { name: 'Apply my edits to the latest version' }).click();
  await expect(mine.field('Name')).toHaveValue('Public Website (marketing)');
  await expect(page.getByRole('radio', { name: 'Pending' })).toBeChecked();
  await mine.save();
  await mine.expectSaved();

  const saved = await api.connector('Public Website (marketing)');
  expect(saved).toMatchObject({ status: 'pending' });
  expect(saved.version).toBeGreaterThanOrEqual(3);
});

test('leaving with unsaved changes asks first', async ({ page, signInAs }) => {
  await signInAs('admin@acme.test');
  const editor = new EditorPage(page);
  await editor.open('Support Jira');
  await editor.field('Source').fill('https://changed.example');
  await page.getByRole('link', { name: /All connectors/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /stay/i }).click();
  await expect(editor.field('Source')).toHaveValue('https://changed.example');
});
