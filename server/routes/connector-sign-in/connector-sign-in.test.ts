import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../store/database';
import { createStore } from '../../store/store';
import { createTokenRefresher } from '../../oauth/token-refresher';
import { startOAuthTestServer, testBrowser, type OAuthTestServer, type TestBrowser } from '../../testing/oauth-server';
import { emptyPostgresDatabase, selectRows } from '../../testing/test-database';

const postgresUrl = inject('postgresUrl');

type Caller = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; text: string }>;

function callerFor(server: OAuthTestServer, token: string, browser?: TestBrowser, responses: string[] = []): Caller {
  return async (method, path, body) => {
    const init: RequestInit = {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    const { response, text } = browser ? await browser.request(`${server.url}/api/v1${path}`, init) : await plain(`${server.url}/api/v1${path}`, init);
    responses.push(text);
    return { status: response.status, body: text ? JSON.parse(text) : null, text };
  };
}

async function plain(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  return { response, text: await response.text() };
}

const byName = async (api: Caller, name: string) => {
  const { body } = await api('GET', `/connectors?search=${encodeURIComponent(name)}`);
  const connector = body.connectors.find((candidate: { instanceName: string }) => candidate.instanceName === name);
  if (!connector) throw new Error(`no connector ${name}`);
  return connector;
};

/**
 * Goes through the demo provider's pages: signs in unless its session remembers the person, and answers
 * the consent page unless an earlier grant covers it; ends where the dashboard is sent back to.
 */
async function throughProvider(browser: TestBrowser, authorizationUrl: string, decision: 'allow' | 'deny' = 'allow') {
  let page = await browser.request(authorizationUrl);
  for (let step = 0; page.url.pathname.startsWith('/demo-oauth/interaction/'); step++) {
    if (step > 3) throw new Error(`stuck at the provider: ${page.text}`);
    const signIn = page.text.includes('Sign in to the demo provider');
    page = await browser.submit(page.url, signIn ? { account: 'alice', decision: decision === 'deny' ? 'deny' : 'sign-in' } : { decision });
  }
  return page;
}

const outcomeOf = (url: URL) => ({ path: url.pathname, signIn: url.searchParams.get('signIn'), connector: url.searchParams.get('signInConnector') });

describe('signing a connector in with OAuth (demo provider, real redirects)', () => {
  let server: OAuthTestServer;
  let responses: string[];
  let alice: Caller;
  let aliceBrowser: TestBrowser;
  let admin: Caller;

  beforeEach(async () => {
    server = await startOAuthTestServer();
    responses = [];
    aliceBrowser = testBrowser();
    alice = callerFor(server, await server.token('alice@acme.test'), aliceBrowser, responses);
    admin = callerFor(server, await server.token('admin@acme.test'), testBrowser(), responses);
  });
  afterEach(() => server.close());

  async function start(api: Caller, connectorId: string) {
    const started = await api('GET', `/connectors/${connectorId}/oauth/authorize`);
    expect(started.status, started.text).toBe(200);
    return started.body as { success: true; authorizationUrl: string; state: string };
  }

  it('signs a personal connector in: PKCE S256, tokens sealed, who and when recorded, then sync can be enabled', async () => {
    const notion = await byName(alice, 'Alice Notion');
    expect(notion.isAuthenticated).toBe(false);
    expect((await alice('POST', `/connectors/${notion.connectorId}/toggle`, { type: 'sync', enabled: true })).body.error.code).toBe('NOT_AUTHENTICATED');

    const { authorizationUrl, state } = await start(alice, notion.connectorId);
    const url = new URL(authorizationUrl);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    // The verifier is kept sealed beside the state; the challenge the provider got is its S256 hash.
    const [row] = await selectRows<{ code_verifier: string; state_hash: string }>(server.database, 'select code_verifier, state_hash from oauth_states');
    expect(row!.state_hash).not.toBe(state);
    const verifier = server.sealer.open(row!.code_verifier);
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));

    const back = await throughProvider(aliceBrowser, authorizationUrl);
    expect(outcomeOf(back.url)).toEqual({ path: `/connectors/${notion.connectorId}`, signIn: 'connected', connector: notion.connectorId });

    const signedIn = await byName(alice, 'Alice Notion');
    expect(signedIn).toMatchObject({ isAuthenticated: true, signedInBy: 'usr_alice', authProblem: null });
    expect(Date.now() - Date.parse(signedIn.signedInAt)).toBeLessThan(60_000);
    const tokens = await server.store.connectorTokens.read(notion.connectorId);
    expect(tokens?.accessToken).toBeTruthy();
    expect(tokens?.refreshToken).toBeTruthy();
    const [stored] = await selectRows<{ tokens: string }>(server.database, 'select tokens from connector_tokens');
    expect(stored!.tokens).not.toContain(tokens!.accessToken);

    const toggled = await alice('POST', `/connectors/${notion.connectorId}/toggle`, { type: 'sync', enabled: true });
    expect(toggled.status).toBe(200);
    expect(toggled.body.connector.syncEnabled).toBe(true);

    // No response and no log line carries a token, the verifier or the app's client secret.
    const app = await server.store.oauthApps.forSignIn('org_acme', 'notion');
    const secrets = [tokens!.accessToken, tokens!.refreshToken!, verifier, app!.clientSecret];
    for (const text of [...responses, ...server.logs]) for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('comes back to the page the sign-in started from', async () => {
    const notion = await byName(alice, 'Alice Notion');
    const started = await alice('GET', `/connectors/${notion.connectorId}/oauth/authorize?returnTo=${encodeURIComponent('/connectors?scope=personal')}`);
    const back = await throughProvider(aliceBrowser, started.body.authorizationUrl);
    expect(back.url.pathname).toBe('/connectors');
    expect(back.url.searchParams.get('scope')).toBe('personal');
    expect(back.url.searchParams.get('signIn')).toBe('connected');

    for (const returnTo of ['//evil.test/x', 'https://evil.test', '/\\evil.test']) {
      const refused = await alice('GET', `/connectors/${notion.connectorId}/oauth/authorize?returnTo=${encodeURIComponent(returnTo)}`);
      expect(refused.status, returnTo).toBe(400);
    }
  });

  it('refuses a replayed, forged or expired state, and one completed in another browser, changing nothing', async () => {
    const notion = await byName(alice, 'Alice Notion');
    const drive = await byName(alice, 'Alice Drive');

    // Replayed: the provider's redirect back, sent a second time.
    const { authorizationUrl } = await start(alice, notion.connectorId);
    await throughProvider(aliceBrowser, authorizationUrl);
    const callback = aliceBrowser.seen.map((line) => line.split(' ')[1]!).find((seen) => seen.includes('/oauth/callback'))!;
    await alice('DELETE', `/connectors/${notion.connectorId}/oauth`);
    const replayed = await aliceBrowser.request(callback);
    expect(outcomeOf(replayed.url)).toMatchObject({ signIn: 'replayed', connector: notion.connectorId });
    expect((await byName(alice, 'Alice Notion')).isAuthenticated).toBe(false);

    // Forged: a state the server never made.
    const forged = await aliceBrowser.request(`${server.url}/api/v1/connectors/oauth/callback?code=abc&state=made-up`);
    expect(outcomeOf(forged.url)).toEqual({ path: '/connectors', signIn: 'invalid_state', connector: null });

    // Expired: the state outlived its ten minutes while the person was at the provider.
    const late = await start(alice, notion.connectorId);
    await selectRows(server.database, `update oauth_states set expires_at = now() - interval '1 second' where used_at is null`);
    expect(outcomeOf((await throughProvider(aliceBrowser, late.authorizationUrl)).url).signIn).toBe('expired');

    // Another person's: Bob's browser holds no binding for the sign-in Alice started.
    const bobBrowser = testBrowser();
    const aliceStarted = await start(alice, notion.connectorId);
    expect(outcomeOf((await throughProvider(bobBrowser, aliceStarted.authorizationUrl)).url).signIn).toBe('other_browser');

    // Another connector's: this browser started a sign-in for Alice Drive, not for the state it returns with.
    const otherBrowser = testBrowser();
    await callerFor(server, await server.token('alice@acme.test'), otherBrowser)('GET', `/connectors/${drive.connectorId}/oauth/authorize`);
    const notionStarted = await start(alice, notion.connectorId);
    expect(outcomeOf((await throughProvider(otherBrowser, notionStarted.authorizationUrl)).url).signIn).toBe('other_browser');

    expect((await byName(alice, 'Alice Notion')).isAuthenticated).toBe(false);
    expect(await server.store.connectorTokens.has(notion.connectorId)).toBe(false);
  });

  it('reports a refusal at the provider and a failed code exchange, changing nothing', async () => {
    const notion = await byName(alice, 'Alice Notion');
    const denied = await throughProvider(aliceBrowser, (await start(alice, notion.connectorId)).authorizationUrl, 'deny');
    expect(outcomeOf(denied.url).signIn).toBe('denied');

    // The app's secret changes while the person is at the provider: the token endpoint refuses the client.
    const started = await start(alice, notion.connectorId);
    const app = (await server.store.oauthApps.list('org_acme')).find((candidate) => candidate.connectorType === 'notion')!;
    await server.store.oauthApps.save('org_acme', 'notion', { ...app, issuer: app.issuer ?? '', clientSecret: 'not-the-secret' }, 'usr_admin');
    expect(outcomeOf((await throughProvider(aliceBrowser, started.authorizationUrl)).url).signIn).toBe('exchange_failed');
    expect(server.logs.some((line) => line.includes('failed at the token exchange'))).toBe(true);

    expect((await byName(alice, 'Alice Notion')).isAuthenticated).toBe(false);
  });

  it('lets only those who may change a connector sign it in; admin consent needs an admin', async () => {
    const bob = callerFor(server, await server.token('bob@acme.test'));
    const notion = await byName(alice, 'Alice Notion');
    expect((await bob('GET', `/connectors/${notion.connectorId}/oauth/authorize`)).status).toBe(404);
    const teamNotion = await byName(alice, 'Product Notion');
    const refused = await alice('GET', `/connectors/${teamNotion.connectorId}/oauth/authorize`);
    expect(refused.status).toBe(403);
    const companyDrive = await byName(admin, 'Company Drive');
    expect((await admin('GET', `/connectors/${companyDrive.connectorId}/oauth/authorize`)).status).toBe(200);
    const jira = await byName(admin, 'Support Jira');
    expect((await admin('GET', `/connectors/${jira.connectorId}/oauth/authorize`)).body.error.code).toBe('VALIDATION_ERROR');

    await server.store.oauthApps.remove('org_acme', 'notion');
    const noApp = await alice('GET', `/connectors/${notion.connectorId}/oauth/authorize`);
    expect(noApp.body.error).toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringContaining('ask an admin') });
  });

  it('reconnects a team connector in place and disconnects it, turning sync and the agent off', async () => {
    const slack = await byName(admin, 'Engineering Slack');
    expect(slack).toMatchObject({ isAuthenticated: true, syncEnabled: true });
    const adminBrowser = testBrowser();
    const adminApi = callerFor(server, await server.token('admin@acme.test'), adminBrowser);
    const back = await throughProvider(adminBrowser, (await start(adminApi, slack.connectorId)).authorizationUrl);
    expect(outcomeOf(back.url).signIn).toBe('connected');
    const reconnected = await byName(admin, 'Engineering Slack');
    expect(reconnected).toMatchObject({ connectorId: slack.connectorId, isAuthenticated: true, syncEnabled: true, signedInBy: 'usr_admin' });

    const disconnected = await admin('DELETE', `/connectors/${slack.connectorId}/oauth`);
    expect(disconnected.status).toBe(200);
    expect(disconnected.body.connector).toMatchObject({ isAuthenticated: false, syncEnabled: false, agentEnabled: false, signedInAt: null });
    expect(await server.store.connectorTokens.has(slack.connectorId)).toBe(false);
  });

  describe('token refresh', () => {
    async function signedInNotion() {
      const notion = await byName(alice, 'Alice Notion');
      await throughProvider(aliceBrowser, (await start(alice, notion.connectorId)).authorizationUrl);
      await alice('POST', `/connectors/${notion.connectorId}/toggle`, { type: 'sync', enabled: true });
      const tokens = (await server.store.connectorTokens.read(notion.connectorId))!;
      const due = { connectorId: notion.connectorId, orgId: 'org_acme', connectorType: 'notion' };
      return { notion, tokens, due, nearExpiry: new Date(tokens.expiresAt!.getTime() - 60_000) };
    }

    it('renews tokens before they expire, once even when asked twice at the same time', async () => {
      const { notion, tokens, nearExpiry } = await signedInNotion();
      const refresher = createTokenRefresher(server.store);
      expect(await refresher.refreshDue(new Date())).toEqual([]);
      const outcomes = (await Promise.all([refresher.refreshDue(nearExpiry), refresher.refreshDue(nearExpiry)])).flat();
      expect(outcomes.filter((outcome) => outcome === 'refreshed')).toHaveLength(1);
      const renewed = (await server.store.connectorTokens.read(notion.connectorId))!;
      expect(renewed.accessToken).not.toBe(tokens.accessToken);
      expect(renewed.expiresAt!.getTime()).toBeGreaterThan(tokens.expiresAt!.getTime() - 1000);
      expect((await byName(alice, 'Alice Notion')).isAuthenticated).toBe(true);
    });

    it('signs the connector out with the reason when the provider refuses to renew: never a silent off', async () => {
      const { notion, tokens, due, nearExpiry } = await signedInNotion();
      const app = (await server.store.oauthApps.forSignIn('org_acme', 'notion'))!;
      const revoked = await fetch(`${server.provider.issuer}/token/revocation`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: tokens.refreshToken!, token_type_hint: 'refresh_token' }).toString(),
      });
      expect(revoked.status).toBe(200);

      expect(await createTokenRefresher(server.store).refreshConnector(due, nearExpiry)).toBe('refused');
      const after = await byName(alice, 'Alice Notion');
      expect(after).toMatchObject({ isAuthenticated: false, syncEnabled: false, agentEnabled: false });
      expect(after.authProblem).toEqual({ code: 'REFRESH_REFUSED', message: 'Notion refused to renew the sign-in (invalid_grant)', at: nearExpiry.toISOString() });
      expect(await server.store.connectorTokens.has(notion.connectorId)).toBe(false);
      const toggle = await alice('POST', `/connectors/${notion.connectorId}/toggle`, { type: 'sync', enabled: true });
      expect(toggle.body.error.code).toBe('NOT_AUTHENTICATED');
    });

    it('keeps the sign-in when the provider cannot be reached, and tries again after the lease', async () => {
      const { due, nearExpiry } = await signedInNotion();
      const app = (await server.store.oauthApps.list('org_acme')).find((candidate) => candidate.connectorType === 'notion')!;
      await server.store.oauthApps.save('org_acme', 'notion', { ...app, issuer: app.issuer ?? '', tokenUrl: 'http://127.0.0.1:9/token', clientSecret: '' }, 'usr_admin');
      const refresher = createTokenRefresher(server.store);
      expect(await refresher.refreshConnector(due, nearExpiry)).toBe('failed');
      expect(await refresher.refreshConnector(due, nearExpiry)).toBe('skipped');
      expect((await byName(alice, 'Alice Notion')).isAuthenticated).toBe(true);
    });
  });
});

