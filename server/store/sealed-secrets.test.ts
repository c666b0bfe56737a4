import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createSealer } from '../secrets/sealer';
import { apiAs } from '../testing/api';
import { findPostgresBinDir } from '../testing/postgres';
import { emptyPostgresDatabase, selectRows } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { openDatabase, type Database } from './database';
import { resealSecrets, resealSignInSecrets, sealUnsealedSecrets } from './sealed-secrets';
import { seedDemo } from './demo-seed';
import { createStore } from './store';

const postgresUrl = inject('postgresUrl');
const SECRET = 'plain-Secret-Token-8c1e';
const NAME = 'Findable Name 5d2a';

let server: TestServer | undefined;
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** Creates a connector holding SECRET through the API, as a user would. */
async function storeSecret(database: Database) {
  server = await startTestServer({ database });
  const admin = apiAs(server, await server.token('admin@acme.test'));
  const created = await admin('POST', '/connectors', {
    connectorType: 'slack',
    instanceName: NAME,
    scope: 'team',
    authType: 'API_TOKEN',
    config: { auth: { apiToken: SECRET }, sync: { source: 'acme.slack.com' } },
  });
  expect(created.status).toBe(201);
  return server;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets at rest', () => {
  it('leaves no plaintext secret in the embedded data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sealed-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const running = await storeSecret(await openDatabase({ kind: 'pglite', dataDir }));
    await running.database.db.execute('checkpoint');
    await running.close();
    server = undefined;
    const contents = filesUnder(dataDir).map((file) => readFileSync(file));
    // The name proves the search reads the rows; the secret must not be among them.
    expect(contents.some((bytes) => bytes.includes(NAME))).toBe(true);
    expect(contents.some((bytes) => bytes.includes(SECRET))).toBe(false);
  });

  it.skipIf(!postgresUrl || !findPostgresBinDir())('leaves no plaintext secret in a dump of the PostgreSQL database', async () => {
    const empty = await emptyPostgresDatabase(postgresUrl!);
    cleanup.push(() => empty.drop());
    await storeSecret(await openDatabase({ kind: 'postgres', url: empty.url }));
    const dump = execFileSync(join(findPostgresBinDir()!, 'pg_dump'), ['--data-only', empty.url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dump).toContain(NAME);
    expect(dump).not.toContain(SECRET);
  });
});

describe('rotation', () => {
  it('re-seals every secret with the new key, so the old key can go', async () => {
    const running = await storeSecret(await openDatabase({ kind: 'pglite' }));
    const oldKey = randomBytes(32);
    // The server sealed with its own key; start from a known one.
    const before = createSealer(oldKey);
    const rows = await selectRows<{ id: string; secrets: Record<string, string> }>(running.database, 'select id, secrets from connectors');
    for (const row of rows) {
      const secrets = Object.fromEntries(Object.entries(row.secrets).map(([name, sealed]) => [name, before.seal(running.sealer.open(sealed))]));
      await running.database.db.execute(`update connectors set secrets = '${JSON.stringify(secrets)}'::jsonb where id = '${row.id}'`);
    }
    const newKey = randomBytes(32);
    const count = await resealSecrets(running.database.db, createSealer(newKey, [oldKey]), 7);
    expect(count).toBe(rows.reduce((sum, row) => sum + Object.keys(row.secrets).length, 0));
    expect(count).toBeGreaterThan(10);
    const after = await selectRows<{ secrets: Record<string, string> }>(running.database, 'select secrets from connectors');
    const alone = createSealer(newKey);
    const opened = after.flatMap((row) => Object.values(row.secrets).map((sealed) => alone.open(sealed)));
    expect(opened).toContain(SECRET);
    expect(await resealSecrets(running.database.db, createSealer(newKey, [oldKey]))).toBe(0);
  });

  it('re-seals OAuth client secrets, tokens and sign-ins under way', async () => {
    const database = await openDatabase({ kind: 'pglite' });
    cleanup.push(() => database.close());
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const old = createStore(database, createSealer(oldKey));
    await seedDemo(database.db, createSealer(oldKey));
    const [connector] = await selectRows<{ id: string }>(database, `select id from connectors where instance_name = 'Alice Notion'`);
    const app = { clientId: 'client', clientSecret: SECRET, authorizeUrl: 'https://p.test/a', tokenUrl: 'https://p.test/t', scopes: [] };
    await old.oauthApps.save('org_acme', 'notion', app, 'usr_admin');
    await old.connectorTokens.save(connector!.id, { accessToken: 'access-1', tokenType: 'bearer', refreshToken: 'refresh-1', expiresAt: null });
    const state = { stateHash: 'h', bindingHash: 'b', userId: 'usr_alice', connectorId: connector!.id, codeVerifier: 'verifier-1', redirectUrl: 'http://x/cb', returnTo: '/', expiresAt: new Date(Date.now() + 60_000) };
    await old.oauthStates.create(state);

    expect(await resealSignInSecrets(database.db, createSealer(newKey, [oldKey]))).toBe(3);
    const renewed = createStore(database, createSealer(newKey));
    expect((await renewed.oauthApps.forSignIn('org_acme', 'notion'))?.clientSecret).toBe(SECRET);
    expect((await renewed.connectorTokens.read(connector!.id))?.refreshToken).toBe('refresh-1');
    expect((await renewed.oauthStates.consume('h'))?.row.codeVerifier).toBe('verifier-1');
    expect(await resealSignInSecrets(database.db, createSealer(newKey, [oldKey]))).toBe(0);
  });

  it('seals a password stored before secrets were sealed, and clears it', async () => {
    const running = await storeSecret(await openDatabase({ kind: 'pglite' }));
    await running.database.db.execute(`update connectors set unsealed_secret = 'old-plain-password', secrets = '{}'::jsonb where instance_name = 'Analytics Warehouse'`);
    expect(await sealUnsealedSecrets(running.database.db, running.sealer)).toBe(1);
    const [row] = await selectRows<{ secrets: Record<string, string>; unsealed_secret: string | null }>(
      running.database,
      `select secrets, unsealed_secret from connectors where instance_name = 'Analytics Warehouse'`,
    );
    expect(row!.unsealed_secret).toBeNull();
    expect(running.sealer.open(row!.secrets.password!)).toBe('old-plain-password');
  });
});
