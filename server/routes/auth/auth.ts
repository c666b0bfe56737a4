import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import { demoAccountsResponseSchema, loginRequestSchema, loginResponseSchema, meResponseSchema } from '../../../contract/auth';
import { verifyPassword, unknownUserHash } from '../../auth/password';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse, publicSecurity } from '../../http/openapi';
import type { Store } from '../../store/store';
import { toUser } from '../../store/users';

export type DemoAccounts = z.infer<typeof demoAccountsResponseSchema>;

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  security: publicSecurity,
  operationId: 'login',
  summary: 'Sign in with email and password; answers a session token',
  request: { body: jsonBody(loginRequestSchema) },
  responses: {
    200: jsonResponse(loginResponseSchema, 'Signed in'),
    400: errorResponses[400],
    401: errorResponses[401],
    429: errorResponses[429],
  },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  security: bearerSecurity,
  operationId: 'getCurrentUser',
  summary: 'The signed-in user',
  responses: { 200: jsonResponse(meResponseSchema, 'The signed-in user'), 401: errorResponses[401] },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  security: bearerSecurity,
  operationId: 'logout',
  summary: 'Sign out: revoke the session token sent',
  responses: { 200: jsonResponse(z.object({ success: z.literal(true) }), 'Signed out'), 401: errorResponses[401] },
});

const demoAccounts = createRoute({
  method: 'get',
  path: '/auth/demo-accounts',
  tags: ['auth'],
  security: publicSecurity,
  operationId: 'listDemoAccounts',
  summary: 'The demo sign-ins for the sign-in page; an empty list outside demo data',
  responses: { 200: jsonResponse(demoAccountsResponseSchema, 'Demo sign-ins, listed only on demo data') },
});

const ATTEMPTS_PER_ACCOUNT = 5;
const ATTEMPTS_PER_CLIENT = 30;
const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}

export function authRoutes(store: Store, demo: DemoAccounts) {
  return new OpenAPIHono<AppEnv>()
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const address = clientAddress(c);
      // Per account and address: someone guessing from one address never locks the account's owner out elsewhere.
      const accountKey = `account:${email.trim().toLowerCase()}|${address}`;
      const clientKey = `client:${address}`;
      const wait = await store.signInAttempts.attempt([
        { key: accountKey, limit: ATTEMPTS_PER_ACCOUNT, windowMs: ATTEMPT_WINDOW_MS },
        { key: clientKey, limit: ATTEMPTS_PER_CLIENT, windowMs: ATTEMPT_WINDOW_MS },
      ]);
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60_000)} minutes.`);
      }
      const user = await store.users.findByEmail(email);
      const valid = await verifyPassword(password, user?.passwordHash ?? unknownUserHash);
      if (!user || !valid) throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
      await Promise.all([store.signInAttempts.reset(accountKey), store.signInAttempts.forgive(clientKey)]);
      const { token } = await store.users.createSession(user.id);
      return c.json({ token, user: toUser(user) }, 200);
    })
    .openapi(me, (c) => c.json({ success: true as const, user: c.get('user') }, 200))
    .openapi(logout, async (c) => {
      await store.users.revoke(c.get('token'));
      return c.json({ success: true as const }, 200);
    })
    .openapi(demoAccounts, (c) => c.json(demo, 200));
}
