import { expect, it } from 'vitest';
import { createReadCache } from './read-cache';

function counter() {
  let loads = 0;
  return { load: () => Promise.resolve(++loads), loads: () => loads };
}

it('loads once for repeated and concurrent reads, and again after a write to the scope', async () => {
  const cache = createReadCache({ maxEntries: 10 });
  const source = counter();
  expect(await Promise.all([cache.read('org_a', 'page 1', source.load), cache.read('org_a', 'page 1', source.load)])).toEqual([1, 1]);
  expect(await cache.read('org_b', 'page 1', source.load)).toBe(2);
  cache.invalidate('org_a');
  expect(await cache.read('org_a', 'page 1', source.load)).toBe(3);
  expect(await cache.read('org_b', 'page 1', source.load)).toBe(2);
});

it('forgets a failed read and the least recently used entries past its size', async () => {
  const cache = createReadCache({ maxEntries: 2 });
  await expect(cache.read('org_a', 'broken', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  expect(await cache.read('org_a', 'broken', () => Promise.resolve('back'))).toBe('back');

  const source = counter();
  await cache.read('org_a', 'one', source.load);
  await cache.read('org_a', 'two', source.load);
  await cache.read('org_a', 'one', source.load);
  await cache.read('org_a', 'three', source.load); // evicts "two", the least recently read
  expect(await cache.read('org_a', 'one', source.load)).toBe(1);
  expect(await cache.read('org_a', 'two', source.load)).toBe(4);
});

it('judges a read still under way when it ends, and makes whoever asked meanwhile wait for the verdict', async () => {
  const cache = createReadCache<string>({ maxEntries: 10 });
  let loads = 0;
  const slowly = (value: string) => () => {
    loads++;
    return new Promise<string>((resolve) => setTimeout(() => resolve(value), 5));
  };
  const isStale = (_tag: string | undefined, loaded: unknown) => loaded === 'before the write';

  const first = cache.read('org_a', 'page', slowly('before the write'), () => 'page');
  cache.invalidate('org_a', isStale);
  const second = cache.read('org_a', 'page', slowly('after the write'), () => 'page');
  expect(await first).toBe('before the write');
  expect(await second).toBe('after the write');
  expect(loads).toBe(2);

  const third = cache.read('org_a', 'other', slowly('unaffected'), () => 'other');
  cache.invalidate('org_a', isStale);
  expect(await Promise.all([third, cache.read('org_a', 'other', slowly('unaffected'), () => 'other')])).toEqual(['unaffected', 'unaffected']);
  expect(await cache.read('org_a', 'page', slowly('again'), () => 'page')).toBe('after the write');
  expect(loads).toBe(3);
});
