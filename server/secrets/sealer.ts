import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Encrypts secrets for storage (AES-256-GCM) and opens them with the current or a previous key. */
export type Sealer = {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Whether `sealed` was sealed with the current key (what rotation leaves behind). */
  isCurrent(sealed: string): boolean;
};

export const SECRET_KEY_BYTES = 32;
const FORMAT = 'v1';

/** A short public name for a key, stored beside each value so that the right key opens it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

const encode = (bytes: Buffer) => bytes.toString('base64url');
const decode = (text: string) => Buffer.from(text, 'base64url');

export function createSealer(current: Buffer, previous: readonly Buffer[] = []): Sealer {
  for (const key of [current, ...previous]) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`A secrets key is ${SECRET_KEY_BYTES} bytes, not ${key.length}`);
  }
  const currentId = keyId(current);
  const keys = new Map([...previous, current].map((key) => [keyId(key), key]));

  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [FORMAT, currentId, encode(iv), encode(cipher.getAuthTag()), encode(ciphertext)].join('.');
    },
    open(sealed) {
      const [format, id, iv, tag, ciphertext] = sealed.split('.');
      if (format !== FORMAT || !id || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new Error('Not a sealed secret');
      }
      const key = keys.get(id);
      if (!key) throw new Error(`Sealed with key ${id}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`);
      const decipher = createDecipheriv('aes-256-gcm', key, decode(iv), { authTagLength: 16 });
      decipher.setAuthTag(decode(tag));
      return Buffer.concat([decipher.update(decode(ciphertext)), decipher.final()]).toString('utf8');
    },
    isCurrent: (sealed) => sealed.split('.')[1] === currentId,
  };
}
