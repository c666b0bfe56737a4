import { resolve } from 'node:path';
import { parseEnv } from '../env';
import { openDatabase } from '../store/database';
import { resealSecrets, resealSignInSecrets, sealUnsealedSecrets } from '../store/sealed-secrets';
import { sealerFromEnv } from './keys';

// `npm run secrets:rotate`: with the new key in SECRETS_KEY and the old one in SECRETS_KEY_PREVIOUS,
// re-seals every stored secret with the new key. Afterwards SECRETS_KEY_PREVIOUS can be removed.
async function rotate() {
  const env = parseEnv(process.env);
  const sealer = sealerFromEnv(env);
  const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(env.DATA_DIR) });
  try {
    await sealUnsealedSecrets(database.db, sealer);
    const resealed = (await resealSecrets(database.db, sealer)) + (await resealSignInSecrets(database.db, sealer));
    process.stdout.write(`re-sealed ${resealed} secrets with the current SECRETS_KEY\n`);
  } finally {
    await database.close();
  }
}

rotate().catch((error: unknown) => {
  process.stderr.write(`secrets:rotate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
