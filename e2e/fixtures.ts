import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';
export const TOKEN_KEY = 'connector-console.token';

export type ApiResult = { status: number; body: any };

/** Test data is read and arranged through the API, not the UI. */
export class Api {
  constructor(
    private readonly request: APIRequestContext,
    readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext, email: string): Promise<Api> {
    const response = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
    expect(response.status(), `sign-in as ${email}`).toBe(200);
    return new Api(request, (await response.json()).token);
  }

  async call(method: string, path: string, data?: unknown, headers: Record<string, string> = {}): Promise<ApiResult> {
    const response = await this.request.fetch(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...headers },
      ...(data === undefined ? {} : { data }),
    });
    return { status: response.status(), body: await response.json() };
  }

  async connector(name: string): Promise<any> {
    const { body } = await this.call('GET', `/connectors?search=${encodeURIComponent(name)}&limit=200`);
    const found = body.connectors.find((connector: { instanceName: string }) => connector.instanceName === name);
    if (!found) throw new Error(`No connector named ${name}`);
    return found;
  }

  /** Creates a connector whose settings need no credentials; specs name theirs after their run. */
  async createConnector(instanceName: string, { type = 'web', authType = 'NONE', scope = 'team', source = 'https://acme.test/docs' } = {}): Promise<any> {
    const created = await this.call('POST', '/connectors', { connectorType: type, instanceName, scope, authType, config: { sync: { source } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.connector;
  }


  async setToggle(name: string, type: 'sync' | 'agent', enabled: boolean): Promise<void> {
    const { connectorId } = await this.connector(name);
    const result = await this.call('POST', `/connectors/${connectorId}/toggle`, { type, enabled });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
  }

  async patch(name: string, patch: Record<string, unknown>): Promise<any> {
    const connector = await this.connector(name);
    const result = await this.call('PATCH', `/connectors/${connector.connectorId}`, patch, { 'if-match': `"${connector.version}"` });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    return result.body.connector;
  }
}

type Fixtures = {
  /** An API client signed in as the given demo user. */
  apiAs: (email: string) => Promise<Api>;
  /** Signs the page in through the API, then opens `path`. */
  signInAs: (email: string, path?: string) => Promise<void>;
  /** Fails on any WCAG 2.1 A or AA violation on the page as it is now. */
  expectAccessible: (page?: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  apiAs: async ({ request }, use) => {
    await use((email) => Api.signIn(request, email));
  },
  signInAs: async ({ page, request }, use) => {
    await use(async (email, path = '/connectors') => {
      const api = await Api.signIn(request, email);
      await page.addInitScript(([key, token]) => window.localStorage.setItem(key!, token!), [TOKEN_KEY, api.token]);
      await page.goto(path);
    });
  },
  expectAccessible: async ({ page }, use) => {
    await use(async (target = page) => {
      const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
    });
  },
});

export { expect };
