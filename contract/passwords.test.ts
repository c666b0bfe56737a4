import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { commonPasswords } from './common-passwords';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordSchema, passwordLength } from './passwords';

const tooShort = 'Use at least 12 characters';
const tooCommon = 'This is one of the most common passwords: choose another';

function problems(password: string): string[] {
  const result = newPasswordSchema.safeParse(password);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('newPasswordSchema', () => {
  it('refuses a password shorter than 12 characters, and takes one of exactly 12', () => {
    expect(problems('k7#pL2vq9Xz')).toEqual([tooShort]);
    expect(problems('k7#pL2vq9Xzm')).toEqual([]);
  });

  it('counts characters as a person does: an emoji as one, a run of spaces as one', () => {
    expect(passwordLength('🔑🔑🔑🔑🔑🔑')).toBe(6);
    expect(problems('🔑🔑🔑🔑🔑🔑')).toEqual([tooShort]);
    expect(problems('ab          c')).toEqual([tooShort]);
    expect(problems('k7#pL 2vq 9Xzm')).toEqual([]);
  });

  it('refuses one of the most common passwords, whatever its case and surrounding spaces', () => {
    expect(commonPasswords).toContain('qwerty123456');
    expect(problems('qwerty123456')).toEqual([tooCommon]);
    expect(problems('QWERTY123456')).toEqual([tooCommon]);
    expect(problems('  QwErTy123456 ')).toEqual([tooCommon]);
    expect(problems('qwerty1234567')).toEqual([]);
  });

  it('takes a long random password and keeps it as typed', () => {
    const random = Array.from(crypto.getRandomValues(new Uint8Array(24)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(newPasswordSchema.parse(random)).toBe(random);
    expect(newPasswordSchema.parse('  a long passphrase, spaces kept  ')).toBe('  a long passphrase, spaces kept  ');
  });

  it(`refuses more than ${MAX_PASSWORD_LENGTH} characters`, () => {
    expect(problems('x'.repeat(MAX_PASSWORD_LENGTH))).toEqual([]);
    expect(problems('x'.repeat(MAX_PASSWORD_LENGTH + 1))).toEqual([`Use at most ${MAX_PASSWORD_LENGTH} characters`]);
  });
});

describe('the shipped common passwords', () => {
  it('are every entry of the published list that the policy could still meet, as scripts/common-passwords.ts makes them', () => {
    const expected = new Set(
      dictionary['passwords-common'].map((password) => password.trim().toLowerCase()).filter((password) => passwordLength(password) >= MIN_PASSWORD_LENGTH),
    );
    expect(new Set(commonPasswords)).toEqual(expected);
    expect(commonPasswords.length).toBeGreaterThan(200);
  });
});
