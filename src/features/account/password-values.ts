import type { ChangePasswordRequest } from '../../../contract/people';

/** What the inputs hold: the new password twice, the second never sent. */
export type PasswordValues = ChangePasswordRequest & { confirmPassword: string };

export const initialPasswordValues: PasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function toChangeRequest({ currentPassword, newPassword }: PasswordValues): ChangePasswordRequest {
  return { currentPassword, newPassword };
}

/** Whether the new password was typed the same twice: a check of this form alone. */
export function confirmError({ newPassword, confirmPassword }: PasswordValues): string | undefined {
  if (confirmPassword === '') return 'Type the new password again';
  return confirmPassword === newPassword ? undefined : 'This is not the same as the new password';
}

export function changedMessage(revokedSessions: number): string {
  if (revokedSessions === 0) return 'Password changed. You were not signed in anywhere else.';
  const sessions = revokedSessions === 1 ? '1 other session was' : `${revokedSessions} other sessions were`;
  return `Password changed. ${sessions} signed out.`;
}
