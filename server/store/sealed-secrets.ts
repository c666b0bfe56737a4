import { eq, isNotNull, sql } from 'drizzle-orm';
import { primarySecret } from '../../contract/connector-config';
import { findConnectorType } from '../../contract/connector-types';
import type { Sealer } from '../secrets/sealer';
import type { Db } from './database';
import { connectorTokens, connectors, oauthApps, oauthStates } from './schema';

/**
 * Seals passwords stored before secrets were encrypted (see migration 0005), then rewrites the table
 * so that no old copy of a row keeps one in plain text on disk. Returns how many.
 */
export async function sealUnsealedSecrets(db: Db, sealer: Sealer): Promise<number> {
  const sealed = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: connectors.id, connectorType: connectors.connectorType, authType: connectors.authType, secrets: connectors.secrets, unsealed: connectors.unsealedSecret })
      .from(connectors)
      .where(isNotNull(connectors.unsealedSecret))
      .for('update');
    for (const row of rows) {
      const name = primarySecret(findConnectorType(row.connectorType), row.authType);
      const secrets = name && row.unsealed ? { ...row.secrets, [name]: sealer.seal(row.unsealed) } : row.secrets;
      await tx.update(connectors).set({ secrets, unsealedSecret: null }).where(eq(connectors.id, row.id));
    }
    return rows.length;
  });
  if (sealed > 0) await db.execute(sql`vacuum full connectors`);
  return sealed;
}

/** Re-seals every secret not sealed with the current key, a batch of connectors per transaction. Returns how many values. */
export async function resealSecrets(db: Db, sealer: Sealer, batchSize = 500): Promise<number> {
  let resealed = 0;
  let after = '';
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: connectors.id, secrets: connectors.secrets })
        .from(connectors)
        .where(gtId(after))
        .orderBy(connectors.id)
        .limit(batchSize)
        .for('update');
      for (const row of rows) {
        const stale = Object.entries(row.secrets).filter(([, sealed]) => !sealer.isCurrent(sealed));
        if (stale.length === 0) continue;
        const secrets = { ...row.secrets };
        for (const [name, sealed] of stale) secrets[name] = sealer.seal(sealer.open(sealed));
        await tx.update(connectors).set({ secrets }).where(eq(connectors.id, row.id));
        resealed += stale.length;
      }
      after = rows.at(-1)?.id ?? after;
      return rows.length < batchSize;
    });
    if (done) return resealed;
  }
}

const gtId = (id: string) => sql`${connectors.id} > ${id}`;

/**
 * Re-seals the single sealed values outside the connectors table: OAuth client secrets, tokens and
 * the verifiers of sign-ins under way. Small tables, one transaction each. Returns how many values.
 */
export async function resealSignInSecrets(db: Db, sealer: Sealer): Promise<number> {
  const fresh = (sealed: string) => (sealer.isCurrent(sealed) ? null : sealer.seal(sealer.open(sealed)));
  let resealed = 0;
  await db.transaction(async (tx) => {
    for (const row of await tx.select().from(oauthApps).for('update')) {
      const clientSecret = fresh(row.clientSecret);
      if (!clientSecret) continue;
      await tx.update(oauthApps).set({ clientSecret }).where(sql`${oauthApps.orgId} = ${row.orgId} and ${oauthApps.connectorType} = ${row.connectorType}`);
      resealed++;
    }
    for (const row of await tx.select().from(connectorTokens).for('update')) {
      const tokens = fresh(row.tokens);
      if (!tokens) continue;
      await tx.update(connectorTokens).set({ tokens }).where(eq(connectorTokens.connectorId, row.connectorId));
      resealed++;
    }
    for (const row of await tx.select().from(oauthStates).for('update')) {
      const codeVerifier = fresh(row.codeVerifier);
      if (!codeVerifier) continue;
      await tx.update(oauthStates).set({ codeVerifier }).where(eq(oauthStates.stateHash, row.stateHash));
      resealed++;
    }
  });
  return resealed;
}
