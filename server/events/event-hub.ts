import type { ConnectorEvent } from '../../contract/events';
import { canView, type Viewer } from '../../contract/rules';
import { CONNECTOR_CHANGES_CHANNEL, type ChangeNotice } from '../store/change-notices';
import type { Database } from '../store/database';
import type { Store } from '../store/store';

export type StreamEvent = { id: number; event: ConnectorEvent };
type Listener = { viewer: Viewer; send: (event: StreamEvent) => void };

// A reconnecting client may have missed a change committed out of id order: replay a little before.
const REPLAY_MARGIN = 50;
const MAX_REPLAYED = 200;

const mayHear = (viewer: Viewer, owner: string) => owner === '' || owner === viewer.id;

/**
 * Hands every committed change to the open event streams of the viewers who may see it. Changes
 * arrive by LISTEN/NOTIFY, so those made through any process (or the embedded database's one) count.
 */
export function createEventHub(database: Database, store: Store, log: (line: string) => void = () => {}) {
  const listeners = new Set<Listener>();
  let stop: (() => Promise<void>) | undefined;

  async function deliver(notice: ChangeNotice): Promise<void> {
    const audience = [...listeners].filter((listener) => listener.viewer.orgId === notice.orgId);
    if (audience.length === 0) return;
    if ('refetch' in notice) {
      for (const listener of audience) listener.send({ id: notice.lastId, event: { kind: 'refetch' } });
      return;
    }
    const current = await store.connectors.byIds({ id: 'system', orgId: notice.orgId, role: 'admin' }, notice.rows.map((row) => row.connectorId));
    const byId = new Map(current.map((connector) => [connector.connectorId, connector]));
    for (const listener of audience) {
      for (const row of notice.rows) {
        const connector = byId.get(row.connectorId);
        if (connector && canView(listener.viewer, connector)) listener.send({ id: notice.lastId, event: { kind: 'changed', connector, by: row.by } });
        else if (!connector && mayHear(listener.viewer, row.owner)) listener.send({ id: notice.lastId, event: { kind: 'deleted', connectorId: row.connectorId, by: row.by } });
      }
    }
  }

  return {
    async start(): Promise<void> {
      stop = await database.listen(CONNECTOR_CHANGES_CHANNEL, (payload) => {
        deliver(JSON.parse(payload) as ChangeNotice).catch((error: unknown) => log(`live event not delivered: ${error instanceof Error ? error.message : String(error)}`));
      });
    },

    subscribe(viewer: Viewer, send: (event: StreamEvent) => void): () => void {
      const listener = { viewer, send };
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** What a stream that reconnects after `lastId` missed: each changed connector's state now, or "refetch". */
    async missedSince(viewer: Viewer, lastId: number): Promise<StreamEvent[]> {
      const changed = await store.activity.changedSince(viewer, Math.max(0, lastId - REPLAY_MARGIN), MAX_REPLAYED);
      if (changed === null) return [{ id: lastId, event: { kind: 'refetch' } }];
      const current = new Map((await store.connectors.byIds(viewer, changed.map((row) => row.connectorId))).map((connector) => [connector.connectorId, connector]));
      return changed
        .sort((a, b) => a.lastId - b.lastId)
        .flatMap(({ connectorId, lastId: id, by }): StreamEvent[] => {
          const connector = current.get(connectorId);
          if (!connector) return [{ id, event: { kind: 'deleted', connectorId, by } }];
          return canView(viewer, connector) ? [{ id, event: { kind: 'changed', connector, by } }] : [];
        });
    },

    async close(): Promise<void> {
      listeners.clear();
      await stop?.();
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
