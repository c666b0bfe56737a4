import { hashToken } from '../auth/tokens';
import type { ReadCache } from './read-cache';
import { sharedAfterCallPerKey } from './shared-queries';
import type { Session, UserStore } from './users';

/** Sessions from memory until revoked here: only where this process makes every write (the embedded database). */
export function withSessionCache(users: UserStore, cache: ReadCache): UserStore {
  // Which cached sessions are whose, so that a change of role or a removal reaches all of them.
  const hashesOf = new Map<string, Set<string>>();
  const remember = (tokenHash: string, userId: string) => {
    const hashes = hashesOf.get(userId) ?? new Set<string>();
    hashesOf.set(userId, hashes.add(tokenHash));
    // Bounded: a hash no longer remembered here leaves the cache too, so nothing cached escapes forget().
    if (hashes.size > 100) {
      const oldest = hashes.values().next().value!;
      hashes.delete(oldest);
      cache.invalidate(oldest);
    }
  };
  const forget = (userId: string) => {
    for (const tokenHash of hashesOf.get(userId) ?? []) cache.invalidate(tokenHash);
    hashesOf.delete(userId);
  };
  return {
    ...users,
    session(token) {
      const tokenHash = hashToken(token);
      return cache.read(tokenHash, '', async () => {
        const session = await users.session(token);
        if (session) remember(tokenHash, session.user.id);
        return session;
      });
    },
    async revoke(token) {
      try {
        await users.revoke(token);
      } finally {
        cache.invalidate(hashToken(token));
      }
    },
    async setPassword(userId, passwordHash, keep) {
      try {
        return await users.setPassword(userId, passwordHash, keep);
      } finally {
        forget(userId);
      }
    },
    forgetSessionsOf: forget,
  };
}

/** Requests with one token share a lookup sent after they came: a revocation by any process still counts at once. */
export function withSharedSessionLookups(users: UserStore): UserStore {
  const lookup = sharedAfterCallPerKey<Session | undefined>();
  return { ...users, session: (token) => lookup(hashToken(token), () => users.session(token)) };
}
