import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './database';
import { signInAttempts } from './schema';

/**
 * `limit` attempts under `key` go through; then the next waits. A fixed limit waits for the end of its
 * window; a progressive one waits `firstWaitMs`, doubling with each further attempt up to `maxWaitMs`,
 * and the count is forgotten `windowMs` after the last attempt.
 */
export type AttemptLimit = { key: string; limit: number; windowMs: number; progressive?: { firstWaitMs: number; maxWaitMs: number } };

/** `waitMs` > 0: refused, uncounted. `blockedMs` > 0: let through, but the attempts after it wait that long. */
export type AttemptOutcome = { waitMs: number; blockedMs: number };

const SWEEP_EVERY = 100;
// Bounded even under a flood from many addresses: past this the rows nearest their end go first.
const MAX_ROWS = 100_000;

type SQL = ReturnType<typeof sql>;
const ms = (value: number | SQL) => sql`((${value})::float8 * interval '1 millisecond')`;

/** Counted in the database before the password is checked, so neither other processes nor parallel attempts outrun it. */
export function createSignInAttemptStore(db: Db) {
  let sinceSweep = 0;

  async function count({ key, limit, windowMs, progressive }: AttemptLimit): Promise<AttemptOutcome> {
    const table = signInAttempts;
    const expired = sql`${table.windowEndsAt} <= now()`;
    const attempts = sql`(case when ${expired} then 1 else ${table.attempts} + 1 end)`;
    const windowEnd = progressive ? sql`now() + ${ms(windowMs)}` : sql`(case when ${expired} then now() + ${ms(windowMs)} else ${table.windowEndsAt} end)`;
    const block = (n: SQL, end: SQL) => {
      const until = progressive ? sql`now() + ${ms(sql`least(${progressive.firstWaitMs}::float8 * power(2, ${n} - ${limit}::int), ${progressive.maxWaitMs})`)}` : end;
      return sql`(case when ${n} >= ${limit}::int then ${until} else null::timestamptz end)`;
    };
    const [counted] = await db
      .insert(table)
      .values({ key, attempts: 1, windowEndsAt: sql`now() + ${ms(windowMs)}`, blockedUntil: block(sql`1`, sql`now() + ${ms(windowMs)}`) })
      .onConflictDoUpdate({
        target: table.key,
        set: { attempts, windowEndsAt: windowEnd, blockedUntil: block(attempts, windowEnd) },
        // A waiting key is left as it is: its attempts are neither counted nor let through.
        setWhere: or(isNull(table.blockedUntil), sql`${table.blockedUntil} <= now()`, expired),
      })
      .returning({ blockedMs: sql<number | null>`(extract(epoch from ${table.blockedUntil} - now()) * 1000)::int` });
    if (counted) return { waitMs: 0, blockedMs: Math.max(counted.blockedMs ?? 0, 0) };
    const [waiting] = await db
      .select({ waitMs: sql<number>`(extract(epoch from ${table.blockedUntil} - now()) * 1000)::int` })
      .from(table)
      .where(sql`${table.key} = ${key}`);
    return { waitMs: Math.max(waiting?.waitMs ?? 1, 1), blockedMs: 0 };
  }

  async function sweep(): Promise<void> {
    await db.delete(signInAttempts).where(and(lt(signInAttempts.windowEndsAt, sql`now()`), or(isNull(signInAttempts.blockedUntil), lt(signInAttempts.blockedUntil, sql`now()`))));
    // A key still waiting is never dropped: flooding the table must not lift anyone's wait.
    await db.execute(
      sql`delete from ${signInAttempts} where ${signInAttempts.key} in (select ${signInAttempts.key} from ${signInAttempts} where ${signInAttempts.blockedUntil} is null or ${signInAttempts.blockedUntil} <= now() order by ${signInAttempts.windowEndsAt} desc offset ${MAX_ROWS})`,
    );
  }

  return {
    /** Counted by each limit in turn; the first that says wait refuses it, and the limits after it do not count it. */
    async attempt(limits: AttemptLimit[]): Promise<AttemptOutcome> {
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        await sweep();
      }
      let blockedMs = 0;
      for (const limit of limits) {
        const outcome = await count(limit);
        if (outcome.waitMs > 0) return outcome;
        blockedMs = Math.max(blockedMs, outcome.blockedMs);
      }
      return { waitMs: 0, blockedMs };
    },

    async forgive(key: string): Promise<void> {
      await db
        .update(signInAttempts)
        .set({ attempts: sql`greatest(${signInAttempts.attempts} - 1, 0)` })
        .where(sql`${signInAttempts.key} = ${key}`);
    },

    async reset(key: string): Promise<void> {
      await db.delete(signInAttempts).where(sql`${signInAttempts.key} = ${key}`);
    },

    sweep,
  };
}

export type SignInAttemptStore = ReturnType<typeof createSignInAttemptStore>;
