import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role } from '../../contract/auth';
import type { AuthType, ConnectorStatus, Scope } from '../../contract/connector';
import { connectorTypes } from '../../contract/connector-types';
import { effectiveIsAuthenticated, isConfigured, supportsAgent } from '../../contract/rules';
import { hashPassword } from '../auth/password';
import type { Db } from './database';
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
  /** Source, username and password; what is left out stays missing, so the connector is not configured. */
  config?: { source?: string; username?: string; password?: string };
  signedIn?: boolean;
  sync?: boolean;
  agent?: boolean;
  status?: ConnectorStatus;
  lastSyncHoursAgo?: number;
};

const team = (createdBy: UserId = 'usr_admin') => ({ scope: 'team' as const, createdBy });
const personal = (createdBy: UserId) => ({ scope: 'personal' as const, createdBy });

// One team connector for each badge and each reason a switch can be refused, then personal ones.
const namedConnectors: ConnectorSeed[] = [
  { name: 'Company Drive', type: 'google-drive', authType: 'OAUTH_ADMIN_CONSENT', ...team(), config: { source: 'drive://acme' }, signedIn: true, sync: true, agent: true, status: 'active', lastSyncHoursAgo: 2 },
  { name: 'Engineering Slack', type: 'slack', authType: 'OAUTH', ...team(), config: { source: 'acme-eng.slack.com' }, signedIn: true, sync: true, status: 'active', lastSyncHoursAgo: 0.2 },
  { name: 'Support Jira', type: 'jira', authType: 'API_TOKEN', ...team(), config: { source: 'https://acme.atlassian.net', username: 'support-bot', password: 'jira-demo-token-7f3a' }, status: 'active', lastSyncHoursAgo: 30 },
  { name: 'Marketing Drive', type: 'google-drive', authType: 'OAUTH', ...team(), config: { source: 'drive://acme-marketing' }, signedIn: false, status: 'pending' },
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
        ? { source: `${type.id}://acme/${index}`, username: `svc-${index}`, password: `demo-secret-${index}` }
        : {},
      signedIn,
      sync: ready && index % 2 === 0,
      agent: ready && type.supportsAgent && index % 3 === 0,
      status: (['active', 'pending', 'inactive'] as const)[index % 3],
      ...(ready && index % 2 === 0 ? { lastSyncHoursAgo: (index * 7) % 200 } : {}),
    };
  });
}

export function newConnectorId(): string {
  return `conn_${randomBytes(9).toString('base64url')}`;
}

/** The row for a seeded connector, with every derived field computed by the contract's rules. */
export function connectorRow(orgId: string, seed: ConnectorSeed, now = new Date()): typeof connectors.$inferInsert {
  const source = seed.config?.source ?? '';
  const username = seed.config?.username ?? '';
  const password = seed.config?.password ?? null;
  const config = { source, batchSize: 100, auth: { username, hasPassword: Boolean(password) } };
  return {
    id: newConnectorId(),
    orgId,
    connectorType: seed.type,
    instanceName: seed.name,
    scope: seed.scope,
    authType: seed.authType,
    createdBy: seed.createdBy,
    status: seed.status ?? 'pending',
    source,
    batchSize: 100,
    authUsername: username,
    authPassword: password,
    isConfigured: isConfigured(seed.authType, config),
    isAuthenticated: effectiveIsAuthenticated(seed.authType, seed.signedIn ?? false),
    supportsAgent: supportsAgent(seed.type),
    syncEnabled: seed.sync ?? false,
    agentEnabled: seed.agent ?? false,
    lastSyncAt: seed.lastSyncHoursAgo === undefined ? null : new Date(now.getTime() - seed.lastSyncHoursAgo * 3_600_000),
  };
}

export const demoConnectorSeeds: ConnectorSeed[] = [...namedConnectors, ...generatedConnectors(30)];

/** Seeds org "Acme" with its demo users and connectors, unless the org is already there. */
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  if (await hasDemoOrg(db)) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(orgs).values({ id: DEMO_ORG_ID, name: 'Acme' });
    await tx.insert(users).values(demoUsers.map((user) => ({ ...user, orgId: DEMO_ORG_ID, passwordHash })));
    await tx.insert(connectors).values(demoConnectorSeeds.map((seed) => connectorRow(DEMO_ORG_ID, seed)));
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
