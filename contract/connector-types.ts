import { z } from 'zod';
import { authTypeSchema, MAX_BATCH_SIZE, paginationSchema, scopeSchema, type AuthType, type Scope } from './connector';

export const fieldKindSchema = z.enum(['text', 'secret', 'url', 'number', 'select']);
export type FieldKind = z.infer<typeof fieldKindSchema>;

export const fieldSpecSchema = z.object({
  name: z.string(),
  label: z.string(),
  kind: fieldKindSchema,
  required: z.boolean(),
  help: z.string().optional(),
  placeholder: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  defaultValue: z.union([z.string(), z.number()]).optional(),
});
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

export const categorySchema = z.enum(['Storage', 'Communication', 'Project management', 'Knowledge base', 'Database', 'Web']);
export type Category = z.infer<typeof categorySchema>;

export type ConnectorTypeSpec = {
  id: string;
  displayName: string;
  description: string;
  category: Category;
  appGroup: string;
  authTypes: readonly AuthType[];
  scopes: readonly Scope[];
  supportsSync: boolean;
  supportsAgent: boolean;
  /** Credential fields per auth type; an auth type without any (OAuth, none) signs in or needs nothing. */
  auth: Partial<Record<AuthType, readonly FieldSpec[]>>;
  sync: readonly FieldSpec[];
  filters: readonly FieldSpec[];
};

// The fields most types share, named the same everywhere.
const apiToken: FieldSpec = { name: 'apiToken', label: 'API token', kind: 'secret', required: true };
const username: FieldSpec = { name: 'username', label: 'Username', kind: 'text', required: true };
const password: FieldSpec = { name: 'password', label: 'Password', kind: 'secret', required: true };
const siteUrl: FieldSpec = { name: 'siteUrl', label: 'Site URL', kind: 'url', required: true, placeholder: 'https://your-team.atlassian.net' };

const atlassianAuth = { API_TOKEN: [siteUrl, { ...username, help: 'The email address of the Atlassian account' }, apiToken] };

// Free text rather than a URL: seed 002's clients send sources like "mongodb".
const source = (help: string, placeholder?: string): FieldSpec => ({
  name: 'source',
  label: 'Source',
  kind: 'text',
  required: true,
  help,
  ...(placeholder ? { placeholder } : {}),
});
const batchSize: FieldSpec = { name: 'batchSize', label: 'Batch size', kind: 'number', required: true, min: 1, max: MAX_BATCH_SIZE, defaultValue: 100, help: 'Items read per request' };
// Empty means manual: a schedule is optional, every other sync setting is not.
const schedule: FieldSpec = {
  name: 'syncIntervalMinutes',
  label: 'Sync every (minutes)',
  kind: 'number',
  required: false,
  min: 5,
  max: 10_080,
  help: 'Leave empty to sync only when started by hand',
};
const syncSettings = (first: FieldSpec) => [first, batchSize, schedule];
const both: readonly Scope[] = ['team', 'personal'];

