import type { CreateApiKeyRequest } from '../../../contract/api-keys';
import type { Role } from '../../../contract/auth';

const DAY = 24 * 3600 * 1000;

export const expiryOptions = [
  { value: 'never', label: 'Never' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

export const roleLabels: Record<Role, string> = { admin: 'Admin', member: 'Member' };

/** A key acts with at most its creator's role. */
export function grantableRoles(own: Role): Role[] {
  return own === 'admin' ? ['admin', 'member'] : ['member'];
}

/** What the inputs hold: the expiry as a choice of days, which becomes a date only when sent. */
export type ApiKeyValues = { name: string; role: Role; expiry: string };

// The least a new key needs: people raise the role or drop the expiry when they mean to.
export const initialApiKeyValues: ApiKeyValues = { name: '', role: 'member', expiry: '90' };

export function toCreateRequest(values: ApiKeyValues, now = Date.now()): CreateApiKeyRequest {
  const days = Number(values.expiry);
  return {
    name: values.name,
    role: values.role,
    ...(values.expiry === 'never' ? {} : { expiresAt: new Date(now + days * DAY).toISOString() }),
  };
}

/** Errors keyed by form path; the request's `expiresAt` is the form's expiry choice. */
export function toFormErrors(errors: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(errors).map(([path, message]) => [path === 'expiresAt' ? 'expiry' : path, String(message)] as const);
  // The first error of a field is the one shown.
  return Object.fromEntries(entries.reverse());
}
