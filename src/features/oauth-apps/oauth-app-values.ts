import type { OAuthApp, OAuthAppInput } from '../../../contract/oauth';

/** What the inputs hold: text only, the scopes in one input. The client secret always starts empty. */
export type OAuthAppValues = { clientId: string; clientSecret: string; authorizeUrl: string; tokenUrl: string; issuer: string; scopes: string };

export function initialOAuthAppValues(app: OAuthApp | null): OAuthAppValues {
  return {
    clientId: app?.clientId ?? '',
    clientSecret: '',
    authorizeUrl: app?.authorizeUrl ?? '',
    tokenUrl: app?.tokenUrl ?? '',
    issuer: app?.issuer ?? '',
    scopes: app?.scopes.join(' ') ?? '',
  };
}

/** What to send: the whole app, with the client secret only when one was typed, since an empty one keeps the stored one. */
export function toOAuthAppInput(values: OAuthAppValues): OAuthAppInput {
  const { clientSecret, scopes, ...rest } = values;
  return { ...rest, ...(clientSecret ? { clientSecret } : {}), scopes: scopes.split(/\s+/).filter(Boolean) };
}

/** Errors keyed by form path; a scope's error (`scopes.2`) belongs to the one input that holds them all. */
export function toFormErrors(errors: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(errors).map(([path, message]) => [path.startsWith('scopes.') ? 'scopes' : path, String(message)] as const);
  // The first error of a field is the one shown.
  return Object.fromEntries(entries.reverse());
}
