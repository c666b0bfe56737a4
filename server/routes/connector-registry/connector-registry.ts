import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { configSections, sectionFields } from '../../../contract/connector-config';
import {
  authFields,
  connectorSchemaResponseSchema,
  connectorTypes,
  findConnectorType,
  registryEntry,
  registryQuerySchema,
  registryResponseSchema,
  type ConnectorTypeSchema,
  type ConnectorTypeSpec,
} from '../../../contract/connector-types';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonResponse } from '../../http/openapi';

const common = { tags: ['connector registry'], security: bearerSecurity };

const list = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/registry',
  operationId: 'getConnectorRegistry',
  summary: 'List the connector types that can be created, by scope and search',
  request: { query: registryQuerySchema },
  responses: { 200: jsonResponse(registryResponseSchema, 'One page of connector types'), 400: errorResponses[400], 401: errorResponses[401] },
});

const schema = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/registry/{connectorType}/schema',
  operationId: 'getConnectorSchema',
  summary: "A connector type's fields: credentials per auth type, sync settings and filters",
  request: { params: z.object({ connectorType: z.string().max(100) }) },
  responses: {
    200: jsonResponse(connectorSchemaResponseSchema, "The type's fields"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

function matches(type: ConnectorTypeSpec, search: string): boolean {
  const needle = search.toLowerCase();
  return [type.displayName, type.description, type.category, type.appGroup, type.id].some((text) => text.toLowerCase().includes(needle));
}

export function typeSchema(type: ConnectorTypeSpec): ConnectorTypeSchema {
  return {
    connectorType: type.id,
    authSchema: Object.fromEntries(type.authTypes.map((authType) => [authType, { fields: [...authFields(type, authType)] }])),
    syncSchema: { fields: [...type.sync] },
    filterSchema: { fields: [...type.filters] },
    requiredFields: Object.fromEntries(
      type.authTypes.map((authType) => [
        authType,
        configSections.flatMap((section) => sectionFields(type, authType, section).filter((field) => field.required).map((field) => `${section}.${field.name}`)),
      ]),
    ),
  };
}

export function connectorRegistryRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(list, (c) => {
      const { scope, search, page, limit } = c.req.valid('query');
      const found: ConnectorTypeSpec[] = connectorTypes.filter(
        (type: ConnectorTypeSpec) => (!scope || type.scopes.includes(scope)) && (!search || matches(type, search)),
      );
      const total = found.length;
      const hasNext = page * limit < total;
      const pagination = { page, limit, totalCount: total, total, totalPages: Math.ceil(total / limit), hasNext, hasMore: hasNext, hasPrev: page > 1 };
      return c.json({ success: true as const, connectors: found.slice((page - 1) * limit, page * limit).map(registryEntry), pagination }, 200);
    })
    .openapi(schema, (c) => {
      const type = findConnectorType(c.req.valid('param').connectorType);
      if (!type) throw new AppError('NOT_FOUND', 'No connector type with that name');
      return c.json({ success: true as const, schema: typeSchema(type) }, 200);
    });
}
