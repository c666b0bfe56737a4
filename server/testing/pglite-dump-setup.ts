import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpMigratedPglite } from '../store/database';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDumpPath: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'connector-console-dump-'));
  const path = join(dir, 'migrated.tar');
  await writeFile(path, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()));
  project.provide('pgliteDumpPath', path);
  return () => rm(dir, { recursive: true, force: true });
}
