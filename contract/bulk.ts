import { z } from 'zod';
import { connectorIdSchema, connectorStatusSchema, scopeSchema, text, toggleTypeSchema } from './connector';
import { errorCodeSchema } from './errors';

export const MAX_BULK_ROWS = 10_000;

// The list's filters, as a JSON body carries them (real booleans rather than query-string text).
export const bulkFilterSchema = z.strictObject({
  scope: scopeSchema.optional(),
  search: text().trim().max(200).optional(),
  connectorType: text().max(100).optional(),
  syncEnabled: z.boolean().optional(),
  agentEnabled: z.boolean().optional(),
  isConfigured: z.boolean().optional(),
  isAuthenticated: z.boolean().optional(),
  isActive: z.boolean().optional(),
  status: connectorStatusSchema.optional(),
});
export type BulkFilter = z.infer<typeof bulkFilterSchema>;

export const bulkToggleRequestSchema = z
  .strictObject({
    type: toggleTypeSchema,
    enabled: z.boolean(),
    connectorIds: z
      .array(connectorIdSchema)
      .min(1, 'Select at least one connector')
      .max(MAX_BULK_ROWS, `At most ${MAX_BULK_ROWS.toLocaleString('en')} connectors in one request`)
      .optional(),
    filter: bulkFilterSchema.optional(),
    dryRun: z.boolean().default(false),
  })
  .refine((body) => (body.connectorIds === undefined) !== (body.filter === undefined), {
    message: 'Send either connectorIds or filter, not both',
  });
export type BulkToggleRequest = z.output<typeof bulkToggleRequestSchema>;

export const bulkOutcomeSchema = z.enum(['changed', 'unchanged', 'refused']);

export const bulkResultSchema = z.object({
  connectorId: z.string(),
  instanceName: z.string().nullable(),
  outcome: bulkOutcomeSchema,
  code: errorCodeSchema.optional(),
  message: z.string().optional(),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

export const bulkToggleResponseSchema = z.object({
  success: z.literal(true),
  dryRun: z.boolean(),
  summary: z.object({
    total: z.number().int(),
    // `willChange` on a dry run, `changed` once done.
    willChange: z.number().int().optional(),
    changed: z.number().int().optional(),
    unchanged: z.number().int(),
    refused: z.partialRecord(errorCodeSchema, z.number().int()),
  }),
  results: z.array(bulkResultSchema),
});
export type BulkToggleResponse = z.infer<typeof bulkToggleResponseSchema>;
