import { z } from 'zod';

export const scopeSchema = z.enum(['team', 'personal']);
export type Scope = z.infer<typeof scopeSchema>;

export const authTypeSchema = z.enum(['OAUTH', 'OAUTH_ADMIN_CONSENT', 'API_TOKEN', 'USERNAME_PASSWORD', 'NONE']);
export type AuthType = z.infer<typeof authTypeSchema>;

export const connectorStatusSchema = z.enum(['pending', 'active', 'inactive']);
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

export const toggleTypeSchema = z.enum(['sync', 'agent']);
export type ToggleType = z.infer<typeof toggleTypeSchema>;

export const MAX_BATCH_SIZE = 10_000;

/** Free text as PostgreSQL can store it: well-formed Unicode without the NUL character. */
export const text = () =>
  z
    .string()
    .refine((value) => !value.includes('\u0000'), 'Text cannot contain the NUL character')
    // An unpaired surrogate (from a JSON escape like "\ud800") is no character at all.
    .refine((value) => !/\p{Cs}/u.test(value), 'Text cannot contain broken Unicode (an unpaired surrogate)');

// What the API returns: the password itself never leaves the server, only whether one is stored.
export const dataLoaderConfigSchema = z.object({
  source: z.string(),
  batchSize: z.number().int(),
  auth: z.object({ username: z.string(), hasPassword: z.boolean() }),
});
export type DataLoaderConfig = z.infer<typeof dataLoaderConfigSchema>;

// What a client sends. An empty or missing password keeps the stored one.
export const dataLoaderConfigInputSchema = z.strictObject({
  source: text().trim().min(1, 'Enter a source').max(500, 'Source is at most 500 characters'),
  batchSize: z
    .number({ error: 'Batch size must be a whole number' })
    .int('Batch size must be a whole number')
    .min(1, 'Batch size is at least 1')
    .max(MAX_BATCH_SIZE, `Batch size is at most ${MAX_BATCH_SIZE}`),
  auth: z.strictObject({
    username: text().trim().max(200, 'Username is at most 200 characters'),
    password: text().max(1000, 'Password is at most 1000 characters').optional(),
  }),
});
export type DataLoaderConfigInput = z.infer<typeof dataLoaderConfigInputSchema>;

const timestamp = z.iso.datetime({ offset: true });

/** Why an OAuth connector is no longer signed in, kept so nobody takes it for a colleague's click. */
export const authProblemSchema = z.object({
  code: z.enum(['REFRESH_REFUSED']),
  message: z.string(),
  at: timestamp,
});
export type AuthProblem = z.infer<typeof authProblemSchema>;

