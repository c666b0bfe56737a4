import { createApp } from '../server/app';
import { ephemeralSealer } from '../server/secrets/keys';
import { openDatabase, type Database } from '../server/store/database';
import { createStore } from '../server/store/store';
import { startTestPostgres } from '../server/testing/postgres';
import { emptyPostgresDatabase } from '../server/testing/test-database';
import { round, runIfMain, target, type Target } from './lib/report';
import { ADMIN_EMAIL, seedBenchData, toggleCandidates } from './seed';

// One bulk toggle of 10,000 connectors against single toggles, on both databases, in-process.

const BULK_ROWS = 10_000;
const SINGLE_TOGGLES = 200;

async function measure(label: string, database: Database) {
  await seedBenchData(database.db, { count: 2 * BULK_ROWS, log: (line) => console.log(`${label}: ${line}`) });
  const store = createStore(database, ephemeralSealer());
  const app = createApp({ store });
  const user = await store.users.findByEmail(ADMIN_EMAIL);
  const { token } = await store.users.createSession(user!.id);
  const post = async (path: string, body: unknown) => {
    const response = await app.request(`/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { summary?: { changed: number; total: number } };
  };

  // The reference: single toggles one after another, each its own request and transaction.
  const singles = await toggleCandidates(database.db, SINGLE_TOGGLES);
  let started = performance.now();
  for (const { id, syncEnabled } of singles) await post(`/connectors/${id}/toggle`, { type: 'sync', enabled: !syncEnabled });
  const singleSeconds = (performance.now() - started) / 1000;
  const singleRate = singles.length / singleSeconds;

  const ids = (await toggleCandidates(database.db, BULK_ROWS)).map((candidate) => candidate.id);
  if (ids.length < BULK_ROWS) throw new Error(`only ${ids.length} connectors can be toggled; seed more`);
  // Every row on first, so that the measured request changes every one of them.
  await post('/connectors/bulk/toggle', { type: 'sync', enabled: true, connectorIds: ids });
  started = performance.now();
  const result = await post('/connectors/bulk/toggle', { type: 'sync', enabled: false, connectorIds: ids });
  if (result.summary?.changed !== ids.length) throw new Error(`the bulk toggle changed ${result.summary?.changed} of ${ids.length} rows`);
  const bulkSeconds = (performance.now() - started) / 1000;
  const bulkRate = ids.length / bulkSeconds;
  console.log(
    `${label}: ${singles.length} single toggles in ${singleSeconds.toFixed(2)} s (${Math.round(singleRate)}/s); ` +
      `one bulk toggle of ${ids.length.toLocaleString('en')} (${result.summary?.total} decided) in ${bulkSeconds.toFixed(2)} s ` +
      `(${Math.round(bulkRate).toLocaleString('en')} rows/s, ${round(bulkRate / singleRate, 1)} x the single toggles' rate)`,
  );
  return { bulkSeconds: round(bulkSeconds, 2), bulkRowsPerSecond: Math.round(bulkRate), singleTogglesPerSecond: Math.round(singleRate), rows: ids.length };
}

runIfMain(import.meta.url, 'bulk', async () => {
  const figures: Record<string, unknown> = {};
  const targets: Target[] = [];
  const pglite = await openDatabase({ kind: 'pglite' });
  try {
    const embedded = await measure('PGlite', pglite);
    figures.pglite = embedded;
    targets.push(target(`bulk toggle of ${embedded.rows.toLocaleString('en')} rows on PGlite`, embedded.bulkSeconds, '<=', 5, 's'));
  } finally {
    await pglite.close();
  }
  const server = await startTestPostgres();
  if (server) {
    const empty = await emptyPostgresDatabase(server.url);
    const database = await openDatabase({ kind: 'postgres', url: empty.url });
    try {
      const onPostgres = await measure('PostgreSQL', database);
      figures.postgres = onPostgres;
      targets.push(target(`bulk toggle of ${onPostgres.rows.toLocaleString('en')} rows on PostgreSQL`, onPostgres.bulkSeconds, '<=', 5, 's'));
    } finally {
      await database.close();
      await empty.drop();
      await server.stop();
    }
  } else {
    targets.push(target('bulk toggle on PostgreSQL', null, '<=', 5, 's'));
  }
  return { status: 'ok', targets, figures };
});
