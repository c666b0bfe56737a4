import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { activityQuerySchema, activityResponseSchema } from '../../../contract/activity';
import { connectorIdSchema } from '../../../contract/connector';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const common = { tags: ['activity'], security: bearerSecurity };
const errors = { 400: errorResponses[400], 401: errorResponses[401] };

const orgActivity = createRoute({
  ...common,
  method: 'get',
  path: '/activity',
  operationId: 'listActivity',
  summary: "Who changed what, newest first: the org's whole history for admins; team connectors and one's own for members",
  request: { query: activityQuerySchema },
  responses: { 200: jsonResponse(activityResponseSchema, 'One page of activity'), ...errors },
});

const connectorActivity = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/{connectorId}/activity',
  operationId: 'listConnectorActivity',
  summary: "One connector's history, newest first; a deleted connector's stays readable",
  request: { params: z.object({ connectorId: connectorIdSchema }), query: activityQuerySchema.omit({ connectorId: true }) },
  responses: { 200: jsonResponse(activityResponseSchema, 'One page of activity'), ...errors },
});

export function activityRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>()
    .openapi(orgActivity, async (c) => {
      const page = await store.activity.list(c.get('user'), c.req.valid('query'));
      return c.json({ success: true as const, activity: page.activity, pagination: { nextCursor: page.nextCursor } }, 200);
    })
    .openapi(connectorActivity, async (c) => {
      const query = { ...c.req.valid('query'), connectorId: c.req.valid('param').connectorId };
      const page = await store.activity.list(c.get('user'), query);
      return c.json({ success: true as const, activity: page.activity, pagination: { nextCursor: page.nextCursor } }, 200);
    });
}
