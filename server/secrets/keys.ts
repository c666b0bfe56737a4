import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../env';
import { createSealer, SECRET_KEY_BYTES, type Sealer } from './sealer';

export const KEY_FILE = 'secrets.key';

function parseKey(name: string, value: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(`${name} must be ${SECRET_KEY_BYTES} random bytes in base64 (for example: openssl rand -base64 32)`);
  }
  return key;
}

/** The embedded database's key: made on first start, readable by the owner alone, beside the data. */
function keyFileIn(dataDir: string): string {
  const path = join(dataDir, KEY_FILE);
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = randomBytes(SECRET_KEY_BYTES).toString('base64');
    // `wx`: two processes starting at once cannot both write a key; the loser reads the winner's.
    try {
      writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
    }
    return readFileSync(path, 'utf8');
  }
}

export function sealerFromEnv(env: Pick<Env, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS' | 'DATABASE_URL' | 'DATA_DIR'>): Sealer {
  const current = env.SECRETS_KEY ? parseKey('SECRETS_KEY', env.SECRETS_KEY) : parseKey(join(env.DATA_DIR, KEY_FILE), keyFileIn(env.DATA_DIR));
  const previous = env.SECRETS_KEY_PREVIOUS ? [parseKey('SECRETS_KEY_PREVIOUS', env.SECRETS_KEY_PREVIOUS)] : [];
  return createSealer(current, previous);
}

/** A key that lives as long as the process: for tests and throwaway databases. */
export function ephemeralSealer(): Sealer {
  return createSealer(randomBytes(SECRET_KEY_BYTES));
}
