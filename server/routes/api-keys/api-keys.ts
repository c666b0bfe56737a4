import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { apiKeyListResponseSchema, createApiKeyRequestSchema, createApiKeyResponseSchema, deleteApiKeyResponseSchema } from '../../../contract/api-keys';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const common = { tags: ['api-keys'], security: bearerSecurity };

const create = createRoute({
  ...common,
  method: 'post',
  path: '/api-keys',
  operationId: 'createApiKey',
  summary: 'Make an API key that acts as the caller, with at most their role; the key is in this answer only',
  request: { body: jsonBody(createApiKeyRequestSchema) },
  responses: { 201: jsonResponse(createApiKeyResponseSchema, 'The key, shown once'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
});

const list = createRoute({
  ...common,
  method: 'get',
  path: '/api-keys',
  operationId: 'listApiKeys',
  summary: "The caller's keys; every key of the org for admins. Never the keys themselves",
  responses: { 200: jsonResponse(apiKeyListResponseSchema, 'The keys'), 401: errorResponses[401] },
});

const revoke = createRoute({
  ...common,
  method: 'delete',
  path: '/api-keys/{id}',
  operationId: 'deleteApiKey',
  summary: 'Revoke a key (one of the caller’s; any of the org’s for admins): it stops working at once',
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: { 200: jsonResponse(deleteApiKeyResponseSchema, 'Revoked'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export function apiKeyRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>()
    .openapi(create, async (c) => {
      const created = await store.apiKeys.create(c.get('user'), c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      return c.json({ success: true as const, ...created }, 201);
    })
    .openapi(list, async (c) => c.json({ success: true as const, apiKeys: await store.apiKeys.list(c.get('user')) }, 200))
    .openapi(revoke, async (c) => {
      await store.apiKeys.revoke(c.get('user'), c.req.valid('param').id);
      return c.json({ success: true as const }, 200);
    });
}
