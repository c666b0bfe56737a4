import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  changeStatusRequestSchema,
  changeStatusResponseSchema,
  connectorCountsResponseSchema,
  connectorFilterQuerySchema,
  connectorIdSchema,
  connectorListQuerySchema,
  connectorListResponseSchema,
  connectorPatchSchema,
  connectorResponseSchema,
  toggleRequestSchema,
  toggleResponseSchema,
} from '../../../contract/connector';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { createJsonMemo } from '../../http/json-memo';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const idParams = z.object({ connectorId: connectorIdSchema });
const common = { tags: ['connectors'], security: bearerSecurity };
const readErrors = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] };
const writeErrors = { ...readErrors, 403: errorResponses[403] };

const list = createRoute({
  ...common,
  method: 'get',
  path: '/connectors',
  summary: 'List the connectors the caller may see, filtered, sorted and paged (by cursor, or by page for the first 10,000)',
  request: { query: connectorListQuerySchema },
  responses: { 200: jsonResponse(connectorListResponseSchema, 'One page of connectors'), ...readErrors },
});

const counts = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/counts',
  summary: 'How many connectors are in each state, for the same filters as the list',
  request: { query: connectorFilterQuerySchema },
  responses: { 200: jsonResponse(connectorCountsResponseSchema, 'Counts per state'), ...readErrors },
});

const get = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/{connectorId}',
  request: { params: idParams },
  responses: { 200: jsonResponse(connectorResponseSchema, 'The connector; ETag is its version'), ...readErrors },
});

const toggle = createRoute({
  ...common,
  method: 'post',
  path: '/connectors/{connectorId}/toggle',
  summary: 'Set sync or agent to `enabled`, or flip it when `enabled` is left out',
  request: { params: idParams, body: jsonBody(toggleRequestSchema) },
  responses: { 200: jsonResponse(toggleResponseSchema, 'The updated connector'), ...writeErrors },
});

const patch = createRoute({
  ...common,
  method: 'patch',
  path: '/connectors/{connectorId}',
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
  summary: 'Update the operational status and data loader configuration',
  request: { body: jsonBody(changeStatusRequestSchema) },
  responses: { 200: jsonResponse(changeStatusResponseSchema, 'Updated'), ...writeErrors },
});

/** `"7"`, `W/"7"` or `7`. */
function parseIfMatch(header: string): number {
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new AppError('VALIDATION_ERROR', 'If-Match must be the connector version in quotes, like "3"');
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;

export function connectorRoutes(store: Store) {
  // The store caches a page under its whole query, so one page object always answers the same query.
  const listJson = createJsonMemo();
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      const page = await store.connectors.list(c.get('user'), query);
      return listJson(c, page, () => {
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
    })
    .openapi(counts, async (c) => {
      const result = await store.connectors.counts(c.get('user'), c.req.valid('query'));
      return c.json({ success: true as const, counts: result }, 200);
    })
    .openapi(changeStatus, async (c) => {
      const request = c.req.valid('json');
      await store.connectors.changeStatus(c.get('user'), request);
      const message = `Updated connector status to ${request.new_status} for connectorID ${request.connectorID}`;
      return c.json({ status: 'success' as const, message }, 200);
    })
    .openapi(get, async (c) => {
      const connector = await store.connectors.get(c.get('user'), c.req.valid('param').connectorId);
      c.header('ETag', etag(connector.version));
      return c.json({ success: true as const, connector }, 200);
    })
    .openapi(toggle, async (c) => {
      const { type, enabled } = c.req.valid('json');
      const result = await store.connectors.toggle(c.get('user'), c.req.valid('param').connectorId, type, enabled);
      return c.json({ success: true as const, message: result.message, connector: result.connector }, 200);
    })
    .openapi(patch, async (c) => {
      const version = parseIfMatch(c.req.valid('header')['if-match']);
      const connector = await store.connectors.patch(
        c.get('user'),
        c.req.valid('param').connectorId,
        version,
        c.req.valid('json'),
      );
      c.header('ETag', etag(connector.version));
      return c.json({ success: true as const, connector }, 200);
    });
}
