import { OpenAPIHono } from '@hono/zod-openapi';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Env, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from './errors';
import type { AppEnv } from './http/app-env';
import { createErrorHandler, errorJson, notFoundHandler, validationMessage } from './http/errors';
import { limitConcurrentPerUser, MAX_EXPENSIVE_IN_FLIGHT_PER_USER } from './http/per-user-limit';
import { authRoutes, type DemoAccounts } from './routes/auth/auth';
import { connectorRegistryRoutes } from './routes/connector-registry/connector-registry';
import type { EventHub } from './events/event-hub';
import { isApiKey } from '../contract/api-keys';
import { activityRoutes } from './routes/activity/activity';
import { apiKeyRoutes } from './routes/api-keys/api-keys';
import { eventRoutes } from './routes/events/events';
import { connectorBulkRoutes } from './routes/connector-bulk/connector-bulk';
import { connectorSignInRoutes } from './routes/connector-sign-in/connector-sign-in';
import { connectorRoutes } from './routes/connectors/connectors';
import { oauthAppRoutes } from './routes/oauth-apps/oauth-apps';
import { createSignInFlow } from './oauth/sign-in';
import { healthRoutes } from './routes/health/health';
import { userRoutes } from './routes/users/users';
import { setupRoutes } from './routes/setup/setup';
import { invitationRoutes } from './routes/invitations/invitations';
import { securityEventRoutes } from './routes/security-events/security-events';
import type { Store } from './store/store';

import { API_PATH, CLIENT_HEADER } from './http/api-path';
import { resolveClientAddress } from './http/client-address';
const MAX_BODY_BYTES = 64 * 1024;
// Ten thousand connector ids of up to 100 characters.
const MAX_BULK_BODY_BYTES = 2 * 1024 * 1024;
const BULK_TOGGLE_PATH = `${API_PATH}/connectors/bulk/toggle`;
const EVENTS_PATH = `${API_PATH}/events`;
// By method too: `DELETE /invitations/lookup` is the revoke route, and needs a caller.
const publicRequests = new Set(
  [
    'GET /health',
    'GET /openapi.json',
    'POST /auth/login',
    'GET /auth/demo-accounts',
    'GET /connectors/oauth/callback',
    'GET /setup',
    'POST /setup',
    'POST /invitations/lookup',
    'POST /invitations/accept',
  ].map((request) => request.replace(' ', ` ${API_PATH}`)),
);
// HEAD is answered by GET's handler.
const isPublic = (method: string, path: string) => publicRequests.has(`${method === 'HEAD' ? 'GET' : method} ${path}`);

export type AppOptions = {
  store: Store;
  /** Listed on the sign-in page; an empty list outside demo data. */
  demo?: DemoAccounts;
  /** The built SPA to serve beside the API; left out in tests of the API alone. */
  staticDir?: string;
  log?: (line: string) => void;
  /** The address browsers reach the server at, when it differs from the one requests arrive at (a proxy). */
  publicUrl?: string;
  /** The host names requests may be addressed to; any when left out (see allowedHosts in env.ts). */
  allowedHosts?: string[] | null;
  /** Feeds `GET /events`; without it the stream is not served. */
  events?: EventHub;
  /** Addresses of the proxies whose X-Forwarded-For names the client (TRUSTED_PROXIES). */
  trustedProxies?: string[];
  /** How many expensive requests (lists, searches, bulk) of one user run at once in this process. */
  expensivePerUser?: number;
  /** The demo org's OAuth provider, served under its own path. */
  demoOAuth?: { path: string; routes: Hono<{ Bindings: HttpBindings }> };
};

function bearerToken(header: string | undefined): string | undefined {
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : undefined;
}

function authenticate(store: Store): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isPublic(c.req.method, c.req.path)) return next();
    // `x-api-key` is how seed 002's clients send the same token.
    const token = bearerToken(c.req.header('authorization')) ?? c.req.header('x-api-key');
    if (token && isApiKey(token)) {
      const found = await store.apiKeys.authenticate(token);
      if (!found) throw new AppError('UNAUTHENTICATED', 'The API key is unknown, revoked or expired');
      c.set('user', found.user);
      // What a key does is recorded as the key's, naming the person it acts for.
      c.set('caller', { ...found.user, name: `${found.apiKey.name} (API key of ${found.user.name})`, via: 'api', actorType: 'api_key' });
      c.set('token', token);
      return next();
    }
    const session = token ? await store.users.session(token) : undefined;
    const user = session && session.expiresAt > new Date() ? session.user : undefined;
    if (!token || !user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue: the token is missing or expired');
    c.set('user', user);
    c.set('caller', { ...user, via: c.req.header(CLIENT_HEADER) === 'dashboard' ? 'dashboard' : 'api' });
    c.set('token', token);
    return next();
  };
}

