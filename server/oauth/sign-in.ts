import { timingSafeEqual } from 'node:crypto';
import type { User } from '../../contract/auth';
import type { Connector } from '../../contract/connector';
import { connectorTypeName } from '../../contract/connector-types';
import { SIGN_IN_STATE_TTL_MS, type SignInOutcome } from '../../contract/oauth';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { Caller } from '../store/activity';
import { ensureMaySignIn } from '../store/connectors';
import type { Store } from '../store/store';
import { AuthorizationRefused, authorizationRequest, exchangeCode } from './oauth-client';

export type SignInStart = { authorizationUrl: string; state: string; binding: string };
export type SignInResult = { outcome: SignInOutcome; returnTo: string; connectorId?: string };

const sameHash = (value: string, hash: string) => {
  const actual = Buffer.from(hashToken(value), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/**
 * The authorization-code flow with PKCE. The state is single use, expires, and belongs to one person,
 * one connector and the browser that started it (a cookie whose hash is kept beside the state).
 */
export function createSignInFlow(store: Store, log: (line: string) => void = () => {}) {
  async function completedBy(user: User | undefined, connectorId: string): Promise<Connector | undefined> {
    if (!user) return undefined;
    try {
      const connector = await store.connectors.get(user, connectorId);
      ensureMaySignIn(user, connector);
      return connector;
    } catch {
      return undefined;
    }
  }

  return {
    async start(viewer: Caller, connectorId: string, redirectUrl: string, returnTo: string, now = new Date()): Promise<SignInStart> {
      const connector = await store.connectors.get(viewer, connectorId);
      ensureMaySignIn(viewer, connector);
      const app = await store.oauthApps.forSignIn(viewer.orgId, connector.connectorType);
      const name = connectorTypeName(connector.connectorType);
      if (!app) {
        throw new AppError(
          'NOT_CONFIGURED',
          viewer.role === 'admin' ? `Set up the ${name} OAuth app in Settings first` : `Signing in to ${name} is not set up yet: ask an admin to add the ${name} OAuth app in Settings`,
        );
      }
      const request = await authorizationRequest(app, redirectUrl);
      const binding = newToken();
      await store.oauthStates.create(
        {
          stateHash: hashToken(request.state),
          bindingHash: hashToken(binding),
          userId: viewer.id,
          connectorId,
          codeVerifier: request.codeVerifier,
          redirectUrl,
          returnTo,
          expiresAt: new Date(now.getTime() + SIGN_IN_STATE_TTL_MS),
        },
        now,
      );
      return { authorizationUrl: request.url.href, state: request.state, binding };
    },

    /** Handles the provider's redirect; `bindingOf` reads the browser's cookie for a connector. */
    async finish(parameters: URLSearchParams, bindingOf: (connectorId: string) => string | undefined, now = new Date()): Promise<SignInResult> {
      const state = parameters.get('state');
      const consumed = state ? await store.oauthStates.consume(hashToken(state), now) : undefined;
      if (!state || !consumed) return { outcome: 'invalid_state', returnTo: '/connectors' };
      const { row, problem } = consumed;
      const result = (outcome: SignInOutcome): SignInResult => ({ outcome, returnTo: row.returnTo, connectorId: row.connectorId });
      if (problem) return result(problem);
      const binding = bindingOf(row.connectorId);
      if (!binding || !sameHash(binding, row.bindingHash)) return result('other_browser');

      // Permissions are checked again: a role or an owner may have changed while the person was away.
      const user = await store.users.byId(row.userId);
      const connector = await completedBy(user, row.connectorId);
      if (!user || !connector) return result('forbidden');
      const app = await store.oauthApps.forSignIn(user.orgId, connector.connectorType);
      if (!app) return result('no_app');

      let tokens;
      try {
        tokens = await exchangeCode(app, parameters, state, row.codeVerifier, row.redirectUrl, now);
      } catch (error) {
        if (error instanceof AuthorizationRefused) return result(error.error === 'access_denied' ? 'denied' : 'provider_error');
        log(`sign-in to connector ${row.connectorId} failed at the token exchange: ${error instanceof Error ? error.message : String(error)}`);
        return result('exchange_failed');
      }
      await store.connectorTokens.save(row.connectorId, tokens);
      try {
        await store.connectors.signedIn({ ...user, via: 'dashboard' }, row.connectorId, now);
      } catch {
        await store.connectorTokens.remove(row.connectorId);
        return result('forbidden');
      }
      return result('connected');
    },

    /** Forgets the tokens; sync and the agent go off with the sign-in. */
    async disconnect(viewer: Caller, connectorId: string): Promise<Connector> {
      const connector = await store.connectors.signOut(viewer, connectorId);
      await store.connectorTokens.remove(connectorId);
      return connector;
    },
  };
}

export type SignInFlow = ReturnType<typeof createSignInFlow>;
