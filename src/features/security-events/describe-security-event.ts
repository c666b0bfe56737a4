import type { SecurityAction, SecurityEvent } from '../../../contract/people';

export const securityActionLabels: Record<SecurityAction, string> = {
  setup: 'Set up the organisation',
  signed_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  locked_out: 'Locked out',
  password_changed: 'Changed their password',
  invited: 'Invited someone',
  invitation_revoked: 'Revoked an invitation',
  invitation_accepted: 'Accepted an invitation',
  role_changed: 'Changed a role',
  removed: 'Removed someone',
};

const roleNames: Record<string, string> = { admin: 'Admin', member: 'Member' };
const role = (value: unknown) => (typeof value === 'string' ? (roleNames[value] ?? value) : String(value));
const count = (value: unknown, one: string, many: string) => (value === 1 ? `1 ${one}` : `${typeof value === 'number' ? value : '?'} ${many}`);

function duration(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * An event's details as a phrase ("Member to Admin"), or '' when there are none. `userName` names the
 * people the details refer to by id.
 */
export function describeDetails(event: SecurityEvent, userName: (userId: string) => string): string {
  const { details } = event;
  switch (event.action) {
    case 'role_changed':
      return `${role(details.from)} to ${role(details.to)}`;
    case 'removed':
      return details.deletedConnectors === 0 ? 'No personal connectors deleted' : `${count(details.deletedConnectors, 'personal connector', 'personal connectors')} deleted`;
    case 'invited':
      return `As ${role(details.role)}`;
    case 'invitation_accepted': {
      const by = typeof details.invitedBy === 'string' ? `, invited by ${userName(details.invitedBy)}` : '';
      return `As ${role(details.role)}${by}`;
    }
    case 'password_changed':
      return details.otherSessionsEnded === 0 ? 'No other session was signed in' : `${count(details.otherSessionsEnded, 'other session', 'other sessions')} signed out`;
    case 'locked_out':
      return typeof details.waitSeconds === 'number' ? `Sign-ins refused for ${duration(details.waitSeconds)}` : '';
    case 'setup':
      return typeof details.orgName === 'string' ? `Organisation: ${details.orgName}` : '';
    default:
      return Object.entries(details)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(', ');
  }
}
