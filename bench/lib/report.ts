import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(repoRoot, 'bench', 'results');

export type Target = {
  name: string;
  value: number | null;
  comparison: '<=' | '>=';
  limit: number;
  unit: string;
  /** null when the figure could not be measured. */
  met: boolean | null;
};

export function target(name: string, value: number | null, comparison: Target['comparison'], limit: number, unit: string): Target {
  const met = value === null || Number.isNaN(value) ? null : comparison === '<=' ? value <= limit : value >= limit;
  return { name, value, comparison, limit, unit, met };
}

export function verdict(t: Target): 'MET' | 'MISSED' | 'NOT MEASURED' {
  return t.met === null ? 'NOT MEASURED' : t.met ? 'MET' : 'MISSED';
}

export function printTargets(targets: Target[]): void {
  for (const t of targets) {
    const value = t.value === null ? 'n/a' : `${round(t.value)} ${t.unit}`;
    console.log(`  ${verdict(t).padEnd(12)} ${t.name}: ${value} (target ${t.comparison} ${t.limit} ${t.unit})`);
  }
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${round(bytes / 1_000_000, 2)} MB` : `${round(bytes / 1000, 1)} kB`;
}

export function machine() {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readText('/proc/cpuinfo'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    cpus: cpus().length,
    cpuModel,
    memoryTotalMB: Math.round(totalmem() / 2 ** 20),
    memoryFreeMB: Math.round(freemem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((value) => round(value, 2)),
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The 1-minute load average on a machine shared with other work makes every figure less certain. */
export function warnIfBusy(): void {
  const [oneMinute = 0] = loadavg();
  if (oneMinute > cpus().length * 0.5) {
    console.log(`note: load average ${round(oneMinute, 2)} on ${cpus().length} cores: other work is running and will skew these figures`);
  }
}

/** The commit measured, and whether the working tree differed from it. */
export function revision(): { commit: string; dirty: boolean } | null {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return null;
  return { commit: head.stdout.trim(), dirty: git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '' };
}

export type Summary = {
  benchmark: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  targets: Target[];
  figures: Record<string, unknown>;
};

/** Writes `bench/results/<name>.json` and returns its path. */
export function writeSummary(summary: Summary, started: { at: Date; loadAverage: number[] }): string {
  const path = join(resultsDir, `${summary.benchmark}.json`);
  mkdirSync(dirname(path), { recursive: true });
  const document = {
    ...summary,
    startedAt: started.at.toISOString(),
    finishedAt: new Date().toISOString(),
    loadAverageAtStart: started.loadAverage,
    revision: revision(),
    machine: machine(),
  };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}

/**
 * Runs a benchmark when its file is the process's entry point: prints its targets, writes its
 * summary, and exits non-zero only when it could not run at all (a missed target is a result).
 */
export function runIfMain(moduleUrl: string, name: string, benchmark: () => Promise<Omit<Summary, 'benchmark'>>): void {
  const entry = process.argv[1];
  if (!entry || pathToFileURL(entry).href !== moduleUrl) return;
  const started = { at: new Date(), loadAverage: loadavg().map((value) => round(value, 2)) };
  console.log(`\n== ${name} ==`);
  warnIfBusy();
  benchmark()
    .catch((error: unknown): Omit<Summary, 'benchmark'> => {
      console.error(error);
      return { status: 'failed', reason: error instanceof Error ? error.message : String(error), targets: [], figures: {} };
    })
    .then((result) => {
      const summary = { benchmark: name, ...result };
      if (summary.status !== 'ok') console.log(`${name}: ${summary.status.toUpperCase()}: ${summary.reason ?? ''}`);
      if (summary.targets.length > 0) {
        console.log(`${name} targets:`);
        printTargets(summary.targets);
      }
      console.log(`summary: ${writeSummary(summary, started)}`);
      process.exit(summary.status === 'failed' ? 1 : 0);
    });
}
