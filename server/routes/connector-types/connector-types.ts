import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { connectorTypes, connectorTypesResponseSchema } from '../../../contract/connector-types';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonResponse } from '../../http/openapi';

const list = createRoute({
  method: 'get',
  path: '/connector-types',
  tags: ['connector-types'],
  security: bearerSecurity,
  responses: { 200: jsonResponse(connectorTypesResponseSchema, 'The registry of connector types'), 401: errorResponses[401] },
});

export function connectorTypeRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(list, (c) =>
    c.json({ success: true as const, connectorTypes: connectorTypes.map((type) => ({ ...type, authTypes: [...type.authTypes] })) }, 200),
  );
}
