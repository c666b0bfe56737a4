import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, printTargets, repoRoot, resultsDir, type Summary } from './lib/report';

// Each benchmark runs in its own process, so one's database, browser and garbage do not weigh on the next.
const all = ['bundle', 'api', 'startup', 'ui', 'bulk'] as const;
// On demand only: the API on a throw-away PostgreSQL server, and seeding alone.
const byName = [...all, 'api-postgres', 'seed'];

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !byName.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${byName.join(', ')} (none: ${all.join(', ')})`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : [...all];

const info = machine();
console.log(`${info.cpus} x ${info.cpuModel}, ${info.memoryTotalMB} MB, Node ${info.node}, load average ${info.loadAverage.join(' ')}`);

let failed = false;
for (const name of names) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join('bench', `${name}.ts`)], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}

console.log('\n== targets ==');
for (const name of names) {
  const path = join(resultsDir, `${name}.json`);
  if (!existsSync(path)) continue;
  const summary = JSON.parse(readFileSync(path, 'utf8')) as Summary;
  console.log(`${name}: ${summary.status}${summary.reason ? ` (${summary.reason})` : ''}`);
  printTargets(summary.targets);
}
process.exit(failed ? 1 : 0);
