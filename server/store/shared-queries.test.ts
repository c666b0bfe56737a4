import { expect, it } from 'vitest';
import { sharedAfterCall, sharedAfterCallPerKey, sharedWhileRunning } from './shared-queries';

function controlledQuery() {
  const pending: ((value: number) => void)[] = [];
  let sent = 0;
  const query = () => {
    sent++;
    return new Promise<number>((resolve) => pending.push(resolve));
  };
  return { query, pending, sent: () => sent };
}

it('shares a version query among the callers that came before it was sent, and only them', async () => {
  const { query, pending, sent } = controlledQuery();
  const version = sharedAfterCall(query);
  const first = version();
  const [second, third] = [version(), version()];
  expect(sent()).toBe(1);
  pending.shift()!(1);
  expect(await first).toBe(1);
  await Promise.resolve();
  expect(sent()).toBe(2);
  pending.shift()!(2);
  expect(await Promise.all([second, third])).toEqual([2, 2]);
  const fourth = version();
  expect(sent()).toBe(3);
  pending.shift()!(3);
  expect(await fourth).toBe(3);
});

it('shares per key, never across keys', async () => {
  const alice = controlledQuery();
  const bob = controlledQuery();
  const lookup = sharedAfterCallPerKey<number>();
  const first = lookup('alice', alice.query);
  const second = lookup('alice', alice.query);
  const other = lookup('bob', bob.query);
  expect([alice.sent(), bob.sent()]).toEqual([1, 1]);
  alice.pending.shift()!(1);
  bob.pending.shift()!(7);
  expect(await first).toBe(1);
  expect(await other).toBe(7);
  await Promise.resolve();
  expect(alice.sent()).toBe(2);
  alice.pending.shift()!(2);
  expect(await second).toBe(2);
  await Promise.resolve();
  const later = lookup('bob', bob.query);
  expect(bob.sent()).toBe(2);
  bob.pending.shift()!(8);
  expect(await later).toBe(8);
});

it('shares a query still running, and sends a new one once it has ended', async () => {
  const log = controlledQuery();
  const read = sharedWhileRunning<number>();
  const first = read('org 3 5', log.query);
  const second = read('org 3 5', log.query);
  const otherRange = read('org 3 6', log.query);
  expect(log.sent()).toBe(2);
  log.pending.shift()!(5);
  log.pending.shift()!(6);
  expect(await Promise.all([first, second, otherRange])).toEqual([5, 5, 6]);
  const later = read('org 3 5', log.query);
  expect(log.sent()).toBe(3);
  log.pending.shift()!(5);
  expect(await later).toBe(5);
});
