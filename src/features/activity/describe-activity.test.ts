import { describe, expect, it } from 'vitest';
import { activityActionSchema, activityEntrySchema, type ActivityEntry } from '../../../contract/activity';
import { activityParts, describeActivity } from './describe-activity';

const ada = { type: 'user', id: 'usr_admin', name: 'Ada Admin' };

/** An entry as the server sends it, checked by the contract's schema. */
function entry(fields: Partial<Record<keyof ActivityEntry, unknown>>): ActivityEntry {
  return activityEntrySchema.parse({
    id: '1',
    at: '2026-03-02T09:30:00.000Z',
    action: 'created',
    connectorId: 'conn_1',
    connectorName: 'Company Drive',
    connectorType: 'google-drive',
    scope: 'team',
    ownerId: null,
    actor: ada,
    via: 'dashboard',
    changes: {},
    reason: null,
    connectorDeleted: false,
    ...fields,
  });
}

describe('describeActivity', () => {
  it.each([
    [{ action: 'created' }, 'Ada Admin created Company Drive'],
    [{ action: 'deleted' }, 'Ada Admin deleted Company Drive'],
    [
      {
        action: 'renamed',
        actor: { type: 'user', id: 'usr_alice', name: 'Alice Martin' },
        connectorName: 'Alice wiki',
        changes: { instanceName: { from: 'Alice Notion', to: 'Alice wiki' } },
      },
      'Alice Martin renamed Alice Notion to Alice wiki',
    ],
    [{ action: 'sync_on', changes: { syncEnabled: { from: false, to: true } } }, 'Ada Admin turned sync on for Company Drive'],
    [{ action: 'sync_off', changes: { syncEnabled: { from: true, to: false } } }, 'Ada Admin turned sync off for Company Drive'],
    [{ action: 'agent_on' }, 'Ada Admin turned the agent on for Company Drive'],
    [{ action: 'agent_off' }, 'Ada Admin turned the agent off for Company Drive'],
    [{ action: 'status_changed', changes: { status: { from: 'pending', to: 'active' } } }, 'Ada Admin changed the status of Company Drive from Pending to Active'],
    [
      { action: 'config_changed', connectorType: 'slack', changes: { 'sync.batchSize': { from: 100, to: 250 }, 'auth.apiToken': { from: 'stored', to: 'replaced' } } },
      'Ada Admin changed the settings of Company Drive: Batch size, API token',
    ],
    [
      { action: 'config_changed', connectorType: 'slack', changes: { 'auth.apiToken': { from: 'stored', to: null } } },
      'Ada Admin changed the settings of Company Drive: API token (removed)',
    ],
    [{ action: 'signed_in', changes: { isAuthenticated: { from: false, to: true } } }, 'Ada Admin signed Company Drive in'],
    [
      {
        action: 'sign_in_expired',
        actor: { type: 'system', id: null, name: 'System' },
        via: 'system',
        reason: 'Google Drive refused to renew the sign-in (invalid_grant)',
      },
      'System signed Company Drive out: Google Drive refused to renew the sign-in (invalid_grant)',
    ],
    [{ action: 'disconnected' }, 'Ada Admin disconnected Company Drive'],
  ] as const)('%j reads "%s"', (fields, sentence) => {
    expect(describeActivity(entry(fields))).toBe(sentence);
  });

  it('covers every action of the contract', () => {
    for (const action of activityActionSchema.options) {
      expect(describeActivity(entry({ action }))).toMatch(/^Ada Admin \S.*Company Drive/);
    }
  });

  it('says when a change came through the API, before any detail', () => {
    expect(describeActivity(entry({ action: 'sync_off', via: 'api' }))).toBe('Ada Admin turned sync off for Company Drive through the API');
    expect(describeActivity(entry({ action: 'config_changed', via: 'api', connectorType: 'postgres', changes: { 'auth.password': { from: 'stored', to: 'replaced' } } }))).toBe(
      'Ada Admin changed the settings of Company Drive through the API: Password',
    );
  });

  it('names each field once, by its label where the type has one and by its key where not', () => {
    const changes = {
      'filters.folders': { from: '', to: 'Reports' },
      'auth.adminEmail': { from: 'it@acme.test', to: 'ops@acme.test' },
      'sync.retired': { from: 1, to: null },
    };
    expect(describeActivity(entry({ action: 'config_changed', changes }))).toBe(
      'Ada Admin changed the settings of Company Drive: Only these folders, Admin email, sync.retired',
    );
    expect(describeActivity(entry({ action: 'config_changed', connectorType: 'gone', changes: { 'sync.batchSize': { from: 1, to: 2 } } }))).toBe(
      'Ada Admin changed the settings of Company Drive: sync.batchSize',
    );
  });

  it('marks the connector name once, as it was named then', () => {
    const renamed = entry({ action: 'renamed', connectorName: 'Alice wiki', changes: { instanceName: { from: 'Alice Notion', to: 'Alice wiki' } } });
    expect(activityParts(renamed).filter((part) => typeof part !== 'string')).toEqual([{ connector: 'Alice Notion' }]);
    expect(activityParts(entry({ action: 'signed_in' }))).toEqual(['Ada Admin ', 'signed ', { connector: 'Company Drive' }, ' in']);
  });
});
