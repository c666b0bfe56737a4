import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  plugins: [react()],
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
      plugins: [
        {
          // React Router's package points at its development build, dev-only warnings and all
          // (remix-run/react-router#12532); the production build is beside it.
          name: 'react-router-production',
          resolveId: {
            order: 'pre',
            async handler(source, importer, options) {
              if (source !== 'react-router' && source !== 'react-router/dom') return null;
              const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
              return resolved && { ...resolved, id: resolved.id.replace('/dist/development/', '/dist/production/') };
            },
          },
        },
      ],
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['contract/**/*.test.ts', 'server/**/*.test.ts'],
          exclude: ['**/*.stress.test.ts'],
          environment: 'node',
          globalSetup: ['server/testing/global-setup.ts'],
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
          globalSetup: ['server/testing/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['src/**/*.test.{ts,tsx}'],
          // happy-dom, but with the Node transform that the in-process API server needs.
          environment: './src/testing/environment.ts',
          setupFiles: ['src/testing/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
