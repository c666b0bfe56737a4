import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { demoAccountsResponseSchema, loginRequestSchema, loginResponseSchema, meResponseSchema } from '../../../contract/auth';
import { changePasswordRequestSchema, changePasswordResponseSchema } from '../../../contract/people';
import { hashPassword, needsRehash, verifyPassword, unknownUserHash } from '../../auth/password';
import { clientAddress, limitedAddress } from '../../http/client-address';
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

const changePassword = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  security: bearerSecurity,
  operationId: 'changePassword',
  summary: "Change the caller's own password; their other sessions end",
  request: { body: jsonBody(changePasswordRequestSchema) },
  responses: {
    200: jsonResponse(changePasswordResponseSchema, 'Changed'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    429: errorResponses[429],
  },
});

const MINUTE = 60_000;
// Per account and address: five tries, then a wait of a minute that doubles with each further failure.
const accountLimit = (key: string) => ({ key, limit: 5, windowMs: 24 * 60 * MINUTE, progressive: { firstWaitMs: MINUTE, maxWaitMs: 60 * MINUTE } });
// Per address, whatever the accounts: spraying one password over many accounts meets this one.
const clientLimit = (key: string) => ({ key, limit: 30, windowMs: 15 * MINUTE });

function refuseFor(c: { header: (name: string, value: string) => void }, waitMs: number, what = 'sign-ins'): never {
  const seconds = Math.ceil(waitMs / 1000);
  c.header('Retry-After', String(seconds));
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  throw new AppError('RATE_LIMITED', `Too many failed ${what}. Try again in ${wait}.`);
}

export function authRoutes(store: Store, demo: DemoAccounts) {
  return new OpenAPIHono<AppEnv>()
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const address = clientAddress(c);
      const account = email.trim().toLowerCase();
      // Someone guessing from one address never locks the account's owner out from another.
      const accountKey = `account:${account}|${limitedAddress(address)}`;
      const clientKey = `client:${limitedAddress(address)}`;
      const { waitMs, blockedMs } = await store.signInAttempts.attempt([clientLimit(clientKey), accountLimit(accountKey)]);
      if (waitMs > 0) refuseFor(c, waitMs);
      const user = await store.users.findByEmail(email);
      const valid = await verifyPassword(password, user?.passwordHash ?? unknownUserHash);
      const person = user ? { id: user.id, name: user.name } : { id: null, name: account };
      if (!user || !valid) {
        await store.securityEvents.record({ orgId: user?.orgId ?? null, action: 'sign_in_failed', actor: person, address });
        if (blockedMs > 0) {
          await store.securityEvents.record({ orgId: user?.orgId ?? null, action: 'locked_out', actor: person, address, details: { waitSeconds: Math.ceil(blockedMs / 1000) } });
        }
        throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
      }
      await Promise.all([store.signInAttempts.reset(accountKey), store.signInAttempts.forgive(clientKey)]);
      // A hash made with weaker settings than today's is replaced while the password is at hand.
      if (needsRehash(user.passwordHash)) await store.users.upgradeHash(user.id, user.passwordHash, await hashPassword(password));
      const { token } = await store.users.createSession(user.id);
      await store.securityEvents.record({ orgId: user.orgId, action: 'signed_in', actor: person, address });
      return c.json({ token, user: toUser(user) }, 200);
    })
    .openapi(me, (c) => c.json({ success: true as const, user: c.get('user') }, 200))
    .openapi(logout, async (c) => {
      await store.users.revoke(c.get('token'));
      return c.json({ success: true as const }, 200);
    })
    .openapi(demoAccounts, (c) => c.json(demo, 200))
    .openapi(changePassword, async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const caller = c.get('caller');
      if (caller.actorType === 'api_key') throw new AppError('FORBIDDEN', 'A password is changed by its owner, signed in: not with an API key');
      // Guessing the current password from a stolen session meets the same limit as signing in.
      const key = `password:${caller.id}`;
      const { waitMs } = await store.signInAttempts.attempt([accountLimit(key)]);
      if (waitMs > 0) refuseFor(c, waitMs, 'password changes');
      const user = await store.users.withPassword(caller.id);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new AppError('VALIDATION_ERROR', 'currentPassword: This is not your current password', [{ path: ['currentPassword'], message: 'This is not your current password' }]);
      }
      await store.signInAttempts.reset(key);
      const revokedSessions = await store.users.setPassword(user.id, await hashPassword(newPassword), c.get('token'));
      await store.securityEvents.record({
        orgId: user.orgId,
        action: 'password_changed',
        actor: { id: user.id, name: user.name },
        address: clientAddress(c),
        details: { otherSessionsEnded: revokedSessions },
      });
      return c.json({ success: true as const, revokedSessions }, 200);
    });
}
