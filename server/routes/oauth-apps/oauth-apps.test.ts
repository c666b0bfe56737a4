import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, type Api } from '../../testing/api';
import { selectRows } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

const notionApp = {
  clientId: 'notion-client',
  clientSecret: 'notion-client-secret-1234',
  authorizeUrl: 'https://api.notion.com/v1/oauth/authorize',
  tokenUrl: 'https://api.notion.com/v1/oauth/token',
  scopes: [],
};

describe('OAuth apps', () => {
  let server: TestServer;
  let admin: Api;
  let alice: Api;

  beforeEach(async () => {
    server = await startTestServer();
    admin = apiAs(server, await server.token('admin@acme.test'));
    alice = apiAs(server, await server.token('alice@acme.test'));
  });
  afterEach(() => server.close());

  it('lists every OAuth type with the redirect URL to register, and saves an app with its secret sealed and never returned', async () => {
    const empty = await admin('GET', '/oauth-apps');
    expect(empty.status).toBe(200);
    expect(empty.body.apps.map((slot: { connectorType: string }) => slot.connectorType)).toEqual(['google-drive', 'slack', 'jira', 'confluence', 'notion']);
    expect(empty.body.apps[0]).toEqual({ connectorType: 'google-drive', displayName: 'Google Drive', redirectUrl: 'http://localhost/api/v1/connectors/oauth/callback', app: null });

    const saved = await admin('PUT', '/oauth-apps/notion', notionApp);
    expect(saved.status).toBe(200);
    expect(saved.body.app.app).toMatchObject({ clientId: 'notion-client', hasClientSecret: true, issuer: null, updatedBy: 'usr_admin' });
    expect(saved.text).not.toContain(notionApp.clientSecret);
    const [row] = await selectRows<{ client_secret: string }>(server.database, `select client_secret from oauth_apps where connector_type = 'notion'`);
    expect(row!.client_secret).not.toContain(notionApp.clientSecret);
    expect(server.sealer.open(row!.client_secret)).toBe(notionApp.clientSecret);

    // Saved again without a secret: the stored one stays.
    const renamed = await admin('PUT', '/oauth-apps/notion', { ...notionApp, clientId: 'notion-client-2', clientSecret: '' });
    expect(renamed.body.app.app).toMatchObject({ clientId: 'notion-client-2', hasClientSecret: true });
    expect((await server.store.oauthApps.forSignIn('org_acme', 'notion'))!.clientSecret).toBe(notionApp.clientSecret);

    expect((await admin('DELETE', '/oauth-apps/notion')).body.app.app).toBeNull();
    expect((await admin('DELETE', '/oauth-apps/notion')).status).toBe(404);
    for (const text of server.logs) expect(text).not.toContain(notionApp.clientSecret);
  });

  it('refuses bad input with the one error shape, and members', async () => {
    const cases: [string, unknown][] = [
      ['plain http to another host', { ...notionApp, tokenUrl: 'http://api.notion.com/token' }],
      ['a user in the URL', { ...notionApp, authorizeUrl: 'https://user:pass@api.notion.com/authorize' }],
      ['a scope with a space', { ...notionApp, scopes: ['read write'] }],
      ['an unknown field', { ...notionApp, extra: true }],
      ['no client id', { ...notionApp, clientId: ' ' }],
    ];
    for (const [what, body] of cases) {
      const refused = await admin('PUT', '/oauth-apps/notion', body);
      expect(refused.status, what).toBe(400);
      expect(refused.body.error.code, what).toBe('VALIDATION_ERROR');
    }
    const noSecret = await admin('PUT', '/oauth-apps/notion', { ...notionApp, clientSecret: undefined });
    expect(noSecret.body.error.message).toContain('client secret');
    expect((await admin('PUT', '/oauth-apps/postgres', notionApp)).status).toBe(404);
    expect((await admin('GET', '/oauth-apps')).body.apps.every((slot: { app: unknown }) => slot.app === null)).toBe(true);

    expect((await alice('GET', '/oauth-apps')).status).toBe(403);
    expect((await alice('PUT', '/oauth-apps/notion', notionApp)).status).toBe(403);
    // Loopback http is allowed: a provider run beside the server.
    expect((await admin('PUT', '/oauth-apps/notion', { ...notionApp, tokenUrl: 'http://127.0.0.1:9000/token' })).status).toBe(200);
  });
});
