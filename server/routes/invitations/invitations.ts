import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { loginResponseSchema } from '../../../contract/auth';
import {
  acceptInvitationRequestSchema,
  createInvitationRequestSchema,
  createInvitationResponseSchema,
  invitationListResponseSchema,
  invitationLookupRequestSchema,
  invitationLookupResponseSchema,
} from '../../../contract/people';
import { hashPassword } from '../../auth/password';
import type { AppEnv } from '../../http/app-env';
import { clientAddress, requestedBy } from '../../http/client-address';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse, publicSecurity } from '../../http/openapi';
import { publicOrigin } from '../../http/public-url';
import type { Store } from '../../store/store';

const common = { tags: ['people'], security: bearerSecurity };

const create = createRoute({
  ...common,
  method: 'post',
  path: '/invitations',
  operationId: 'createInvitation',
  summary: 'Invite someone by email with a role (admins); answers the link to hand them, valid 7 days, once',
  request: { body: jsonBody(createInvitationRequestSchema) },
  responses: {
    201: jsonResponse(createInvitationResponseSchema, 'Invited'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    409: errorResponses[409],
  },
});

const list = createRoute({
  ...common,
  method: 'get',
  path: '/invitations',
  operationId: 'listInvitations',
  summary: 'Invitations not yet accepted, revoked or expired (admins)',
  responses: { 200: jsonResponse(invitationListResponseSchema, 'Pending invitations'), 401: errorResponses[401], 403: errorResponses[403] },
});

const revoke = createRoute({
  ...common,
  method: 'delete',
  path: '/invitations/{id}',
  operationId: 'revokeInvitation',
  summary: 'Revoke a pending invitation (admins): its link stops working',
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: {
    200: jsonResponse(z.object({ success: z.literal(true) }), 'Revoked'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

const lookUp = createRoute({
  method: 'post',
  path: '/invitations/lookup',
  tags: ['people'],
  security: publicSecurity,
  operationId: 'lookUpInvitation',
  summary: 'What an invitation link offers, for the page that accepts it',
  request: { body: jsonBody(invitationLookupRequestSchema) },
  responses: { 200: jsonResponse(invitationLookupResponseSchema, 'The invitation'), 400: errorResponses[400], 404: errorResponses[404] },
});

const accept = createRoute({
  method: 'post',
  path: '/invitations/accept',
  tags: ['people'],
  security: publicSecurity,
  operationId: 'acceptInvitation',
  summary: 'Accept an invitation: make the account with a name and password, and sign in',
  request: { body: jsonBody(acceptInvitationRequestSchema) },
  responses: {
    201: jsonResponse(loginResponseSchema, 'Account made and signed in'),
    400: errorResponses[400],
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export const INVITE_PAGE_PATH = '/invite';

export function invitationRoutes(store: Store, publicUrl: string | undefined) {
  return new OpenAPIHono<AppEnv>()
    .openapi(create, async (c) => {
      const { invitation, token } = await store.people.invite(c.get('user'), c.req.valid('json'));
      await store.securityEvents.record({
        ...requestedBy(c),
        action: 'invited',
        subject: { id: null, name: invitation.email },
        details: { role: invitation.role },
      });
      const url = `${publicOrigin(c, publicUrl)}${INVITE_PAGE_PATH}?${new URLSearchParams({ token })}`;
      return c.json({ success: true as const, invitation, url }, 201);
    })
    .openapi(list, async (c) => c.json({ success: true as const, invitations: await store.people.pendingInvitations(c.get('user')) }, 200))
    .openapi(revoke, async (c) => {
      const invitation = await store.people.revokeInvitation(c.get('user'), c.req.valid('param').id);
      await store.securityEvents.record({
        ...requestedBy(c),
        action: 'invitation_revoked',
        subject: { id: null, name: invitation.email },
      });
      return c.json({ success: true as const }, 200);
    })
    .openapi(lookUp, async (c) => {
      const { id: _id, invitedBy: _by, createdAt: _at, ...invitation } = await store.people.lookUpInvitation(c.req.valid('json').token);
      return c.json({ success: true as const, ...invitation }, 200);
    })
    .openapi(accept, async (c) => {
      const { token, name, password } = c.req.valid('json');
      // A used or unknown link is refused before any password is hashed for it.
      await store.people.lookUpInvitation(token);
      const { user, invitation } = await store.people.acceptInvitation({ token, name, passwordHash: await hashPassword(password) });
      const session = await store.users.createSession(user.id);
      await store.securityEvents.record({
        orgId: user.orgId,
        action: 'invitation_accepted',
        actor: { id: user.id, name: user.name },
        address: clientAddress(c),
        details: { role: user.role, invitedBy: invitation.invitedBy },
      });
      return c.json({ token: session.token, user }, 201);
    });
}
