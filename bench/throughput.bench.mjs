// Throughput benchmark (`npm run bench`). Imports the built package, as a user would,
// and measures every figure beside a baseline run in the same process:
//   1. raw Elo updates per second: updateElo against a plain loop over a Float64Array;
//   2. comparisons per second through a job (nextMatchups + recordResponse) at 12,
//      1 000 and 100 000 datapoints, against a naive selector that scans every datapoint
//      for the least-compared anchor and its closest opponent;
//   3. the machine's memory latency, which bounds how well any index scales once its
//      working set leaves the CPU caches.
// Each figure is the median of several timed runs after a warm-up; the runs of figures
// that are compared with each other are interleaved, so a slow spell of the machine
// affects both sides alike. Options:
//   --quick  fewer and shorter runs (a smoke test)
//   --json   print the figures as JSON instead of tables
import { parseArgs } from 'node:util';
import { createRankingJob, createRankingJobDefinition, createRng, updateElo } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' } } });
const RUNS = flags.quick ? 3 : 7;
const SCALE = flags.quick ? 0.1 : 1;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Runs each body (which returns the number of operations it did) once to warm up, then
// RUNS times in turn, and returns the median nanoseconds per operation of each.
function measure(bodies) {
  const costs = Object.fromEntries(Object.keys(bodies).map((name) => [name, []]));
  for (const body of Object.values(bodies)) body();
  for (let run = 0; run < RUNS; run++) {
    for (const [name, body] of Object.entries(bodies)) {
      const start = process.hrtime.bigint();
      const operations = body();
      costs[name].push(Number(process.hrtime.bigint() - start) / operations);
    }
  }
  return Object.fromEntries(Object.entries(costs).map(([name, values]) => [name, median(values)]));
}

// --- 1. Raw Elo updates -------------------------------------------------------------

function eloUpdates() {
  const n = 1000;
  const updates = Math.round(2_000_000 * SCALE);
  const rng = createRng('elo');
  const pairs = Int32Array.from({ length: 2 * updates }, () => Math.floor(rng() * n));
  const outcomes = Float64Array.from({ length: updates }, () => (rng() < 0.5 ? 1 : 0));

  return measure({
    library: () => {
      const ratings = new Float64Array(n).fill(1200);
      for (let k = 0; k < updates; k++) {
        const a = pairs[2 * k];
        const b = pairs[2 * k + 1];
        if (a === b) continue;
        const [newA, newB] = updateElo(ratings[a], ratings[b], outcomes[k]);
        ratings[a] = newA;
        ratings[b] = newB;
      }
      return updates;
    },
    plainLoop: () => {
      const ratings = new Float64Array(n).fill(1200);
      for (let k = 0; k < updates; k++) {
        const a = pairs[2 * k];
        const b = pairs[2 * k + 1];
        if (a === b) continue;
        const delta = 40 * (outcomes[k] - 1 / (1 + 10 ** ((ratings[b] - ratings[a]) / 400)));
        ratings[a] += delta;
        ratings[b] -= delta;
      }
      return updates;
    },
  });
}

// --- 2. Comparisons through a job ------------------------------------------------------

// A body that runs a fresh job of n datapoints through `comparisons` comparisons.
function jobComparisons(n, comparisons) {
  const definition = createRankingJobDefinition({
    name: 'bench',
    instruction: 'Which is better?',
    datapoints: [Array.from({ length: n }, (_, i) => `d${i}`)],
    comparisonBudgetPerRanking: comparisons,
    randomComparisonsRatio: 0.5,
  });
  return () => {
    const job = createRankingJob(definition, { seed: 1 });
    const answers = createRng('answers');
    while (!job.done) {
      const [matchup] = job.nextMatchups(1);
      job.recordResponse(matchup.id, answers() < 0.5 ? 'left' : 'right');
    }
    return comparisons;
  };
}

// The same selection rule without an index: every close pick scans all datapoints for
// the least-compared anchor, then again for the nearest opponent.
function naiveComparisons(n, comparisons) {
  return () => {
    const ratings = new Float64Array(n).fill(1200);
    const exposure = new Float64Array(n);
    const rng = createRng(1);
    const answers = createRng('answers');
    for (let k = 0; k < comparisons; k++) {
      let a;
      let b;
      if (rng() < 0.5) {
        a = Math.floor(rng() * n);
        b = (a + 1 + Math.floor(rng() * (n - 1))) % n;
      } else {
        a = 0;
        for (let i = 1; i < n; i++) if (exposure[i] < exposure[a]) a = i;
        b = a === 0 ? 1 : 0;
        for (let i = 0; i < n; i++) if (i !== a && Math.abs(ratings[i] - ratings[a]) < Math.abs(ratings[b] - ratings[a])) b = i;
      }
      exposure[a]++;
      exposure[b]++;
      const delta = 40 * ((answers() < 0.5 ? 1 : 0) - 1 / (1 + 10 ** ((ratings[b] - ratings[a]) / 400)));
      ratings[a] += delta;
      ratings[b] -= delta;
    }
    return comparisons;
  };
}

