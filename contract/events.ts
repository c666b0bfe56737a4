import { z } from 'zod';
import { connectorSchema } from './connector';

/** What the live stream (`GET /events`, Server-Sent Events named "connector") carries. */
export const connectorEventSchema = z.discriminatedUnion('kind', [
  // Created or changed: the connector as it is now, and who changed it.
  z.object({ kind: z.literal('changed'), connector: connectorSchema, by: z.string() }),
  z.object({ kind: z.literal('deleted'), connectorId: z.string(), by: z.string() }),
  // Too much changed at once (a bulk action, a long disconnection): read the lists again.
  z.object({ kind: z.literal('refetch') }),
]);
export type ConnectorEvent = z.infer<typeof connectorEventSchema>;

export const CONNECTOR_EVENT_NAME = 'connector';
