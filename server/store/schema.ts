import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AuthProblem, AuthType, ConnectorStatus, Scope } from '../../contract/connector';
import type { ActivityAction, ActivityChanges, ActorType, Via } from '../../contract/activity';
import type { Role } from '../../contract/auth';
import type { SecurityAction } from '../../contract/people';
import { emptySettings, type StoredSettings } from '../../contract/connector-config';

// Milliseconds, as a JavaScript Date holds them: a list cursor carries a time back exactly as it was read.
const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
const createdAt = () => time('created_at').notNull().defaultNow();

export const orgs = pgTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  // Bumped with every change to the org's connectors (migration 0004): read caches compare it.
  dataVersion: bigint('data_version', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    // Removed people stay as rows: what they did and the team connectors they made still name them.
    removedAt: time('removed_at'),
  },
  (table) => [
    // Unique among current people only: someone removed can be invited again.
    uniqueIndex('users_email_key').on(table.email).where(sql`${table.removedAt} is null`),
    index('users_org_idx').on(table.orgId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: time('expires_at').notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const connectors = pgTable(
  'connectors',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    connectorType: text('connector_type').notNull(),
    instanceName: text('instance_name').notNull(),
    scope: text('scope').$type<Scope>().notNull(),
    authType: text('auth_type').$type<AuthType>().notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<ConnectorStatus>().notNull().default('pending'),
    // The values of the type's fields that are not secret: { auth, sync, filters }.
    settings: jsonb('settings').$type<StoredSettings>().notNull().default(emptySettings()),
    // Secret fields, each sealed with AES-256-GCM (server/secrets); read back by nothing that answers a request.
    secrets: jsonb('secrets').$type<Record<string, string>>().notNull().default({}),
    // A password stored before secrets were sealed; sealed into `secrets` and cleared at start-up.
    unsealedSecret: text('unsealed_secret'),
    isConfigured: boolean('is_configured').notNull(),
    isAuthenticated: boolean('is_authenticated').notNull(),
    supportsAgent: boolean('supports_agent').notNull(),
    syncEnabled: boolean('sync_enabled').notNull().default(false),
    agentEnabled: boolean('agent_enabled').notNull().default(false),
    isActive: boolean('is_active').generatedAlwaysAs(sql`sync_enabled OR agent_enabled`),
    version: integer('version').notNull().default(1),
    lastSyncAt: time('last_sync_at'),
    signedInBy: text('signed_in_by'),
    signedInAt: time('signed_in_at'),
    authProblem: jsonb('auth_problem').$type<AuthProblem>(),
    createdAt: createdAt(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (table) => [
    // Every list query starts with the org and the visibility rule; the sort column follows.
    // Not `updated_at`, so a toggle stays a HOT update; connector_recency serves that sort.
    // Migration 0003 also sets the table's fillfactor to 90, which drizzle cannot declare here.
    index('connectors_org_scope_creator_idx').on(table.orgId, table.scope, table.createdBy),
    index('connectors_org_name_idx').on(table.orgId, table.instanceName, table.id),
    index('connectors_org_created_idx').on(table.orgId, table.createdAt, table.id),
    index('connectors_org_last_sync_idx').on(table.orgId, table.lastSyncAt, table.id),
    // Most recently synced first with never-synced last is the dashboard's usual order; a backward
    // scan of the index above would put the never-synced first.
    index('connectors_org_last_sync_desc_idx').on(table.orgId, table.lastSyncAt.desc().nullsLast(), table.id.desc()),
    index('connectors_org_type_idx').on(table.orgId, table.connectorType, table.id),
    index('connectors_org_type_name_idx').on(table.orgId, table.connectorType, table.instanceName, table.id),
    index('connectors_org_status_idx').on(table.orgId, table.status, table.id),
    index('connectors_name_trgm_idx').using('gin', sql`lower(${table.instanceName}) gin_trgm_ops`),
    // Names are unique among the org's team connectors, and among each person's personal ones.
    uniqueIndex('connectors_name_key').on(
      table.orgId,
      table.scope,
      sql`(case when ${table.scope} = 'personal' then ${table.createdBy} else '' end)`,
      sql`lower(${table.instanceName})`,
    ),
  ],
);

export type ConnectorRow = typeof connectors.$inferSelect;

// Each connector's `updated_at`, copied by the triggers of migration 0013.
export const connectorRecency = pgTable(
  'connector_recency',
  {
    connectorId: text('connector_id')
      .primaryKey()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (table) => [index('connector_recency_org_updated_idx').on(table.orgId, table.updatedAt, table.connectorId)],
);
export type UserRow = typeof users.$inferSelect;

// Connectors per org and filterable state, kept by triggers (migration 0004); owner '' for team ones.
export const connectorTallies = pgTable(
  'connector_tallies',
  {
    orgId: text('org_id').notNull(),
    scope: text('scope').$type<Scope>().notNull(),
    owner: text('owner').notNull(),
    connectorType: text('connector_type').notNull(),
    status: text('status').$type<ConnectorStatus>().notNull(),
    syncEnabled: boolean('sync_enabled').notNull(),
    agentEnabled: boolean('agent_enabled').notNull(),
    isConfigured: boolean('is_configured').notNull(),
    isAuthenticated: boolean('is_authenticated').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'connector_tallies_pkey',
      columns: [
        table.orgId,
        table.scope,
        table.owner,
        table.connectorType,
        table.status,
        table.syncEnabled,
        table.agentEnabled,
        table.isConfigured,
        table.isAuthenticated,
      ],
    }),
  ],
);

export type LoggedState = {
  scope: Scope;
  createdBy: string;
  instanceName: string;
  connectorType: string;
  authType: AuthType;
  status: ConnectorStatus;
  syncEnabled: boolean;
  agentEnabled: boolean;
  isConfigured: boolean;
  isAuthenticated: boolean;
  lastSyncAt: number | null;
  createdAt: number;
  updatedAt: number;
};

const connectorState = customType<{ data: unknown }>({ dataType: () => 'connector_state' });

// Each version's connector before and after it, so a read cache drops only the answers a change affects.
export const connectorWrites = pgTable(
  'connector_writes',
  {
    orgId: text('org_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    connectorId: text('connector_id').notNull(),
    // Read through to_jsonb(): a composite's text form is not JSON.
    before: connectorState('before'),
    after: connectorState('after'),
  },
  (table) => [primaryKey({ name: 'connector_writes_pkey', columns: [table.orgId, table.version, table.connectorId] })],
);

export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    windowEndsAt: time('window_ends_at').notNull(),
    // Until when the next attempt under this key waits; grows with each failure past the free ones.
    blockedUntil: time('blocked_until'),
  },
  (table) => [index('sign_in_attempts_window_idx').on(table.windowEndsAt)],
);

// The OAuth app an org signs in to a connector type with; the client secret is sealed.
export const oauthApps = pgTable(
  'oauth_apps',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    connectorType: text('connector_type').notNull(),
    clientId: text('client_id').notNull(),
    clientSecret: text('client_secret').notNull(),
    authorizeUrl: text('authorize_url').notNull(),
    tokenUrl: text('token_url').notNull(),
    issuer: text('issuer'),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'oauth_apps_pkey', columns: [table.orgId, table.connectorType] })],
);
export type OAuthAppRow = typeof oauthApps.$inferSelect;

