import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, round } from './report';

export const dist = join(repoRoot, 'dist');

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds dist/ with `npx vite build` when it is missing, has no manifest, or is older than its sources. */
export function ensureBuilt(): { built: boolean; seconds: number } {
  const index = join(dist, 'index.html');
  const manifest = join(dist, '.vite', 'manifest.json');
  const sources = ['src', 'contract', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((path) => join(repoRoot, path));
  const fresh = existsSync(index) && existsSync(manifest) && statSync(index).mtimeMs >= Math.max(...sources.map(newestChange));
  if (fresh) return { built: false, seconds: 0 };
  console.log('building dist/ with `npx vite build` (missing, without a manifest, or older than its sources)');
  const started = performance.now();
  const result = spawnSync('npx', ['vite', 'build'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${(result.stdout + result.stderr).split('\n').slice(-30).join('\n')}`);
  }
  return { built: true, seconds: round((performance.now() - started) / 1000) };
}

