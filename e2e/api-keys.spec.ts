import { expect, test } from './fixtures';

const run = Date.now().toString(36);

test('a member makes an API key in Settings, a script uses it, and revoking it stops the script', async ({ page, request, signInAs, expectAccessible }) => {
  const name = `Nightly export ${run}`;
  await signInAs('alice@acme.test');
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'API keys' })).toBeVisible();

  const form = page.getByRole('form', { name: 'New API key' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('button', { name: 'Create key' }).click();
  const panel = page.getByRole('region', { name: `Key created: ${name}` });
  await expect(panel.getByText('Copy it now: it will not be shown again.')).toBeVisible();
  const field = panel.getByRole('textbox', { name: 'API key' });
  await expect(field).toHaveValue(/^cc_live_/);
  await expectAccessible();
  const key = await field.inputValue();

  const script = () => request.get('/api/v1/connectors', { headers: { 'x-api-key': key } });
  expect((await script()).status()).toBe(200);

  await panel.getByRole('button', { name: 'Done' }).click();
  await expect(panel).toBeHidden();
  const keys = page.getByRole('table', { name: 'API keys' });
  await expect(keys.getByRole('rowheader', { name })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(key);

  await keys.getByRole('button', { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke ${name}?` });
  await expect(dialog.getByText('Scripts using this key stop working at once.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Revoked ${name}.` })).toBeVisible();
  await expect(page.getByRole('rowheader', { name })).toBeHidden();
  expect((await script()).status()).toBe(401);
});
