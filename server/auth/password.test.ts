import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, unknownUserHash, verifyPassword } from './password';

// Made by the previous hashPassword (N=16384), as such hashes sit in databases today.
const oldPassword = 'correct horse battery staple';
const oldHash = 'scrypt$16384$8$1$w9ClAPtxjFZpSl5LHsibGQ==$TMWnltGqGkD8NPZlgnSs2V6FjybpxqFBCKAp3uLvilzZwY08dcLWbgQeW13/Zm8EFcXbYDqmIq47kN8pkQJrVQ==';

describe('a hash made now', () => {
  let hash: string;
  beforeAll(async () => {
    hash = await hashPassword('Tr0ub4dor & 3 — café');
  });

  it('records the current scrypt parameters in the stored format', () => {
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
  });

  it('verifies the password it was made from, whichever Unicode form it is typed in, and nothing else', async () => {
    expect(await verifyPassword('Tr0ub4dor & 3 — café'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('Tr0ub4dor & 3 — cafe', hash)).toBe(false);
  });

  it('needs no rehash', () => {
    expect(needsRehash(hash)).toBe(false);
    expect(needsRehash(unknownUserHash)).toBe(false);
  });
});

describe('the hash checked for an unknown email', () => {
  it('costs what a real one does: the same format and scrypt parameters', () => {
    expect(unknownUserHash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
  });

  it('matches no password, not even an empty one', async () => {
    expect(await verifyPassword('', unknownUserHash)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', unknownUserHash)).toBe(false);
  });
});

describe('a hash made with the old parameters (N=16384)', () => {
  it('still verifies', async () => {
    expect(await verifyPassword(oldPassword, oldHash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', oldHash)).toBe(false);
  });

  it('needs a rehash', () => {
    expect(needsRehash(oldHash)).toBe(true);
  });
});

describe.each([
  ['an empty string', ''],
  ['another scheme', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
  ['a hash with its key missing', oldHash.slice(0, oldHash.lastIndexOf('$'))],
  ['a hash with a field too many', `${oldHash}$extra`],
  ['a cost that is not a power of two', oldHash.replace('$16384$', '$16383$')],
  ['a cost past the memory limit', oldHash.replace('$16384$', '$1073741824$')],
  ['a key cut short', oldHash.slice(0, -10)],
  ['a salt that is not base64', oldHash.replace('w9ClAPtxjFZpSl5LHsibGQ==', 'not base64!')],
])('a stored value that is %s', (_, stored) => {
  it('verifies no password and needs a rehash', async () => {
    expect(await verifyPassword(oldPassword, stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });
});
