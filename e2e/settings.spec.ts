import { expect, test } from './fixtures';

test('an admin opens Settings from the header and finds the Notion app set up, with its redirect URL', async ({ page, baseURL, signInAs, expectAccessible }) => {
  await signInAs('admin@acme.test');
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'OAuth apps' })).toBeVisible();

  // On demo data every OAuth type's app points at the demo provider that runs beside the server.
  const notion = page.getByRole('region', { name: 'Notion' });
  await expect(notion.getByText('Set up', { exact: true })).toBeVisible();
  await expect(notion.getByRole('textbox', { name: 'Redirect URL' })).toHaveValue(`${baseURL}/api/v1/connectors/oauth/callback`);
  await expect(notion.getByRole('button', { name: 'Copy redirect URL' })).toBeVisible();
  await expectAccessible();

  await notion.getByRole('button', { name: 'Edit the app' }).click();
  await expect(notion.getByRole('textbox', { name: 'Token URL' })).toHaveValue(`${baseURL}/demo-oauth/token`);
  await expect(notion.getByText('A client secret is stored. Type a new one to replace it.')).toBeVisible();
  await expect(notion.getByLabel('Client secret')).toHaveValue('');
  await expectAccessible();
});

test('a member opens Settings from the header and finds their API keys, without the OAuth apps', async ({ page, signInAs, expectAccessible }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await signInAs('alice@acme.test');
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New API key' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'OAuth apps' })).toBeHidden();
  await expect(page.getByText('Only admins can manage settings')).toBeHidden();
  await expect.poll(() => requests).toContain('/api/v1/api-keys');
  expect(requests.filter((path) => path.includes('/oauth-apps'))).toEqual([]);
  await expectAccessible();
});
