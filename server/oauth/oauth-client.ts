import * as oauth from 'oauth4webapi';
import type { OAuthClientApp } from '../store/oauth-apps';
import type { Tokens } from '../store/connector-tokens';

const TIMEOUT_MS = 10_000;

/** The provider answered that the grant is no good (RFC 6749 `invalid_grant` and kin): sign in again. */
export class GrantRefused extends Error {
  constructor(readonly error: string, description?: string) {
    super(description ? `${error}: ${description}` : error);
  }
}

/** The provider sent the person back with an error instead of a code (`access_denied` when they said no). */
export class AuthorizationRefused extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

function authorizationServer(app: OAuthClientApp): oauth.AuthorizationServer {
  return {
    // Without an issuer of its own, a provider that sends `iss` back must name the authorization URL's site.
    issuer: app.issuer ?? new URL(app.authorizeUrl).origin,
    authorization_endpoint: app.authorizeUrl,
    token_endpoint: app.tokenUrl,
  };
}

// The contract allows http only on loopback addresses (a provider run beside the server).
const requestOptions = (app: OAuthClientApp) => ({
  [oauth.allowInsecureRequests]: new URL(app.tokenUrl).protocol === 'http:',
  signal: AbortSignal.timeout(TIMEOUT_MS),
});

function toTokens(response: oauth.TokenEndpointResponse, now: Date, previous?: Tokens): Tokens {
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    // A provider that does not rotate refresh tokens leaves the old one valid.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    scope: response.scope ?? previous?.scope,
    expiresAt: response.expires_in === undefined ? null : new Date(now.getTime() + response.expires_in * 1000),
  };
}

/**
 * The provider's refusal of the grant itself, told apart from a network failure, a server error or a
 * wrong client secret (which is the org's app to fix, not each connector's sign-in).
 */
function refusal(error: unknown): unknown {
  if (error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant') {
    return new GrantRefused(error.error, error.error_description);
  }
  return error;
}

export async function authorizationRequest(app: OAuthClientApp, redirectUrl: string): Promise<{ url: URL; state: string; codeVerifier: string }> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(app.authorizeUrl);
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('redirect_uri', redirectUrl);
  url.searchParams.set('response_type', 'code');
  if (app.scopes.length > 0) url.searchParams.set('scope', app.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url, state, codeVerifier };
}

/** Checks the provider's answer at the callback and trades its code for tokens. */
export async function exchangeCode(
  app: OAuthClientApp,
  callbackParameters: URLSearchParams,
  expectedState: string,
  codeVerifier: string,
  redirectUrl: string,
  now = new Date(),
): Promise<Tokens> {
  const server = authorizationServer(app);
  const client: oauth.Client = { client_id: app.clientId };
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(server, client, callbackParameters, expectedState);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) throw new AuthorizationRefused(error.error);
    throw error;
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      client,
      oauth.ClientSecretBasic(app.clientSecret),
      parameters,
      redirectUrl,
      codeVerifier,
      requestOptions(app),
    );
    return toTokens(await oauth.processAuthorizationCodeResponse(server, client, response), now);
  } catch (error) {
    throw refusal(error);
  }
}

export async function refreshTokens(app: OAuthClientApp, tokens: Tokens, now = new Date()): Promise<Tokens> {
  if (!tokens.refreshToken) throw new GrantRefused('invalid_grant', 'the provider gave no refresh token');
  const server = authorizationServer(app);
  const client: oauth.Client = { client_id: app.clientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(server, client, oauth.ClientSecretBasic(app.clientSecret), tokens.refreshToken, requestOptions(app));
    return toTokens(await oauth.processRefreshTokenResponse(server, client, response), now, tokens);
  } catch (error) {
    throw refusal(error);
  }
}
