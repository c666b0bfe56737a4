import { hashToken } from '../auth/tokens';
import type { ReadCache } from './read-cache';
import type { UserStore } from './users';

/**
 * The user store with sessions answered from `cache` (every request asks for one) until this process
 * revokes them. Only sound where this process makes every write (the embedded database): on a shared
 * PostgreSQL a sign-out through another process must take effect at once.
 */
export function withSessionCache(users: UserStore, cache: ReadCache): UserStore {
  return {
    ...users,
    // Keyed by the token's hash, as the database keeps it: no token lingers in memory as a key.
    session: (token) => cache.read(hashToken(token), '', () => users.session(token)),
    async revoke(token) {
      try {
        await users.revoke(token);
      } finally {
        cache.invalidate(hashToken(token));
      }
    },
  };
}
