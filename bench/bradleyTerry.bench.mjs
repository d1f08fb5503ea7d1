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
// 10 000 datapoints with about 3 and 6 random records each, each fitted with prior 1e-12
// and with the default 0.01 (the baseline of that row, fitted in the same run): the ratio
// of the CPU times (median over 5 rounds of the per-round ratios), the Newton steps over
// the priors of the prior path, and the conjugate-gradient iterations per Newton step
// (counted by the solver itself, bundled from src/ with esbuild, since dist/ keeps it
// private); and, from the same sources, the solver alone along the path and as the plain
// Newton iteration from zero that every fit used before the path.
//   5. speed against a plain loop (issue 12): fitBradleyTerry(records), from records in
// memory to scores with standard errors, on 10 000 datapoints × 1 000 000 records
// (target ≤ 2×) and on 1 000 × 100 000 (target ≤ 1.5×; standardErrors 'auto' approximates
// them there, a bound putting them within 1%: the largest error against 'exact' is printed), each
// against a plain loop over the same records that maps the ids to indices with a Map and
// counts the wins of each (winner, loser) pair in a Map keyed by the two indices (winner ×
// 2^26 + loser, as in `npm run bench`). Both run in turn, round after round, a full
// garbage collection before each; the figure is the median of the per-round ratios of CPU
// time (user + system, steadier than the wall clock on a busy machine).
// Beside it, where the time goes, each part as a multiple of the same loop: the table
// (comparisonTable), the fit of the table without the dense standard errors (the Newton
// steps and the O(pairs) ones, through fitComparisonTable bundled from src/), the rest of
// the fit of the table (the bound that lets 'auto' skip the dense step, or that step), and
// for reference the exact standard errors ('exact': the dense inverse, n ≤ 2 000).
//   6. small fits (--small, only this section): fitBradleyTerry(pairCounts, { prior: 0.01,
// scale: 400, center: 1200 }) on 4 datapoints and 5 pair counts, and on the input a ranking
// flow closes a batch with (src/flow/batchBradleyTerry.ts: a zero-count entry per datapoint,
// then one pair count per pair met) for batches of 4, 8 and 16 datapoints answered 8, 10 and
// 20 times; CPU µs per fit, median of 21 blocks of about 50 ms (no full GC before a block,
// unlike section 5: after one, the next block's small fits ran three times slower), the
// built package in a worker thread. With --baseline FILE (an ESM bundle of another version,
// such as HEAD's sources: see bench/README.md), that build fits the same inputs in a second
// worker, block for block in turn (own heaps: one build's garbage is not collected in the
// other's time): both figures, the median of the per-block ratios, and whether both give
// the same JSON.
// Options: --quick (a tenth of the size), --weak-prior (only section 4), --speed (only
// section 5), --rounds N (rounds of section 5, default 5), --small [--baseline FILE].
import { Buffer } from 'node:buffer';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { ComparisonTableBuilder, bootstrapIntervals, comparisonTable, createRng, fitBradleyTerry } from '../dist/index.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    'weak-prior': { type: 'boolean' },
    speed: { type: 'boolean' },
    rounds: { type: 'string' },
    small: { type: 'boolean' },
    baseline: { type: 'string' },
  },
});
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