// The connector types this workspace can run. One declaration per type: the server validates with
// it, the OpenAPI document shows it and the dashboard draws its forms from it.
export const connectorTypes = [
  {
    id: 'google-drive',
    displayName: 'Google Drive',
    description: 'Files and folders from shared and personal drives',
    category: 'Storage',
    appGroup: 'Google Workspace',
    authTypes: ['OAUTH', 'OAUTH_ADMIN_CONSENT'],
    scopes: both,
    supportsSync: true,
    supportsAgent: true,
    auth: {
      OAUTH_ADMIN_CONSENT: [{ name: 'adminEmail', label: 'Admin email', kind: 'text', required: true, help: 'The workspace admin who grants access for the whole domain' }],
    },
    sync: syncSettings(source('The drive or folder to read', 'drive://team')),
    filters: [{ name: 'folders', label: 'Only these folders', kind: 'text', required: false, help: 'Comma-separated folder names; empty reads every folder' }],
  },
  {
    id: 'slack',
    displayName: 'Slack',
    description: 'Messages and threads from public channels',
    category: 'Communication',
    appGroup: 'Slack',
    authTypes: ['OAUTH', 'API_TOKEN'],
    scopes: both,
    supportsSync: true,
    supportsAgent: true,
    auth: { API_TOKEN: [{ ...apiToken, help: 'A bot token that starts with xoxb-' }] },
    sync: syncSettings(source('The Slack workspace', 'acme.slack.com')),
    filters: [{ name: 'channels', label: 'Only these channels', kind: 'text', required: false, help: 'Comma-separated channel names; empty reads every public channel' }],
  },
  {
    id: 'jira',
    displayName: 'Jira',
    description: 'Issues, comments and attachments from Jira projects',
    category: 'Project management',
    appGroup: 'Atlassian',
    authTypes: ['OAUTH', 'API_TOKEN'],
    scopes: both,
    supportsSync: true,
    supportsAgent: true,
    auth: atlassianAuth,
    sync: syncSettings(source('The Jira site to read', 'https://your-team.atlassian.net')),
    filters: [{ name: 'projects', label: 'Only these projects', kind: 'text', required: false, help: 'Comma-separated project keys' }],
  },
  {
    id: 'confluence',
    displayName: 'Confluence',
    description: 'Pages and blog posts from Confluence spaces',
    category: 'Knowledge base',
    appGroup: 'Atlassian',
    authTypes: ['OAUTH', 'API_TOKEN'],
    scopes: both,
    supportsSync: true,
    supportsAgent: true,
    auth: atlassianAuth,
    sync: syncSettings(source('The Confluence site to read', 'https://your-team.atlassian.net/wiki')),
    filters: [{ name: 'spaces', label: 'Only these spaces', kind: 'text', required: false, help: 'Comma-separated space keys' }],
  },
  {
    id: 'notion',
    displayName: 'Notion',
    description: 'Pages and databases shared with the integration',
    category: 'Knowledge base',
    appGroup: 'Notion',
    authTypes: ['OAUTH', 'API_TOKEN'],
    scopes: both,
    supportsSync: true,
    supportsAgent: true,
    auth: { API_TOKEN: [{ ...apiToken, help: 'An internal integration secret' }] },
    sync: syncSettings(source('The Notion workspace', 'notion://team')),
    filters: [],
  },
  {
    id: 'postgres',
    displayName: 'PostgreSQL',
    description: 'Tables and views from a PostgreSQL database',
    category: 'Database',
    appGroup: 'Databases',
    authTypes: ['USERNAME_PASSWORD'],
    scopes: ['team'],
    supportsSync: true,
    supportsAgent: false,
    auth: { USERNAME_PASSWORD: [username, password] },
    sync: syncSettings(source('The database to read', 'postgres://db.internal:5432/analytics')),
    filters: [{ name: 'tables', label: 'Only these tables', kind: 'text', required: false, help: 'Comma-separated, as schema.table' }],
  },
  {
    id: 's3',
    displayName: 'Amazon S3',
    description: 'Objects from an S3 bucket',
    category: 'Storage',
    appGroup: 'Amazon Web Services',
    authTypes: ['API_TOKEN'],
    scopes: ['team'],
    supportsSync: true,
    supportsAgent: false,
    auth: {
      API_TOKEN: [
        { name: 'accessKeyId', label: 'Access key ID', kind: 'text', required: false, help: 'Leave empty when the token alone identifies the key' },
        { ...apiToken, help: 'The secret access key' },
        {
          name: 'region',
          label: 'Region',
          kind: 'select',
          required: false,
          options: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'].map((value) => ({ value, label: value })),
        },
      ],
    },
    sync: syncSettings(source('The bucket, and a prefix if any', 's3://bucket/prefix')),
    filters: [],
  },
  {
    id: 'web',
    displayName: 'Web crawler',
    description: 'Public pages of a website, crawled from a start address',
    category: 'Web',
    appGroup: 'Web',
    authTypes: ['NONE'],
    scopes: both,
    supportsSync: true,
    supportsAgent: false,
    auth: {},
    sync: syncSettings(source('The address the crawl starts from', 'https://example.com')),
    filters: [{ name: 'maxDepth', label: 'Maximum link depth', kind: 'number', required: false, min: 0, max: 10 }],
  },
] as const satisfies readonly ConnectorTypeSpec[];

export type ConnectorTypeId = (typeof connectorTypes)[number]['id'];

const byId = new Map<string, ConnectorTypeSpec>(connectorTypes.map((type) => [type.id, type]));

export function findConnectorType(id: string): ConnectorTypeSpec | undefined {
  return byId.get(id);
}

export function connectorTypeName(id: string): string {
  return findConnectorType(id)?.displayName ?? id;
}

export function authFields(type: ConnectorTypeSpec, authType: AuthType): readonly FieldSpec[] {
  return type.auth[authType] ?? [];
}

// -- What the registry endpoints answer (the documented PipesHub names).

export const registryEntrySchema = z.object({
  connectorType: z.string(),
  displayName: z.string(),
  description: z.string(),
  appGroup: z.string(),
  authTypes: z.array(authTypeSchema),
  supportedScopes: z.array(scopeSchema),
  supportsSync: z.boolean(),
  supportsAgent: z.boolean(),
  categories: z.array(categorySchema),
});
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

export function registryEntry(type: ConnectorTypeSpec): RegistryEntry {
  return {
    connectorType: type.id,
    displayName: type.displayName,
    description: type.description,
    appGroup: type.appGroup,
    authTypes: [...type.authTypes],
    supportedScopes: [...type.scopes],
    supportsSync: type.supportsSync,
    supportsAgent: type.supportsAgent,
    categories: [type.category],
  };
}

export const registryQuerySchema = z.strictObject({
  scope: scopeSchema.optional(),
  search: z.string().trim().max(200, 'Search is at most 200 characters').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RegistryQuery = z.output<typeof registryQuerySchema>;

export const registryResponseSchema = z.object({
  success: z.literal(true),
  connectors: z.array(registryEntrySchema),
  pagination: paginationSchema.omit({ nextCursor: true }).extend({ page: z.number().int() }),
});

export const connectorSchemaResponseSchema = z.object({
  success: z.literal(true),
  schema: z.object({
    connectorType: z.string(),
    authSchema: z.record(z.string(), z.object({ fields: z.array(fieldSpecSchema) })),
    syncSchema: z.object({ fields: z.array(fieldSpecSchema) }),
    filterSchema: z.object({ fields: z.array(fieldSpecSchema) }),
    /** Per auth type, what must be set before the connector counts as configured, as `auth.x` / `sync.y`. */
    requiredFields: z.record(z.string(), z.array(z.string())),
  }),
});
export type ConnectorTypeSchema = z.infer<typeof connectorSchemaResponseSchema>['schema'];
