import { describe, expect, it } from 'vitest';
import type { Connector } from './connector';
import { isConfiguredWith, missingFields } from './connector-config';
import { findConnectorType } from './connector-types';
import { canView, changeDenial, createDenial, enableDenial, toggleDenial } from './rules';

const admin = { id: 'u1', orgId: 'o1', role: 'admin' as const };
const creator = { id: 'u2', orgId: 'o1', role: 'member' as const };
const other = { id: 'u3', orgId: 'o1', role: 'member' as const };
const outsider = { id: 'u4', orgId: 'o2', role: 'admin' as const };

const ready: Pick<Connector, 'connectorType' | 'authType' | 'isConfigured' | 'isAuthenticated' | 'supportsAgent'> = {
  connectorType: 'google-drive',
  authType: 'OAUTH',
  isConfigured: true,
  isAuthenticated: true,
  supportsAgent: true,
};
const team = { orgId: 'o1', scope: 'team' as const, createdBy: 'u1', ...ready };
const personal = { orgId: 'o1', scope: 'personal' as const, createdBy: 'u2', ...ready };

describe('visibility and permission', () => {
  it('shows team connectors to the org and personal ones to their creator only', () => {
    expect([admin, creator, other, outsider].map((viewer) => canView(viewer, team))).toEqual([true, true, true, false]);
    expect([admin, creator, other, outsider].map((viewer) => canView(viewer, personal))).toEqual([false, true, false, false]);
  });

  it('lets admins change team connectors and creators their personal ones', () => {
    expect(changeDenial(admin, team)).toBeNull();
    expect(changeDenial(creator, team)?.message).toBe('Only admins can change team connectors');
    expect(changeDenial(creator, personal)).toBeNull();
    expect(changeDenial(admin, personal)?.message).toBe('Only the creator can change a personal connector');
  });
});

describe('prerequisites for enabling', () => {
  it('checks configured, then OAuth sign-in, then agent support', () => {
    const broken = { ...ready, isConfigured: false, isAuthenticated: false, supportsAgent: false };
    expect(enableDenial(broken, 'agent')?.code).toBe('NOT_CONFIGURED');
    expect(enableDenial({ ...broken, isConfigured: true }, 'agent')?.code).toBe('NOT_AUTHENTICATED');
    expect(enableDenial({ ...broken, isConfigured: true, isAuthenticated: true }, 'agent')?.code).toBe('AGENT_NOT_SUPPORTED');
    expect(enableDenial({ ...broken, isConfigured: true, isAuthenticated: true }, 'sync')).toBeNull();
  });

  it('asks no sign-in of auth types without one', () => {
    expect(enableDenial({ ...ready, authType: 'API_TOKEN', isAuthenticated: false }, 'sync')).toBeNull();
  });

  it('never refuses turning off, except for permission', () => {
    const broken = { ...team, isConfigured: false };
    expect(toggleDenial(admin, broken, 'sync', false)).toBeNull();
    expect(toggleDenial(creator, broken, 'sync', false)?.code).toBe('FORBIDDEN');
    expect(toggleDenial(admin, broken, 'sync', true)?.message).toBe('Configure this connector before enabling sync');
  });
});

describe('configuration', () => {
  const settings = (sync: Record<string, string | number>, auth: Record<string, string | number> = {}) => ({ auth, sync, filters: {} });
  const jira = findConnectorType('jira')!;
  it("needs every required field of the auth type and the sync settings", () => {
    expect(missingFields(jira, 'OAUTH', settings({ source: 'https://x.test', batchSize: 10 }), [])).toEqual([]);
    expect(missingFields(jira, 'API_TOKEN', settings({ source: 'https://x.test', batchSize: 10 }), [])).toEqual(['Site URL', 'Username', 'API token']);
    expect(missingFields(jira, 'API_TOKEN', settings({ batchSize: 10 }, { siteUrl: 'https://x.test', username: 'u' }), ['apiToken'])).toEqual(['Source']);
    expect(isConfiguredWith('web', 'NONE', settings({ source: '', batchSize: 10 }), [])).toBe(false);
    expect(isConfiguredWith('web', 'NONE', settings({ source: 'https://x.test', batchSize: 10 }), [])).toBe(true);
  });
});

describe('creating', () => {
  const drive = findConnectorType('google-drive')!;
  const postgres = findConnectorType('postgres')!;
  it('leaves team connectors to admins and keeps each type to its scopes', () => {
    expect(createDenial({ role: 'member' }, drive, 'team')?.code).toBe('FORBIDDEN');
    expect(createDenial({ role: 'member' }, drive, 'personal')).toBeNull();
    expect(createDenial({ role: 'admin' }, postgres, 'personal')?.message).toBe('PostgreSQL connectors can only be team connectors');
  });
});
