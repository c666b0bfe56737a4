import { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { CONNECTOR_EVENT_NAME } from '../../../contract/events';
import type { EventHub, StreamEvent } from '../../events/event-hub';
import type { AppEnv } from '../../http/app-env';
import { bearerSecurity, errorResponses } from '../../http/openapi';

// Proxies cut connections that stay silent; a comment line every so often keeps this one open.
const KEEP_ALIVE_MS = 15_000;

const keyOf = ({ id, event }: StreamEvent) => `${id}:${event.kind === 'changed' ? event.connector.connectorId : event.kind === 'deleted' ? event.connectorId : ''}`;

export function eventRoutes(hub: EventHub) {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openAPIRegistry.registerPath({
    method: 'get',
    path: '/events',
    tags: ['connectors'],
    security: bearerSecurity,
    operationId: 'streamConnectorEvents',
    summary: 'Server-Sent Events: each change to a connector the caller may see, as it commits; send Last-Event-ID to get what was missed',
    responses: {
      200: { description: 'An event stream of `connector` events (see ConnectorEvent in the contract)', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      401: errorResponses[401],
    },
  });
  routes.get('/events', (c) => {
    const viewer = c.get('user');
    const lastEventId = Number(c.req.header('last-event-id'));
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      // Events are queued while the missed ones are read, so that none overtakes them.
      let backlog: StreamEvent[] | null = [];
      // A change read by the replay can still arrive live (its notice is late): it is sent once.
      const replayed = new Set<string>();
      const write = (item: StreamEvent) => stream.writeSSE({ id: String(item.id), event: CONNECTOR_EVENT_NAME, data: JSON.stringify(item.event) });
      const writeLive = (item: StreamEvent) => (replayed.has(keyOf(item)) ? undefined : write(item));
      const unsubscribe = hub.subscribe(viewer, (item) => {
        if (backlog) backlog.push(item);
        else void writeLive(item);
      });
      stream.onAbort(unsubscribe);
      if (Number.isSafeInteger(lastEventId) && lastEventId > 0) {
        for (const item of await hub.missedSince(viewer, lastEventId)) {
          replayed.add(keyOf(item));
          await write(item);
        }
      }
      for (const item of backlog) await writeLive(item);
      backlog = null;
      while (!stream.aborted) {
        await stream.sleep(KEEP_ALIVE_MS);
        if (!stream.aborted) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
  return routes;
}
