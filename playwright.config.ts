import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = 4173;
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium where it is installed (CI cannot download Playwright's own build); elsewhere
// executablePath stays undefined and Playwright uses its own browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// Every run starts from an empty database. Workers load this file too and inherit the runner's
// environment, so they reuse its directory instead of making their own.
if (!process.env.E2E_DATA_DIR) {
  const dataDir = mkdtempSync(join(tmpdir(), 'connector-console-e2e-'));
  process.env.E2E_DATA_DIR = dataDir;
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The README's way: `npm test` builds dist/ first; the server bundle is rebuilt here (under a
    // second) so `npm run test:e2e` alone never tests a stale server. Then what `npm start` runs.
    command: 'npm run build:server && npm run serve',
    // DATABASE_URL is cleared so a developer's own database is never the one under test.
    env: { PORT: String(port), DATA_DIR: process.env.E2E_DATA_DIR, SEED_DEMO: '1', DATABASE_URL: '' },
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
