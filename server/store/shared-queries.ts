/** Callers share a query sent after they called: one sent before might miss a write acknowledged just before. */
export function sharedAfterCall<T>(query: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = () => {
    const started = query();
    running = started;
    const ended = () => {
      if (running === started) running = undefined;
    };
    started.then(ended, ended);
    return started;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}

/** The same, one share per key; a key is forgotten once nobody waits on it, so any number of keys fit. */
export function sharedAfterCallPerKey<T>(): (key: string, query: () => Promise<T>) => Promise<T> {
  const shares = new Map<string, { ask: () => Promise<T>; waiting: number }>();
  return (key, query) => {
    let share = shares.get(key);
    if (!share) {
      share = { ask: sharedAfterCall(query), waiting: 0 };
      shares.set(key, share);
    }
    const current = share;
    current.waiting++;
    const answer = current.ask();
    const settled = () => {
      if (--current.waiting === 0 && shares.get(key) === current) shares.delete(key);
    };
    answer.then(settled, settled);
    return answer;
  };
}

/** Callers share a query already under way: for answers that cannot change once their query is sent. */
export function sharedWhileRunning<T>(): (key: string, query: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, query) => {
    const shared = running.get(key);
    if (shared) return shared;
    const started = query();
    running.set(key, started);
    const ended = () => running.delete(key);
    started.then(ended, ended);
    return started;
  };
}
