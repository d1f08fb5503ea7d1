// Browser bundle sizes (`npm run bench:bundle`). Bundles four entry files that import the
// built package by its own name ('pairwise-elo', resolved through package.json "exports"
// and "imports", as a user's bundler does) with esbuild for the browser (ESM, minified,
// tree-shaken), and prints the minified and gzipped (zlib level 9) size of each. For the
// job-engine bundle it also prints which functions of the simulation, the charts and the
// convergence sweep are left in (unminified build, so names survive), and how many bytes
// of the minified output come from seedrandom (esbuild metafile).
// Options: --json (also print the figures as one line of JSON).
// Deterministic: the same dist/ gives the same output. Exits 1 if a bundle fails.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const root = fileURLToPath(new URL('..', import.meta.url));

const JOB_ENGINE = ['createRankingJobDefinition', 'createRankingJob', 'restoreRankingJob', 'replayRankingJob'];
const BRADLEY_TERRY = ['fitBradleyTerry', 'analyticIntervals', 'bootstrapIntervals'];

/** An entry file that imports `names` and keeps them alive. */
function namedEntry(names) {
  return `import { ${names.join(', ')} } from 'pairwise-elo';\nglobalThis.used = { ${names.join(', ')} };\n`;
}

const entries = [
  {
    name: 'Elo math only',
    contents: `import { expectedScore, updateElo } from 'pairwise-elo';\nglobalThis.used = [expectedScore(1200, 1300), updateElo(1200, 1300, 1)];\n`,
  },
  { name: 'Job engine', contents: namedEntry(JOB_ENGINE) },
  { name: 'Job engine + Bradley–Terry', contents: namedEntry([...JOB_ENGINE, ...BRADLEY_TERRY]) },
  { name: 'Everything', contents: `import * as all from 'pairwise-elo';\nglobalThis.all = all;\n` },
];

// Functions that live only in the parts a labelling app does not need.
const PROBES = {
  simulation: ['simulateRankingJob', 'thurstoneLabeler', 'crowdLabeler', 'createLabeler', 'generateTrueScores'],
  charts: ['lineChartSvg', 'convergenceChartSvg', 'niceStep'],
  'convergence sweep': ['runConvergence', 'summariseCell', 'mergeConvergenceResults', 'convergenceCsv', 'yieldToEventLoop'],
};
// Module-level constants of those parts. esbuild keeps a constant whose initialiser it
// cannot prove free of side effects (`Object.freeze(...)`, `new Map(...)` without a
// /* @__PURE__ */ annotation) even when nothing uses it: a few bytes each, listed apart.
const CONSTANT_PROBES = ['LABELER_PRESETS', 'TRUE_SCORE_DEFAULTS', 'DEFAULT_THURSTONE_NOISE', 'CONVERGENCE_METRICS', 'DEFAULT_PER_ITEM', 'VALUES_PER_RUN'];

async function bundle(contents, minify) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'bundle-size-entry.js', loader: 'js' },
    absWorkingDir: root,
    outfile: 'bundle-size-output.js',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify,
    treeShaking: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js')).contents;
  const [output] = Object.values(result.metafile.outputs);
  return { code, output, warnings: result.warnings };
}

/** Bytes of the output that come from inputs under node_modules/`pkg`/. */
function bytesFrom(output, pkg) {
  return Object.entries(output.inputs)
    .filter(([path]) => path.includes(`node_modules/${pkg}/`))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
}

/** A declaration or reference of `name` (esbuild may add a digit to avoid a clash). */
function contains(code, name) {
  return new RegExp(`\\b${name}\\d*\\b`).test(code);
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const figures = { bundles: [], jobEngine: null };
let failed = false;

for (const entry of entries) {
  try {
    const { code, output, warnings } = await bundle(entry.contents, true);
    for (const warning of warnings) console.error(`${entry.name}: warning: ${warning.text}`);
    const gzip = gzipSync(code, { level: 9 }).length;
    figures.bundles.push({ name: entry.name, minified: code.length, gzip, seedrandom: bytesFrom(output, 'seedrandom') });
  } catch (error) {
    failed = true;
    console.error(`${entry.name}: bundle failed\n${error.errors?.map((e) => `  ${e.text}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}`).join('\n') ?? error}`);
  }
}

try {
  const { code } = await bundle(entries[1].contents, false);
  const text = new TextDecoder().decode(code);
  const present = {};
  for (const [part, names] of Object.entries(PROBES)) present[part] = names.filter((name) => contains(text, name));
  const jobEngine = figures.bundles.find((b) => b.name === 'Job engine');
  figures.jobEngine = {
    present,
    constants: CONSTANT_PROBES.filter((name) => contains(text, name)),
    nodeBuiltins: ['worker_threads', 'node:'].filter((s) => text.includes(s)),
    seedrandom: jobEngine?.seedrandom ?? null,
  };
} catch (error) {
  failed = true;
  console.error(`Job engine (unminified): bundle failed\n${error.errors?.map((e) => `  ${e.text}`).join('\n') ?? error}`);
}

console.log('\nBrowser bundles (esbuild, platform browser, ESM, minified, tree-shaken; gzip level 9):\n');
console.log('| bundle | minified | gzip | seedrandom in it (minified) |');
console.log('|---|---:|---:|---:|');
for (const b of figures.bundles) console.log(`| ${b.name} | ${b.minified} B (${kib(b.minified)}) | ${b.gzip} B (${kib(b.gzip)}) | ${b.seedrandom} B |`);

if (figures.jobEngine) {
  const { present, constants, nodeBuiltins, seedrandom } = figures.jobEngine;
  console.log('\nJob engine bundle, tree shaking (unminified build, functions looked for):');
  for (const [part, names] of Object.entries(PROBES)) {
    const found = present[part];
    console.log(`  ${`${part}:`.padEnd(19)} ${found.length === 0 ? 'removed' : `PRESENT: ${found.join(', ')}`} (looked for ${names.join(', ')})`);
  }
  console.log(`  ${'unused constants:'.padEnd(19)} ${constants.length === 0 ? 'removed' : `left in: ${constants.join(', ')}`} (looked for ${CONSTANT_PROBES.join(', ')})`);
  console.log(`  ${'Node built-ins:'.padEnd(19)} ${nodeBuiltins.length === 0 ? 'none (no worker_threads, no node:)' : `PRESENT: ${nodeBuiltins.join(', ')}`}`);
  if (seedrandom !== null) {
    const total = figures.bundles.find((b) => b.name === 'Job engine').minified;
    console.log(`  ${'seedrandom:'.padEnd(19)} ${seedrandom} B of the minified bundle (${((100 * seedrandom) / total).toFixed(1)}%)`);
  }
}

if (values.json) console.log(JSON.stringify(figures));
if (failed) process.exitCode = 1;