export const connectorSchema = z.object({
  connectorId: z.string(),
  connectorType: z.string(),
  instanceName: z.string(),
  scope: scopeSchema,
  authType: authTypeSchema,
  createdBy: z.string(),
  orgId: z.string(),
  isActive: z.boolean(),
  isConfigured: z.boolean(),
  isAuthenticated: z.boolean(),
  syncEnabled: z.boolean(),
  agentEnabled: z.boolean(),
  supportsAgent: z.boolean(),
  status: connectorStatusSchema,
  dataLoaderConfig: dataLoaderConfigSchema,
  version: z.number().int(),
  lastSyncAt: timestamp.nullable(),
  // OAuth connectors only: who signed it in last and when, or why it is signed out.
  signedInBy: z.string().nullable(),
  signedInAt: timestamp.nullable(),
  authProblem: authProblemSchema.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Connector = z.infer<typeof connectorSchema>;

export const connectorIdSchema = z
  .string()
  .min(1)
  .max(100, 'A connector id is at most 100 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'A connector id has only letters, digits, "_" and "-"');

export const sortableFields = [
  'instanceName',
  'connectorType',
  'scope',
  'authType',
  'status',
  'createdBy',
  'lastSyncAt',
  'createdAt',
  'updatedAt',
] as const;
export type SortableField = (typeof sortableFields)[number];
export const connectorSortSchema = z.enum([...sortableFields, ...sortableFields.map((field) => `-${field}` as const)]);
export type ConnectorSort = z.infer<typeof connectorSortSchema>;

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

// The filters a list (and its counts) can be narrowed by. Query strings carry booleans as text.
export const connectorFilterQuerySchema = z.strictObject({
  scope: scopeSchema.optional(),
  search: text().trim().max(200, 'Search is at most 200 characters').optional(),
  connectorType: text().max(100).optional(),
  syncEnabled: booleanParam.optional(),
  agentEnabled: booleanParam.optional(),
  isConfigured: booleanParam.optional(),
  isAuthenticated: booleanParam.optional(),
  isActive: booleanParam.optional(),
  status: connectorStatusSchema.optional(),
});
export type ConnectorFilters = z.output<typeof connectorFilterQuerySchema>;

// Deeper rows are read by cursor, which costs the same at any depth.
export const MAX_PAGE_OFFSET = 10_000;

export const connectorListQuerySchema = connectorFilterQuerySchema
  .extend({
    sort: connectorSortSchema.optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).optional(),
    cursor: z.string().min(1).max(1_000, 'A cursor is at most 1000 characters').optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  })
  .superRefine((query, context) => {
    if (query.cursor !== undefined && query.page !== undefined) {
      context.addIssue({ code: 'custom', path: ['cursor'], message: 'Send either page or cursor, not both' });
    }
    if (query.page !== undefined && (query.page - 1) * query.limit > MAX_PAGE_OFFSET) {
      context.addIssue({
        code: 'custom',
        path: ['page'],
        message: `page reaches past the first ${MAX_PAGE_OFFSET.toLocaleString('en')} connectors: follow pagination.nextCursor to read further`,
      });
    }
  });
export type ConnectorListQuery = z.output<typeof connectorListQuerySchema>;

export const paginationSchema = z.object({
  page: z.number().int().nullable(),
  limit: z.number().int(),
  totalCount: z.number().int(),
  // The documented PipesHub names of totalCount and hasNext.
  total: z.number().int(),
  totalPages: z.number().int(),
  hasNext: z.boolean(),
  hasMore: z.boolean(),
  hasPrev: z.boolean(),
  nextCursor: z.string().nullable(),
});

export const connectorListResponseSchema = z.object({
  success: z.literal(true),
  connectors: z.array(connectorSchema),
  pagination: paginationSchema,
});
export type ConnectorListResponse = z.infer<typeof connectorListResponseSchema>;

// Each header count is the size of one filter, so clicking a count applies exactly that filter.
export const countFilters = {
  syncing: { syncEnabled: true },
  agentEnabled: { agentEnabled: true },
  notConfigured: { isConfigured: false },
  needsSignIn: { isAuthenticated: false },
} as const satisfies Record<string, ConnectorFilters>;
export type CountKey = keyof typeof countFilters;

export const connectorCountsResponseSchema = z.object({
  success: z.literal(true),
  counts: z.object({
    total: z.number().int(),
    syncing: z.number().int(),
    agentEnabled: z.number().int(),
    notConfigured: z.number().int(),
    needsSignIn: z.number().int(),
  }),
});
export type ConnectorCounts = z.infer<typeof connectorCountsResponseSchema>['counts'];

export const connectorResponseSchema = z.object({
  success: z.literal(true),
  connector: connectorSchema,
});

export const toggleRequestSchema = z.strictObject({
  type: toggleTypeSchema,
  enabled: z.boolean().optional(),
});
export type ToggleRequest = z.infer<typeof toggleRequestSchema>;

export const toggleResponseSchema = z.object({
  success: z.literal(true),
  message: z.string(),
  connector: connectorSchema,
});

export const connectorPatchSchema = z
  .strictObject({
    instanceName: text()
      .trim()
      .min(1, 'Enter a name')
      .max(200, 'A name is at most 200 characters')
      .optional(),
    status: connectorStatusSchema.optional(),
    dataLoaderConfig: dataLoaderConfigInputSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Send at least one of instanceName, status, dataLoaderConfig',
  });
export type ConnectorPatch = z.infer<typeof connectorPatchSchema>;

// Seed 002's request, field for field.
export const changeStatusRequestSchema = z.strictObject({
  new_status: connectorStatusSchema,
  connectorID: connectorIdSchema,
  data_loader_config: z.strictObject({
    source: text().trim().min(1, 'Enter a source').max(500),
    batch_size: z.number().int().min(1).max(MAX_BATCH_SIZE),
    auth: z.strictObject({
      username: text().trim().max(200),
      password: text().max(1000),
    }),
  }),
});
export type ChangeStatusRequest = z.infer<typeof changeStatusRequestSchema>;

export const changeStatusResponseSchema = z.object({
  status: z.literal('success'),
  message: z.string(),
});
