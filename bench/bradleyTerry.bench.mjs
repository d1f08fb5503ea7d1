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
// Options: --quick (a tenth of the size).
import { parseArgs } from 'node:util';
import { ComparisonTableBuilder, bootstrapIntervals, createRng, fitBradleyTerry } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' } } });
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