// --- 3. Memory latency -------------------------------------------------------------------

// Nanoseconds per dependent load when chasing a random cycle through `bytes` of memory.
function loadLatency(bytes) {
  const n = bytes / 4;
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[i] = i;
  const rng = createRng('latency');
  // Sattolo's algorithm: one cycle through every slot.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * i);
    [next[i], next[j]] = [next[j], next[i]];
  }
  const steps = Math.round(5_000_000 * SCALE);
  return () => {
    let at = 0;
    for (let k = 0; k < steps; k++) at = next[at];
    if (at < 0) throw new Error('unreachable');
    return steps;
  };
}

// --- Report ------------------------------------------------------------------------------

const elo = eloUpdates();
const sizes = [
  { n: 12, comparisons: Math.round(1_000_000 * SCALE), naive: Math.round(1_000_000 * SCALE) },
  { n: 1000, comparisons: Math.round(1_000_000 * SCALE), naive: Math.round(100_000 * SCALE) },
  { n: 100_000, comparisons: Math.round(1_000_000 * SCALE), naive: Math.round(2_000 * SCALE) },
];
const bodies = {};
for (const { n, comparisons, naive } of sizes) {
  bodies[`job ${n}`] = jobComparisons(n, comparisons);
  bodies[`naive ${n}`] = naiveComparisons(n, naive);
}
const measured = measure(bodies);
const jobs = sizes.map(({ n }) => ({ n, job: measured[`job ${n}`], naive: measured[`naive ${n}`] }));
const latencyBytes = [64 * 1024, 512 * 1024, 8 * 1024 * 1024];
const latencies = measure(Object.fromEntries(latencyBytes.map((bytes) => [bytes, loadLatency(bytes)])));
const latency = latencyBytes.map((bytes) => ({ bytes, nanoseconds: latencies[bytes] }));

const at1000 = jobs.find((row) => row.n === 1000).job;
const at100k = jobs.find((row) => row.n === 100_000).job;
const targets = {
  comparisonsPerSecondAt1000: { measured: 1e9 / at1000, target: 1e6, met: 1e9 / at1000 >= 1e6 },
  costRatio100kTo1000: { measured: at100k / at1000, target: 2, met: at100k / at1000 <= 2 },
};

if (flags.json) {
  console.log(JSON.stringify({ node: process.version, runs: RUNS, elo, jobs, latency, targets }, null, 2));
} else {
  const perSecond = (ns) => Math.round(1e9 / ns).toLocaleString('en-US');
  console.log(`pairwise-elo throughput, Node ${process.version}, median of ${RUNS} runs${flags.quick ? ' (quick)' : ''}\n`);
  console.log('Elo updates per second');
  console.table({
    'updateElo (checked, exact-sum rounding)': { 'updates/s': perSecond(elo.library), 'ns/update': elo.library.toFixed(1) },
    'plain Float64Array loop (baseline)': { 'updates/s': perSecond(elo.plainLoop), 'ns/update': elo.plainLoop.toFixed(1) },
  });
  console.log(`updateElo costs ${(elo.library / elo.plainLoop).toFixed(1)}× the plain loop.\n`);
  console.log('Comparisons per second (nextMatchups + recordResponse, random ratio 0.5)');
  console.table(
    Object.fromEntries(
      jobs.map(({ n, job, naive }) => [
        `${n.toLocaleString('en-US')} datapoints`,
        {
          'job comparisons/s': perSecond(job),
          'job ns/comparison': job.toFixed(0),
          'cost vs 1 000': (job / at1000).toFixed(2),
          'naive scan comparisons/s': perSecond(naive),
          'naive ns/comparison': naive.toFixed(0),
          'job speed-up': `${(naive / job).toFixed(1)}×`,
        },
      ]),
    ),
  );
  console.log('Memory latency (dependent loads along a random cycle)');
  console.table(Object.fromEntries(latency.map(({ bytes, nanoseconds }) => [`${bytes / 1024} KiB`, { 'ns/load': nanoseconds.toFixed(1) }])));
  console.log('Targets');
  console.log(`  ≥ 1 000 000 comparisons/s at 1 000 datapoints: ${perSecond(at1000)}/s ${targets.comparisonsPerSecondAt1000.met ? 'met' : 'NOT met'}`);
  console.log(`  cost at 100 000 ≤ 2 × cost at 1 000: ${targets.costRatio100kTo1000.measured.toFixed(2)}× ${targets.costRatio100kTo1000.met ? 'met' : 'NOT met'}`);
}
