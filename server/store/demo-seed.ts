import { eq } from 'drizzle-orm';
import type { Role } from '../../contract/auth';
import type { AuthType, ConnectorStatus, Scope } from '../../contract/connector';
import { defaultSettings, primarySecret } from '../../contract/connector-config';
import { authFields, connectorTypes, findConnectorType } from '../../contract/connector-types';
import { refreshRefusedMessage } from '../oauth/token-refresher';
import { effectiveIsAuthenticated, supportsAgent } from '../../contract/rules';
import { hashPassword } from '../auth/password';
import type { Sealer } from '../secrets/sealer';
import { mergeConfig } from './connectors';
import type { Db } from './database';
import { newConnectorId } from './ids';
import { connectors, orgs, users } from './schema';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_ORG_ID = 'org_acme';

export const demoUsers = [
  { id: 'usr_admin', email: 'admin@acme.test', name: 'Ada Admin', role: 'admin' },
  { id: 'usr_alice', email: 'alice@acme.test', name: 'Alice Martin', role: 'member' },
  { id: 'usr_bob', email: 'bob@acme.test', name: 'Bob Chen', role: 'member' },
] as const satisfies readonly { id: string; email: string; name: string; role: Role }[];

type UserId = (typeof demoUsers)[number]['id'];

export type ConnectorSeed = {
  name: string;
  type: string;
  authType: AuthType;
  scope: Scope;
  createdBy: string;
  /**
   * Source, username, the main secret (an API token or a password) and a site address where the type
   * has one (the source by default); what is left out stays missing, so the connector is not configured.
   */
  config?: { source?: string; username?: string; password?: string; siteUrl?: string; adminEmail?: string };
  signedIn?: boolean;
  /** Signed out this long ago because the provider refused to renew the sign-in. */
  signInLostHoursAgo?: number;
  sync?: boolean;
  agent?: boolean;
  status?: ConnectorStatus;
  lastSyncHoursAgo?: number;
};

const team = (createdBy: UserId = 'usr_admin') => ({ scope: 'team' as const, createdBy });
const personal = (createdBy: UserId) => ({ scope: 'personal' as const, createdBy });

// One team connector for each badge and each reason a switch can be refused, then personal ones.
const namedConnectors: ConnectorSeed[] = [
  { name: 'Company Drive', type: 'google-drive', authType: 'OAUTH_ADMIN_CONSENT', ...team(), config: { source: 'drive://acme', adminEmail: 'it@acme.test' }, signedIn: true, sync: true, agent: true, status: 'active', lastSyncHoursAgo: 2 },
  { name: 'Engineering Slack', type: 'slack', authType: 'OAUTH', ...team(), config: { source: 'acme-eng.slack.com' }, signedIn: true, sync: true, status: 'active', lastSyncHoursAgo: 0.2 },
  { name: 'Support Jira', type: 'jira', authType: 'API_TOKEN', ...team(), config: { source: 'https://acme.atlassian.net', username: 'support-bot', password: 'jira-demo-token-7f3a' }, status: 'active', lastSyncHoursAgo: 30 },
  { name: 'Marketing Drive', type: 'google-drive', authType: 'OAUTH', ...team(), config: { source: 'drive://acme-marketing' }, signedIn: false, signInLostHoursAgo: 26, status: 'pending' },
  { name: 'Product Notion', type: 'notion', authType: 'OAUTH', ...team(), config: {}, signedIn: false, status: 'pending' },
  { name: 'Analytics Warehouse', type: 'postgres', authType: 'USERNAME_PASSWORD', ...team(), config: { source: 'postgres://warehouse.acme.internal/analytics', username: 'reader', password: 'pg-demo-secret-91c2' }, sync: true, status: 'active', lastSyncHoursAgo: 5 },
  { name: 'Public Website', type: 'web', authType: 'NONE', ...team(), config: { source: 'https://acme.test' }, status: 'inactive', lastSyncHoursAgo: 24 * 40 },
  { name: 'Data Lake', type: 's3', authType: 'API_TOKEN', ...team(), config: { source: 's3://acme-data-lake' }, status: 'pending' },
  { name: 'Docs Confluence', type: 'confluence', authType: 'OAUTH', ...team(), config: { source: 'https://acme.atlassian.net/wiki' }, signedIn: true, agent: true, status: 'active', lastSyncHoursAgo: 72 },
  { name: 'Alice Drive', type: 'google-drive', authType: 'OAUTH', ...personal('usr_alice'), config: { source: 'drive://alice' }, signedIn: true, sync: true, status: 'active', lastSyncHoursAgo: 1 },
  { name: 'Alice Notion', type: 'notion', authType: 'OAUTH', ...personal('usr_alice'), config: { source: 'notion://alice' }, signedIn: false, status: 'pending' },
  { name: 'Alice Slack', type: 'slack', authType: 'API_TOKEN', ...personal('usr_alice'), config: { source: 'acme.slack.com', password: 'slack-demo-token-alice' }, status: 'active' },
  { name: 'Bob Jira', type: 'jira', authType: 'API_TOKEN', ...personal('usr_bob'), config: { source: 'https://acme.atlassian.net', username: 'bob', password: 'jira-demo-token-bob' }, agent: true, status: 'active', lastSyncHoursAgo: 12 },
  { name: 'Bob Drive', type: 'google-drive', authType: 'OAUTH', ...personal('usr_bob'), config: {}, signedIn: false, status: 'pending' },
  { name: 'Ada Notion', type: 'notion', authType: 'OAUTH', ...personal('usr_admin'), config: { source: 'notion://ada' }, signedIn: true, status: 'active' },
];

