import type { BrowserContext, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { ConnectorsPage } from './pages/connectors-page';
import { EditorPage } from './pages/editor-page';

// Faults injected between the page and the real server; the one place responses are stubbed.
type Fault = {
  name: string;
  /** Whether the server ends up with the change. */
  applied: boolean;
  inject: (route: Route, context: BrowserContext) => Promise<void>;
};

const internalError = { success: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again in a moment.' } };

const faults: Fault[] = [
  { name: '500', applied: false, inject: (route) => route.fulfill({ status: 500, json: internalError }) },
  { name: '503 from a proxy', applied: false, inject: (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' }) },
  // Never answered: the client's own timeout (15 s) ends the wait.
  { name: 'timeout', applied: false, inject: () => new Promise<void>(() => {}) },
  {
    name: 'offline',
    applied: false,
    inject: async (route, context) => {
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    },
  },
  {
    name: '500 but applied',
    applied: true,
    inject: async (route) => {
      await route.fetch();
      await route.fulfill({ status: 500, json: internalError });
    },
  },
];

test.describe('faults on a toggle: the switch ends on the server’s state, with at most one message', () => {
  for (const fault of faults) {
    test(fault.name, async ({ page, context, signInAs, apiAs }) => {
      test.setTimeout(60_000);
      const api = await apiAs('admin@acme.test');
      await api.setToggle('Engineering Slack', 'agent', false);
      await signInAs('admin@acme.test', '/connectors?search=Engineering');
      const list = new ConnectorsPage(page);
      const agent = list.switch('Agent', 'Engineering Slack');
      await expect(agent).not.toBeChecked();

      await page.route('**/api/v1/connectors/*/toggle', (route) => fault.inject(route, context), { times: 1 });
      await agent.click();
      // The switch moves at once; a fast refusal may already have put it back, so only a slow one is checked.
      if (fault.name === 'timeout') await expect(agent).toBeChecked();

      await expect(agent).not.toHaveAttribute('aria-busy', 'true', { timeout: 25_000 });
      await context.setOffline(false);
      const server = await api.connector('Engineering Slack');
      expect(server.agentEnabled).toBe(fault.applied);
      await expect(agent).toBeChecked({ checked: fault.applied });
      await expect(page.getByRole('alert')).toHaveCount(fault.applied ? 0 : 1);
    });
  }
});

test.describe('faults on a save: nothing typed is lost, and a save that landed counts as saved', () => {
  for (const fault of faults) {
    test(fault.name, async ({ page, context, signInAs, apiAs }) => {
      test.setTimeout(60_000);
      const api = await apiAs('admin@acme.test');
      const before = await api.connector('Docs Confluence');
      await signInAs('admin@acme.test');
      const editor = new EditorPage(page);
      await editor.open('Docs Confluence');
      const source = `https://acme.atlassian.net/wiki/${fault.name.replace(/\W+/g, '-')}`;
      await editor.field('Source').fill(source);

      await page.route('**/api/v1/connectors/*/config', (route) => (route.request().method() === 'PUT' ? fault.inject(route, context) : route.fallback()), { times: 1 });
      await editor.saveSettings();

      const saveButton = page.getByRole('button', { name: 'Save settings' });
      if (fault.applied) {
        await editor.expectSaved();
        await expect(page.getByRole('alert')).toHaveCount(0);
      } else {
        await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible({ timeout: 25_000 });
        await expect(page.getByRole('alert')).toHaveCount(1);
        await expect(editor.field('Source')).toHaveValue(source);
        await context.setOffline(false);
        await expect(saveButton).toBeEnabled();
      }
      const server = await api.connector('Docs Confluence');
      expect(server.dataLoaderConfig.source).toBe(fault.applied ? source : before.dataLoaderConfig.source);
    });
  }
});
