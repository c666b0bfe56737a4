import { and, eq, lt, sql } from 'drizzle-orm';
import type { User } from '../../contract/auth';
import { newToken, hashToken, SESSION_TTL_MS } from '../auth/tokens';
import type { Db } from './database';
import { sessions, users, type UserRow } from './schema';

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, orgId: row.orgId };
}

export type Session = { user: User; expiresAt: Date };

export function createUserStore(db: Db) {
  // Every request asks for its session: prepared once, PostgreSQL neither parses nor plans it again.
  const sessionByHash = db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('session_by_token_hash');

  return {
    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
      return row;
    },

    async byId(id: string): Promise<User | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row && toUser(row);
    },

    async listOrg(orgId: string): Promise<User[]> {
      const rows = await db.select().from(users).where(eq(users.orgId, orgId)).orderBy(users.name);
      return rows.map(toUser);
    },

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
