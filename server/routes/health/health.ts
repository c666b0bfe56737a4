import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../http/app-env';
import { errorResponses, jsonResponse, publicSecurity } from '../../http/openapi';
import type { Store } from '../../store/store';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  security: publicSecurity,
  operationId: 'getHealth',
  summary: 'Whether the server and its database answer',
  responses: {
    200: jsonResponse(z.object({ status: z.literal('ok') }), 'The server and its database answer'),
    500: errorResponses[500],
  },
});

export function healthRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>().openapi(health, async (c) => {
    await store.ping();
    return c.json({ status: 'ok' as const }, 200);
  });
}
