import { sql } from 'drizzle-orm';
import type { Db } from './database';

/** The channel every committed change to connectors is announced on, to every server process. */
export const CONNECTOR_CHANGES_CHANNEL = 'connector_changes';

// Above this many rows a notice says only "refetch": a NOTIFY payload holds at most 8,000 bytes.
const MAX_NOTICE_ROWS = 100;

/** `owner` is '' for a team connector, else its creator: who besides the org's admins may hear of it. */
export type ChangedRow = { connectorId: string; owner: string; deleted: boolean; by: string };

/** What one transaction changed in one org; `lastId` is its newest activity entry. */
export type ChangeNotice = { orgId: string; lastId: number } & ({ rows: ChangedRow[] } | { refetch: true });

/** Announces the changes when (and only if) the transaction commits. */
export async function noticeChanges(tx: Db, changes: (ChangedRow & { orgId: string; activityId: number })[]): Promise<void> {
  const byOrg = new Map<string, typeof changes>();
  for (const change of changes) byOrg.set(change.orgId, [...(byOrg.get(change.orgId) ?? []), change]);
  for (const [orgId, orgChanges] of byOrg) {
    const lastId = Math.max(...orgChanges.map((change) => change.activityId));
    const latest = new Map(orgChanges.map(({ connectorId, owner, deleted, by }) => [connectorId, { connectorId, owner, deleted, by }]));
    const notice: ChangeNotice = latest.size > MAX_NOTICE_ROWS ? { orgId, lastId, refetch: true } : { orgId, lastId, rows: [...latest.values()] };
    await tx.execute(sql`select pg_notify(${CONNECTOR_CHANGES_CHANNEL}, ${JSON.stringify(notice)})`);
  }
}
