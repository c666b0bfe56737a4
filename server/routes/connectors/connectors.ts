import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  changeStatusRequestSchema,
  changeStatusResponseSchema,
  connectorCountsResponseSchema,
  connectorFilterQuerySchema,
  connectorIdSchema,
  connectorListQuerySchema,
  connectorListResponseSchema,
  type ConnectorListQuery,
  connectorPatchSchema,
  connectorResponseSchema,
  toggleRequestSchema,
  toggleResponseSchema,
} from '../../../contract/connector';
import {
  connectorConfigInputSchema,
  connectorConfigResponseSchema,
  createConnectorRequestSchema,
  renameRequestSchema,
} from '../../../contract/connector-config';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { createJsonMemo } from '../../http/json-memo';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const idParams = z.object({ connectorId: connectorIdSchema });
const common = { tags: ['connectors'], security: bearerSecurity };
const readErrors = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] };
const writeErrors = { ...readErrors, 403: errorResponses[403] };
const versionedWriteErrors = { ...writeErrors, 409: errorResponses[409], 412: errorResponses[412] };
const optionalIfMatch = z.object({ 'if-match': z.string().optional() });
const deleteResponseSchema = z.object({ success: z.literal(true), message: z.string() });

const list = createRoute({
  ...common,
  method: 'get',
  path: '/connectors',
  operationId: 'listConnectorInstances',
  summary: 'List the connectors the caller may see, filtered, sorted and paged (by cursor, or by page for the first 10,000)',
  request: { query: connectorListQuerySchema },
  responses: { 200: jsonResponse(connectorListResponseSchema, 'One page of connectors'), ...readErrors },
});

const counts = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/counts',
  operationId: 'countConnectorInstances',
  summary: 'How many connectors are in each state, for the same filters as the list',
  request: { query: connectorFilterQuerySchema },
  responses: { 200: jsonResponse(connectorCountsResponseSchema, 'Counts per state'), ...readErrors },
});

const get = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/{connectorId}',
  operationId: 'getConnectorInstance',
  summary: 'One connector; its ETag is its version',
  request: { params: idParams },
  responses: { 200: jsonResponse(connectorResponseSchema, 'The connector; ETag is its version'), ...readErrors },
});

const toggle = createRoute({
  ...common,
  method: 'post',
  path: '/connectors/{connectorId}/toggle',
  operationId: 'toggleConnector',
  summary: 'Set sync or agent to `enabled`, or flip it when `enabled` is left out',
  request: { params: idParams, body: jsonBody(toggleRequestSchema) },
  responses: { 200: jsonResponse(toggleResponseSchema, 'The updated connector'), ...writeErrors },
});

const patch = createRoute({
  ...common,
  method: 'patch',
  path: '/connectors/{connectorId}',
  operationId: 'updateConnectorInstance',
  summary: 'Edit name, status and data loader configuration; If-Match carries the version edited',
  request: {
    params: idParams,
    headers: z.object({ 'if-match': z.string({ error: 'Send If-Match with the version you edited' }) }),
    body: jsonBody(connectorPatchSchema),
  },
  responses: {
    200: jsonResponse(connectorResponseSchema, 'The updated connector'),
    ...writeErrors,
    412: errorResponses[412],
  },
});

const changeStatus = createRoute({
  ...common,
  method: 'post',
  path: '/connectors/change_status',
  operationId: 'changeConnectorStatus',
  summary: 'Update the operational status and data loader configuration',
  request: { body: jsonBody(changeStatusRequestSchema) },
  responses: { 200: jsonResponse(changeStatusResponseSchema, 'Updated'), ...writeErrors },
});

const create = createRoute({
  ...common,
  method: 'post',
  path: '/connectors',
  operationId: 'createConnectorInstance',
  summary: 'Create a connector of a registry type, with the credentials and settings its type declares',
  request: { body: jsonBody(createConnectorRequestSchema) },
  responses: { 201: jsonResponse(connectorResponseSchema, 'The new connector'), ...writeErrors, 409: errorResponses[409] },
});

const activity = (isActive: boolean) =>
  createRoute({
    ...common,
    method: 'get',
    path: isActive ? '/connectors/active' : '/connectors/inactive',
    operationId: isActive ? 'getActiveConnectors' : 'getInactiveConnectors',
    summary: isActive ? 'The connectors with sync or the agent on' : 'The connectors with both sync and the agent off',
    request: { query: connectorListQuerySchema },
    responses: { 200: jsonResponse(connectorListResponseSchema, 'One page of connectors'), ...readErrors },
  });

const rename = createRoute({
  ...common,
  method: 'put',
  path: '/connectors/{connectorId}/name',
  operationId: 'updateConnectorInstanceName',
  summary: 'Rename a connector; If-Match is honoured when sent',
  request: { params: idParams, headers: optionalIfMatch, body: jsonBody(renameRequestSchema) },
  responses: { 200: jsonResponse(connectorResponseSchema, 'The renamed connector'), ...versionedWriteErrors },
});

const getConfig = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/{connectorId}/config',
  operationId: 'getConnectorInstanceConfig',
  summary: "A connector's credentials and settings; secrets say only whether they are stored",
  request: { params: idParams },
  responses: { 200: jsonResponse(connectorConfigResponseSchema, 'The configuration; ETag is the version'), ...readErrors },
});

