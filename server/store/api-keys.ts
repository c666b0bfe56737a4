import { randomBytes } from 'node:crypto';
import { and, eq, lt, or, isNull, sql } from 'drizzle-orm';
import { API_KEY_PREFIX, type ApiKey, type CreateApiKeyRequest } from '../../contract/api-keys';
import type { Role, User } from '../../contract/auth';
import { hashToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { Db } from './database';
import { apiKeys, users, type ApiKeyRow } from './schema';
import { toUser } from './users';

// Writing "last used" on every request would make each read a write: once a minute is exact enough.
const LAST_USED_EVERY_MS = 60_000;

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdBy: row.userId,
  };
}

/** A key never does more than its creator may do now, whatever role it was given. */
const lesserRole = (a: Role, b: Role): Role => (a === 'admin' && b === 'admin' ? 'admin' : 'member');

export function createApiKeyStore(db: Db) {
  const byHash = db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, sql.placeholder('keyHash')), isNull(users.removedAt)))
    .prepare('api_key_by_hash');

  return {
    async create(creator: User, request: CreateApiKeyRequest, now = new Date()): Promise<{ apiKey: ApiKey; key: string }> {
      const role = request.role ?? creator.role;
      if (lesserRole(role, creator.role) !== role) throw new AppError('FORBIDDEN', 'A key cannot have a higher role than yours');
      const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
      if (expiresAt && expiresAt <= now) {
        throw new AppError('VALIDATION_ERROR', 'expiresAt: Choose an expiry in the future', [{ path: ['expiresAt'], message: 'Choose an expiry in the future' }]);
      }
      const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const [row] = await db
        .insert(apiKeys)
        .values({
          id: `key_${randomBytes(9).toString('base64url')}`,
          orgId: creator.orgId,
          userId: creator.id,
          name: request.name,
          prefix: key.slice(0, API_KEY_PREFIX.length + 4),
          keyHash: hashToken(key),
          role,
          expiresAt,
        })
        .returning();
      return { apiKey: toApiKey(row!), key };
    },

    /** Admins see every key of the org; members their own. */
    async list(viewer: User): Promise<ApiKey[]> {
      const mine = viewer.role === 'admin' ? undefined : eq(apiKeys.userId, viewer.id);
      const rows = await db.select().from(apiKeys).where(and(eq(apiKeys.orgId, viewer.orgId), mine)).orderBy(apiKeys.createdAt);
      return rows.map(toApiKey);
    },

    async revoke(viewer: User, id: string): Promise<void> {
      const mine = viewer.role === 'admin' ? undefined : eq(apiKeys.userId, viewer.id);
      const removed = await db.delete(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, viewer.orgId), mine)).returning({ id: apiKeys.id });
      if (removed.length === 0) throw new AppError('NOT_FOUND', 'No API key with that id');
    },

    /** The person a key acts as, with the key's role at most; undefined for an unknown, revoked or expired key. */
    async authenticate(key: string, now = new Date()): Promise<{ user: User; apiKey: ApiKeyRow } | undefined> {
      const [found] = await byHash.execute({ keyHash: hashToken(key) });
      if (!found || (found.key.expiresAt && found.key.expiresAt <= now)) return undefined;
      if (!found.key.lastUsedAt || now.getTime() - found.key.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
        await db
          .update(apiKeys)
          .set({ lastUsedAt: now })
          .where(and(eq(apiKeys.id, found.key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_EVERY_MS)))));
      }
      const user = toUser(found.user);
      return { user: { ...user, role: lesserRole(user.role, found.key.role) }, apiKey: found.key };
    },
  };
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
