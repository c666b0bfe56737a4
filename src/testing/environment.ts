import type { Environment } from 'vitest/runtime';
import { builtinEnvironments } from 'vitest/runtime';

const happyDom = builtinEnvironments['happy-dom'];

/**
 * happy-dom for the SPA, with modules transformed for Node rather than for a browser: the tests run
 * the real API server in-process, and a browser transform rewrites its `new URL('./x', import.meta.url)`
 * file paths into web addresses.
 */
export default {
  ...happyDom,
  name: 'happy-dom-with-server',
  viteEnvironment: 'ssr',
} satisfies Environment;
