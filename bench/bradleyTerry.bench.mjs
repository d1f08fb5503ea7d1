// Bradley–Terry fit benchmark (`npm run bench:fit`). Imports the built package, as a user
// would. For 10 000 datapoints and 1 000 000 comparison records (random pairs, outcomes
// drawn from Bradley–Terry with true strengths ~ N(0, 1) nats), it measures:
//   1. the baseline: one pass that streams the records into a ComparisonTableBuilder
//      (what any fit must at least do: read every comparison once);
//   2. fitBradleyTerry on the built table, default prior, approximate standard errors
//      (n > 2 000), then with the position effect;
//   3. bootstrapIntervals, 100 rounds, on a 1 000-datapoint, 100 000-record sample;
// and reports each as seconds and as a multiple of the baseline, with the process's peak
// resident memory (getrusage maxRSS) and the heap in use after each step.
//   4. a weak prior on sparse data: a chain of 8 000 datapoints (one record per pair, so
// every pair separates; and won both ways, so the estimate is finite without a prior) and
// 10 000 datapoints with about 3 random records each, each fitted with prior 1e-12 and
// with the default 0.01 (the baseline of that row, fitted in the same run): the ratio of
// the times, the Newton steps, and the conjugate-gradient iterations per Newton step
// (counted by the solver itself, bundled from src/ with esbuild, since dist/ keeps it
// private). The best of 3 runs of each fit.
// Options: --quick (a tenth of the size), --weak-prior (only section 4).
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ComparisonTableBuilder, bootstrapIntervals, comparisonTable, createRng, fitBradleyTerry } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, 'weak-prior': { type: 'boolean' } } });
const SCALE = flags.quick ? 0.1 : 1;
const N = Math.round(10_000 * SCALE);
const M = Math.round(1_000_000 * SCALE);

const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const peak = () => megabytes(process.resourceUsage().maxRSS * 1024);
const heap = () => megabytes(process.memoryUsage().heapUsed);

function seconds(body) {
  const start = process.hrtime.bigint();
  const value = body();
  return [Number(process.hrtime.bigint() - start) / 1e9, value];
}

