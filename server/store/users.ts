import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import type { OrgUser, User } from '../../contract/auth';
import { newToken, hashToken, SESSION_TTL_MS } from '../auth/tokens';
import type { Db } from './database';
import { sessions, users, type UserRow } from './schema';

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, orgId: row.orgId };
}

export const toOrgUser = (row: UserRow): OrgUser => ({ id: row.id, email: row.email, name: row.name, role: row.role, removed: row.removedAt !== null });

export type Session = { user: User; expiresAt: Date };

export function createUserStore(db: Db) {
  // Every request asks for its session: prepared once, PostgreSQL neither parses nor plans it again.
  const sessionByHash = db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(users.removedAt)))
    .prepare('session_by_token_hash');

  async function current(id: string): Promise<UserRow | undefined> {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, id), isNull(users.removedAt)));
    return row;
  }

  return {
    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.removedAt)));
      return row;
    },

    async byId(id: string): Promise<User | undefined> {
      const row = await current(id);
      return row && toUser(row);
    },

    /** The row with its password hash, for checking a password. */
    withPassword: current,

    /** Removed people included, marked so: their names still label what they made. */
    async listOrg(orgId: string): Promise<OrgUser[]> {
      const rows = await db.select().from(users).where(eq(users.orgId, orgId)).orderBy(users.name);
      return rows.map(toOrgUser);
    },

    /** A new password; every session but `keep` ends with the old one. Answers how many ended. */
    async setPassword(userId: string, passwordHash: string, keep?: string): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
        const keepHash = keep ? hashToken(keep) : '';
        const ended = await tx
          .delete(sessions)
          .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepHash)))
          .returning({ tokenHash: sessions.tokenHash });
        return ended.length;
      });
    },

    /** Stores a stronger hash of the same password, unless the password changed meanwhile. */
    async upgradeHash(userId: string, oldHash: string, newHash: string): Promise<void> {
      await db
        .update(users)
        .set({ passwordHash: newHash })
        .where(and(eq(users.id, userId), eq(users.passwordHash, oldHash)));
    },

    /** Drops what this process remembers of someone's sessions, after their role or membership changed. */
    forgetSessionsOf(_userId: string): void {},

    async createSession(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
      const token = newToken();
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
      // Expired sessions are dropped as new ones are made, so the table does not grow without end.
      await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
      return { token, expiresAt };
    },

    async session(token: string): Promise<Session | undefined> {
      const [row] = await sessionByHash.execute({ tokenHash: hashToken(token) });
      return row && { user: toUser(row.user), expiresAt: row.expiresAt };
    },

    async revoke(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
