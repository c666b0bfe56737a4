import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { usersResponseSchema } from '../../../contract/auth';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const list = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  security: bearerSecurity,
  operationId: 'listUsers',
  summary: "The people of the caller's org",
  responses: { 200: jsonResponse(usersResponseSchema, 'Users'), 401: errorResponses[401] },
});

export function userRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
    const users = await store.users.listOrg(c.get('user').orgId);
    return c.json({ success: true as const, users: users.map(({ id, email, name, role }) => ({ id, email, name, role })) }, 200);
  });
}
