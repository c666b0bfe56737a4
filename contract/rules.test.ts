import { describe, expect, it } from 'vitest';
import type { Connector } from './connector';
import { canView, changeDenial, enableDenial, isConfigured, missingConfiguration, toggleDenial } from './rules';

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
  const base = { source: 'x', batchSize: 10, auth: { username: '', hasPassword: false } };
  it('needs what each auth type needs', () => {
    expect(isConfigured('NONE', base)).toBe(true);
    expect(isConfigured('OAUTH', base)).toBe(true);
    expect(missingConfiguration('API_TOKEN', base)).toEqual(['an API token']);
    expect(missingConfiguration('USERNAME_PASSWORD', base)).toEqual(['a username', 'a password']);
    expect(isConfigured('USERNAME_PASSWORD', { ...base, auth: { username: 'u', hasPassword: true } })).toBe(true);
    expect(missingConfiguration('NONE', { ...base, source: ' ' })).toEqual(['a source']);
  });
});
