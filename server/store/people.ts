import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { OrgUser, Role, User } from '../../contract/auth';
import { INVITATION_TTL_DAYS, type CreateInvitationRequest, type Invitation } from '../../contract/people';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { Sealer } from '../secrets/sealer';
import type { Db } from './database';
import { apiKeys, connectors, invitations, oauthStates, orgs, sessions, setupTokens, users, type InvitationRow, type UserRow } from './schema';
import { toOrgUser } from './users';

const SETUP_ID = 'setup';
const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url')}`;

function sameText(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    invitedBy: row.invitedBy,
  };
}

function ensureAdmin(viewer: User): void {
  if (viewer.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins manage the people of the organisation');
}

const emailTaken = (email: string) => new AppError('CONFLICT', `${email} already has an account: they sign in with it`);

function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: string }).code === '23505') return true;
  }
  return false;
}

const alreadySetUp = () => new AppError('NOT_FOUND', 'This server is already set up: sign in instead');
const wrongSetupLink = () => new AppError('FORBIDDEN', "This is not the setup link the server printed: copy the whole link from the server's output");

const invitationGone = () =>
  new AppError('NOT_FOUND', 'This invitation link is no longer valid: it was used, revoked or has expired. Ask an admin for a new one.');

// Joined on the inviter: one removed or made a member since leaves their links dead.
const invitedByAnAdmin = and(eq(users.role, 'admin'), isNull(users.removedAt));

