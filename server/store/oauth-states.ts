import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Sealer } from '../secrets/sealer';
import type { Db } from './database';
import { oauthStates, type OAuthStateRow } from './schema';

export type NewOAuthState = Omit<OAuthStateRow, 'usedAt'>;
export type ConsumedState = { row: OAuthStateRow; problem: 'expired' | 'replayed' | null };

// Spent and expired states stay a day, so that a replay is told apart from a forgery.
const KEEP_MS = 24 * 60 * 60 * 1000;

export function createOAuthStateStore(db: Db, sealer: Sealer) {
  const opened = (row: OAuthStateRow): OAuthStateRow => ({ ...row, codeVerifier: sealer.open(row.codeVerifier) });
  return {
    /** Keeps a new state; its PKCE verifier is sealed. */
    async create(state: NewOAuthState, now = new Date()): Promise<void> {
      await db.insert(oauthStates).values({ ...state, codeVerifier: sealer.seal(state.codeVerifier) });
      await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date(now.getTime() - KEEP_MS)));
    },

    /** Spends a state: only its first use finds it unspent; undefined when no such state was ever made. */
    async consume(stateHash: string, now = new Date()): Promise<ConsumedState | undefined> {
      const [spent] = await db
        .update(oauthStates)
        .set({ usedAt: now })
        .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
        .returning();
      if (spent) return { row: opened(spent), problem: spent.expiresAt.getTime() <= now.getTime() ? 'expired' : null };
      const [earlier] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash));
      return earlier && { row: opened(earlier), problem: 'replayed' };
    },
  };
}

export type OAuthStateStore = ReturnType<typeof createOAuthStateStore>;
