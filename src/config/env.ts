import { z } from 'zod';

const envSchema = z.object({
  VITE_API_BASE_URL: z
    .string()
    .regex(/^(\/|https?:\/\/)/, 'VITE_API_BASE_URL must be a path starting with "/" or an http(s) URL')
    .default('/api/v1'),
  VITE_API_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
});

const parsed = envSchema.safeParse(import.meta.env);
if (!parsed.success) {
  throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
}

export const env = {
  apiBaseUrl: parsed.data.VITE_API_BASE_URL.replace(/\/+$/, ''),
  apiTimeoutMs: parsed.data.VITE_API_TIMEOUT_MS,
};
