import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from './database';
import { signInAttempts } from './schema';

export type AttemptLimit = { key: string; limit: number; windowMs: number };

const SWEEP_EVERY = 100;

/** Counted in the database before the password is checked, so neither other processes nor parallel attempts outrun it. */
export function createSignInAttemptStore(db: Db) {
  let sinceSweep = 0;

  async function count({ key, limit, windowMs }: AttemptLimit): Promise<number> {
    const windowEnd = sql`now() + ${`${windowMs} milliseconds`}::interval`;
    const expired = sql`${signInAttempts.windowEndsAt} <= now()`;
    const [row] = await db
      .insert(signInAttempts)
      .values({ key, attempts: 1, windowEndsAt: windowEnd })
      .onConflictDoUpdate({
        target: signInAttempts.key,
        set: {
          attempts: sql`case when ${expired} then 1 else ${signInAttempts.attempts} + 1 end`,
          windowEndsAt: sql`case when ${expired} then ${windowEnd} else ${signInAttempts.windowEndsAt} end`,
        },
      })
      .returning({ attempts: signInAttempts.attempts, waitMs: sql<number>`(extract(epoch from ${signInAttempts.windowEndsAt} - now()) * 1000)::int` });
    return row && row.attempts > limit ? Math.max(row.waitMs, 1) : 0;
  }

  return {
    /** Milliseconds to wait, or 0. */
    async attempt(limits: AttemptLimit[]): Promise<number> {
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        await db.delete(signInAttempts).where(lt(signInAttempts.windowEndsAt, sql`now()`));
      }
      const waits = await Promise.all(limits.map(count));
      return Math.max(0, ...waits);
    },

    async forgive(key: string): Promise<void> {
      await db
        .update(signInAttempts)
        .set({ attempts: sql`greatest(${signInAttempts.attempts} - 1, 0)` })
        .where(eq(signInAttempts.key, key));
    },

    async reset(key: string): Promise<void> {
      await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
    },
  };
}

export type SignInAttemptStore = ReturnType<typeof createSignInAttemptStore>;