function normal(rng) {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

// Streams m records over n datapoints into a builder; the records are never kept.
function stream(n, m, seed) {
  const rng = createRng(seed);
  const strength = Float64Array.from({ length: n }, () => normal(rng));
  const builder = new ComparisonTableBuilder();
  for (let k = 0; k < m; k++) {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    const leftWins = rng() < 1 / (1 + Math.exp(strength[j] - strength[i]));
    builder.add({ left: `d${i}`, right: `d${j}`, outcome: leftWins ? 'left' : 'right' }, `records[${k}]`);
  }
  return { builder, strength };
}

if (!flags['weak-prior']) fitAndBootstrap();
await weakPrior();

function fitAndBootstrap() {
  console.log(`\n${N} datapoints, ${M} records (start: peak RSS ${peak()}, heap ${heap()})`);
  const [baseline, { builder, strength }] = seconds(() => stream(N, M, 'fit bench'));
  const [buildTime, table] = seconds(() => builder.build());
  console.log(`  baseline: stream the records into the builder   ${baseline.toFixed(2)} s   peak RSS ${peak()}, heap ${heap()}`);
  console.log(`  build the table (${table.pairCount} distinct pairs)        ${buildTime.toFixed(2)} s`);
  const [fitTime, fit] = seconds(() => fitBradleyTerry(table));
  console.log(`  fit, default prior                              ${fitTime.toFixed(2)} s = ${(fitTime / baseline).toFixed(2)}× baseline; ${fit.iterations} Newton steps, converged ${fit.converged}; peak RSS ${peak()}, heap ${heap()}`);
  const [effectTime, withEffect] = seconds(() => fitBradleyTerry(table, { positionEffect: true }));
  console.log(`  fit with position effect                        ${effectTime.toFixed(2)} s = ${(effectTime / baseline).toFixed(2)}× baseline; γ = ${withEffect.positionEffect.score.toFixed(2)} ± ${withEffect.positionEffect.standardError.toFixed(2)} Elo (truth 0); peak RSS ${peak()}`);

  // How well the fit recovers the truth: correlation of fitted and true strengths.
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  fit.entries.forEach((entry) => {
    const x = entry.theta;
    const y = strength[Number(entry.datapoint.slice(1))];
    sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
  });
  const n = fit.entries.length;
  const correlation = (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
  console.log(`  fitted against true strengths: Pearson r = ${correlation.toFixed(4)}; standard errors exact: ${fit.standardErrorsExact}`);

  const small = stream(Math.round(1000 * SCALE), Math.round(100_000 * SCALE), 'bootstrap bench').builder.build();
  const [bootTime, boot] = seconds(() => bootstrapIntervals(small, { rounds: 100, seed: 1 }));
  console.log(`\nbootstrapIntervals, 100 rounds, ${small.datapointCount} datapoints, ${Math.round(100_000 * SCALE)} records: ${bootTime.toFixed(2)} s (${boot.resampling} resampling); peak RSS ${peak()}`);
}

// Section 4. The solver's own count of conjugate-gradient iterations, from the sources.
async function solverInternals() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const entry = [
    "export { buildModel } from './src/bradleyTerry/bradleyTerryModel.ts';",
    "export { comparisonTable } from './src/bradleyTerry/comparisonTable.ts';",
    "export { comparisonTableData } from './src/bradleyTerry/comparisonTableData.ts';",
    "export { maximise } from './src/bradleyTerry/penalisedNewton.ts';",
    "export { resolveBradleyTerryOptions } from './src/bradleyTerry/resolveBradleyTerryOptions.ts';",
  ].join('\n');
  const { outputFiles } = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error', define: { __PAIRWISE_ELO_VERSION__: '"bench"' } });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}

async function weakPrior() {
  const internals = await solverInternals();
  const solverSteps = (records, prior) => {
    const options = internals.resolveBradleyTerryOptions({ prior });
    const model = internals.buildModel(internals.comparisonTableData(internals.comparisonTable(records)), options);
    const outcome = internals.maximise(model, new Float64Array(model.size), options);
    return `${(outcome.solverIterations / outcome.iterations).toFixed(1)} per step${outcome.spanningTree ? ' (spanning tree)' : ''}`;
  };
  const best = (body) => {
    let fastest = Infinity;
    let value;
    for (let run = 0; run < 3; run++) {
      const [time, result] = seconds(body);
      fastest = Math.min(fastest, time);
      value = result;
    }
    return [fastest, value];
  };
  const chainLength = Math.round(8000 * SCALE);
  const sparseSize = Math.round(10_000 * SCALE);
  const rng = createRng('weak prior bench');
  const designs = [
    [`chain of ${chainLength}, one record per pair`, Array.from({ length: chainLength - 1 }, (_, i) => ({ left: `d${i}`, right: `d${i + 1}`, outcome: rng() < 0.6 ? 'left' : 'right' }))],
    [`chain of ${chainLength}, each pair won both ways`, Array.from({ length: chainLength - 1 }, (_, i) => ({ a: `d${i}`, b: `d${i + 1}`, aWins: 1 + Math.floor(rng() * 3), bWins: 1 + Math.floor(rng() * 3) }))],
    [`${sparseSize} datapoints, ${Math.round(1.5 * sparseSize)} random records`, randomRecords(rng, sparseSize, Math.round(1.5 * sparseSize))],
  ];
  console.log('\nWeak prior on sparse data: fit time with prior 1e-12 against the default 0.01 (the baseline), best of 3');
  for (const [name, records] of designs) {
    const table = comparisonTable(records);
    const [baseline, usual] = best(() => fitBradleyTerry(table));
    const [weak, fit] = best(() => fitBradleyTerry(table, { prior: 1e-12 }));
    console.log(`  ${name} (${table.datapointCount} datapoints, ${table.pairCount} pairs)`);
    console.log(`    prior 0.01:  ${baseline.toFixed(3)} s, ${usual.iterations} Newton steps, converged ${usual.converged}; CG iterations ${solverSteps(records, 0.01)}`);
    console.log(`    prior 1e-12: ${weak.toFixed(3)} s = ${(weak / baseline).toFixed(2)}× the baseline (${(weak / fit.iterations / (baseline / usual.iterations)).toFixed(2)}× per Newton step), ${fit.iterations} Newton steps, converged ${fit.converged}; CG iterations ${solverSteps(records, 1e-12)}`);
  }
}

// Records between random pairs of n datapoints, outcomes from Bradley–Terry with strengths ~ N(0, 1).
function randomRecords(rng, n, count) {
  const strength = Float64Array.from({ length: n }, () => normal(rng));
  return Array.from({ length: count }, () => {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    return { left: `d${i}`, right: `d${j}`, outcome: rng() < 1 / (1 + Math.exp(strength[j] - strength[i])) ? 'left' : 'right' };
  });
}
