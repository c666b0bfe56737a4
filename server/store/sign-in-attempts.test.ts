import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from './database';
import { createSignInAttemptStore, type AttemptLimit } from './sign-in-attempts';
import { freshPglite, selectRows } from '../testing/test-database';

let database: Database;
beforeEach(async () => {
  database = await freshPglite();
});
afterEach(() => database.close());

const MINUTE = 60_000;
const progressive: AttemptLimit = { key: 'account:bob|10.0.0.1', limit: 5, windowMs: 24 * 60 * MINUTE, progressive: { firstWaitMs: MINUTE, maxWaitMs: 60 * MINUTE } };
// As if the wait were over, without waiting.
const endTheWait = () => selectRows(database, "update sign_in_attempts set blocked_until = now() - interval '1 second' returning key");

it('lets the first attempts through, then makes each further one wait twice as long, up to the cap', async () => {
  const attempts = createSignInAttemptStore(database.db);
  for (let n = 1; n <= 4; n++) expect(await attempts.attempt([progressive])).toEqual({ waitMs: 0, blockedMs: 0 });
  const fifth = await attempts.attempt([progressive]);
  expect(fifth.waitMs).toBe(0);
  expect(fifth.blockedMs).toBeGreaterThan(0.95 * MINUTE);
  expect(fifth.blockedMs).toBeLessThanOrEqual(MINUTE);
  const refused = await attempts.attempt([progressive]);
  expect(refused.waitMs).toBeGreaterThan(0.95 * MINUTE);

  const waits: number[] = [];
  for (let n = 0; n < 8; n++) {
    await endTheWait();
    waits.push(Math.round((await attempts.attempt([progressive])).blockedMs / MINUTE));
  }
  expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);

  await attempts.reset(progressive.key);
  expect((await attempts.attempt([progressive])).blockedMs).toBe(0);
});

it('keeps a fixed limit to its window and forgets expired keys when it sweeps', async () => {
  const attempts = createSignInAttemptStore(database.db);
  const fixed: AttemptLimit = { key: 'client:10.0.0.1', limit: 3, windowMs: 15 * MINUTE };
  for (let n = 0; n < 3; n++) expect((await attempts.attempt([fixed])).waitMs).toBe(0);
  expect((await attempts.attempt([fixed])).waitMs).toBeGreaterThan(14 * MINUTE);
  await attempts.attempt([{ ...fixed, key: 'client:10.0.0.2' }]);
  await selectRows(database, "update sign_in_attempts set window_ends_at = now() - interval '1 second', blocked_until = null where key = 'client:10.0.0.1' returning key");
  await attempts.sweep();
  expect(await selectRows<{ key: string }>(database, 'select key from sign_in_attempts')).toEqual([{ key: 'client:10.0.0.2' }]);
});
