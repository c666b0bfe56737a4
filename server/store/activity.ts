import { and, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ActivityChanges, ActivityEntry, ActivityQuery, ActorType, Via } from '../../contract/activity';
import type { Viewer } from '../../contract/rules';
import type { Db } from './database';
import { connectorActivity, connectors, type ConnectorActivityRow, type ConnectorRow } from './schema';

/** Who makes a change, and through which way in. */
export type Actor = { type: ActorType; id: string | null; name: string; via: Via; reason?: string | null };

/** What a person or a script calls the store with: their viewer, and how to name them in the activity. */
export type Caller = Viewer & { name?: string; via?: Via; actorType?: ActorType };

export function actorOf(caller: Caller): Actor {
  return { type: caller.actorType ?? 'user', id: caller.id, name: caller.name ?? caller.id, via: caller.via ?? 'api' };
}

export const systemActor = (reason: string): Actor => ({ type: 'system', id: null, name: 'System', via: 'system', reason });

export type NewActivity = typeof connectorActivity.$inferInsert;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function configChanges(before: ConnectorRow, after: ConnectorRow): ActivityChanges {
  const changes: ActivityChanges = {};
  for (const section of ['auth', 'sync', 'filters'] as const) {
    const names = new Set([...Object.keys(before.settings[section] ?? {}), ...Object.keys(after.settings[section] ?? {})]);
    for (const name of names) {
      const from = before.settings[section]?.[name];
      const to = after.settings[section]?.[name];
      if (!same(from, to)) changes[`${section}.${name}`] = { from: from ?? null, to: to ?? null };
    }
  }
  // A secret appears only as stored or replaced: its value is never written here.
  for (const name of new Set([...Object.keys(before.secrets), ...Object.keys(after.secrets)])) {
    if (before.secrets[name] !== after.secrets[name]) changes[`auth.${name}`] = { from: name in before.secrets ? 'stored' : null, to: name in after.secrets ? 'replaced' : null };
  }
  return changes;
}

/** The entries one change makes: `after` is null when the connector was deleted. */
export function activityOf(before: ConnectorRow, after: ConnectorRow | null, actor: Actor): NewActivity[] {
  const now = after ?? before;
  const entry = (action: NewActivity['action'], changes: ActivityChanges = {}, reason = actor.reason ?? null): NewActivity => ({
    orgId: before.orgId,
    connectorId: before.id,
    connectorName: now.instanceName,
    connectorType: before.connectorType,
    scope: before.scope,
    owner: before.scope === 'personal' ? before.createdBy : '',
    action,
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    via: actor.via,
    changes,
    reason,
  });
  if (!after) return [entry('deleted')];
  const entries: NewActivity[] = [];
  const change = <K extends keyof ConnectorRow>(key: K) => ({ [key]: { from: before[key], to: after[key] } });
  if (before.instanceName !== after.instanceName) entries.push(entry('renamed', change('instanceName')));
  if (before.status !== after.status) entries.push(entry('status_changed', change('status')));
  const config = configChanges(before, after);
  if (Object.keys(config).length > 0) entries.push(entry('config_changed', config));
  // Switches turned off by a sign-out come before it, so that newest first the sign-out reads as the cause.
  if (before.syncEnabled !== after.syncEnabled) entries.push(entry(after.syncEnabled ? 'sync_on' : 'sync_off', change('syncEnabled')));
  if (before.agentEnabled !== after.agentEnabled) entries.push(entry(after.agentEnabled ? 'agent_on' : 'agent_off', change('agentEnabled')));
  if (after.isAuthenticated && after.signedInAt && after.signedInAt.getTime() !== before.signedInAt?.getTime()) {
    entries.push(entry('signed_in', change('isAuthenticated')));
  } else if (before.isAuthenticated && !after.isAuthenticated) {
    entries.push(after.authProblem ? entry('sign_in_expired', change('isAuthenticated'), after.authProblem.message) : entry('disconnected', change('isAuthenticated')));
  }
  return entries;
}

export function createdActivity(row: ConnectorRow, actor: Actor): NewActivity {
  return { ...activityOf(row, null, actor)[0]!, action: 'created' };
}

function toEntry(row: ConnectorActivityRow, connectorDeleted: boolean): ActivityEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    action: row.action,
    connectorId: row.connectorId,
    connectorName: row.connectorName,
    connectorType: row.connectorType,
    scope: row.scope,
    ownerId: row.owner || null,
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    via: row.via,
    changes: row.changes,
    reason: row.reason,
    connectorDeleted,
  };
}

/** Admins read the org's whole history; members, that of team connectors and their own. */
function readableBy(viewer: Viewer): SQL {
  const org = eq(connectorActivity.orgId, viewer.orgId);
  return viewer.role === 'admin' ? org : and(org, or(eq(connectorActivity.scope, 'team'), eq(connectorActivity.owner, viewer.id)))!;
}

export function createActivityStore(db: Db) {
  return {
    /**
     * The connectors whose activity is newer than `afterId` that this viewer may see, each with its
     * newest entry; null when more than `limit` changed (reading everything again is cheaper then).
     */
    async changedSince(viewer: Viewer, afterId: number, limit: number): Promise<{ connectorId: string; owner: string; lastId: number; by: string }[] | null> {
      const rows = await db
        .select({ connectorId: connectorActivity.connectorId, owner: connectorActivity.owner, id: connectorActivity.id, by: connectorActivity.actorName })
        .from(connectorActivity)
        .where(and(eq(connectorActivity.orgId, viewer.orgId), or(eq(connectorActivity.owner, ''), eq(connectorActivity.owner, viewer.id)), gt(connectorActivity.id, afterId)))
        .orderBy(desc(connectorActivity.id))
        .limit(limit * 20);
      const newest = new Map<string, { connectorId: string; owner: string; lastId: number; by: string }>();
      for (const row of rows) if (!newest.has(row.connectorId)) newest.set(row.connectorId, { connectorId: row.connectorId, owner: row.owner, lastId: row.id, by: row.by });
      return rows.length === limit * 20 || newest.size > limit ? null : [...newest.values()];
    },

    async list(viewer: Viewer, query: ActivityQuery): Promise<{ activity: ActivityEntry[]; nextCursor: string | null }> {
      const conditions = [readableBy(viewer)];
      if (query.actor) conditions.push(eq(connectorActivity.actorId, query.actor));
      if (query.action) conditions.push(eq(connectorActivity.action, query.action));
      if (query.connectorId) conditions.push(eq(connectorActivity.connectorId, query.connectorId));
      if (query.since) conditions.push(gte(connectorActivity.at, new Date(query.since)));
      if (query.until) conditions.push(lte(connectorActivity.at, new Date(query.until)));
      if (query.cursor) conditions.push(lt(connectorActivity.id, Number(query.cursor)));
      const rows = await db
        .select({ row: connectorActivity, deleted: sql<boolean>`not exists (select from ${connectors} where ${connectors.id} = ${connectorActivity.connectorId})` })
        .from(connectorActivity)
        .where(and(...conditions))
        .orderBy(desc(connectorActivity.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return { activity: page.map(({ row, deleted }) => toEntry(row, deleted)), nextCursor: rows.length > query.limit ? String(page.at(-1)!.row.id) : null };
    },
  };
}

export type ActivityStore = ReturnType<typeof createActivityStore>;
