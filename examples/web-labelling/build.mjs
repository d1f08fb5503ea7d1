// Bundles the page (src/main.ts and the built pairwise-elo it imports) into dist/main.js
// with esbuild. 'pairwise-elo' resolves to the repository's own package (a self-reference
// through package.json's exports map), that is, to the built dist/index.js, as it would
// from node_modules in an app: run `npm run build` at the root first.
// Run directly (node examples/web-labelling/build.mjs) or import buildPage().
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const exampleDirectory = fileURLToPath(new URL('.', import.meta.url));
const libraryEntry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/**
 * Builds dist/main.js (and its source map) beside index.html.
 * @param {{ minify?: boolean, logLevel?: import('esbuild').LogLevel }} [options]
 * @returns {Promise<{ outputs: string[], bytes: number }>}
 */
export async function buildPage({ minify = true, logLevel = 'warning' } = {}) {
  if (!existsSync(libraryEntry)) {
    throw new Error(`${libraryEntry} is missing: run \`npm run build\` at the repository root first`);
  }
  const result = await esbuild.build({
    absWorkingDir: exampleDirectory,
    entryPoints: ['src/main.ts'],
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify,
    sourcemap: true,
    metafile: true,
    logLevel,
  });
  const outputs = Object.keys(result.metafile.outputs);
  const bytes = outputs.filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + result.metafile.outputs[file].bytes, 0);
  return { outputs, bytes };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { outputs, bytes } = await buildPage();
    console.log(`built ${outputs.join(', ')} (${(bytes / 1024).toFixed(1)} KiB of JavaScript)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
