// Convergence benchmark (`npm run bench:convergence`). Imports the built package, as a
// user would, and:
//   1. times the issue's target: the 12-datapoint, budget-50 example over 1 000 seeds,
//      with the default worker choice and with 2 workers, beside a baseline run in the
//      same process: the same 1 000 jobs driven by a bare loop, without truth
//      generation, metrics or summaries;
//   2. checks that the CSV is byte-identical for 1, 2 and 4 workers and for 2- and
//      3-way sharding merged back together, for the target sweep and a larger grid;
//   3. regenerates bench/results/<scenario>/ (results.csv, results.json, convergence.svg)
//      for the standard scenarios and prints their tables.
// Options:
//   --quick         fewer seeds, results written to a temporary folder (a smoke test)
//   --only <name>   only this scenario of part 3 (parts 1 and 2 are skipped)
import { mkdtempSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  bradleyTerryLabeler,
  convergenceChartSvg,
  convergenceCsv,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  generateTrueScores,
  mergeConvergenceResults,
  runConvergence,
} from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
const ONLY = flags.only ?? null;
const QUICK = flags.quick === true;
const OUT = QUICK ? mkdtempSync(join(tmpdir(), 'convergence-bench-')) : new URL('./results/', import.meta.url).pathname;

const EXAMPLE = { datapoints: [12], budgets: [50], seeds: QUICK ? 200 : 1000, seed: 'bench' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function seconds(body) {
  const start = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// The same jobs as the example sweep, driven by the smallest loop that can run them.
function bareLoop(seeds) {
  const ids = Array.from({ length: 12 }, (_, i) => `d${i}`);
  const definition = createRankingJobDefinition({ name: 'bare', instruction: 'x', datapoints: [ids], comparisonBudgetPerRanking: 50 });
  const truth = generateTrueScores(ids, {}, createRng('bare truth'));
  const labeler = bradleyTerryLabeler(truth);
  const rng = createRng('bare labeler');
  for (let seed = 0; seed < seeds; seed++) {
    const job = createRankingJob(definition, { seed: `bare/${seed}` });
    while (!job.done) {
      const [matchup] = job.nextMatchups(1);
      job.recordResponse(matchup.id, labeler(matchup, rng));
    }
  }
}

// Parts 1 and 2 run unless --only picks one scenario of part 3.
if (ONLY === null) {
  // --- 1. The target ------------------------------------------------------------------

  const RUNS = QUICK ? 3 : 5;
  const times = { auto: [], twoThreads: [], bare: [] };
  await runConvergence(EXAMPLE); // warm-up
  bareLoop(EXAMPLE.seeds);
  for (let run = 0; run < RUNS; run++) {
    times.auto.push(await seconds(() => runConvergence(EXAMPLE)));
    times.twoThreads.push(await seconds(() => runConvergence({ ...EXAMPLE, workers: 2 })));
    times.bare.push(await seconds(() => bareLoop(EXAMPLE.seeds)));
  }
  const auto = median(times.auto);
  const twoThreads = median(times.twoThreads);
  const bare = median(times.bare);
  console.log(`\n12 datapoints, budget 50, ${EXAMPLE.seeds} seeds (median of ${RUNS}; target < 1 s):`);
  console.log(`  runConvergence, default workers (in-process below 200 000 answers): ${auto.toFixed(3)} s`);
  console.log(`  runConvergence, 2 worker processes (start-up included):              ${twoThreads.toFixed(3)} s`);
  console.log(`  bare loop over the same jobs, no metrics (baseline):                  ${bare.toFixed(3)} s`);
  console.log(`  sweep / baseline: ${(auto / bare).toFixed(2)}x in-process, ${(twoThreads / bare).toFixed(2)}x on 2 workers`);

  // --- 2. Determinism across workers and shards ----------------------------------------

  const CHECKS = [
    ['the target sweep above', EXAMPLE],
    ['a 2 × 3 × 4-strategy grid', { datapoints: [12, 50], perDatapoint: [1, 4, 16], randomRatios: [0, 0.5, 1], pairings: ['adaptive', 'roundRobin'], seeds: QUICK ? 20 : 100, seed: 'check' }],
  ];
  let identical = true;
  for (const [about, config] of CHECKS) {
    const reference = convergenceCsv(await runConvergence({ ...config, workers: 1 }));
    const variants = [];
    for (const workers of [2, 4]) variants.push([`${workers} workers`, convergenceCsv(await runConvergence({ ...config, workers }))]);
    for (const count of [2, 3]) {
      const parts = [];
      for (let index = 0; index < count; index++) parts.push(await runConvergence({ ...config, workers: 2, shard: { index, count } }));
      variants.push([`${count} shards merged`, convergenceCsv(mergeConvergenceResults(parts))]);
    }
    console.log(`\nByte-identical CSV for ${about} (${reference.length} bytes, against 1 worker):`);
    for (const [name, csv] of variants) {
      const same = csv === reference;
      identical &&= same;
      console.log(`  ${name.padEnd(16)} ${same ? 'identical' : 'DIFFERENT'}`);
    }
  }
  if (!identical) process.exitCode = 1;
}

// --- 3. Standard scenarios --------------------------------------------------------------

const PAIRING_NAMES = { adaptive: 'ratio ', informationGain: 'info gain ', sort: 'sort ', roundRobin: '' };
const SCORER_NAMES = { posterior: 'posterior', bradleyTerry: 'BT', elo: 'Elo' };

const SCENARIOS = [
  {
    name: 'example-12',
    about: 'the README example: 12 datapoints, budgets 12 to 200 around the example\'s 50',
    config: { datapoints: [12], budgets: [12, 25, 50, 100, 200], randomRatios: [0, 0.5, 1], pairings: ['adaptive', 'roundRobin'], scorers: ['elo'], seeds: QUICK ? 100 : 1000 },
  },
  {
    name: 'scorers-100',
    about: '100 datapoints scored by Elo and by a Bradley–Terry fit of the same jobs, with interval coverage',
    config: { datapoints: [100], perDatapoint: [1, 2, 4, 8, 16, 32], randomRatios: [0, 0.5, 1], pairings: ['adaptive', 'roundRobin'], scorers: ['elo', 'bradleyTerry'], seeds: QUICK ? 20 : 100 },
  },
  {
    name: 'datapoints-100-1000',
    about: '100 and 1 000 datapoints, 1 to 32 comparisons per datapoint',
    config: { datapoints: QUICK ? [100] : [100, 1000], perDatapoint: [1, 2, 4, 8, 16, 32], randomRatios: [0, 0.5, 1], pairings: ['adaptive', 'roundRobin'], scorers: ['elo'], seeds: QUICK ? 20 : 100 },
  },
  {
    name: 'labelers-100',
    about: '100 datapoints, random ratio 0.5, each labeler model, 1 or 3 responses per comparison',
    config: { datapoints: [100], perDatapoint: [1, 2, 4, 8, 16, 32], labelers: ['bt', 'thurstone', 'noiseless', 'crowd'], responses: [1, 3], scorers: ['elo'], seeds: QUICK ? 20 : 100 },
  },
  {
    name: 'strategies-50',
    about: '50 datapoints, Thurstone labeler: every pairing mode (random ratio 0.1 and 0.5) scored by the posterior, Bradley–Terry and Elo',
    config: {
      datapoints: [50],
      perDatapoint: [1, 2, 4, 8, 16],
      randomRatios: [0.1, 0.5],
      pairings: ['adaptive', 'informationGain', 'sort', 'roundRobin'],
      labelers: ['thurstone'],
      scorers: ['posterior', 'bradleyTerry', 'elo'],
      seeds: QUICK ? 20 : 100,
    },
  },
];

const chosen = ONLY === null ? SCENARIOS : SCENARIOS.filter((scenario) => scenario.name === ONLY);
if (chosen.length === 0) throw new Error(`--only ${ONLY}: no such scenario; there are ${SCENARIOS.map((scenario) => scenario.name).join(', ')}`);
for (const scenario of chosen) {
  const start = process.hrtime.bigint();
  let lastShown = 0;
  const results = await runConvergence({
    ...scenario.config,
    seed: 'bench',
    onProgress: ({ completedRuns, totalRuns }) => {
      if (process.stderr.isTTY && completedRuns - lastShown >= totalRuns / 20) {
        lastShown = completedRuns;
        process.stderr.write(`\r  ${scenario.name}: ${completedRuns}/${totalRuns} runs`);
      }
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const folder = join(OUT, scenario.name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'results.json'), `${JSON.stringify(results)}\n`);
  writeFileSync(join(folder, 'results.csv'), convergenceCsv(results));
  writeFileSync(join(folder, 'convergence.svg'), convergenceChartSvg(results));
  console.log(`\n${scenario.name}: ${scenario.about}; ${results.config.seeds} seeds per cell, ${results.cells.length} cells, ${elapsed.toFixed(1)} s`);
  console.log('  datapoints  per datapoint  budget  strategy                          tau (mean)  95% of runs     top-k  rank error  coverage');
  for (const cell of results.cells) {
    const tau = cell.metrics.kendallTau;
    const pairing = cell.randomRatio === null ? 'round robin' : `${PAIRING_NAMES[cell.pairing]}${cell.randomRatio}`;
    const strategy = [pairing, cell.labeler, `${cell.responses} resp`, SCORER_NAMES[cell.scorer]].join(' · ');
    console.log(
      `  ${String(cell.datapoints).padStart(10)}  ${String(Number(cell.perDatapoint.toFixed(2))).padStart(13)}  ${String(cell.budget).padStart(6)}  ${strategy.padEnd(32)}  ${tau.mean.toFixed(3).padStart(10)}  ${`${tau.p2_5.toFixed(2)} – ${tau.p97_5.toFixed(2)}`.padEnd(14)}  ${cell.metrics.topKPrecision.mean.toFixed(2).padStart(5)}  ${cell.metrics.meanAbsoluteRankError.mean.toFixed(2).padStart(10)}  ${cell.metrics.coverage.mean === null ? '' : cell.metrics.coverage.mean.toFixed(3).padStart(8)}`,
    );
  }
}
console.log(`\nWrote ${chosen.map((scenario) => join(OUT, scenario.name)).join(', ')}.`);
