import { z } from 'zod';
import { text } from './connector';
import { connectorTypes, type ConnectorTypeSpec } from './connector-types';
import { isOAuth } from './rules';

/** The connector types an org signs in to with OAuth, and so needs an OAuth app for. */
export const oauthConnectorTypes: readonly ConnectorTypeSpec[] = connectorTypes.filter((type) => type.authTypes.some(isOAuth));

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http on this machine (a provider run beside the server, as the demo one is). */
export function isAllowedEndpoint(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username || url.password || url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

const endpoint = (label: string) =>
  text()
    .trim()
    .max(2000, `${label} is at most 2000 characters`)
    .refine(isAllowedEndpoint, `${label} must be an https:// address (http:// only for localhost), without a user, password or #fragment`);

const scopeToken = text().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'A scope is one word without spaces or quotes').max(500);

// What an admin sends. An empty or missing client secret keeps the stored one.
export const oauthAppInputSchema = z.strictObject({
  clientId: text().trim().min(1, 'Enter the client ID').max(500, 'The client ID is at most 500 characters'),
  clientSecret: text().max(2000, 'The client secret is at most 2000 characters').optional(),
  authorizeUrl: endpoint('The authorization URL'),
  tokenUrl: endpoint('The token URL'),
  // RFC 9207: a provider that names itself in its answer is checked against this.
  issuer: z.union([endpoint('The issuer'), z.literal('')]).optional(),
  scopes: z.array(scopeToken).max(50, 'At most 50 scopes'),
});
export type OAuthAppInput = z.infer<typeof oauthAppInputSchema>;

const timestamp = z.iso.datetime({ offset: true });

export const oauthAppSchema = z.object({
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  authorizeUrl: z.string(),
  tokenUrl: z.string(),
  issuer: z.string().nullable(),
  scopes: z.array(z.string()),
  updatedAt: timestamp,
  updatedBy: z.string(),
});
export type OAuthApp = z.infer<typeof oauthAppSchema>;

/** One OAuth-capable connector type and the org's app for it, if set up. */
export const oauthAppSlotSchema = z.object({
  connectorType: z.string(),
  displayName: z.string(),
  /** Where the provider must send people back: register it with the provider. */
  redirectUrl: z.string(),
  app: oauthAppSchema.nullable(),
});
export type OAuthAppSlot = z.infer<typeof oauthAppSlotSchema>;

export const oauthAppListResponseSchema = z.object({ success: z.literal(true), apps: z.array(oauthAppSlotSchema) });
export const oauthAppResponseSchema = z.object({ success: z.literal(true), app: oauthAppSlotSchema });

// A path of this app to come back to, never another site.
export const returnToSchema = text()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s]*$/, 'returnTo is a path of this site, like /connectors');

export const authorizeQuerySchema = z.strictObject({ returnTo: returnToSchema.optional() });

export const authorizeResponseSchema = z.object({
  success: z.literal(true),
  authorizationUrl: z.string(),
  state: z.string(),
});

/** How a sign-in ended, as the callback reports it to the page the person started from. */
export const signInOutcomeSchema = z.enum([
  'connected',
  'denied',
  'provider_error',
  'exchange_failed',
  'expired',
  'replayed',
  'invalid_state',
  'other_browser',
  'forbidden',
  'no_app',
]);
export type SignInOutcome = z.infer<typeof signInOutcomeSchema>;

export const SIGN_IN_OUTCOME_PARAM = 'signIn';
export const SIGN_IN_CONNECTOR_PARAM = 'signInConnector';

/** How long a started sign-in may take before its state is refused. */
export const SIGN_IN_STATE_TTL_MS = 10 * 60 * 1000;
