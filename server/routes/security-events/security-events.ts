import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { securityEventQuerySchema, securityEventsResponseSchema } from '../../../contract/people';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const list = createRoute({
  method: 'get',
  path: '/security-events',
  tags: ['people'],
  security: bearerSecurity,
  operationId: 'listSecurityEvents',
  summary: 'Sign-ins, lockouts, password changes, invitations, role changes and removals in the org, newest first (admins)',
  request: { query: securityEventQuerySchema },
  responses: { 200: jsonResponse(securityEventsResponseSchema, 'Events'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
});

export function securityEventRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
    const { events, nextCursor } = await store.securityEvents.list(c.get('user'), c.req.valid('query'));
    return c.json({ success: true as const, events, pagination: { nextCursor } }, 200);
  });
}
