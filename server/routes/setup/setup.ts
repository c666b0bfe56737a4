import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { loginResponseSchema } from '../../../contract/auth';
import { setupRequestSchema, setupStatusResponseSchema } from '../../../contract/people';
import { hashPassword } from '../../auth/password';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { clientAddress } from '../../http/client-address';
import { errorResponses, jsonBody, jsonResponse, publicSecurity } from '../../http/openapi';
import type { Store } from '../../store/store';

const common = { tags: ['setup'], security: publicSecurity };

const status = createRoute({
  ...common,
  method: 'get',
  path: '/setup',
  operationId: 'getSetupStatus',
  summary: 'Whether this server still waits for its first admin; 404 once set up',
  responses: { 200: jsonResponse(setupStatusResponseSchema, 'Setup is needed'), 404: errorResponses[404] },
});

const setUp = createRoute({
  ...common,
  method: 'post',
  path: '/setup',
  operationId: 'setUp',
  summary: 'First run: make the organisation and its first admin with the link the server printed, and sign them in',
  request: { body: jsonBody(setupRequestSchema) },
  responses: {
    201: jsonResponse(loginResponseSchema, 'Set up and signed in'),
    400: errorResponses[400],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export function setupRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>()
    .openapi(status, async (c) => {
      if (!(await store.people.setupNeeded())) throw new AppError('NOT_FOUND', 'This server is already set up: sign in instead');
      return c.json({ success: true as const, needed: true as const }, 200);
    })
    .openapi(setUp, async (c) => {
      const { password, ...request } = c.req.valid('json');
      await store.people.checkSetupToken(request.token);
      const { orgName, ...user } = await store.people.setUp({ ...request, passwordHash: await hashPassword(password) });
      const { token } = await store.users.createSession(user.id);
      await store.securityEvents.record({ orgId: user.orgId, action: 'setup', actor: { id: user.id, name: user.name }, address: clientAddress(c), details: { orgName } });
      return c.json({ token, user }, 201);
    });
}