// A sign-in on its way through the provider: single use, short-lived, bound to a person, a connector
// and the browser that started it. Only hashes of the state and the browser's binding are kept.
export const oauthStates = pgTable(
  'oauth_states',
  {
    stateHash: text('state_hash').primaryKey(),
    bindingHash: text('binding_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    connectorId: text('connector_id').notNull(),
    // The PKCE verifier, sealed.
    codeVerifier: text('code_verifier').notNull(),
    redirectUrl: text('redirect_url').notNull(),
    returnTo: text('return_to').notNull(),
    expiresAt: time('expires_at').notNull(),
    usedAt: time('used_at'),
  },
  (table) => [index('oauth_states_expires_idx').on(table.expiresAt)],
);
export type OAuthStateRow = typeof oauthStates.$inferSelect;

// A signed-in connector's tokens, sealed, apart from the row every list reads.
export const connectorTokens = pgTable(
  'connector_tokens',
  {
    connectorId: text('connector_id')
      .primaryKey()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    tokens: text('tokens').notNull(),
    expiresAt: time('expires_at'),
    // One refresh at a time, across processes: the one that set this lease does it.
    refreshLeaseUntil: time('refresh_lease_until'),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (table) => [index('connector_tokens_expires_idx').on(table.expiresAt)],
);
export type ConnectorTokenRow = typeof connectorTokens.$inferSelect;

// Who changed what, written in the transaction of the change. No foreign key: a deleted connector's
// history stays, under the name it had.
export const connectorActivity = pgTable(
  'connector_activity',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text('org_id').notNull(),
    connectorId: text('connector_id').notNull(),
    connectorName: text('connector_name').notNull(),
    connectorType: text('connector_type').notNull(),
    scope: text('scope').$type<Scope>().notNull(),
    // The creator of a personal connector, '' for a team one: who else may read the entry.
    owner: text('owner').notNull(),
    action: text('action').$type<ActivityAction>().notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    via: text('via').$type<Via>().notNull(),
    changes: jsonb('changes').$type<ActivityChanges>().notNull(),
    reason: text('reason'),
    at: time('at').notNull().defaultNow(),
  },
  (table) => [
    index('connector_activity_org_idx').on(table.orgId, table.id.desc()),
    index('connector_activity_connector_idx').on(table.connectorId, table.id.desc()),
  ],
);
export type ConnectorActivityRow = typeof connectorActivity.$inferSelect;

// Keys for scripts: only a hash is kept. A key acts as its creator, with at most the key's role; it
// goes with its creator.
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdAt: createdAt(),
    expiresAt: time('expires_at'),
    lastUsedAt: time('last_used_at'),
  },
  (table) => [uniqueIndex('api_keys_hash_key').on(table.keyHash), index('api_keys_org_idx').on(table.orgId)],
);
export type ApiKeyRow = typeof apiKeys.$inferSelect;

// The one-time link that makes an empty server's organisation and first admin; sealed, as it is
// printed again at each start until used.
export const setupTokens = pgTable('setup_tokens', {
  id: text('id').primaryKey(),
  tokenSealed: text('token_sealed').notNull(),
  createdAt: createdAt(),
});

export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    email: text('email').notNull(),
    role: text('role').$type<Role>().notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: time('expires_at').notNull(),
    acceptedAt: time('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id),
    revokedAt: time('revoked_at'),
  },
  (table) => [uniqueIndex('invitations_token_key').on(table.tokenHash), index('invitations_org_idx').on(table.orgId)],
);
export type InvitationRow = typeof invitations.$inferSelect;

// Sign-ins, lockouts and changes to people, with who, whom and from where. No foreign keys: the
// record outlives the people it names. org_id is null for failures against an unknown account.
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text('org_id'),
    action: text('action').$type<SecurityAction>().notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    subjectId: text('subject_id'),
    subjectName: text('subject_name'),
    address: text('address'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    at: time('at').notNull().defaultNow(),
  },
  (table) => [index('security_events_org_idx').on(table.orgId, table.id.desc()), index('security_events_at_idx').on(table.at)],
);
export type SecurityEventRow = typeof securityEvents.$inferSelect;
