import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process';

const execFileAsync = promisify(execFile);

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

function hasInitdb(dir: string): boolean {
  return existsSync(join(dir, 'initdb'));
}

/** The directory holding initdb, pg_ctl and postgres, or null when none is installed. */
export function findPostgresBinDir(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (!hasInitdb(fromEnv)) throw new Error(`PG_BIN is set to ${fromEnv}, but it has no initdb`);
    return fromEnv;
  }

  try {
    // Debian's pg_config comes with libpq-dev and reports a bindir even when no server is installed.
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir && hasInitdb(dir)) return dir;
  } catch {
    // no pg_config on PATH
  }

  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const newestFirst = readdirSync(debianRoot)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of newestFirst) {
      const dir = join(debianRoot, version, 'bin');
      if (hasInitdb(dir)) return dir;
    }
  }

  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    // A symlinked initdb (e.g. in /usr/local/bin) must resolve to the directory that also holds postgres.
    if (dir && hasInitdb(dir)) return dirname(realpathSync(join(dir, 'initdb')));
  }
  return null;
}

function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', 'postgres'], { stdio: 'ignore' });
  }
}

/**
 * Starts a throwaway PostgreSQL server on 127.0.0.1 with durability switched off (tests only),
 * or returns null when no PostgreSQL binaries are installed.
 */
export async function startTestPostgres(): Promise<TestPostgres | null> {
  const binDir = findPostgresBinDir();
  if (!binDir) return null;

  const root = mkdtempSync(join(tmpdir(), 'connector-console-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'postgres.log');

  // PostgreSQL refuses to run as root, so root hands the cluster to the postgres system user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    ensurePostgresUser();
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }

  const asPostgres = (tool: string, args: string[]): [string, string[]] => {
    const command = join(binDir, tool);
    return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  };
  // cwd: the postgres user may not be allowed into the caller's working directory.
  const run = (tool: string, args: string[]) => execFileAsync(...asPostgres(tool, args), { cwd: root });
  const stopArgs = ['stop', '-D', dataDir, '-m', 'immediate', '-w'];

  try {
    await run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const serverOptions = [
      `-k "${root}" -h 127.0.0.1 -p ${port} -F`,
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300',
    ].join(' ');
    // -l matters: without a log file the server inherits pg_ctl's stdout and the call never returns.
    await run('pg_ctl', ['start', '-w', '-D', dataDir, '-l', logFile, '-o', serverOptions]);

    // A test run that exits without its teardown must not leave a server behind.
    const stopOnExit = () => {
      try {
        execFileSync(...asPostgres('pg_ctl', stopArgs), { cwd: root, stdio: 'ignore' });
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    };
    process.once('exit', stopOnExit);

    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.off('exit', stopOnExit);
        try {
          await run('pg_ctl', stopArgs);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    await run('pg_ctl', stopArgs).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL server from ${binDir}${log ? `\n${log}` : ''}`, { cause: error });
  }
}
