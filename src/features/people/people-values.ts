import type { OrgUser, Role } from '../../../contract/auth';

export const roleLabels: Record<Role, string> = { admin: 'Admin', member: 'Member' };
export const roleOptions = (['member', 'admin'] as const).map((role) => ({ value: role, label: roleLabels[role] }));

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A day people read in a sentence ("until 12 Mar 2026"). */
export function formatDate(value: string): string {
  return dateFormat.format(new Date(value));
}

/** The people still in the organisation; the removed stay in the list only for the names of what they did. */
export function currentMembers(users: OrgUser[]): OrgUser[] {
  return users.filter((user) => !user.removed).toSorted((a, b) => a.name.localeCompare(b.name));
}

/** The org keeps an admin: the last one cannot be made a member or removed. */
export function isLastAdmin(members: OrgUser[], userId: string): boolean {
  const admins = members.filter((member) => member.role === 'admin');
  return admins.length === 1 && admins[0]!.id === userId;
}

export function connectorCount(count: number): string {
  return count === 1 ? '1 personal connector' : `${count} personal connectors`;
}
