import { z } from 'zod';
import { roleSchema } from './auth';
import { text } from './connector';

/** Every key starts so: people and secret scanners recognise one wherever it leaks. */
export const API_KEY_PREFIX = 'cc_live_';
export const isApiKey = (token: string) => token.startsWith(API_KEY_PREFIX);

const timestamp = z.iso.datetime({ offset: true });

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters, enough to tell keys apart; never enough to use one. */
  prefix: z.string(),
  role: roleSchema,
  createdAt: timestamp,
  expiresAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
  createdBy: z.string(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeyRequestSchema = z.strictObject({
  name: text().trim().min(1, 'Enter a name').max(100, 'A name is at most 100 characters'),
  /** At most the creator's own role; the creator's role when left out. */
  role: roleSchema.optional(),
  expiresAt: timestamp.optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const createApiKeyResponseSchema = z.object({
  success: z.literal(true),
  apiKey: apiKeySchema,
  /** The key itself: shown in this answer only, never again. */
  key: z.string(),
});

export const apiKeyListResponseSchema = z.object({ success: z.literal(true), apiKeys: z.array(apiKeySchema) });
export const deleteApiKeyResponseSchema = z.object({ success: z.literal(true) });
