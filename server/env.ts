import { z } from 'zod';

// An empty variable counts as unset, so a caller can clear one it inherited.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')),
  SEED_DEMO: optional(z.enum(['0', '1'])),
  STATIC_DIR: z.string().min(1).default('./dist'),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(1).max(1_000)),
  // How long one statement of a request may run on a PostgreSQL server before it is cancelled; 0 for no limit.
  STATEMENT_TIMEOUT_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(2_147_483_647).default(15_000)),
  // 32 random bytes in base64; the embedded database makes its own in DATA_DIR when this is unset.
  SECRETS_KEY: optional(z.string()),
  SECRETS_KEY_PREVIOUS: optional(z.string()),
  // Where browsers reach the server, when not at the address it listens on (a proxy, another host).
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http:// or https:// address' })),
  // Host names besides this machine's that a server listening on a loopback address answers to.
  ALLOWED_HOSTS: optional(z.string().transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean))),
  TRUSTED_PROXIES: optional(z.string().transform((value) => value.split(',').map((address) => address.trim()).filter(Boolean))),
}).refine((env) => env.SECRETS_KEY !== undefined || env.DATABASE_URL === undefined, {
  path: ['SECRETS_KEY'],
  message: 'SECRETS_KEY is required with DATABASE_URL: connector credentials are encrypted with it (make one with: openssl rand -base64 32)',
}).refine((env) => env.WORKERS === 1 || env.DATABASE_URL !== undefined, {
  path: ['WORKERS'],
  message: 'WORKERS above 1 needs DATABASE_URL: the embedded database belongs to one process, so several can only share a PostgreSQL server',
});
export type Env = z.infer<typeof envSchema>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The host names requests may name when the server listens on a loopback address, or null for any:
 * a web page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is refused.
 */
export function allowedHosts(env: Pick<Env, 'HOST' | 'PUBLIC_URL' | 'ALLOWED_HOSTS'>): string[] | null {
  if (!LOOPBACK.has(env.HOST) && !env.HOST.startsWith('127.')) return env.ALLOWED_HOSTS ?? null;
  return [...LOOPBACK, env.HOST, ...(env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).hostname] : []), ...(env.ALLOWED_HOSTS ?? [])];
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Demo accounts go into the embedded database when it is new, and into a real server only on request. */
export function seedsDemo(env: Pick<Env, 'DATABASE_URL' | 'SEED_DEMO'>): boolean {
  return env.SEED_DEMO === '1' || (!env.DATABASE_URL && env.SEED_DEMO !== '0');
}
