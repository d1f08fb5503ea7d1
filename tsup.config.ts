import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The package version, written into the code where it reports it (src/version.ts).
const define = { __PAIRWISE_ELO_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) };

export default defineConfig([
  {
    // The library: ESM + CJS + declarations for both.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    define,
    // import.meta.url in the CJS build, where runConvergence finds its worker script.
    shims: true,
  },
  {
    // The worker thread of runConvergence, loaded by file URL beside index.js and cli.js.
    entry: { convergenceWorker: 'src/convergence/convergenceWorker.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    define,
  },
  {
    // The command-line tool: ESM only, with a shebang so npm can link it as a bin.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    define,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
