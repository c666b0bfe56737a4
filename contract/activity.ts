import { z } from 'zod';
import { connectorIdSchema, scopeSchema } from './connector';

export const activityActionSchema = z.enum([
  'created',
  'deleted',
  'renamed',
  'sync_on',
  'sync_off',
  'agent_on',
  'agent_off',
  'status_changed',
  'config_changed',
  'signed_in',
  'sign_in_expired',
  'disconnected',
]);
export type ActivityAction = z.infer<typeof activityActionSchema>;

export const actorTypeSchema = z.enum(['user', 'api_key', 'system']);
export type ActorType = z.infer<typeof actorTypeSchema>;
export const viaSchema = z.enum(['dashboard', 'api', 'system']);
export type Via = z.infer<typeof viaSchema>;

const timestamp = z.iso.datetime({ offset: true });

/** What changed from what to what; for a configuration, which fields (a secret only as "replaced"). */
export const activityChangesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));
export type ActivityChanges = z.infer<typeof activityChangesSchema>;

export const activityEntrySchema = z.object({
  id: z.string(),
  at: timestamp,
  action: activityActionSchema,
  connectorId: z.string(),
  // As it was named when this happened, so entries of renamed or deleted connectors still read well.
  connectorName: z.string(),
  connectorType: z.string(),
  scope: scopeSchema,
  // The creator of a personal connector (only they can open it), null for a team one.
  ownerId: z.string().nullable(),
  actor: z.object({ type: actorTypeSchema, id: z.string().nullable(), name: z.string() }),
  via: viaSchema,
  changes: activityChangesSchema,
  reason: z.string().nullable(),
  // Deleted since: its page is gone, so the entry names it without a link.
  connectorDeleted: z.boolean(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const MAX_ACTIVITY_PAGE = 100;

export const activityQuerySchema = z.strictObject({
  actor: z.string().max(100).optional(),
  action: activityActionSchema.optional(),
  connectorId: connectorIdSchema.optional(),
  since: timestamp.optional(),
  until: timestamp.optional(),
  cursor: z.string().regex(/^\d{1,18}$/, 'cursor is the nextCursor of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ACTIVITY_PAGE).default(50),
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;

export const activityResponseSchema = z.object({
  success: z.literal(true),
  activity: z.array(activityEntrySchema),
  pagination: z.object({ nextCursor: z.string().nullable() }),
});