if (flags.small) await smallFits();
else if (flags.speed) await speedAgainstPlainLoop();
else {
  if (!flags['weak-prior']) fitAndBootstrap();
  await weakPrior();
  if (!flags['weak-prior']) await speedAgainstPlainLoop();
}

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
  // The solver alone, from the sources: `priorPath` false is the plain Newton iteration from
  // zero that every fit used before the prior path, measured in the same run.
  const solve = (records, prior, priorPath = true) => {
    const options = internals.resolveBradleyTerryOptions({ prior });
    const model = internals.buildModel(internals.comparisonTableData(internals.comparisonTable(records)), options);
    return internals.maximise(model, new Float64Array(model.size), options, undefined, priorPath);
  };
  const perStep = (outcome) => `${(outcome.solverIterations / outcome.iterations).toFixed(1)} CG iterations per step${outcome.spanningTree ? ' (spanning tree)' : ''}`;
  // CPU time (user + system), steadier than the wall clock on a busy machine; each figure is
  // the median over the rounds of the per-round ratio to the default prior's time.
  const cpu = (body) => {
    const start = process.cpuUsage();
    const value = body();
    const { user, system } = process.cpuUsage(start);
    return [(user + system) / 1e6, value];
  };
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const rounds = 5;
  const chainLength = Math.round(8000 * SCALE);
  const sparseSize = Math.round(10_000 * SCALE);
  const rng = createRng('weak prior bench');
  const designs = [
    [`chain of ${chainLength}, one record per pair`, Array.from({ length: chainLength - 1 }, (_, i) => ({ left: `d${i}`, right: `d${i + 1}`, outcome: rng() < 0.6 ? 'left' : 'right' }))],
    [`chain of ${chainLength}, each pair won both ways`, Array.from({ length: chainLength - 1 }, (_, i) => ({ a: `d${i}`, b: `d${i + 1}`, aWins: 1 + Math.floor(rng() * 3), bWins: 1 + Math.floor(rng() * 3) }))],
    [`${sparseSize} datapoints, ${Math.round(1.5 * sparseSize)} random records`, randomRecords(rng, sparseSize, Math.round(1.5 * sparseSize))],
    [`${sparseSize} datapoints, ${3 * sparseSize} random records`, randomRecords(rng, sparseSize, 3 * sparseSize)],
  ];
  console.log(`\nWeak prior on sparse data: prior 1e-12 against the default 0.01 (the baseline), CPU seconds, median of ${rounds} rounds of per-round ratios`);
  for (const [name, records] of designs) {
    const table = comparisonTable(records);
    const times = { usual: [], weak: [], solverUsual: [], solverWeak: [], solverPlain: [] };
    let usual;
    let weak;
    let outcomes;
    for (let round = 0; round < rounds; round++) {
      let time;
      [time, usual] = cpu(() => fitBradleyTerry(table));
      times.usual.push(time);
      [time, weak] = cpu(() => fitBradleyTerry(table, { prior: 1e-12 }));
      times.weak.push(time);
      outcomes = {};
      for (const [key, prior, priorPath] of [['solverUsual', 0.01, true], ['solverWeak', 1e-12, true], ['solverPlain', 1e-12, false]]) {
        [time, outcomes[key]] = cpu(() => solve(records, prior, priorPath));
        times[key].push(time);
      }
    }
    const ratio = (key, baseline) => median(times[key].map((time, round) => time / times[baseline][round])).toFixed(2);
    const { solverUsual, solverWeak, solverPlain } = outcomes;
    console.log(`  ${name} (${table.datapointCount} datapoints, ${table.pairCount} pairs)`);
    console.log(`    prior 0.01:  ${median(times.usual).toFixed(3)} s, ${usual.iterations} Newton steps, converged ${usual.converged}; ${perStep(solverUsual)}`);
    console.log(`    prior 1e-12: ${median(times.weak).toFixed(3)} s = ${ratio('weak', 'usual')}× the baseline, ${weak.iterations} Newton steps over ${solverWeak.priors} ${solverWeak.priors === 1 ? 'prior' : 'priors of the path'}, converged ${weak.converged}; ${perStep(solverWeak)}`);
    console.log(`    the solver alone: ${ratio('solverWeak', 'solverUsual')}× its time at 0.01; the plain iteration from zero (before the path) ${ratio('solverPlain', 'solverUsual')}×, ${solverPlain.iterations} Newton steps, converged ${solverPlain.converged}`);
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

// Section 5. Records in memory, as a parsed log would give them: the id strings are shared.
function speedRecords(n, m, seed) {
  const rng = createRng(seed);
  const names = Array.from({ length: n }, (_, i) => `d${i}`);
  const strength = Float64Array.from({ length: n }, () => normal(rng));
  const records = new Array(m);
  for (let k = 0; k < m; k++) {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    records[k] = { left: names[i], right: names[j], outcome: rng() < 1 / (1 + Math.exp(strength[j] - strength[i])) ? 'left' : 'right' };
  }
  return records;
}

// The plain loop: ids to indices with a Map, wins counted per (winner, loser) in a Map keyed by the two indices.
function plainLoop(records) {
  const index = new Map();
  const wins = new Map();
  for (let k = 0; k < records.length; k++) {
    const { left, right, outcome } = records[k];
    let i = index.get(left);
    if (i === undefined) index.set(left, (i = index.size));
    let j = index.get(right);
    if (j === undefined) index.set(right, (j = index.size));
    const key = outcome === 'left' ? i * 2 ** 26 + j : j * 2 ** 26 + i;
    wins.set(key, (wins.get(key) ?? 0) + 1);
  }
  return wins.size;
}

// fitComparisonTable from the sources, whose internal options can leave out the dense standard errors.
async function fitInternals() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const entry = [
    "export { fitComparisonTable } from './src/bradleyTerry/fitComparisonTable.ts';",
    "export { comparisonTable } from './src/bradleyTerry/comparisonTable.ts';",
    "export { resolveBradleyTerryOptions } from './src/bradleyTerry/resolveBradleyTerryOptions.ts';",
  ].join('\n');
  const { outputFiles } = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error', define: { __PAIRWISE_ELO_VERSION__: '"bench"' } });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}

async function speedAgainstPlainLoop() {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc');
  const internals = await fitInternals();
  const options = internals.resolveBradleyTerryOptions({});
  const rounds = flags.rounds === undefined ? 5 : Number(flags.rounds);
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  // CPU time of the process (user + system): on a shared, busy machine it moves far less
  // than the wall clock, and on an idle one it is the wall clock plus the GC's helper threads.
  const timed = (body) => {
    collect();
    const start = process.cpuUsage();
    const value = body();
    const { user, system } = process.cpuUsage(start);
    return [(user + system) / 1e6, value];
  };
  console.log(`\nSpeed against a plain loop (issue 12): CPU seconds, median of ${rounds} rounds of per-round ratios, each body after a full GC`);
  for (const [n, m, target] of [
    [N, M, 2],
    [Math.round(1000 * SCALE), Math.round(100_000 * SCALE), 1.5],
  ]) {
    let records = speedRecords(n, m, `speed ${n} ${m}`);
    // The bundled sources know only their own tables.
    const internalTable = internals.comparisonTable(records);
    const ratios = { fit: [], table: [], newton: [], errors: [], dense: [] };
    const loops = [];
    const fits = [];
    let exact = null;
    let largestError = null;
    let sink = 0;
    for (let round = 0; round <= rounds; round++) {
      const [loop, pairs] = timed(() => plainLoop(records));
      const [fitTime, fit] = timed(() => fitBradleyTerry(records));
      const [tableTime, table] = timed(() => comparisonTable(records));
      const [newton] = timed(() => internals.fitComparisonTable(internalTable, options, { exactStandardErrorsUpTo: 0 }));
      const [whole] = timed(() => fitBradleyTerry(table));
      const [dense, exactFit] = n <= 2000 ? timed(() => fitBradleyTerry(table, { standardErrors: 'exact' })) : [0, null];
      sink += pairs + fit.entries.length;
      exact = fit.standardErrorsExact;
      if (exactFit !== null) {
        largestError = 0;
        exactFit.entries.forEach((entry, i) => (largestError = Math.max(largestError, Math.abs(fit.entries[i].standardError / entry.standardError - 1))));
      }
      // Round 0 warms the code up.
      if (round === 0) continue;
      loops.push(loop);
      fits.push(fitTime);
      ratios.fit.push(fitTime / loop);
      ratios.table.push(tableTime / loop);
      ratios.newton.push(newton / loop);
      ratios.errors.push(Math.max(0, whole - newton) / loop);
      if (n <= 2000) ratios.dense.push(Math.max(0, dense - newton) / loop);
    }
    records = null;
    if (sink === 0) throw new Error('unreachable');
    const loop = median(loops);
    const ratio = median(ratios.fit);
    const verdict = flags.quick ? '' : ratio <= target ? ' met' : ' NOT met';
    console.log(
      `  ${n} datapoints, ${m} records, ${exact ? 'exact' : n > 2000 ? 'approximate (n > 2 000)' : 'approximate (auto: a bound within 1%)'} standard errors: fitBradleyTerry(records) ${median(fits).toFixed(3)} s, ` +
        `plain loop ${loop.toFixed(3)} s: ${ratio.toFixed(2)}× (target ≤ ${target}×${verdict}; per-round ratios ${Math.min(...ratios.fit).toFixed(2)}–${Math.max(...ratios.fit).toFixed(2)})`,
    );
    const parts = [`table ${median(ratios.table).toFixed(2)}×`, `fit of the table without the dense step ${median(ratios.newton).toFixed(2)}×`];
    parts.push(`${exact ? 'exact standard errors' : 'the rest (the bound, or nothing above 2 000)'} ${median(ratios.errors).toFixed(2)}×`);
    if (!exact && n <= 2000) parts.push(`('exact' would add ${median(ratios.dense).toFixed(2)}×)`);
    console.log(`    where the time goes, × the loop: ${parts.join(', ')}`);
    if (largestError !== null && !exact) console.log(`    largest relative error of the standard errors against 'exact': ${(100 * largestError).toFixed(3)}%`);
  }
}

// Section 6. The input a flow closes a batch of n datapoints with, after `responses` answers
// between random pairs (as src/flow/batchBradleyTerry.ts builds it).
function flowBatch(rng, n, responses) {
  const counts = new Map();
  for (let k = 0; k < responses; k++) {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    const key = Math.min(i, j) * n + Math.max(i, j);
    const pair = counts.get(key) ?? { a: `d${Math.min(i, j)}`, b: `d${Math.max(i, j)}`, aWins: 0, bWins: 0, draws: 0 };
    if (rng() < 0.5) pair.aWins++;
    else pair.bWins++;
    counts.set(key, pair);
  }
  const zero = Array.from({ length: n }, (_, i) => ({ a: `d${i}`, b: `d${i === 0 ? 1 : 0}`, aWins: 0, bWins: 0 }));
  return [...zero, ...counts.values()];
}

// Runs in a worker thread: one build, its own heap and compiled code, so that the garbage of
// one build is never collected in the other's time. Answers each message with the CPU µs per
// fit of a block of `reps` fits of input `index` (or, for reps 0, the fit as JSON).
function smallFitWorker() {
  return `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then(({ fitBradleyTerry }) => {
  parentPort.on('message', ({ index, reps }) => {
    const input = workerData.inputs[index];
    if (reps === 0) return parentPort.postMessage(JSON.stringify(fitBradleyTerry(input, workerData.options)));
    const start = process.cpuUsage();
    for (let k = 0; k < reps; k++) fitBradleyTerry(input, workerData.options);
    const { user, system } = process.cpuUsage(start);
    parentPort.postMessage((user + system) / reps);
  });
  parentPort.postMessage('ready');
});`;
}

async function smallFits() {
  const options = { prior: 0.01, scale: 400, center: 1200 };
  const rng = createRng('small fits');
  const inputs = [
    ['4 datapoints, 5 pair counts', [
      { a: 'x0', b: 'x1', aWins: 3, bWins: 1 },
      { a: 'x1', b: 'x2', aWins: 2, bWins: 2 },
      { a: 'x2', b: 'x3', aWins: 1, bWins: 3 },
      { a: 'x3', b: 'x0', aWins: 2, bWins: 1 },
      { a: 'x0', b: 'x2', aWins: 1, bWins: 1 },
    ]],
    ...[[4, 8], [8, 10], [16, 20]].map(([n, responses]) => [`flow batch of ${n}, ${responses} answers`, flowBatch(rng, n, responses)]),
  ];
  const start = (url) =>
    new Promise((resolve) => {
      const worker = new Worker(smallFitWorker(), { eval: true, workerData: { url, inputs: inputs.map(([, input]) => input), options } });
      worker.once('message', () => resolve(worker));
    });
  const ask = (worker, message) => new Promise((resolve) => { worker.once('message', resolve); worker.postMessage(message); });
  const current = await start(new URL('../dist/index.js', import.meta.url).href);
  const baseline = flags.baseline === undefined ? null : await start(pathToFileURL(resolve(flags.baseline)).href);
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  console.log(`\nSmall fits: CPU µs per fit, median of 21 blocks${baseline ? `, this build and ${flags.baseline} in turn, each in its own worker` : ''}`);
  for (const [index, [name, input]] of inputs.entries()) {
    const fit = fitBradleyTerry(input, options);
    const shape = `${fit.entries.length} datapoints, ${comparisonTable(input).pairCount} pairs, ${fit.iterations} Newton steps`;
    // About 50 ms a block.
    const reps = Math.max(100, Math.round(50_000 / (await ask(current, { index, reps: 500 }))));
    const times = [];
    const before = [];
    const ratios = [];
    for (let round = -3; round < 21; round++) {
      const after = await ask(current, { index, reps });
      const earlier = baseline === null ? null : await ask(baseline, { index, reps });
      if (round < 0) continue;
      times.push(after);
      if (earlier !== null) {
        before.push(earlier);
        ratios.push(after / earlier);
      }
    }
    if (baseline === null) {
      console.log(`  ${name} (${shape}): ${median(times).toFixed(1)} µs`);
    } else {
      const same = (await ask(current, { index, reps: 0 })) === (await ask(baseline, { index, reps: 0 }));
      console.log(
        `  ${name} (${shape}): ${median(times).toFixed(1)} µs, baseline ${median(before).toFixed(1)} µs, ` +
          `${median(ratios).toFixed(2)}× (blocks ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); same JSON: ${same}`,
      );
    }
  }
  await current.terminate();
  await baseline?.terminate();
}
