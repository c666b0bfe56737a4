import { ephemeralSealer } from '../server/secrets/keys';
import { and, eq, sql } from 'drizzle-orm';
import { connectorTypes } from '../contract/connector-types';
import { effectiveIsAuthenticated } from '../contract/rules';
import { openDatabase, type Db } from '../server/store/database';
import { connectorRow, DEMO_ORG_ID, DEMO_PASSWORD, demoUsers, seedDemo, type ConnectorSeed } from '../server/store/demo-seed';
import { connectors } from '../server/store/schema';
import { round, runIfMain } from './lib/report';
import { tempDir } from './lib/server-process';

// BENCH_CONNECTORS=2000 makes a quick trial run; the targets are set for 100,000.
export const BENCH_CONNECTORS = Number(process.env.BENCH_CONNECTORS ?? 100_000);
export const ADMIN_EMAIL = 'admin@acme.test';
export { DEMO_PASSWORD };

const teams = ['Sales', 'Finance', 'Legal', 'Design', 'Platform', 'Research', 'People', 'Ops', 'Support', 'Growth'];
// 37 words against 8 types and 10 teams: a search for one word matches a few percent of the rows,
// and a word with a number matches one row.
const words = [
  'Atlas', 'Beacon', 'Cedar', 'Delta', 'Ember', 'Falcon', 'Garnet', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen',
  'Meadow', 'Nimbus', 'Onyx', 'Pioneer', 'Quartz', 'Raven', 'Summit', 'Tundra', 'Umber', 'Vertex', 'Willow', 'Xenon',
  'Yarrow', 'Zephyr', 'Aurora', 'Basalt', 'Cobalt', 'Dune', 'Echo', 'Fjord', 'Glacier', 'Heron', 'Indigo', 'Jasper', 'Krill',
];
const statuses = ['active', 'pending', 'inactive'] as const;

/** The i-th generated connector: a deterministic mix of types, auth types, states, scopes and creators. */
export function benchConnector(index: number): ConnectorSeed {
  const type = connectorTypes[index % connectorTypes.length]!;
  const authType = type.authTypes[Math.floor(index / connectorTypes.length) % type.authTypes.length]!;
  const creator = demoUsers[index % demoUsers.length]!;
  const configured = index % 5 !== 3;
  const signedIn = index % 7 !== 2;
  const ready = configured && effectiveIsAuthenticated(authType, signedIn);
  const sync = ready && index % 2 === 0;
  return {
    name: `${teams[Math.floor(index / connectorTypes.length) % teams.length]} ${type.displayName} ${words[index % words.length]} ${index}`,
    type: type.id,
    authType,
    // One in six is personal, spread over the three users; team connectors name any user as creator.
    scope: index % 6 === 5 ? 'personal' : 'team',
    createdBy: creator.id,
    config: configured ? { source: `${type.id}://acme/${index}`, username: `svc-${index}`, password: `bench-secret-${index}` } : {},
    signedIn,
    sync,
    agent: ready && type.supportsAgent && index % 3 === 0,
    status: statuses[index % statuses.length],
    ...(sync || index % 11 === 0 ? { lastSyncHoursAgo: (index * 7) % 2_000 } : {}),
  };
}

export type SeedResult = { count: number; seconds: number; rowsPerSecond: number };

type IndexDefinition = { indexname: string; indexdef: string };

/**
 * Seeds the demo org (users admin/alice/bob) and `count` generated connectors in multi-row inserts.
 * Batches of 1,000 rows stay far below PostgreSQL's 65,535 bind parameters per statement. The
 * secondary indexes are dropped for the load and rebuilt from their own definitions afterwards, in the
 * same transaction: building an index once is several times faster than growing it row by row.
 */
export async function seedBenchData(
  db: Db,
  { count = BENCH_CONNECTORS, batchSize = 1_000, log = (line: string) => console.log(line) } = {},
): Promise<SeedResult> {
  const started = performance.now();
  const sealer = ephemeralSealer();
  await seedDemo(db, sealer);
  const now = new Date();
  await db.transaction(async (tx) => {
    const { rows: indexes } = (await tx.execute(
      sql`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'connectors' and indexname <> 'connectors_pkey'`,
    )) as unknown as { rows: IndexDefinition[] };
    for (const index of indexes) await tx.execute(sql`drop index ${sql.identifier(index.indexname)}`);
    for (let start = 0; start < count; start += batchSize) {
      const rows = [];
      for (let index = start; index < Math.min(start + batchSize, count); index++) rows.push(connectorRow(DEMO_ORG_ID, benchConnector(index), sealer, now));
      await tx.insert(connectors).values(rows);
    }
    for (const index of indexes) await tx.execute(sql.raw(index.indexdef));
  });
  const seconds = (performance.now() - started) / 1000;
  const result = { count, seconds, rowsPerSecond: Math.round(count / seconds) };
  log(`seeded ${count.toLocaleString('en')} connectors (+ the demo org) in ${seconds.toFixed(1)} s (${result.rowsPerSecond.toLocaleString('en')} rows/s)`);
  return result;
}

/** Team connectors an admin may switch sync on and off for, with their current sync state. */
export async function toggleCandidates(db: Db, limit: number): Promise<{ id: string; syncEnabled: boolean }[]> {
  return db
    .select({ id: connectors.id, syncEnabled: connectors.syncEnabled })
    .from(connectors)
    .where(and(eq(connectors.orgId, DEMO_ORG_ID), eq(connectors.scope, 'team'), eq(connectors.isConfigured, true), eq(connectors.isAuthenticated, true)))
    .orderBy(connectors.id)
    .limit(limit);
}

export async function countConnectors(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(connectors);
  return row?.count ?? 0;
}

/** An on-disk embedded database in `dataDir`, migrated and seeded, then closed for a server to open. */
export async function seedDataDir(dataDir: string, options: { count?: number; log?: (line: string) => void } = {}): Promise<SeedResult> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await seedBenchData(database.db, options);
  } finally {
    await database.close();
  }
}

runIfMain(import.meta.url, 'seed', async () => {
  const dir = tempDir('bench-seed');
  try {
    const seed = await seedDataDir(dir.path, { count: BENCH_CONNECTORS });
    return { status: 'ok', targets: [], figures: { connectors: seed.count, seconds: round(seed.seconds), rowsPerSecond: seed.rowsPerSecond, target: 'an on-disk PGlite data dir' } };
  } finally {
    dir.remove();
  }
});
