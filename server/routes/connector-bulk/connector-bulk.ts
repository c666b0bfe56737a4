import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { bulkToggleRequestSchema, bulkToggleResponseSchema, type BulkResult } from '../../../contract/bulk';
import type { ErrorCode } from '../../../contract/errors';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const bulkToggle = createRoute({
  tags: ['connectors'],
  security: bearerSecurity,
  method: 'post',
  path: '/connectors/bulk/toggle',
  operationId: 'bulkToggleConnectors',
  summary: 'Set sync or the agent on many connectors (by id, or every one a filter matches; at most 10,000); dryRun says what would happen',
  request: { body: jsonBody(bulkToggleRequestSchema) },
  responses: { 200: jsonResponse(bulkToggleResponseSchema, 'What happened (or would) to each connector'), 400: errorResponses[400], 401: errorResponses[401] },
});

function summarize(results: BulkResult[], dryRun: boolean) {
  const count = (outcome: BulkResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  const refused: Partial<Record<ErrorCode, number>> = {};
  for (const result of results) if (result.code) refused[result.code] = (refused[result.code] ?? 0) + 1;
  const changes = dryRun ? { willChange: count('changed') } : { changed: count('changed') };
  return { total: results.length, ...changes, unchanged: count('unchanged'), refused };
}

export function connectorBulkRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>().openapi(bulkToggle, async (c) => {
    const request = c.req.valid('json');
    const results = await store.connectors.bulkToggle(c.get('caller'), request);
    return c.json({ success: true as const, dryRun: request.dryRun, summary: summarize(results, request.dryRun), results }, 200);
  });
}
