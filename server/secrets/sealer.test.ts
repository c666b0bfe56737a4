import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, sealerFromEnv } from './keys';
import { createSealer, keyId } from './sealer';

describe('sealer', () => {
  const key = randomBytes(32);

  it('seals each value with its own nonce and the id of its key, and opens it again', () => {
    const sealer = createSealer(key);
    const [first, second] = [sealer.seal('hunter2'), sealer.seal('hunter2')];
    expect(first).not.toBe(second);
    expect(first).not.toContain('hunter2');
    expect(first.split('.')[1]).toBe(keyId(key));
    expect(sealer.open(first)).toBe('hunter2');
    expect(sealer.open(sealer.seal('ünïcode ✓'))).toBe('ünïcode ✓');
  });

  it('refuses a value that was tampered with, or sealed with an unknown key', () => {
    const sealed = createSealer(key).seal('hunter2');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => createSealer(key).open([...parts.slice(0, 4), flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => createSealer(randomBytes(32)).open(sealed)).toThrow(/neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/);
  });

  it('opens values of the previous key during a rotation, and tells them apart', () => {
    const old = createSealer(key).seal('hunter2');
    const rotated = createSealer(randomBytes(32), [key]);
    expect(rotated.open(old)).toBe('hunter2');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('x'))).toBe(true);
  });

  it('refuses keys of the wrong size, with how to make one', () => {
    expect(() => sealerFromEnv({ SECRETS_KEY: Buffer.alloc(16).toString('base64'), DATA_DIR: '.' })).toThrow(/openssl rand -base64 32/);
  });

  it('makes the embedded key on first start, readable by its owner only, and keeps it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keys-'));
    try {
      const sealed = sealerFromEnv({ DATA_DIR: dataDir }).seal('hunter2');
      const file = join(dataDir, KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
      expect(sealerFromEnv({ DATA_DIR: dataDir }).open(sealed)).toBe('hunter2');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
