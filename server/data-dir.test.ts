import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startServerProcess } from './testing/server-process';

function pathsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? [path, ...pathsUnder(path)] : [path];
  });
}

// PGlite sets its files' modes itself; a directory that others cannot enter keeps them out of all of them.
it("keeps the embedded database's directory to the server's own user, also one made earlier", async () => {
  const parent = mkdtempSync(join(tmpdir(), 'data-dir-'));
  const dataDir = join(parent, 'data');
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  const server = await startServerProcess({ DATA_DIR: dataDir, SECRETS_KEY: '', DATABASE_URL: '' });
  try {
    await fetch(`${server.url}/api/v1/health`);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(pathsUnder(dataDir).length).toBeGreaterThan(10);
  } finally {
    await server.stop();
    rmSync(parent, { recursive: true, force: true });
  }
});
