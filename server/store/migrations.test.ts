import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterEach, expect, it } from 'vitest';
import { ephemeralSealer } from '../secrets/keys';
import type { Db } from './database';
import { sealUnsealedSecrets } from './sealed-secrets';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
let cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** The migrations up to `count`, in a folder of their own, as a database of that age saw them. */
function firstMigrations(count: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

it('moves existing connectors to settings and sealed secrets, with unique names and the new rules', async () => {
  const client = await PGlite.create({ extensions: { pg_trgm } });
  cleanup.push(() => client.close());
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: firstMigrations(5) });
  await client.exec(`
    insert into orgs (id, name) values ('org_a', 'A');
    insert into users (id, org_id, email, name, role, password_hash) values ('usr_a', 'org_a', 'a@a.test', 'A', 'admin', 'x');
    insert into connectors (id, org_id, connector_type, instance_name, scope, auth_type, created_by, source, batch_size, auth_username, auth_password, is_configured, is_authenticated, supports_agent) values
      ('c1', 'org_a', 'web', 'Drive', 'team', 'NONE', 'usr_a', 'https://a.test', 100, '', null, true, true, false),
      ('c2', 'org_a', 'web', 'drive', 'team', 'NONE', 'usr_a', 'https://b.test', 100, '', null, true, true, false),
      ('c3', 'org_a', 'web', 'Drive (2)', 'team', 'NONE', 'usr_a', 'https://c.test', 100, '', null, true, true, false),
      ('c4', 'org_a', 'jira', 'Desk', 'team', 'API_TOKEN', 'usr_a', 'https://a.atlassian.net', 50, 'bot', 'old-token', true, true, true),
      ('c5', 'org_a', 'google-drive', 'Shared', 'team', 'OAUTH_ADMIN_CONSENT', 'usr_a', 'drive://a', 100, '', null, true, true, true);
  `);

  await migrate(db, { migrationsFolder });

  const { rows } = await client.query<{ id: string; instance_name: string; settings: unknown; is_configured: boolean; unsealed_secret: string | null }>(
    'select id, instance_name, settings, is_configured, unsealed_secret from connectors order by id',
  );
  const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
  expect(rows.map((row) => row.instance_name.toLowerCase())).toEqual([...new Set(rows.map((row) => row.instance_name.toLowerCase()))]);
  expect(byId.c3!.instance_name).toBe('Drive (2)');
  expect(byId.c4).toMatchObject({
    settings: { auth: { username: 'bot', siteUrl: 'https://a.atlassian.net' }, sync: { source: 'https://a.atlassian.net', batchSize: 50 }, filters: {} },
    is_configured: true,
    unsealed_secret: 'old-token',
  });
  expect(byId.c5!.is_configured).toBe(false);

  const sealer = ephemeralSealer();
  expect(await sealUnsealedSecrets(db as unknown as Db, sealer)).toBe(1);
  const sealed = await client.query<{ secrets: Record<string, string>; unsealed_secret: string | null }>(`select secrets, unsealed_secret from connectors where id = 'c4'`);
  expect(sealed.rows[0]!.unsealed_secret).toBeNull();
  expect(sealer.open(sealed.rows[0]!.secrets.apiToken!)).toBe('old-token');
});
