// The promise is cached, so concurrent identical reads share one query.
export type ReadCache<Tag = undefined> = {
  read<T>(scope: string, key: string, load: () => Promise<T>, tagOf?: () => Tag): Promise<T>;
  /** A read still under way is judged when it ends; whoever asks for it meanwhile waits for the verdict. */
  invalidate(scope: string, isStale?: Check<Tag>): void;
  forget(scope: string, key: string): void;
};

type Check<Tag> = (tag: Tag | undefined, loaded: unknown) => boolean;
type Entry<Tag> = { scope: string; value: Promise<unknown>; tag: Tag | undefined; result?: { loaded: unknown }; checks: Check<Tag>[] };

export function createReadCache<Tag = undefined>({ maxEntries }: { maxEntries: number }): ReadCache<Tag> {
  // A Map iterates in insertion order: re-inserting on every hit makes its first key the least used.
  const entries = new Map<string, Entry<Tag>>();

  const keyOf = (scope: string, key: string) => `${scope}\u0000${key}`;

  function read<T>(scope: string, key: string, load: () => Promise<T>, tagOf?: () => Tag): Promise<T> {
    const fullKey = keyOf(scope, key);
    const cached = entries.get(fullKey);
    entries.delete(fullKey);
    if (cached) {
      entries.set(fullKey, cached);
      if (cached.result || cached.checks.length === 0) return cached.value as Promise<T>;
      const checks = [...cached.checks];
      return cached.value.then((loaded) => (checks.some((isStale) => isStale(cached.tag, loaded)) ? read(scope, key, load, tagOf) : loaded)) as Promise<T>;
    }
    const value = load();
    const tag = tagOf?.();
    const entry: Entry<Tag> = { scope, value, tag, checks: [] };
    entries.set(fullKey, entry);
    value.then(
      (loaded) => {
        entry.result = { loaded };
        if (entry.checks.some((isStale) => isStale(tag, loaded)) && entries.get(fullKey) === entry) entries.delete(fullKey);
      },
      () => {
        if (entries.get(fullKey) === entry) entries.delete(fullKey);
      },
    );
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
    return value;
  }

  return {
    read,
    invalidate(scope, isStale): void {
      for (const [key, entry] of entries) {
        if (entry.scope !== scope) continue;
        if (!isStale || (entry.result && isStale(entry.tag, entry.result.loaded))) entries.delete(key);
        else if (!entry.result) entry.checks.push(isStale);
      }
    },
    forget(scope, key): void {
      entries.delete(keyOf(scope, key));
    },
  };
}