const teams = ['Sales', 'Finance', 'Legal', 'Design', 'Platform', 'Research', 'People', 'Ops'];

/** More team connectors, the same on every start: a deterministic mix of types, states and times. */
function generatedConnectors(count: number): ConnectorSeed[] {
  return Array.from({ length: count }, (_, index) => {
    const type = connectorTypes[index % connectorTypes.length]!;
    const authType = type.authTypes[index % type.authTypes.length]!;
    const configured = index % 5 !== 3;
    const signedIn = index % 7 !== 2;
    const ready = configured && effectiveIsAuthenticated(authType, signedIn);
    return {
      name: `${teams[Math.floor(index / connectorTypes.length) % teams.length]} ${type.displayName}`,
      type: type.id,
      authType,
      ...team(),
      config: configured
        ? { source: `https://${type.id}.acme.test/${index}`, username: `svc-${index}`, password: `demo-secret-${index}`, adminEmail: 'it@acme.test' }
        : {},
      signedIn,
      sync: ready && index % 2 === 0,
      agent: ready && type.supportsAgent && index % 3 === 0,
      status: (['active', 'pending', 'inactive'] as const)[index % 3],
      ...(ready && index % 2 === 0 ? { lastSyncHoursAgo: (index * 7) % 200 } : {}),
    };
  });
}

/** The row for a seeded connector, with every derived field computed by the contract's rules. */
export function connectorRow(orgId: string, seed: ConnectorSeed, sealer: Sealer, now = new Date()): typeof connectors.$inferInsert {
  const type = findConnectorType(seed.type)!;
  const { source, username, password, siteUrl = source, adminEmail } = seed.config ?? {};
  const secret = primarySecret(type, seed.authType);
  const given: Record<string, string | undefined> = { username, siteUrl, adminEmail, ...(secret ? { [secret]: password } : {}) };
  const auth = Object.fromEntries(authFields(type, seed.authType).flatMap((field) => (given[field.name] ? [[field.name, given[field.name]!]] : [])));
  const blank = { connectorType: seed.type, authType: seed.authType, settings: defaultSettings(type, seed.authType), secrets: {} };
  const configured = mergeConfig(blank, { auth, sync: source ? { source } : {} }, sealer);
  return {
    id: newConnectorId(),
    orgId,
    connectorType: seed.type,
    instanceName: seed.name,
    scope: seed.scope,
    authType: seed.authType,
    createdBy: seed.createdBy,
    status: seed.status ?? 'pending',
    settings: configured.settings!,
    secrets: configured.secrets!,
    isConfigured: configured.isConfigured!,
    isAuthenticated: effectiveIsAuthenticated(seed.authType, seed.signedIn ?? false),
    supportsAgent: supportsAgent(seed.type),
    syncEnabled: seed.sync ?? false,
    agentEnabled: seed.agent ?? false,
    lastSyncAt: seed.lastSyncHoursAgo === undefined ? null : new Date(now.getTime() - seed.lastSyncHoursAgo * 3_600_000),
    authProblem:
      seed.signInLostHoursAgo === undefined
        ? null
        : { code: 'REFRESH_REFUSED', message: refreshRefusedMessage(seed.type, 'invalid_grant'), at: new Date(now.getTime() - seed.signInLostHoursAgo * 3_600_000).toISOString() },
  };
}

export const demoConnectorSeeds: ConnectorSeed[] = [...namedConnectors, ...generatedConnectors(30)];

// A hash costs ~0.3 s, and tests seed a fresh database each: one hash serves every seed of the process.
let demoPasswordHash: Promise<string> | undefined;
function hashDemoPassword(): Promise<string> {
  demoPasswordHash ??= hashPassword(DEMO_PASSWORD).catch((error: unknown) => {
    demoPasswordHash = undefined;
    throw error;
  });
  return demoPasswordHash;
}

/** Seeds org "Acme" with its demo users and connectors, unless the org is already there. */
export async function seedDemo(db: Db, sealer: Sealer): Promise<{ seeded: boolean }> {
  if (await hasDemoOrg(db)) return { seeded: false };
  const passwordHash = await hashDemoPassword();
  await db.transaction(async (tx) => {
    await tx.insert(orgs).values({ id: DEMO_ORG_ID, name: 'Acme' });
    await tx.insert(users).values(demoUsers.map((user) => ({ ...user, orgId: DEMO_ORG_ID, passwordHash })));
    await tx.insert(connectors).values(demoConnectorSeeds.map((seed) => connectorRow(DEMO_ORG_ID, seed, sealer)));
  });
  return { seeded: true };
}

/** What the sign-in page lists: the demo accounts while the server runs on demo data, else nothing. */
export function demoAccounts(onDemoData: boolean) {
  return {
    success: true as const,
    password: onDemoData ? DEMO_PASSWORD : null,
    accounts: onDemoData ? demoUsers.map(({ email, name, role }) => ({ email, name, role })) : [],
  };
}

export async function hasDemoOrg(db: Db): Promise<boolean> {
  const [existing] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, DEMO_ORG_ID));
  return Boolean(existing);
}
