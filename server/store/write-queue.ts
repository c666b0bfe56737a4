import { applyChanges, type Change, type ChangeResult, type Settled, type WriteChange } from './connector-changes';
import type { Db } from './database';

type Waiting = { change: Change; resolve: (result: ChangeResult) => void; reject: (error: unknown) => void };

/** Writes the changes that arrive during one group's write as the next group, in one transaction: writes queue on their org's version row anyway. */
export function queuedWrites(db: Db): WriteChange {
  let waiting: Waiting[] = [];
  let scheduled = false;

  async function writeGroup(group: Waiting[]): Promise<Settled[]> {
    try {
      return await applyChanges(db, group.map((entry) => entry.change));
    } catch (error) {
      if (group.length === 1) return [{ ok: false, error }];
      // Alone again, a database error fails only the change that caused it.
      const settled: Settled[] = [];
      for (const { change } of group) settled.push(...(await applyChanges(db, [change]).catch((error: unknown) => [{ ok: false as const, error }])));
      return settled;
    }
  }

  async function writeWaiting(): Promise<void> {
    const group = waiting;
    waiting = [];
    const settled = await writeGroup(group);
    settled.forEach((result, index) => {
      const entry = group[index]!;
      if (result.ok) entry.resolve(result.value);
      else entry.reject(result.error);
    });
    if (waiting.length > 0) setImmediate(() => void writeWaiting());
    else scheduled = false;
  }

  return (change) =>
    new Promise((resolve, reject) => {
      waiting.push({ change, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => void writeWaiting());
    });
}