describe.skipIf(!postgresUrl)('token refresh across processes on PostgreSQL', () => {
  it('renews once when two server processes on one database try at the same moment', async () => {
    const empty = await emptyPostgresDatabase(postgresUrl!);
    const server = await startOAuthTestServer({ database: await openDatabase({ kind: 'postgres', url: empty.url }) });
    try {
      const alice = callerFor(server, await server.token('alice@acme.test'), testBrowser());
      const browser = testBrowser();
      const aliceInBrowser = callerFor(server, await server.token('alice@acme.test'), browser);
      const notion = await byName(alice, 'Alice Notion');
      const started = await aliceInBrowser('GET', `/connectors/${notion.connectorId}/oauth/authorize`);
      await throughProvider(browser, started.body.authorizationUrl);
      const tokens = (await server.store.connectorTokens.read(notion.connectorId))!;
      const nearExpiry = new Date(tokens.expiresAt!.getTime() - 60_000);

      // A second process: its own connection pool and store over the same database.
      const other = await openDatabase({ kind: 'postgres', url: empty.url });
      try {
        const outcomes = await Promise.all([
          createTokenRefresher(server.store).refreshDue(nearExpiry),
          createTokenRefresher(createStore(other, server.sealer)).refreshDue(nearExpiry),
        ]);
        expect(outcomes.flat().filter((outcome) => outcome === 'refreshed')).toHaveLength(1);
        expect((await byName(alice, 'Alice Notion')).isAuthenticated).toBe(true);
      } finally {
        await other.close();
      }
    } finally {
      await server.close();
      await empty.drop();
    }
  });
});
