import react from '@vitejs/plugin-react';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes a `.br` and a `.gz` beside each text file of the build, at the strongest settings, for the
 * server to send as they are (server/app.ts): compressing the app's JavaScript on every request cost
 * the first visit tens of milliseconds before the code could even start.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((file) => /\.(?:js|css|html|svg|json)$/.test(file));
      await Promise.all(
        files.map(async (file) => {
          const path = join(outDir, file);
          const content = await readFile(path);
          if (content.length < 1024) return; // the server's own threshold: not worth a header
          const quality = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length };
          await writeFile(`${path}.br`, await brotli(content, { params: quality }));
          await writeFile(`${path}.gz`, await gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    // `npm run dev` serves the SPA with hot reload and forwards the API to a running `npm start`.
    proxy: { '/api': apiTarget },
  },
  build: {
    sourcemap: true,
    // bench/bundle.ts follows the manifest to count the JavaScript a page loads.
    manifest: true,
    // The polyfill would ship to every visitor for the few browsers of the target without
    // modulepreload, which then only fetch a lazy page's shared chunk a moment later.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // zod-config must run before any schema is made, and chunks shared with lazy pages run before
        // the entry's own code: in zod's chunk it runs first wherever zod is imported.
        codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]lib[\\/]zod-config\.ts$/ }] },
      },
      plugins: [
        {
          // React Router's package points at its development build, dev-only warnings and all
          // (remix-run/react-router#12532); the production build is beside it.
          name: 'react-router-production',
          resolveId: {
            order: 'pre',
            async handler(source, importer, options) {
              if (source !== 'react-router') return null;
              const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
              return resolved && { ...resolved, id: resolved.id.replace('/dist/development/', '/dist/production/') };
            },
          },
        },
      ],
    },
  },
  test: {
    // Vitest's default is one fewer than the cores; the tests spend part of their time waiting.
    maxWorkers: availableParallelism(),
    restoreMocks: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['contract/**/*.test.ts', 'server/**/*.test.ts'],
          exclude: ['**/*.stress.test.ts'],
          // Files share a worker's modules and databases (emptied per test): no file imports the app anew.
          isolate: false,
          environment: 'node',
          globalSetup: ['server/testing/pglite-dump-setup.ts', 'server/testing/global-setup.ts'],
          setupFiles: ['server/testing/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Heavier reliability runs (thousands of requests, killed processes): `npm run test:stress`.
        extends: true,
        test: {
          name: 'stress',
          include: ['server/**/*.stress.test.ts'],
          environment: 'node',
          globalSetup: ['server/testing/pglite-dump-setup.ts', 'server/testing/global-setup.ts'],
          setupFiles: ['server/testing/setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['src/**/*.test.{ts,tsx}'],
          isolate: false,
          // happy-dom, but with the Node transform that the in-process API server needs.
          environment: './src/testing/environment.ts',
          globalSetup: ['server/testing/pglite-dump-setup.ts'],
          setupFiles: ['src/testing/setup.ts', 'server/testing/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