/** Control characters written as escapes: a request's path cannot end a log line early, forge one or recolour a terminal. */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    // Method, path and status only: bodies and query strings may carry secrets or search terms.
    log(`${c.req.method} ${escapeControls(c.req.path)} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  };
}

/**
 * Skips a middleware for requests it has nothing to do for. Hono's compress and bodyLimit otherwise
 * touch the response's or request's body, which makes the Node adapter build full Fetch objects and
 * stream them: about a quarter of the cost of a cached list page, for a Vary header or a GET's
 * missing body.
 */
function unlessRequest<E extends Env>(skip: (c: Context<E>) => boolean, middleware: MiddlewareHandler<E>): MiddlewareHandler<E> {
  return (c, next) => (skip(c) ? next() : middleware(c, next));
}

// Never the event stream: compression would hold its events back until a block fills. A write's answer (the
// bulk action's aside) is under 1 KB: through Node, a compression stream costs more CPU than the rest of the request.
const worthCompressing = (c: Context) =>
  !!c.req.header('accept-encoding') && c.req.path !== EVENTS_PATH && (c.req.method === 'GET' || c.req.path === BULK_TOGGLE_PATH);

function declaresLengthWithin(c: Context, maxBytes: number): boolean {
  const length = c.req.header('content-length');
  return length !== undefined && !c.req.header('transfer-encoding') && /^\d+$/.test(length) && Number(length) <= maxBytes;
}

const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Mantine sets CSS variables through style attributes and a style element.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// The package is private and grants no license; `LicenseRef-` is SPDX's form for one of your own. Kept out
// of the literal below because @hono/zod-openapi types `info` as 3.0, which lacks 3.1's `identifier`.
const license = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' };

export function createApp({ store, demo = { success: true, password: null, accounts: [] }, staticDir, log = () => {}, publicUrl, demoOAuth, events, allowedHosts, expensivePerUser = MAX_EXPENSIVE_IN_FLIGHT_PER_USER, trustedProxies = [] }: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errorJson(c, 'VALIDATION_ERROR', validationMessage(result.error), result.error.issues);
    },
  });

  app.onError(createErrorHandler(log));
  app.notFound(notFoundHandler);
  app.use(requestLog(log));
  if (allowedHosts) {
    const allowed = new Set(allowedHosts);
    app.use(async (c, next) => {
      const host = new URL(c.req.url).hostname.toLowerCase();
      if (!allowed.has(host)) throw new AppError('FORBIDDEN', `This server does not answer to ${host}: add it to ALLOWED_HOSTS to reach it by that name`);
      return next();
    });
  }
  app.use(unlessRequest((c) => !worthCompressing(c), compress()));
  app.use(secureHeaders({ contentSecurityPolicy, referrerPolicy: 'strict-origin-when-cross-origin', xFrameOptions: 'DENY' }));

  const api = new OpenAPIHono<AppEnv>();
  const limitTo = (maxSize: number, label: string) =>
    bodyLimit({ maxSize, onError: (c) => errorJson(c, 'PAYLOAD_TOO_LARGE', `The request body is too large (at most ${label})`) });
  const limitBody = limitTo(MAX_BODY_BYTES, '64 KB');
  const limitBulkBody = limitTo(MAX_BULK_BODY_BYTES, '2 MB');
  // No route reads the body of a GET or HEAD; a declared length within the cap is all Node will read.
  api.use((c, next) => {
    const bulk = c.req.path === BULK_TOGGLE_PATH;
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || declaresLengthWithin(c, bulk ? MAX_BULK_BODY_BYTES : MAX_BODY_BYTES)) return next();
    return (bulk ? limitBulkBody : limitBody)(c, next);
  });
  // Answers about connectors, keys and people are for the caller alone: no cache in between keeps them.
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  const proxies = new Set(trustedProxies);
  api.use((c, next) => {
    c.set('address', resolveClientAddress(c, proxies));
    return next();
  });
  api.use(authenticate(store));
  api.use(limitConcurrentPerUser({ maxInFlight: expensivePerUser }));
  api.route('/', healthRoutes(store));
  api.route('/', authRoutes(store, demo));
  api.route('/', userRoutes(store));
  api.route('/', setupRoutes(store));
  api.route('/', invitationRoutes(store, publicUrl));
  api.route('/', securityEventRoutes(store));
  api.route('/', connectorRegistryRoutes());
  api.route('/', activityRoutes(store));
  api.route('/', apiKeyRoutes(store));
  if (events) api.route('/', eventRoutes(events));
  // Before the connector routes: `/connectors/bulk/toggle` would otherwise be the toggle of a connector named "bulk".
  api.route('/', connectorBulkRoutes(store));
  api.route('/', connectorSignInRoutes(createSignInFlow(store, log), publicUrl));
  api.route('/', connectorRoutes(store));
  api.route('/', oauthAppRoutes(store, publicUrl));
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'x-api-key' });
  // 3.1, where a nullable value is a JSON Schema `null` type: the 3.0 output wrote `nullable` without the
  // sibling `type` 3.0 requires, for nullable unions and for z.unknown().
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'connector-console API',
      version: '1.0.0',
      description: 'Connector instances: list, toggle sync and agent, edit status and configuration.',
      license,
    },
    servers: [{ url: API_PATH }],
  });
  app.route(API_PATH, api);
  if (demoOAuth) app.route(demoOAuth.path, demoOAuth.routes);

  if (staticDir) {
    app.use('*', async (c, next) => {
      await next();
      if (c.req.path.startsWith(`${API_PATH}/`) || c.res.status !== 200) return;
      // Built assets have content hashes in their names and never change; index.html always may.
      c.res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      // Sent compressed or not by Accept-Encoding, also when this request asked for no compression.
      if (!/accept-encoding/i.test(c.res.headers.get('Vary') ?? '')) c.res.headers.append('Vary', 'Accept-Encoding');
    });
    // The build writes .br and .gz files beside the others (vite.config.ts); sent as they are.
    app.use('*', serveStatic({ root: staticDir, precompressed: true }));
    // Every other GET outside the API and the assets is a client-side route of the SPA.
    const indexHtml = serveStatic({ root: staticDir, path: 'index.html', precompressed: true });
    app.get('*', (c, next) => (c.req.path.startsWith(`${API_PATH}/`) || c.req.path.startsWith('/assets/') ? next() : indexHtml(c, next)));
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
