import { describe, expect, it } from 'vitest';
import type { SecurityEvent } from '../../../contract/people';
import { describeDetails } from './describe-security-event';

const event = (action: SecurityEvent['action'], details: SecurityEvent['details']): SecurityEvent => ({
  id: '1',
  at: '2026-01-01T00:00:00.000Z',
  action,
  actor: { id: 'usr_admin', name: 'Ada Admin' },
  subject: null,
  address: null,
  details,
});
const names = (id: string) => ({ usr_admin: 'Ada Admin' })[id] ?? 'Unknown user';

describe('describeDetails', () => {
  it.each([
    [event('role_changed', { from: 'admin', to: 'member' }), 'Admin to Member'],
    [event('removed', { deletedConnectors: 0 }), 'No personal connectors deleted'],
    [event('removed', { deletedConnectors: 1 }), '1 personal connector deleted'],
    [event('invited', { role: 'admin' }), 'As Admin'],
    [event('invitation_accepted', { role: 'member', invitedBy: 'usr_admin' }), 'As Member, invited by Ada Admin'],
    [event('password_changed', { otherSessionsEnded: 0 }), 'No other session was signed in'],
    [event('password_changed', { otherSessionsEnded: 3 }), '3 other sessions signed out'],
    [event('locked_out', { waitSeconds: 60 }), 'Sign-ins refused for 60 seconds'],
    [event('locked_out', { waitSeconds: 3600 }), 'Sign-ins refused for 60 minutes'],
    [event('setup', { orgName: 'Acme' }), 'Organisation: Acme'],
    [event('signed_in', {}), ''],
    [event('sign_in_failed', { reason: 'unknown account' }), 'reason: unknown account'],
  ])('%# describes %j', (input, expected) => {
    expect(describeDetails(input, names)).toBe(expected);
  });
});
