import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// The package version, written into the code where it reports it (src/version.ts).
const define = { __PAIRWISE_ELO_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) };

// Published source maps point into src/ without embedding it: the sources are not in the
// package, and embedding them doubled its size.
const common = {
  sourcemap: true,
  target: 'es2022',
  define,
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
} satisfies Options;

// The root entry reaches Node's built-ins only through the sweep platform module: the
// library build leaves it as the package's own import `#sweep-platform`, which
// package.json maps to the Node or the browser build below by condition.
const sweepPlatformExternal: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'sweep-platform-external',
  setup(build) {
    build.onResolve({ filter: /\/sweepPlatform\.js$/ }, () => ({ path: '#sweep-platform', external: true }));
  },
};

export default defineConfig([
  {
    // The library: ESM + CJS + declarations for both, browser-safe.
    ...common,
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    platform: 'neutral',
    esbuildPlugins: [sweepPlatformExternal],
  },
  {
    // The sweep platform: Node's (worker processes) and everyone else's (calling thread).
    ...common,
    entry: { 'sweepPlatform.node': 'src/convergence/sweepPlatform.ts', 'sweepPlatform.browser': 'src/convergence/sweepPlatform.browser.ts' },
    format: ['esm', 'cjs'],
    clean: false,
    platform: 'node',
    // import.meta.url in the CJS build, where the Node platform finds the worker script.
    shims: true,
  },
  {
    // The worker process of runConvergence, loaded by file URL beside sweepPlatform.node.js.
    ...common,
    entry: { convergenceWorker: 'src/convergence/convergenceWorker.ts' },
    format: ['esm'],
    clean: false,
    platform: 'node',
  },
  {
    // The command-line tool: ESM only, with a shebang so npm can link it as a bin.
    ...common,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    clean: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
