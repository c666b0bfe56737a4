import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { connectorIdSchema, connectorResponseSchema } from '../../../contract/connector';
import { authorizeQuerySchema, authorizeResponseSchema, SIGN_IN_CONNECTOR_PARAM, SIGN_IN_OUTCOME_PARAM, SIGN_IN_STATE_TTL_MS } from '../../../contract/oauth';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses, jsonResponse, publicSecurity } from '../../http/openapi';
import { publicOrigin, SIGN_IN_CALLBACK_PATH, signInRedirectUrl } from '../../http/public-url';
import type { SignInFlow } from '../../oauth/sign-in';

const idParams = z.object({ connectorId: connectorIdSchema });
const common = { tags: ['connectors'], security: bearerSecurity };
const writeErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

const authorize = createRoute({
  ...common,
  method: 'get',
  path: '/connectors/{connectorId}/oauth/authorize',
  operationId: 'getOAuthAuthorizationUrl',
  summary: 'Start signing a connector in: the provider URL to send the browser to (authorization code with PKCE)',
  request: { params: idParams, query: authorizeQuerySchema },
  responses: { 200: jsonResponse(authorizeResponseSchema, 'Where to send the browser; a cookie binds the sign-in to it'), ...writeErrors },
});

const callback = createRoute({
  tags: ['connectors'],
  security: publicSecurity,
  method: 'get',
  path: '/connectors/oauth/callback',
  operationId: 'handleOAuthCallback',
  summary: 'Where the provider sends the browser back; redirects to the page the sign-in started from, with its outcome',
  request: { query: z.object({ state: z.string().optional(), code: z.string().optional(), error: z.string().optional(), iss: z.string().optional() }) },
  responses: { 303: { description: 'Back to the dashboard, with `signIn` set to the outcome' }, 400: errorResponses[400] },
});

const disconnect = createRoute({
  ...common,
  method: 'delete',
  path: '/connectors/{connectorId}/oauth',
  operationId: 'disconnectOAuth',
  summary: 'Forget the sign-in and its tokens; sync and the agent are turned off',
  request: { params: idParams },
  responses: { 200: jsonResponse(connectorResponseSchema, 'The signed-out connector'), ...writeErrors },
});

// One cookie per connector, so that two sign-ins started in one browser do not undo each other.
const bindingCookie = (connectorId: string) => `cc_sign_in_${connectorId}`;

export function connectorSignInRoutes(flow: SignInFlow, publicUrl?: string) {
  return new OpenAPIHono<AppEnv>()
    .openapi(authorize, async (c) => {
      const { connectorId } = c.req.valid('param');
      const origin = publicOrigin(c, publicUrl);
      const returnTo = c.req.valid('query').returnTo ?? `/connectors/${connectorId}`;
      const started = await flow.start(c.get('caller'), connectorId, signInRedirectUrl(origin), returnTo);
      // Lax: sent on the provider's top-level redirect back, not on requests other sites make.
      setCookie(c, bindingCookie(connectorId), started.binding, {
        path: SIGN_IN_CALLBACK_PATH,
        httpOnly: true,
        sameSite: 'Lax',
        secure: origin.startsWith('https:'),
        maxAge: SIGN_IN_STATE_TTL_MS / 1000,
      });
      return c.json({ success: true as const, authorizationUrl: started.authorizationUrl, state: started.state }, 200);
    })
    .openapi(callback, async (c) => {
      const parameters = new URL(c.req.url).searchParams;
      const result = await flow.finish(parameters, (connectorId) => getCookie(c, bindingCookie(connectorId)));
      if (result.connectorId) deleteCookie(c, bindingCookie(result.connectorId), { path: SIGN_IN_CALLBACK_PATH });
      const back = new URL(result.returnTo, 'http://dashboard');
      back.searchParams.set(SIGN_IN_OUTCOME_PARAM, result.outcome);
      if (result.connectorId) back.searchParams.set(SIGN_IN_CONNECTOR_PARAM, result.connectorId);
      c.header('Cache-Control', 'no-store');
      return c.redirect(back.pathname + back.search, 303);
    })
    .openapi(disconnect, async (c) => {
      const connector = await flow.disconnect(c.get('caller'), c.req.valid('param').connectorId);
      return c.json({ success: true as const, connector }, 200);
    });
}
