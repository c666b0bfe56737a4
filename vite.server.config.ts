import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// `npm run build:server`: server/main.ts as one ES module in dist-server/, run by plain `node`, so a
// start compiles no TypeScript and loads one file instead of a few hundred.
const migrations = 'server/store/migrations';

/** database.ts finds its migrations beside itself (`./migrations`); in the bundle, that is beside main.js. */
function copyMigrations(): Plugin {
  return {
    name: 'copy-migrations',
    generateBundle() {
      for (const path of readdirSync(migrations, { recursive: true, encoding: 'utf8' })) {
        const source = join(migrations, path);
        if (statSync(source).isFile()) this.emitFile({ type: 'asset', fileName: join('migrations', path), source: readFileSync(source) });
      }
    },
  };
}

export default defineConfig({
  plugins: [copyMigrations()],
  publicDir: false,
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    // Unminified, so stack traces in the log stay readable without source maps.
    minify: false,
  },
  ssr: {
    // Dependencies go into the bundle too: only the code the server uses, parsed from one file.
    noExternal: true,
    // PGlite loads its WebAssembly and data files from its own package directory; pg may require its
    // optional native binding.
    external: ['@electric-sql/pglite', 'pg'],
  },
});