const pending = (now: Date) => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/** The organisation's people: its first admin, invitations, roles and removals. */
export function createPeopleStore(db: Db, sealer: Sealer) {
  /** Locks the org, so that two admins demoting or removing each other cannot leave it without one. */
  async function lockedPerson(tx: Db, viewer: User, userId: string): Promise<UserRow> {
    await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, viewer.orgId)).for('update');
    // Asked again under the lock: an admin demoted or removed a moment ago acts no more.
    const [acting] = await tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.id, viewer.id), isNull(users.removedAt)));
    if (acting?.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins manage the people of the organisation');
    const [row] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.orgId, viewer.orgId), isNull(users.removedAt)));
    if (!row) throw new AppError('NOT_FOUND', 'No such person in the organisation');
    return row;
  }

  async function ensureAnotherAdmin(tx: Db, person: UserRow, doing: string): Promise<void> {
    if (person.role !== 'admin') return;
    const [admins] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.orgId, person.orgId), eq(users.role, 'admin'), isNull(users.removedAt)));
    if ((admins?.n ?? 0) <= 1) {
      throw new AppError('CONFLICT', `${person.name} is the organisation's last admin and cannot be ${doing}: make someone else an admin first`);
    }
  }

  return {
    /** The setup link's token while nobody has an account yet, made once and the same at every start; else null. */
    async setupToken(): Promise<string | null> {
      const [anyone] = await db.select({ id: users.id }).from(users).limit(1);
      if (anyone) return null;
      await db.insert(setupTokens).values({ id: SETUP_ID, tokenSealed: sealer.seal(newToken()) }).onConflictDoNothing();
      const [row] = await db.select().from(setupTokens).where(eq(setupTokens.id, SETUP_ID));
      return row ? sealer.open(row.tokenSealed) : null;
    },

    /** Until somebody has an account: from then on, people are invited. */
    async setupNeeded(): Promise<boolean> {
      const [anyone] = await db.select({ id: users.id }).from(users).limit(1);
      return anyone === undefined;
    },

    /** Refuses a wrong link before any password is hashed for it. */
    async checkSetupToken(token: string): Promise<void> {
      const [row] = await db.select().from(setupTokens).where(eq(setupTokens.id, SETUP_ID));
      if (!row && !(await this.setupNeeded())) throw alreadySetUp();
      if (!row || !sameText(sealer.open(row.tokenSealed), token)) throw wrongSetupLink();
    },

    /** Makes the organisation and its first admin, once: the token is used up with it. */
    async setUp(input: { token: string; orgName: string; name: string; email: string; passwordHash: string }): Promise<User & { orgName: string }> {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(setupTokens).where(eq(setupTokens.id, SETUP_ID)).for('update');
        const [anyone] = await tx.select({ id: users.id }).from(users).limit(1);
        if (!row || anyone) throw alreadySetUp();
        if (!sameText(sealer.open(row.tokenSealed), input.token)) throw wrongSetupLink();
        const orgId = newId('org');
        const user = { id: newId('usr'), orgId, email: input.email.toLowerCase(), name: input.name, role: 'admin' as const };
        await tx.insert(orgs).values({ id: orgId, name: input.orgName });
        await tx.insert(users).values({ ...user, passwordHash: input.passwordHash });
        await tx.delete(setupTokens).where(eq(setupTokens.id, SETUP_ID));
        return { ...user, orgName: input.orgName };
      });
    },

    /** A new invitation, replacing any still pending for the same email; the token is in this answer only. */
    async invite(viewer: User, request: CreateInvitationRequest, now = new Date()): Promise<{ invitation: Invitation; token: string }> {
      ensureAdmin(viewer);
      const email = request.email.toLowerCase();
      const token = newToken();
      const row = await db.transaction(async (tx) => {
        const [member] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.email, email), isNull(users.removedAt)));
        if (member) throw emailTaken(email);
        await tx
          .update(invitations)
          .set({ revokedAt: now })
          .where(and(eq(invitations.orgId, viewer.orgId), eq(invitations.email, email), pending(now)));
        const [created] = await tx
          .insert(invitations)
          .values({
            id: newId('inv'),
            orgId: viewer.orgId,
            email,
            role: request.role,
            tokenHash: hashToken(token),
            invitedBy: viewer.id,
            createdAt: now,
            expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
          })
          .returning();
        return created!;
      });
      return { invitation: toInvitation(row), token };
    },

    async pendingInvitations(viewer: User, now = new Date()): Promise<Invitation[]> {
      ensureAdmin(viewer);
      const rows = await db
        .select()
        .from(invitations)
        .where(and(eq(invitations.orgId, viewer.orgId), pending(now)))
        .orderBy(invitations.createdAt);
      return rows.map(toInvitation);
    },

    async revokeInvitation(viewer: User, id: string, now = new Date()): Promise<Invitation> {
      ensureAdmin(viewer);
      const [row] = await db
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.id, id), eq(invitations.orgId, viewer.orgId), pending(now)))
        .returning();
      if (!row) throw new AppError('NOT_FOUND', 'No pending invitation with that id: it may have been accepted, revoked or expired');
      return toInvitation(row);
    },

    /** What the invited person is shown before accepting. */
    async lookUpInvitation(token: string, now = new Date()) {
      const [found] = await db
        .select({ invitation: invitations, orgName: orgs.name, invitedByName: users.name })
        .from(invitations)
        .innerJoin(orgs, eq(orgs.id, invitations.orgId))
        .innerJoin(users, eq(users.id, invitations.invitedBy))
        .where(and(eq(invitations.tokenHash, hashToken(token)), pending(now), invitedByAnAdmin));
      if (!found) throw invitationGone();
      return { ...toInvitation(found.invitation), orgName: found.orgName, invitedByName: found.invitedByName };
    },

    /** The invited person's account; the invitation is used up with it. */
    async acceptInvitation(input: { token: string; name: string; passwordHash: string }, now = new Date()): Promise<{ user: User; invitation: Invitation }> {
      try {
        return await db.transaction(async (tx) => {
          const [found] = await tx
            .select({ invitation: invitations })
            .from(invitations)
            .innerJoin(users, eq(users.id, invitations.invitedBy))
            .where(and(eq(invitations.tokenHash, hashToken(input.token)), pending(now), invitedByAnAdmin))
            .for('update');
          const row = found?.invitation;
          if (!row) throw invitationGone();
          const user = { id: newId('usr'), orgId: row.orgId, email: row.email, name: input.name, role: row.role };
          await tx.insert(users).values({ ...user, passwordHash: input.passwordHash });
          await tx.update(invitations).set({ acceptedAt: now, acceptedBy: user.id }).where(eq(invitations.id, row.id));
          return { user, invitation: toInvitation(row) };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'This email already has an account: sign in with it instead');
        throw error;
      }
    },

    async changeRole(viewer: User, userId: string, role: Role): Promise<{ before: Role; person: OrgUser }> {
      ensureAdmin(viewer);
      return db.transaction(async (tx) => {
        const person = await lockedPerson(tx, viewer, userId);
        if (person.role === role) return { before: role, person: toOrgUser(person) };
        if (role !== 'admin') await ensureAnotherAdmin(tx, person, 'made a member');
        const [updated] = await tx.update(users).set({ role }).where(eq(users.id, userId)).returning();
        if (role === 'member') {
          // A key acts with at most its owner's role; an invitation stands only while its sender is an admin.
          await tx.update(apiKeys).set({ role }).where(eq(apiKeys.userId, userId));
          await tx
            .update(invitations)
            .set({ revokedAt: new Date() })
            .where(and(eq(invitations.invitedBy, userId), pending(new Date())));
        }
        return { before: person.role, person: toOrgUser(updated!) };
      });
    },

    /** How many personal connectors go with someone if they are removed. */
    async personalConnectorCount(viewer: User, userId: string): Promise<number> {
      ensureAdmin(viewer);
      const [person] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.orgId, viewer.orgId), isNull(users.removedAt)));
      if (!person) throw new AppError('NOT_FOUND', 'No such person in the organisation');
      const [row] = await db
        .select({ n: count() })
        .from(connectors)
        .where(and(eq(connectors.orgId, viewer.orgId), eq(connectors.scope, 'personal'), eq(connectors.createdBy, userId)));
      return row?.n ?? 0;
    },

    /**
     * Takes someone out of the organisation: their sessions, keys, sign-ins under way and personal
     * connectors (`deletePersonal`, in the same transaction) go at once, on every process. Their row
     * stays, marked, for the names in the activity.
     */
    async remove(viewer: User, userId: string, deletePersonal: (tx: Db) => Promise<number>, now = new Date()): Promise<{ person: OrgUser; deletedConnectors: number }> {
      ensureAdmin(viewer);
      return db.transaction(async (tx) => {
        const person = await lockedPerson(tx, viewer, userId);
        await ensureAnotherAdmin(tx, person, 'removed');
        const [removed] = await tx.update(users).set({ removedAt: now }).where(eq(users.id, userId)).returning();
        await tx.delete(sessions).where(eq(sessions.userId, userId));
        await tx.delete(apiKeys).where(eq(apiKeys.userId, userId));
        await tx.delete(oauthStates).where(eq(oauthStates.userId, userId));
        await tx
          .update(invitations)
          .set({ revokedAt: now })
          .where(and(eq(invitations.invitedBy, userId), pending(now)));
        const deletedConnectors = await deletePersonal(tx);
        return { person: toOrgUser(removed!), deletedConnectors };
      });
    },
  };
}

export type PeopleStore = ReturnType<typeof createPeopleStore>;
