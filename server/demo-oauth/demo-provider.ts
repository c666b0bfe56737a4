import { randomBytes } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import Provider, { type Configuration } from 'oidc-provider';
import { oauthConnectorTypes } from '../../contract/oauth';
import { signInRedirectUrl } from '../http/public-url';
import type { OAuthAppStore } from '../store/oauth-apps';
import { consentPage, signInPage } from './pages';

export const DEMO_OAUTH_PATH = '/demo-oauth';
const DEMO_SCOPES = ['read', 'offline_access'];
const demoClientId = (connectorType: string) => `demo-${connectorType}`;

export type DemoOAuthProvider = {
  issuer: string;
  path: string;
  routes: Hono<{ Bindings: HttpBindings }>;
  /** Points the org's OAuth apps at this provider, leaving any app an admin set up alone. */
  configureApps(apps: OAuthAppStore, orgId: string, adminId: string): Promise<void>;
};

/**
 * A real OAuth 2.0 authorization server (oidc-provider) for the demo org, since no real provider is
 * reachable from a demo: real redirects, codes, PKCE and refresh tokens. Its state lives in this
 * process's memory, so it serves one process only.
 */
export function createDemoOAuthProvider({ origins, tokenLifetimeSeconds = 3600 }: { origins: string[]; tokenLifetimeSeconds?: number }): DemoOAuthProvider {
  const issuer = `${origins[0]}${DEMO_OAUTH_PATH}`;
  const clientSecret = randomBytes(32).toString('base64url');
  const configuration: Configuration = {
    clients: oauthConnectorTypes.map((type) => ({
      client_id: demoClientId(type.id),
      client_secret: clientSecret,
      client_name: `connector-console (${type.displayName})`,
      redirect_uris: origins.map(signInRedirectUrl),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    scopes: DEMO_SCOPES,
    pkce: { required: () => true },
    // Refresh tokens without the OpenID Connect `offline_access` ceremony, as most providers do.
    issueRefreshToken: async () => true,
    features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `${DEMO_OAUTH_PATH}/interaction/${interaction.uid}` },
    ttl: { AccessToken: tokenLifetimeSeconds, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 14 * 86_400, RefreshToken: 14 * 86_400 },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
  };
  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();

  const routes = new Hono<{ Bindings: HttpBindings }>();
  routes.get('/interaction/:uid', async (c) => {
    const { incoming, outgoing } = c.env;
    const details = await provider.interactionDetails(incoming, outgoing);
    const client = await provider.Client.find(String(details.params.client_id));
    const appName = client?.clientName ?? 'connector-console';
    const action = `${DEMO_OAUTH_PATH}/interaction/${details.uid}`;
    return c.html(details.prompt.name === 'login' ? signInPage(action, appName) : consentPage(action, appName, String(details.params.scope ?? '')));
  });
  routes.post('/interaction/:uid', async (c) => {
    const { incoming, outgoing } = c.env;
    const details = await provider.interactionDetails(incoming, outgoing);
    const form = await c.req.parseBody();
    let result: Parameters<Provider['interactionResult']>[2];
    if (form.decision === 'deny') {
      result = { error: 'access_denied', error_description: 'The person declined access' };
    } else if (details.prompt.name === 'login') {
      const account = typeof form.account === 'string' ? form.account.trim() : '';
      if (!account) return c.html(signInPage(`${DEMO_OAUTH_PATH}/interaction/${details.uid}`, 'connector-console', 'Enter a name to sign in with'), 400);
      result = { login: { accountId: account } };
    } else {
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error('The grant of this sign-in is gone');
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
      result = { consent: { grantId: await grant.save() } };
    }
    const returnTo = await provider.interactionResult(incoming, outgoing, result, { mergeWithLastSubmission: false });
    return c.redirect(returnTo, 303);
  });
  // Everything else is the provider's own: authorize, token, revocation, discovery.
  routes.all('*', (c) => {
    const { incoming, outgoing } = c.env;
    const url = incoming.url ?? '/';
    Object.assign(incoming, { originalUrl: url, url: url.slice(DEMO_OAUTH_PATH.length) || '/' });
    void handle(incoming, outgoing);
    return RESPONSE_ALREADY_SENT;
  });

  return {
    issuer,
    path: DEMO_OAUTH_PATH,
    routes,
    async configureApps(apps, orgId, adminId) {
      const existing = new Map((await apps.list(orgId)).map((app) => [app.connectorType, app]));
      for (const type of oauthConnectorTypes) {
        const current = existing.get(type.id);
        if (current && current.clientId !== demoClientId(type.id)) continue;
        await apps.save(
          orgId,
          type.id,
          { clientId: demoClientId(type.id), clientSecret, authorizeUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token`, issuer, scopes: DEMO_SCOPES },
          adminId,
        );
      }
    },
  };
}
