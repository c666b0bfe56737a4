import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Sealer } from '../secrets/sealer';
import type { Db } from './database';
import { connectorTokens, connectors } from './schema';

/** What a provider's token answer leaves to keep. */
export type Tokens = {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  scope?: string;
  expiresAt: Date | null;
};

export type DueToken = { connectorId: string; orgId: string; connectorType: string };

type SealedPart = Omit<Tokens, 'expiresAt'>;

export function createConnectorTokenStore(db: Db, sealer: Sealer) {
  const seal = ({ expiresAt: _expiresAt, ...rest }: Tokens) => sealer.seal(JSON.stringify(rest satisfies SealedPart));
  const open = (sealed: string, expiresAt: Date | null): Tokens => ({ ...(JSON.parse(sealer.open(sealed)) as SealedPart), expiresAt });

  return {
    async save(connectorId: string, tokens: Tokens): Promise<void> {
      const values = { tokens: seal(tokens), expiresAt: tokens.expiresAt, refreshLeaseUntil: null, updatedAt: new Date() };
      await db.insert(connectorTokens).values({ connectorId, ...values }).onConflictDoUpdate({ target: connectorTokens.connectorId, set: values });
    },

    async remove(connectorId: string): Promise<void> {
      await db.delete(connectorTokens).where(eq(connectorTokens.connectorId, connectorId));
    },

    async has(connectorId: string): Promise<boolean> {
      const [row] = await db.select({ id: connectorTokens.connectorId }).from(connectorTokens).where(eq(connectorTokens.connectorId, connectorId));
      return row !== undefined;
    },

    /** Tokens that expire before `before` and that no process is refreshing now. */
    async due(before: Date, now: Date, limit = 100): Promise<DueToken[]> {
      return db
        .select({ connectorId: connectorTokens.connectorId, orgId: connectors.orgId, connectorType: connectors.connectorType })
        .from(connectorTokens)
        .innerJoin(connectors, eq(connectors.id, connectorTokens.connectorId))
        .where(and(lt(connectorTokens.expiresAt, before), or(isNull(connectorTokens.refreshLeaseUntil), lt(connectorTokens.refreshLeaseUntil, now))))
        .orderBy(asc(connectorTokens.expiresAt))
        .limit(limit);
    },

    /**
     * Takes the right to refresh one connector's tokens until `leaseUntil`: a single UPDATE, so of
     * several processes asking at once exactly one gets the tokens back.
     */
    async claim(connectorId: string, before: Date, now: Date, leaseUntil: Date): Promise<Tokens | undefined> {
      const [row] = await db
        .update(connectorTokens)
        .set({ refreshLeaseUntil: leaseUntil })
        .where(
          and(
            eq(connectorTokens.connectorId, connectorId),
            lt(connectorTokens.expiresAt, before),
            or(isNull(connectorTokens.refreshLeaseUntil), lt(connectorTokens.refreshLeaseUntil, now)),
          ),
        )
        .returning();
      return row && open(row.tokens, row.expiresAt);
    },

    /** Stores refreshed tokens, only while this claim still holds (not after a sign-out or a new sign-in). */
    async replaceClaimed(connectorId: string, leaseUntil: Date, tokens: Tokens): Promise<boolean> {
      const updated = await db
        .update(connectorTokens)
        .set({ tokens: seal(tokens), expiresAt: tokens.expiresAt, refreshLeaseUntil: null, updatedAt: new Date() })
        .where(and(eq(connectorTokens.connectorId, connectorId), eq(connectorTokens.refreshLeaseUntil, leaseUntil)))
        .returning({ id: connectorTokens.connectorId });
      return updated.length > 0;
    },

    /** For the code that uses a connector's tokens; never part of a response. */
    async read(connectorId: string): Promise<Tokens | undefined> {
      const [row] = await db.select().from(connectorTokens).where(eq(connectorTokens.connectorId, connectorId));
      return row && open(row.tokens, row.expiresAt);
    },
  };
}

export type ConnectorTokenStore = ReturnType<typeof createConnectorTokenStore>;