const putConfig = createRoute({
  ...common,
  method: 'put',
  path: '/connectors/{connectorId}/config',
  operationId: 'updateConnectorInstanceConfig',
  summary: 'Merge credentials and settings: an empty or missing secret keeps the stored one, null removes it; If-Match is honoured when sent',
  description: [
    'Only the fields sent change. An empty text, or a null number, clears that field.',
    'A secret is write-only: a new value replaces the stored one, an empty or missing one keeps it, and `null` removes it',
    '(`{"auth": {"apiToken": null}}`): its sealed value is deleted, it leaves `storedSecrets`, and a connector whose type',
    'needs it is no longer configured. Changing the source or an address while a secret is stored needs that secret sent',
    'again or removed in the same request.',
  ].join(' '),
  request: { params: idParams, headers: optionalIfMatch, body: jsonBody(connectorConfigInputSchema) },
  responses: { 200: jsonResponse(connectorConfigResponseSchema, 'The updated configuration'), ...versionedWriteErrors },
});

const remove = createRoute({
  ...common,
  method: 'delete',
  path: '/connectors/{connectorId}',
  operationId: 'deleteConnectorInstance',
  summary: 'Delete a connector and its stored credentials; If-Match is honoured when sent',
  request: { params: idParams, headers: optionalIfMatch },
  responses: { 200: jsonResponse(deleteResponseSchema, 'Deleted'), ...writeErrors, 412: errorResponses[412] },
});

/** `"7"`, `W/"7"` or `7`. */
function parseIfMatch(header: string): number {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new AppError('VALIDATION_ERROR', 'If-Match must be the connector version in quotes, like "3"');
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;
const optionalVersion = (header: string | undefined) => (header === undefined ? undefined : parseIfMatch(header));

export function connectorRoutes(store: Store) {
  // The store caches a page or counts under the whole query, so one object always answers the same query.
  const cachedJson = createJsonMemo();
  const listPage = async (c: Context<AppEnv>, query: ConnectorListQuery) => {
    const page = await store.connectors.list(c.get('caller'), query);
    return cachedJson(c, page, () => {
      const hasNext = page.nextCursor !== null;
      const pagination = {
        page: query.cursor === undefined ? (query.page ?? 1) : null,
        limit: query.limit,
        totalCount: page.totalCount,
        total: page.totalCount,
        totalPages: Math.ceil(page.totalCount / query.limit),
        hasNext,
        hasMore: hasNext,
        hasPrev: query.cursor !== undefined || (query.page ?? 1) > 1,
        nextCursor: page.nextCursor,
      };
      return { success: true as const, connectors: page.connectors, pagination };
    });
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(list, (c) => listPage(c, c.req.valid('query')))
    .openapi(activity(true), (c) => listPage(c, { ...c.req.valid('query'), isActive: true }))
    .openapi(activity(false), (c) => listPage(c, { ...c.req.valid('query'), isActive: false }))
    .openapi(create, async (c) => {
      const connector = await store.connectors.create(c.get('caller'), c.req.valid('json'));
      c.header('ETag', etag(connector.version));
      return c.json({ success: true as const, connector }, 201);
    })
    .openapi(counts, async (c) => {
      const answer = await store.connectors.counts(c.get('caller'), c.req.valid('query'));
      return cachedJson(c, answer, () => ({ success: true as const, counts: answer.counts }));
    })
    .openapi(changeStatus, async (c) => {
      const request = c.req.valid('json');
      await store.connectors.changeStatus(c.get('caller'), request);
      const message = `Updated connector status to ${request.new_status} for connectorID ${request.connectorID}`;
      return c.json({ status: 'success' as const, message }, 200);
    })
    .openapi(getConfig, async (c) => {
      const config = await store.connectors.config(c.get('caller'), c.req.valid('param').connectorId);
      c.header('ETag', etag(config.version));
      return c.json({ success: true as const, config }, 200);
    })
    .openapi(putConfig, async (c) => {
      const version = optionalVersion(c.req.valid('header')['if-match']);
      const config = await store.connectors.configure(c.get('caller'), c.req.valid('param').connectorId, c.req.valid('json'), version);
      c.header('ETag', etag(config.version));
      return c.json({ success: true as const, config }, 200);
    })
    .openapi(rename, async (c) => {
      const version = optionalVersion(c.req.valid('header')['if-match']);
      const { instanceName } = c.req.valid('json');
      const connector = await store.connectors.rename(c.get('caller'), c.req.valid('param').connectorId, instanceName, version);
      c.header('ETag', etag(connector.version));
      return c.json({ success: true as const, connector }, 200);
    })
    .openapi(remove, async (c) => {
      const version = optionalVersion(c.req.valid('header')['if-match']);
      const connector = await store.connectors.remove(c.get('caller'), c.req.valid('param').connectorId, version);
      return c.json({ success: true as const, message: `Deleted ${connector.instanceName}` }, 200);
    })
    .openapi(get, async (c) => {
      const connector = await store.connectors.get(c.get('caller'), c.req.valid('param').connectorId);
      c.header('ETag', etag(connector.version));
      return c.json({ success: true as const, connector }, 200);
    })
    .openapi(toggle, async (c) => {
      const { type, enabled } = c.req.valid('json');
      const result = await store.connectors.toggle(c.get('caller'), c.req.valid('param').connectorId, type, enabled);
      return c.json({ success: true as const, message: result.message, connector: result.connector }, 200);
    })
    .openapi(patch, async (c) => {
      const version = parseIfMatch(c.req.valid('header')['if-match']);
      const connector = await store.connectors.patch(
        c.get('caller'),
        c.req.valid('param').connectorId,
        version,
        c.req.valid('json'),
      );
      c.header('ETag', etag(connector.version));
      return c.json({ success: true as const, connector }, 200);
    });
}
