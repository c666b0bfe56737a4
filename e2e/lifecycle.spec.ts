import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EditorPage } from './pages/editor-page';

const run = Date.now().toString(36);

/** From the list, through the catalog, to a type's form. */
async function openForm(page: Page, typeName: string) {
  await page.goto('/connectors');
  await page.getByRole('link', { name: 'New connector' }).click();
  await page.getByRole('link', { name: `${typeName}: set up` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `New ${typeName} connector` })).toBeVisible();
}

async function fill(page: Page, values: Record<string, string | undefined>) {
  for (const [label, value] of Object.entries(values)) await page.getByRole('textbox', { name: label, exact: true }).fill(value ?? '');
}

test('an admin creates one connector of each auth type from the catalog, renames one, replaces its secret and deletes it', async ({
  page,
  signInAs,
  apiAs,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const api = await apiAs('admin@acme.test');
  await signInAs('admin@acme.test');
  await page.getByRole('link', { name: 'New connector' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New connector' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search connector types' }).fill('atlassian');
  await expect(page.getByRole('link', { name: /: set up$/ })).toHaveCount(2);
  await expectAccessible();

  const cases = [
    { type: 'Slack', method: 'API token', fill: { 'API token': 'xoxb-e2e-first', Source: 'acme.slack.com' }, authType: 'API_TOKEN' },
    { type: 'PostgreSQL', fill: { Username: 'reader', Password: 'pw-e2e', Source: 'postgres://db/e2e' }, authType: 'USERNAME_PASSWORD' },
    { type: 'Notion', method: 'OAuth', fill: { Source: 'notion://e2e' }, authType: 'OAUTH' },
    { type: 'Google Drive', method: 'OAuth (admin consent)', fill: { 'Admin email': 'it@acme.test', Source: 'drive://e2e' }, authType: 'OAUTH_ADMIN_CONSENT' },
    { type: 'Web crawler', fill: { Source: 'https://acme.test/e2e' }, authType: 'NONE' },
  ];
  for (const [index, example] of cases.entries()) {
    await openForm(page, example.type);
    const name = `E2E ${example.type} ${run}`;
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    if (example.method) await page.getByRole('radio', { name: example.method, exact: true }).check();
    await fill(page, example.fill);
    if (index === 0) await expectAccessible();
    await page.getByRole('button', { name: 'Create connector' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    expect(await api.connector(name)).toMatchObject({ authType: example.authType, scope: 'team', isConfigured: true });
  }

  // The Slack one: renamed, then its token replaced; the token never reaches the page.
  const editor = new EditorPage(page);
  await editor.open(`E2E Slack ${run}`);
  await editor.field('Name').fill(`E2E Slack renamed ${run}`);
  await editor.save();
  await editor.expectSaved();
  await expect(page.getByRole('heading', { level: 1, name: `E2E Slack renamed ${run}` })).toBeVisible();
  await expect(page.getByText('An API token is stored. Type a new one to replace it.')).toBeVisible();
  await editor.field('API token').fill('xoxb-e2e-second');
  await editor.saveSettings();
  // The name form's "Saved." is already on screen: wait for the settings form's own, and its emptied token.
  const settings = page.getByRole('region', { name: 'Credentials and sync settings' });
  await expect(settings.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(editor.field('API token')).toHaveValue('');
  expect(await page.content()).not.toMatch(/xoxb-e2e-(first|second)/);
  const renamed = await api.connector(`E2E Slack renamed ${run}`);
  expect(renamed.version).toBe(3);

  await page.getByRole('button', { name: 'Delete connector' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete E2E Slack renamed ${run}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: `Type E2E Slack renamed ${run} to confirm` }).fill(`E2E Slack renamed ${run}`);
  // The dialog fades in; axe counts a half-transparent button as low contrast.
  await expect(dialog).toHaveCSS('opacity', '1');
  await expectAccessible();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`Deleted E2E Slack renamed ${run}`)).toBeVisible();
  expect((await api.call('GET', `/connectors/${renamed.connectorId}`)).status).toBe(404);
});

test('a member creates a personal connector, is told why not a team one, and deletes it', async ({ page, signInAs, apiAs }) => {
  const api = await apiAs('alice@acme.test');
  await signInAs('alice@acme.test');
  await openForm(page, 'Notion');
  await expect(page.getByRole('radio', { name: 'Team' })).toBeDisabled();
  await expect(page.getByRole('radio', { name: 'Personal' })).toBeChecked();
  await expect(page.getByText(/Only admins can create team connectors/)).toBeVisible();
  const name = `E2E Alice Notion ${run}`;
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('radio', { name: 'API token', exact: true }).check();
  await fill(page, { 'API token': 'secret_e2e', Source: 'notion://alice' });
  await page.getByRole('button', { name: 'Create connector' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Ready to run' })).toBeVisible();
  expect(await api.connector(name)).toMatchObject({ scope: 'personal', createdBy: 'usr_alice', isConfigured: true });

  await page.getByRole('button', { name: 'Delete connector' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
  await expect(dialog.getByRole('textbox')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`Deleted ${name}`)).toBeVisible();
});
