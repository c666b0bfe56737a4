/**
 * Answers repeated reads from memory until the next write to the same scope (an org). Only sound
 * when this process makes every write or reads a version first (cached-connectors.ts).

 *
 * The promise is what is cached, so concurrent identical reads share one query. A write drops its
 * scope's entries before it is acknowledged, reads still under way included.
 */
export type ReadCache = {
  read<T>(scope: string, key: string, load: () => Promise<T>): Promise<T>;
  invalidate(scope: string): void;
};

type Entry = { scope: string; value: Promise<unknown> };

export function createReadCache({ maxEntries }: { maxEntries: number }): ReadCache {
  // A Map iterates in insertion order: re-inserting on every hit makes its first key the least used.
  const entries = new Map<string, Entry>();

  return {
    read<T>(scope: string, key: string, load: () => Promise<T>): Promise<T> {
      const fullKey = `${scope}\u0000${key}`;
      const cached = entries.get(fullKey);
      entries.delete(fullKey);
      if (cached) {
        entries.set(fullKey, cached);
        return cached.value as Promise<T>;
      }
      const value = load();
      entries.set(fullKey, { scope, value });
      value.catch(() => {
        if (entries.get(fullKey)?.value === value) entries.delete(fullKey);
      });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return value;
    },

    invalidate(scope: string): void {
      for (const [key, entry] of entries) if (entry.scope === scope) entries.delete(key);
    },
  };
}
