import react from '@vitejs/plugin-react';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, resolveConfig } from 'vite';
import { dist, ensureBuilt } from './lib/dist';
import { formatBytes, repoRoot, round, runIfMain, target, type Summary } from './lib/report';
import { tempDir } from './lib/server-process';

const TARGET_BYTES = 200_000;

type ManifestChunk = { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
type Manifest = Record<string, ManifestChunk>;

type LoadedFile = { file: string; bytes: number; gzipBytes: number; via: string };

/**
 * The JavaScript a browser loads for a page of this build: the classic and module scripts and the
 * modulepreload links in index.html, and every chunk the entry imports statically (from the Vite
 * manifest). Chunks behind a dynamic import are listed apart: they load only when the code asks.
 */
export function loadedJavaScript(outDir: string): { files: LoadedFile[]; dynamicOnly: string[] } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const found = new Map<string, string>();
  const local = (url: string) => url.startsWith('/') && !url.startsWith('//');
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) if (local(match[1]!)) found.set(match[1]!.slice(1), 'index.html <script>');
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="modulepreload"/.test(tag) && local(href)) found.set(href.slice(1), 'index.html modulepreload');
  }

  const dynamicOnly = new Set<string>();
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const visited = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || visited.has(key)) return;
      visited.add(key);
      if (!found.has(chunk.file)) found.set(chunk.file, 'static import');
      for (const name of chunk.dynamicImports ?? []) {
        const file = manifest[name]?.file;
        if (file) dynamicOnly.add(file);
      }
      for (const name of chunk.imports ?? []) visit(name);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  }

  const files = [...found]
    .filter(([file]) => file.endsWith('.js') || file.endsWith('.mjs'))
    .map(([file, via]) => {
      const content = readFileSync(join(outDir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content).length, via };
    });
  return { files, dynamicOnly: [...dynamicOnly].filter((file) => !found.has(file)) };
}

/** React + ReactDOM alone, rendering `<div/>`, built by Vite with the app's plugin and build settings. */
async function buildReactReference(): Promise<{ files: LoadedFile[] }> {
  // The fourth argument matters: left out, resolveConfig sets NODE_ENV to development, and the
  // build that follows would bundle React's development build.
  const project = await resolveConfig({ root: repoRoot, logLevel: 'silent' }, 'build', 'production', 'production');
  const dir = tempDir('bench-react-ref');
  try {
    symlinkSync(join(repoRoot, 'node_modules'), join(dir.path, 'node_modules'), 'dir');
    writeFileSync(
      join(dir.path, 'index.html'),
      '<!doctype html><html><head><meta charset="UTF-8" /></head><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>\n',
    );
    writeFileSync(join(dir.path, 'main.jsx'), "import { createRoot } from 'react-dom/client';\n\ncreateRoot(document.getElementById('root')).render(<div />);\n");
    const outDir = join(dir.path, 'dist');
    await build({
      root: dir.path,
      configFile: false,
      logLevel: 'warn',
      mode: 'production',
      plugins: [react()],
      build: {
        outDir,
        manifest: true,
        minify: project.build.minify,
        target: project.build.target,
        sourcemap: project.build.sourcemap,
        cssMinify: project.build.cssMinify,
      },
    });
    return loadedJavaScript(outDir);
  } finally {
    dir.remove();
  }
}

const total = (files: LoadedFile[], key: 'bytes' | 'gzipBytes') => files.reduce((sum, file) => sum + file[key], 0);

export async function bundleBenchmark(): Promise<Omit<Summary, 'benchmark'>> {
  const distBuild = ensureBuilt();
  if (distBuild.built) console.log(`built dist/ in ${distBuild.seconds} s`);
  const app = loadedJavaScript(dist);
  const reference = await buildReactReference();
  const appGzip = total(app.files, 'gzipBytes');
  const referenceGzip = total(reference.files, 'gzipBytes');

  console.log('JavaScript loaded for /connectors (gzip level 6, as most servers send it):');
  for (const file of app.files) console.log(`  ${file.file.padEnd(40)} ${formatBytes(file.bytes).padStart(10)} raw ${formatBytes(file.gzipBytes).padStart(10)} gzip  (${file.via})`);
  if (app.dynamicOnly.length > 0) console.log(`  not counted, loaded on demand: ${app.dynamicOnly.join(', ')}`);
  console.log(`  total ${formatBytes(total(app.files, 'bytes'))} raw, ${formatBytes(appGzip)} gzip`);
  console.log(`React + ReactDOM alone: ${formatBytes(total(reference.files, 'bytes'))} raw, ${formatBytes(referenceGzip)} gzip`);
  console.log(`ratio: ${round(appGzip / referenceGzip, 2)} x React + ReactDOM`);

  return {
    status: 'ok',
    targets: [target('JavaScript for /connectors, gzip', round(appGzip / 1000), '<=', TARGET_BYTES / 1000, 'kB')],
    figures: {
      gzipLevel: 6,
      app: { files: app.files, dynamicOnly: app.dynamicOnly, bytes: total(app.files, 'bytes'), gzipBytes: appGzip },
      reactReference: { files: reference.files, bytes: total(reference.files, 'bytes'), gzipBytes: referenceGzip },
      ratioToReact: round(appGzip / referenceGzip, 2),
      builtNow: distBuild.built,
      distDir: relative(repoRoot, dist),
    },
  };
}

runIfMain(import.meta.url, 'bundle', bundleBenchmark);
