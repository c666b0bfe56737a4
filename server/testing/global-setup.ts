import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for the store tests, or null when none can be started here. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    project.provide('postgresUrl', fromEnv);
    return;
  }

  const server = await startTestPostgres();
  if (!server) {
    // CI must run every variant; a quiet skip there would hide a missing install step.
    if (process.env.CI) throw new Error('CI: no PostgreSQL binaries found (set PG_BIN or install postgresql)');
    process.stderr.write('No PostgreSQL binaries found: skipping the PostgreSQL variant of the store tests.\n');
    project.provide('postgresUrl', null);
    return;
  }

  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
