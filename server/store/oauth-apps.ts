import { and, eq } from 'drizzle-orm';
import type { OAuthApp, OAuthAppInput } from '../../contract/oauth';
import { AppError } from '../errors';
import type { Sealer } from '../secrets/sealer';
import type { Db } from './database';
import { oauthApps, type OAuthAppRow } from './schema';

/** An app as the sign-in flow uses it, with its client secret opened. */
export type OAuthClientApp = Pick<OAuthAppRow, 'clientId' | 'authorizeUrl' | 'tokenUrl' | 'issuer' | 'scopes'> & { clientSecret: string };

export function toOAuthApp(row: OAuthAppRow): OAuthApp {
  return {
    clientId: row.clientId,
    hasClientSecret: row.clientSecret !== '',
    authorizeUrl: row.authorizeUrl,
    tokenUrl: row.tokenUrl,
    issuer: row.issuer,
    scopes: row.scopes,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export function createOAuthAppStore(db: Db, sealer: Sealer) {
  const find = async (orgId: string, connectorType: string) => {
    const [row] = await db.select().from(oauthApps).where(and(eq(oauthApps.orgId, orgId), eq(oauthApps.connectorType, connectorType)));
    return row;
  };

  return {
    async list(orgId: string): Promise<OAuthAppRow[]> {
      return db.select().from(oauthApps).where(eq(oauthApps.orgId, orgId));
    },

    async forSignIn(orgId: string, connectorType: string): Promise<OAuthClientApp | undefined> {
      const row = await find(orgId, connectorType);
      return row && { ...row, clientSecret: sealer.open(row.clientSecret) };
    },

    /** Creates or replaces the org's app for a type; an empty or missing client secret keeps the stored one. */
    async save(orgId: string, connectorType: string, input: OAuthAppInput, updatedBy: string): Promise<OAuthAppRow> {
      const stored = await find(orgId, connectorType);
      const clientSecret = input.clientSecret ? sealer.seal(input.clientSecret) : stored?.clientSecret;
      if (!clientSecret) throw new AppError('VALIDATION_ERROR', 'clientSecret: Enter the client secret', [{ path: ['clientSecret'], message: 'Enter the client secret' }]);
      const values = {
        clientId: input.clientId,
        clientSecret,
        authorizeUrl: input.authorizeUrl,
        tokenUrl: input.tokenUrl,
        issuer: input.issuer || null,
        scopes: input.scopes,
        updatedBy,
        updatedAt: new Date(),
      };
      const [row] = await db
        .insert(oauthApps)
        .values({ orgId, connectorType, ...values })
        .onConflictDoUpdate({ target: [oauthApps.orgId, oauthApps.connectorType], set: values })
        .returning();
      return row!;
    },

    async remove(orgId: string, connectorType: string): Promise<boolean> {
      const removed = await db
        .delete(oauthApps)
        .where(and(eq(oauthApps.orgId, orgId), eq(oauthApps.connectorType, connectorType)))
        .returning({ connectorType: oauthApps.connectorType });
      return removed.length > 0;
    },
  };
}

export type OAuthAppStore = ReturnType<typeof createOAuthAppStore>;
