import { expect, test } from './fixtures';

test('the app is served with a strict Content-Security-Policy and runs under it', async ({ page, request, signInAs }) => {
  for (const path of ['/', '/connectors', '/sign-in']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();
  }

  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // Also what is refused without a console message (a caught `new Function`), which the page still
  // reports as a violation: kept in the tab's sessionStorage, across navigations, and read at the end.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]') as string[];
      sessionStorage.setItem('csp-violations', JSON.stringify([...seen, `${event.violatedDirective} ${event.blockedURI}`]));
    });
  });
  await signInAs('admin@acme.test');
  await expect(page.getByRole('switch', { name: 'Sync for Company Drive' })).toBeVisible();
  await page.getByRole('link', { name: 'Company Drive' }).first().click();
  await expect(page.getByRole('heading', { name: 'Company Drive' })).toBeVisible();
  violations.push(...(await page.evaluate(() => JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]') as string[])));
  expect(violations).toEqual([]);
});
