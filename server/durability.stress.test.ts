import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { TEST_SECRETS_KEY } from './testing/server-process';

const postgresUrl = inject('postgresUrl');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, SECRETS_KEY: TEST_SECRETS_KEY, ...env, PORT: String(port), HOST: '127.0.0.1', STATIC_DIR: join(tmpdir(), 'no-static') },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not answer /health within 60 s');
}

async function signIn(base: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@acme.test', password: 'demo-password' }),
  });
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

type Ack = { version: number; instanceName: string };

/** Edits connectors in concurrent chains until killed; returns the last acknowledged edit of each. */
async function burstUntilKilled(base: string, child: ChildProcess, killAfter: number): Promise<Map<string, Ack>> {
  const headers = await signIn(base);
  const list = (await (await fetch(`${base}/connectors?scope=team&limit=200`, { headers })).json()) as {
    connectors: { connectorId: string; version: number }[];
  };
  const acknowledged = new Map<string, Ack>();
  let acks = 0;
  const chains = list.connectors.slice(0, 16).map(async ({ connectorId, version }) => {
    let current = version;
    for (let step = 0; ; step++) {
      const instanceName = `Durable ${connectorId} #${step}`;
      try {
        const response = await fetch(`${base}/connectors/${connectorId}`, {
          method: 'PATCH',
          headers: { ...headers, 'if-match': `"${current}"` },
          body: JSON.stringify({ instanceName }),
        });
        if (!response.ok) throw new Error(`PATCH answered ${response.status}`);
        const body = (await response.json()) as { connector: Ack };
        current = body.connector.version;
        acknowledged.set(connectorId, { version: current, instanceName });
        if (++acks === killAfter) child.kill('SIGKILL');
      } catch {
        return; // the server is gone: whatever was not acknowledged may or may not be there
      }
    }
  });
  await Promise.all(chains);
  return acknowledged;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function killAndRestart(env: Record<string, string>) {
  const first = await startServer(env);
  cleanups.push(() => void first.child.kill('SIGKILL'));
  const acknowledged = await burstUntilKilled(first.base, first.child, 400);
  expect(acknowledged.size).toBeGreaterThan(10);

  const second = await startServer(env);
  cleanups.push(() => void second.child.kill('SIGKILL'));
  const headers = await signIn(second.base);
  for (const [connectorId, ack] of acknowledged) {
    const { connector } = (await (await fetch(`${second.base}/connectors/${connectorId}`, { headers })).json()) as { connector: Ack };
    // A later, unacknowledged edit may have landed too; an acknowledged one may never be missing.
    expect(connector.version, connectorId).toBeGreaterThanOrEqual(ack.version);
    if (connector.version === ack.version) expect(connector.instanceName).toBe(ack.instanceName);
  }
}

describe('acknowledged writes survive SIGKILL', () => {
  it('on the embedded database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'connector-console-durability-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    await killAndRestart({ DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: '1' });
  });

  it.skipIf(!postgresUrl)('on PostgreSQL', async () => {
    const name = `durability_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl! });
    await admin.connect();
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    await killAndRestart({ DATABASE_URL: url.toString(), SEED_DEMO: '1' });
  });
});
