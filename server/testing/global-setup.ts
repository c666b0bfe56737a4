import type { TestProject } from 'vitest/node';
import { openDatabase } from '../store/database';
import { startTestPostgres } from './postgres';
import { emptyPostgresDatabase } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for the store tests, or null when none can be started here. */
    postgresUrl: string | null;
    /** A migrated, empty database on that server, to copy each test's database from. */
    postgresTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const fromEnv = process.env.DATABASE_URL;
  const server = fromEnv ? null : await startTestPostgres();
  const url = fromEnv ?? server?.url;
  if (!url) {
    // CI must run every variant; a quiet skip there would hide a missing install step.
    if (process.env.CI) throw new Error('CI: no PostgreSQL binaries found (set PG_BIN or install postgresql)');
    process.stderr.write('No PostgreSQL binaries found: skipping the PostgreSQL variant of the store tests.\n');
    project.provide('postgresUrl', null);
    project.provide('postgresTemplate', null);
    return;
  }

  // Copying a migrated database is several times quicker than migrating an empty one for each test.
  const template = await emptyPostgresDatabase(url);
  await (await openDatabase({ kind: 'postgres', url: template.url })).close();
  project.provide('postgresUrl', url);
  project.provide('postgresTemplate', template.name);
  return async () => {
    await template.drop();
    await server?.stop();
  };
}
