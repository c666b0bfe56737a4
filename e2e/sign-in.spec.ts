import { DEMO_PASSWORD, expect, test } from './fixtures';

test('an admin signs in with the form, lands on the list, signs out and comes back to the page asked for', async ({ page, expectAccessible }) => {
  await page.goto('/connectors?scope=team');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText('admin@acme.test')).toBeVisible(); // the demo accounts beside the form
  await expectAccessible();

  await page.getByLabel('Email', { exact: true }).fill('admin@acme.test');
  await page.getByLabel('Password', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password')).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/connectors\?scope=team$/);
  await expect(page.getByRole('switch', { name: 'Sync for Company Drive' })).toBeVisible();
  await expectAccessible();

  await page.getByRole('button', { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/connectors');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an expired session returns to sign-in and then to the same page', async ({ page, signInAs }) => {
  await signInAs('bob@acme.test', '/connectors?search=Bob');
  await expect(page.getByRole('switch', { name: 'Sync for Bob Jira' })).toBeVisible();
  // The server forgets the session (as when it expires): the next request is refused.
  await page.evaluate(async (key) => {
    await fetch('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${localStorage.getItem(key)}` } });
  }, 'connector-console.token');
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email', { exact: true }).fill('bob@acme.test');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/connectors\?search=Bob$/);
});
