import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, TOKEN_KEY } from './fixtures';

const run = Date.now().toString(36);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

test('first run: the link the server prints makes the organisation and its first admin, once', async ({ page, expectAccessible }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'connector-console-first-run-'));
  const port = await freePort();
  // The built server as `npm start` runs it, on an empty database without demo data.
  const server = spawn(process.execPath, ['dist-server/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '0', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  try {
    await expect.poll(() => /first run: open (\S+)/.exec(output)?.[1], { timeout: 60_000 }).toBeDefined();
    const link = /first run: open (\S+)/.exec(output)![1]!;

    // Without the link, the sign-in page says where to start instead of offering a form nobody can use.
    await page.goto(`http://127.0.0.1:${port}/sign-in`);
    await expect(page.getByText('This server has no organisation yet.')).toBeVisible();

    await page.goto(link);
    const form = page.getByRole('form', { name: 'Set up' });
    await form.getByRole('textbox', { name: 'Organisation name' }).fill('Initech');
    await form.getByRole('textbox', { name: 'Your name' }).fill('Peter Gibbons');
    await form.getByRole('textbox', { name: 'Email' }).fill('peter@initech.test');
    await form.getByRole('textbox', { name: 'Password' }).fill('short');
    await form.getByRole('button', { name: 'Create organisation' }).click();
    await expect(form.getByText('Use at least 12 characters')).toBeVisible();
    await expectAccessible();
    await form.getByRole('textbox', { name: 'Password' }).fill('a long enough passphrase');
    await form.getByRole('button', { name: 'Create organisation' }).click();
    await expect(page).toHaveURL(/\/connectors/);
    await expect(page.getByRole('banner')).toContainText('Peter Gibbons');
    await expect(page.getByRole('banner').getByRole('link', { name: 'People' })).toBeVisible();

    await page.goto(link);
    await expect(page.getByText('This server is already set up')).toBeVisible();
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an admin invites someone, who joins from another browser; removing them signs them out there', async ({ page, browser, signInAs, apiAs, expectAccessible }) => {
  const email = `carol-${run}@acme.test`;
  const name = `Carol ${run}`;
  await signInAs('admin@acme.test');
  await page.getByRole('banner').getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();

  await page.getByRole('button', { name: 'Invite someone' }).click();
  const invite = page.getByRole('form', { name: 'Invite someone' });
  await invite.getByRole('textbox', { name: 'Email' }).fill(email);
  await invite.getByRole('button', { name: 'Create invitation link' }).click();
  const linkField = page.getByRole('dialog', { name: 'Invitation link' }).getByRole('textbox', { name: 'Invitation link' });
  await expect(linkField).toHaveValue(/\/invite\?token=/);
  await expectAccessible();
  const link = await linkField.inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toContainText(email);

  // The person invited, in a browser of their own.
  const theirs = await browser.newContext();
  const carol = await theirs.newPage();
  await carol.goto(link);
  const join = carol.getByRole('form', { name: 'Join Acme' });
  await expect(join.getByRole('textbox', { name: 'Email' })).toHaveValue(email);
  await join.getByRole('textbox', { name: 'Your name' }).fill(name);
  await join.getByRole('textbox', { name: 'Password' }).fill('correct horse battery staple');
  await join.getByRole('button', { name: 'Join Acme' }).click();
  await expect(carol).toHaveURL(/\/connectors/);
  await expect(carol.getByRole('banner')).toContainText(name);
  // Something of their own, which goes with them.
  const token = await carol.evaluate((key) => window.localStorage.getItem(key), TOKEN_KEY);
  const created = await carol.request.post('/api/v1/connectors', {
    headers: { authorization: `Bearer ${token}` },
    data: { connectorType: 'web', instanceName: `Carol's notes ${run}`, scope: 'personal', authType: 'NONE', config: { sync: { source: 'https://acme.test/carol' } } },
  });
  expect(created.status()).toBe(201);

  await page.reload();
  const members = page.getByRole('table', { name: 'Members' });
  await expect(members).toContainText(name);
  await expect(page.getByRole('table', { name: 'Pending invitations' }).getByText(email)).toHaveCount(0);
  await members.getByRole('button', { name: `Remove ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${name}?` });
  await expect(dialog).toContainText('Their 1 personal connector will be deleted.');
  await dialog.getByRole('button', { name: 'Remove person' }).click();
  await expect(dialog).toBeHidden();
  await expect(members).not.toContainText(name);

  await carol.reload();
  await expect(carol).toHaveURL(/\/sign-in/);
  const admin = await apiAs('admin@acme.test');
  const events = (await admin.call('GET', '/security-events?action=removed')).body.events;
  expect(events[0]).toMatchObject({ subject: { name }, details: { deletedConnectors: 1 } });
  await theirs.close();
});
