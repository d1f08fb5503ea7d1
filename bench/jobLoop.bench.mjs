// Job loop and start-up benchmark (`node bench/jobLoop.bench.mjs`), issue 12 items 2 and 3.
// Imports the built package, as a user would, and measures every figure beside a
// baseline run in the same process, runs interleaved so a slow spell of the machine
// affects both sides alike:
//   1. the job loop, nextMatchups(1) + recordResponse (the default definition: adaptive
//      pairing, random ratio 0.5, one ranking), in µs per comparison at 1 000, 100 000
//      and 1 000 000 datapoints, against an ideal loop over the same datapoints: ratings
//      in a Float64Array, uniform random pairs and answers from one createRng
//      generator, a plain Elo update. Targets: at most 8× the ideal loop at 1 000; cost
//      growth from 1 000 at most 2× at 100 000 and 3× at 1 000 000;
//   2. start-up: createRankingJobDefinition + createRankingJob of one ranking of
//      1 000 000 datapoints, against copying the id array and building a Map from id to
//      index. Target: at most 2×.
// Times are CPU time (process.cpuUsage), so the figures hold on a shared machine; each
// is the median of several runs after a warm-up. Options:
//   --quick  fewer and shorter runs, 100 000 datapoints at most
//   --json   print the figures as JSON instead of tables
//   --ratio R  the definition's randomComparisonsRatio (default: the definition's default,
//            0.5): 1 takes every pair at random and keeps no rating index, 0 takes every
//            pair close, so the two show what the index costs
import { parseArgs } from 'node:util';
import { createRankingJob, createRankingJobDefinition, createRng } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, ratio: { type: 'string' } } });
const RATIO = flags.ratio === undefined ? undefined : Number(flags.ratio);
if (RATIO !== undefined && !(RATIO >= 0 && RATIO <= 1)) throw new Error(`--ratio must be a number in [0, 1], got ${flags.ratio}`);
const RUNS = flags.quick ? 3 : 5;
const COMPARISONS = flags.quick ? 50_000 : 200_000;
const SIZES = flags.quick ? [1000, 100_000] : [1000, 100_000, 1_000_000];
const START_UP_SIZE = flags.quick ? 200_000 : 1_000_000;

const cpuMicroseconds = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

// The ideal loop: n ratings, `count` uniformly random comparisons per call.
function idealLoop(n) {
  const ratings = new Float64Array(n).fill(1200);
  const rng = createRng('ideal');
  return (count) => {
    for (let k = 0; k < count; k++) {
      const a = Math.floor(rng() * n);
      let b = Math.floor(rng() * (n - 1));
      if (b >= a) b++;
      const score = rng() < 0.5 ? 1 : 0;
      const delta = 40 * (score - 1 / (1 + Math.exp((Math.LN10 * (ratings[b] - ratings[a])) / 400)));
      ratings[a] += delta;
      ratings[b] -= delta;
    }
  };
}

// The job loop on one job of n datapoints (created before timing), `count` comparisons per call.
function jobLoop(n) {
  const definition = createRankingJobDefinition({
    name: 'bench',
    instruction: 'Which is better?',
    datapoints: [Array.from({ length: n }, (_, i) => `d${i}`)],
    comparisonBudgetPerRanking: Number.MAX_SAFE_INTEGER,
    ...(RATIO === undefined ? {} : { randomComparisonsRatio: RATIO }),
  });
  const job = createRankingJob(definition, { seed: 1 });
  const answers = createRng('answers');
  return (count) => {
    for (let k = 0; k < count; k++) {
      const [matchup] = job.nextMatchups(1);
      job.recordResponse(matchup.id, answers() < 0.5 ? 'left' : 'right');
    }
  };
}

// Median µs per operation of each body, runs interleaved after a warm-up.
function measure(bodies, operations) {
  const times = Object.fromEntries(Object.keys(bodies).map((name) => [name, []]));
  for (const body of Object.values(bodies)) body(Math.min(operations, 20_000));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, body] of Object.entries(bodies)) {
      const start = cpuMicroseconds();
      body(operations);
      times[name].push((cpuMicroseconds() - start) / operations);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
}

const loop = SIZES.map((n) => {
  const { ideal, job } = measure({ ideal: idealLoop(n), job: jobLoop(n) }, COMPARISONS);
  return { n, ideal, job, ratio: job / ideal };
});
for (const row of loop) row.growth = row.job / loop[0].job;

const ids = Array.from({ length: START_UP_SIZE }, (_, i) => `item-${i}-${(i * 2654435761) % 1000003}`);
const startUp = measure(
  {
    baseline: (times) => {
      for (let t = 0; t < times; t++) {
        const copy = ids.slice();
        const index = new Map();
        for (let i = 0; i < copy.length; i++) index.set(copy[i], i);
      }
    },
    job: (times) => {
      for (let t = 0; t < times; t++) {
        const definition = createRankingJobDefinition({ name: 'bench', instruction: 'q', datapoints: [ids], comparisonBudgetPerRanking: 1000 });
        createRankingJob(definition, { seed: 1 });
      }
    },
  },
  1,
);
startUp.ratio = startUp.job / startUp.baseline;

const targets = {
  loopRatioAt1000: { measured: loop[0].ratio, target: 8 },
  growthTo100000: { measured: loop[1]?.growth, target: 2 },
  growthTo1000000: { measured: loop[2]?.growth, target: 3 },
  startUpRatio: { measured: startUp.ratio, target: 2 },
};
for (const figure of Object.values(targets)) figure.met = figure.measured === undefined ? null : figure.measured <= figure.target;

if (flags.json) {
  console.log(JSON.stringify({ node: process.version, runs: RUNS, comparisons: COMPARISONS, randomComparisonsRatio: RATIO ?? null, loop, startUp: { size: START_UP_SIZE, ...startUp }, targets }, null, 2));
} else {
  console.log(`pairwise-elo job loop and start-up, Node ${process.version}, CPU time, median of ${RUNS} runs${flags.quick ? ' (quick)' : ''}, randomComparisonsRatio ${RATIO ?? 'as the definition defaults (0.5)'}\n`);
  console.table(
    Object.fromEntries(
      loop.map(({ n, ideal, job, ratio, growth }) => [
        `${n.toLocaleString('en-US')} datapoints`,
        { 'job µs/comparison': job.toFixed(3), 'ideal µs': ideal.toFixed(3), '× ideal': ratio.toFixed(1), 'growth from 1 000': growth.toFixed(2) },
      ]),
    ),
  );
  console.log(
    `Start-up, ${START_UP_SIZE.toLocaleString('en-US')} datapoints: definition + job ${(startUp.job / 1000).toFixed(0)} ms, ` +
      `copy + Map ${(startUp.baseline / 1000).toFixed(0)} ms, ${startUp.ratio.toFixed(2)}×\n`,
  );
  console.table(Object.fromEntries(Object.entries(targets).map(([name, { measured, target, met }]) => [name, { measured: measured?.toFixed(2) ?? '–', target, met }])));
}
