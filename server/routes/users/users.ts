import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { usersResponseSchema } from '../../../contract/auth';
import { changeRoleRequestSchema, personResponseSchema, removalPreviewResponseSchema, removalResponseSchema } from '../../../contract/people';
import type { AppEnv } from '../../http/app-env';
import { requestedBy } from '../../http/client-address';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../http/openapi';
import type { Store } from '../../store/store';

const common = { tags: ['users'], security: bearerSecurity };
const params = z.object({ id: z.string().max(100) });

const list = createRoute({
  ...common,
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  summary: "The people of the caller's org; removed ones marked, for the names of what they made",
  responses: { 200: jsonResponse(usersResponseSchema, 'Users'), 401: errorResponses[401] },
});

const changeRole = createRoute({
  ...common,
  method: 'patch',
  path: '/users/{id}',
  operationId: 'changeUserRole',
  summary: "Change someone's role (admins); the org's last admin stays one",
  request: { params, body: jsonBody(changeRoleRequestSchema) },
  responses: {
    200: jsonResponse(personResponseSchema, 'Changed'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

const removalPreview = createRoute({
  ...common,
  method: 'get',
  path: '/users/{id}/removal',
  operationId: 'previewUserRemoval',
  summary: 'What goes if this person is removed: how many personal connectors (admins)',
  request: { params },
  responses: { 200: jsonResponse(removalPreviewResponseSchema, 'What goes'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
});

const remove = createRoute({
  ...common,
  method: 'delete',
  path: '/users/{id}',
  operationId: 'removeUser',
  summary: 'Remove someone (admins): their sessions and keys end at once, their personal connectors are deleted',
  request: { params },
  responses: {
    200: jsonResponse(removalResponseSchema, 'Removed'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function userRoutes(store: Store) {
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => c.json({ success: true as const, users: await store.users.listOrg(c.get('user').orgId) }, 200))
    .openapi(changeRole, async (c) => {
      const { before, person } = await store.people.changeRole(c.get('user'), c.req.valid('param').id, c.req.valid('json').role);
      if (before !== person.role) {
        store.users.forgetSessionsOf(person.id);
        await store.securityEvents.record({
          ...requestedBy(c),
          action: 'role_changed',
          subject: { id: person.id, name: person.name },
          details: { from: before, to: person.role },
        });
      }
      return c.json({ success: true as const, user: person }, 200);
    })
    .openapi(removalPreview, async (c) =>
      c.json({ success: true as const, personalConnectors: await store.people.personalConnectorCount(c.get('user'), c.req.valid('param').id) }, 200),
    )
    .openapi(remove, async (c) => {
      const id = c.req.valid('param').id;
      const { person, deletedConnectors } = await store.people.remove(c.get('user'), id, (tx) => store.connectors.removePersonalOf(c.get('caller'), id, tx));
      store.users.forgetSessionsOf(person.id);
      await store.securityEvents.record({
        ...requestedBy(c),
        action: 'removed',
        subject: { id: person.id, name: person.name },
        details: { deletedConnectors },
      });
      return c.json({ success: true as const, deletedConnectors }, 200);
    });
}
