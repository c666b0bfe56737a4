import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { User } from '../../../contract/auth';
import { oauthAppInputSchema, oauthAppListResponseSchema, oauthAppResponseSchema, oauthConnectorTypes, type OAuthAppSlot } from '../../../contract/oauth';
import { AppError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../http/openapi';
import { publicOrigin, signInRedirectUrl } from '../../http/public-url';
import { toOAuthApp } from '../../store/oauth-apps';
import type { OAuthAppRow } from '../../store/schema';
import type { Store } from '../../store/store';

const common = { tags: ['oauth-apps'], security: bearerSecurity };
const typeParams = z.object({ connectorType: z.string().max(100) });
const errors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

const list = createRoute({
  ...common,
  method: 'get',
  path: '/oauth-apps',
  operationId: 'listOAuthApps',
  summary: 'Every connector type that signs in with OAuth, with the org’s app for it (admins only; client secrets are never returned)',
  responses: { 200: jsonResponse(oauthAppListResponseSchema, 'The OAuth apps'), 401: errorResponses[401], 403: errorResponses[403] },
});

const save = createRoute({
  ...common,
  method: 'put',
  path: '/oauth-apps/{connectorType}',
  operationId: 'saveOAuthApp',
  summary: 'Set up the OAuth app for a connector type; an empty or missing client secret keeps the stored one',
  request: { params: typeParams, body: jsonBody(oauthAppInputSchema) },
  responses: { 200: jsonResponse(oauthAppResponseSchema, 'The saved app'), ...errors },
});

const remove = createRoute({
  ...common,
  method: 'delete',
  path: '/oauth-apps/{connectorType}',
  operationId: 'deleteOAuthApp',
  summary: 'Remove the OAuth app for a connector type; signed-in connectors keep their tokens until they expire',
  request: { params: typeParams },
  responses: { 200: jsonResponse(oauthAppResponseSchema, 'The type, now without an app'), ...errors },
});

function ensureAdmin(user: User): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can manage OAuth apps');
}

function oauthType(connectorType: string) {
  const type = oauthConnectorTypes.find((candidate) => candidate.id === connectorType);
  if (!type) throw new AppError('NOT_FOUND', `No connector type "${connectorType}" signs in with OAuth`);
  return type;
}

export function oauthAppRoutes(store: Store, publicUrl?: string) {
  const slot = (c: Context, connectorType: string, row: OAuthAppRow | undefined): OAuthAppSlot => ({
    connectorType,
    displayName: oauthType(connectorType).displayName,
    redirectUrl: signInRedirectUrl(publicOrigin(c, publicUrl)),
    app: row ? toOAuthApp(row) : null,
  });

  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const user = c.get('user');
      ensureAdmin(user);
      const rows = new Map((await store.oauthApps.list(user.orgId)).map((row) => [row.connectorType, row]));
      return c.json({ success: true as const, apps: oauthConnectorTypes.map((type) => slot(c, type.id, rows.get(type.id))) }, 200);
    })
    .openapi(save, async (c) => {
      const user = c.get('user');
      ensureAdmin(user);
      const { connectorType } = c.req.valid('param');
      oauthType(connectorType);
      const row = await store.oauthApps.save(user.orgId, connectorType, c.req.valid('json'), user.id);
      return c.json({ success: true as const, app: slot(c, connectorType, row) }, 200);
    })
    .openapi(remove, async (c) => {
      const user = c.get('user');
      ensureAdmin(user);
      const { connectorType } = c.req.valid('param');
      oauthType(connectorType);
      if (!(await store.oauthApps.remove(user.orgId, connectorType))) throw new AppError('NOT_FOUND', `There is no ${oauthType(connectorType).displayName} OAuth app to remove`);
      return c.json({ success: true as const, app: slot(c, connectorType, undefined) }, 200);
    });
}
