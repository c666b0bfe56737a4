import { z } from 'zod';
import { commonPasswords } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;

/** Characters as a person counts them (code points, so an emoji is one), a run of spaces as one (ASVS 2.1.1). */
export function passwordLength(password: string): number {
  return [...password.replace(/\s+/gu, ' ')].length;
}

const common = new Set(commonPasswords);

export function isCommonPassword(password: string): boolean {
  return common.has(password.trim().toLowerCase());
}

/**
 * A password someone chooses (set-up, invitation, change); signing in checks none of this, so a
 * password set before the policy still works. The value is kept as typed: never trimmed or cut.
 */
export const newPasswordSchema = z
  .string()
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`)
  .refine((password) => passwordLength(password) >= MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .refine((password) => !isCommonPassword(password), 'This is one of the most common passwords: choose another');
