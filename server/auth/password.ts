import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's scrypt minimum is N=2^17, r=8, p=1: 128 MiB and 0.3-0.7 s of one core a hash on our machines.
const current = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyLength = 64;
const saltLength = 16;
// Node refuses more than 32 MiB by default; this also caps what a stored hash may ask for.
const maxmem = 256 * 1024 * 1024;

type Params = { N: number; r: number; p: number };
type Parsed = Params & { salt: Buffer; key: Buffer };

function derive(password: string, salt: Buffer, { N, r, p }: Params): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parse(stored: string): Parsed | null {
  const [algorithm, n, r, p, salt, key, ...rest] = stored.split('$');
  if (algorithm !== 'scrypt' || rest.length > 0 || !n || !r || !p || !salt || !key) return null;
  if (![n, r, p].every((value) => /^[1-9]\d{0,9}$/.test(value)) || !base64.test(salt) || !base64.test(key)) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Parameters scrypt would refuse (or that would not fit in maxmem) make a hash we cannot check.
  if (params.N < 2 || (params.N & (params.N - 1)) !== 0 || params.N >= 2 ** (16 * params.r) || 128 * params.N * params.r + 128 * params.r * params.p > maxmem) return null;
  const parsed = { ...params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  return parsed.key.length === keyLength ? parsed : null;
}

/** `scrypt$N$r$p$salt$key`, so the parameters can be raised later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  return formatHash(salt, await derive(password, salt, current));
}

function formatHash(salt: Buffer, key: Buffer): string {
  return ['scrypt', current.N, current.r, current.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed);
  return timingSafeEqual(actual, parsed.key);
}

/** Whether a hash that just verified should be replaced by one made with the current parameters. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < current.N || parsed.r < current.r || parsed.p < current.p || parsed.salt.length < saltLength;
}

// Checked for an unknown email, so a miss takes as long as a wrong password; no password derives a random key.
export const unknownUserHash = formatHash(randomBytes(saltLength), randomBytes(keyLength));
