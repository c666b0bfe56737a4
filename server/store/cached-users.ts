import { hashToken } from '../auth/tokens';
import type { ReadCache } from './read-cache';
import type { UserStore } from './users';

/** Sessions from memory until revoked here: only where this process makes every write (the embedded database). */
export function withSessionCache(users: UserStore, cache: ReadCache): UserStore {
  return {
    ...users,
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
