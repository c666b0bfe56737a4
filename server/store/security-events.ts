import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { SecurityAction, SecurityEvent } from '../../contract/people';
import type { Viewer } from '../../contract/rules';
import { AppError } from '../errors';
import type { Db } from './database';
import { securityEvents, type SecurityEventRow } from './schema';

export type Person = { id: string | null; name: string };

export type NewSecurityEvent = {
  /** Null for a failed sign-in to an account that does not exist. */
  orgId: string | null;
  action: SecurityAction;
  actor: Person;
  subject?: Person | null;
  address?: string | null;
  details?: Record<string, string | number | boolean | null>;
};

function toEvent(row: SecurityEventRow): SecurityEvent {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    action: row.action,
    actor: { id: row.actorId, name: row.actorName },
    subject: row.subjectName === null ? null : { id: row.subjectId, name: row.subjectName },
    address: row.address,
    details: row.details,
  };
}

// Failed sign-ins from anywhere add rows without end: a year and a bit is kept, swept now and then.
const KEEP_DAYS = 400;
const SWEEP_EVERY = 1000;

export function createSecurityEventStore(db: Db) {
  let sinceSweep = 0;

  async function sweep(): Promise<void> {
    await db.delete(securityEvents).where(lt(securityEvents.at, sql`now() - ${`${KEEP_DAYS} days`}::interval`));
  }

  return {
    sweep,

    async record(event: NewSecurityEvent): Promise<void> {
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        await sweep();
      }
      await db.insert(securityEvents).values({
        orgId: event.orgId,
        action: event.action,
        actorId: event.actor.id,
        actorName: event.actor.name,
        subjectId: event.subject?.id ?? null,
        subjectName: event.subject?.name ?? null,
        address: event.address ?? null,
        details: event.details ?? {},
      });
    },

    /** The org's events, newest first; for admins only. */
    async list(viewer: Viewer, query: { action?: SecurityAction; cursor?: string; limit: number }) {
      if (viewer.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins see the security events');
      const conditions: SQL[] = [eq(securityEvents.orgId, viewer.orgId)];
      if (query.action) conditions.push(eq(securityEvents.action, query.action));
      if (query.cursor) conditions.push(lt(securityEvents.id, Number(query.cursor)));
      const rows = await db
        .select()
        .from(securityEvents)
        .where(and(...conditions))
        .orderBy(desc(securityEvents.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return { events: page.map(toEvent), nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
    },
  };
}

export type SecurityEventStore = ReturnType<typeof createSecurityEventStore>;
