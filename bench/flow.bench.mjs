// Ranking flow benchmark (`npm run bench:flow`, issue 14 item 2). Imports the built
// package, as a user would, and measures beside a baseline run in the same process:
//   1. memory per open batch: 100 000 batches of 4–16 datapoints (sizes drawn uniformly)
//      added to one flow, then run until every batch has about half its responses with
//      one matchup pending each; live bytes (heap + array buffers after a full
//      collection) and RSS, both as deltas over the process before the flow, and beside
//      the bytes of the ids alone (the caller's arrays of id strings). Target: the whole
//      flow well under 1 GiB;
//   2. time per matchup: nextMatchups(1) + recordResponse on that flow, in CPU µs, against
//      the same loop on a ranking job of 100 000 rankings of the same sizes (adaptive
//      pairing, random ratio 0.5, budget 20 per ranking) measured in the same run, runs
//      interleaved so a slow spell of the machine affects both alike. Target: at most 2×.
//   3. with --scorer bradleyTerry (issue 14): the same flow scored by Bradley–Terry, whose
//      open batches also hold their pair counts (phase 1 then measures those too, and phase
//      2 includes the fit of each batch that completes), and the CPU time of one
//      batchResults on an open batch (a fit) by batch size; then, beside Elo: the CPU time
//      per matchup over 5 000 batches of 4–16 run to completion (each batch's fit at close
//      included), the coverage of the 95% intervals (batches of 4–16 datapoints with
//      normal true scores, sd 200, answered by the Bradley–Terry model), and simulateFlow's
//      Kendall tau for both scorers at the same seeds (which see the same matchups and answers).
// Times are CPU time (process.cpuUsage), each the median of several runs after a warm-up.
// Options:
//   --batches N             another number of batches (default 100 000)
//   --scorer bradleyTerry   score the flow's batches by Bradley–Terry (default: elo)
//   --json                  print the figures as JSON instead of tables
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createRankingFlow, createRankingJob, createRankingJobDefinition, createRng, simulateFlow } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { batches: { type: 'string' }, scorer: { type: 'string' }, json: { type: 'boolean' } } });
const BATCHES = flags.batches !== undefined ? Number(flags.batches) : 100_000;
const SCORER = flags.scorer ?? 'elo';
if (SCORER !== 'elo' && SCORER !== 'bradleyTerry') throw new Error(`--scorer must be elo or bradleyTerry, got ${SCORER}`);
const RUNS = 7;
const BUDGET = 20;
// Runs take at most what the batches have left after the memory phase (BUDGET / 2 − 1 each).
const MATCHUPS_PER_RUN = Math.min(20_000, Math.floor((BATCHES * (BUDGET / 2 - 1)) / (RUNS + 1)));
const HOUR = 3_600_000;
const TARGET_RATIO = 2;
const TARGET_BYTES = 2 ** 30;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc');

function liveBytes() {
  collect();
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
const rss = () => process.memoryUsage().rss;
const cpuMicroseconds = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

// Batch sizes 4–16, the same for the flow and the job.
function batchIds(count) {
  const rng = createRng('sizes');
  return Array.from({ length: count }, (_, b) => {
    const size = 4 + Math.floor(rng() * 13);
    return Array.from({ length: size }, (_, i) => `batch-${b}-item-${i}`);
  });
}

// --- 1. Memory per open batch -------------------------------------------------------------

const startBytes = liveBytes();
const startRss = rss();
let ids = batchIds(BATCHES);
const datapoints = ids.reduce((sum, list) => sum + list.length, 0);
const idBytes = liveBytes() - startBytes;
const flow = createRankingFlow(
  { name: 'bench', instruction: 'Which is better?', maxResponses: BUDGET, minResponses: BUDGET / 2, randomComparisonsRatio: 0.5, scorer: SCORER },
  { seed: 1 },
);
let now = 0;
let began = cpuMicroseconds();
for (const list of ids) flow.addBatch(list, { now, ttlMs: HOUR });
const addMicroseconds = cpuMicroseconds() - began;
// The flow's frozen copies hold the strings from here on.
ids = null;
const added = { bytes: liveBytes() - startBytes, rss: rss() - startRss };
const answers = createRng('answers');
const outcome = () => (answers() < 0.5 ? 'left' : 'right');
// nextMatchups hands out at most 65 536 per call: `count` matchups in as many calls as that takes.
function issue(count) {
  const issued = [];
  while (issued.length < count) issued.push(...flow.nextMatchups(Math.min(65_536, count - issued.length), { now }));
  return issued;
}
// About half of every batch's responses, then one matchup pending per batch.
for (let round = 0; round < BUDGET / 2; round++) {
  now++;
  for (const matchup of issue(BATCHES)) flow.recordResponse(matchup.id, outcome(), { now });
}
now++;
issue(BATCHES);
const running = { bytes: liveBytes() - startBytes, rss: rss() - startRss };
const progress = flow.progress();
if (progress.pending !== BATCHES || progress.pendingMatchups !== BATCHES) throw new Error(`unexpected flow state ${JSON.stringify(progress)}`);
// Answer the pending ones so the timing below starts from a flow with no matchups out.
for (const matchup of flow.pendingMatchups()) flow.recordResponse(matchup.id, outcome(), { now });

// --- 2. Time per matchup ------------------------------------------------------------------

const job = createRankingJob(
  createRankingJobDefinition({ name: 'bench', instruction: 'Which is better?', datapoints: batchIds(BATCHES), comparisonBudgetPerRanking: BUDGET }),
  { seed: 1 },
);
// Bring the job to the same point: as many matchups answered as the flow's.
for (let answered = 0, target = BATCHES * (BUDGET / 2 + 1); answered < target; ) {
  for (const matchup of job.nextMatchups(Math.min(1000, target - answered))) {
    job.recordResponse(matchup.id, outcome());
    answered++;
  }
}

function flowRun(count) {
  now++;
  const start = cpuMicroseconds();
  for (let k = 0; k < count; k++) {
    const [matchup] = flow.nextMatchups(1, { now });
    flow.recordResponse(matchup.id, outcome(), { now });
  }
  return (cpuMicroseconds() - start) / count;
}

function jobRun(count) {
  const start = cpuMicroseconds();
  for (let k = 0; k < count; k++) {
    const [matchup] = job.nextMatchups(1);
    job.recordResponse(matchup.id, outcome());
  }
  return (cpuMicroseconds() - start) / count;
}

flowRun(MATCHUPS_PER_RUN / 4);
jobRun(MATCHUPS_PER_RUN / 4);
const flowTimes = [];
const jobTimes = [];
for (let run = 0; run < RUNS; run++) {
  flowTimes.push(flowRun(MATCHUPS_PER_RUN));
  jobTimes.push(jobRun(MATCHUPS_PER_RUN));
}
const flowMicroseconds = median(flowTimes);
const jobMicroseconds = median(jobTimes);
const ratio = flowMicroseconds / jobMicroseconds;

// --- 3. A Bradley–Terry fit of an open batch, by size ------------------------------------

const fits = {};
if (SCORER === 'bradleyTerry') {
  for (const size of [4, 8, 16, 64, 1000]) {
    const small = createRankingFlow({ name: 'fit', instruction: 'Which?', maxResponses: 2 * BUDGET, responsesPer: 'datapoint', scorer: SCORER }, { seed: size });
    const batch = small.addBatch(Array.from({ length: size }, (_, i) => `item-${i}`), { now: 0 });
    // About half the batch's responses: BUDGET per datapoint.
    for (let answered = 0; answered < BUDGET * size; answered++) {
      const [matchup] = small.nextMatchups(1, { now: 0 });
      small.recordResponse(matchup.id, outcome(), { now: 0 });
    }
    const repeats = size >= 1000 ? 3 : Math.max(5, Math.round(20_000 / size));
    small.batchResults(batch);
    const times = [];
    for (let run = 0; run < 3; run++) {
      const start = cpuMicroseconds();
      for (let k = 0; k < repeats; k++) small.batchResults(batch);
      times.push((cpuMicroseconds() - start) / repeats);
    }
    fits[size] = { pairs: small.snapshot().batches.pending.pairs[0], microseconds: median(times) };
  }
}

// --- 4. Bradley–Terry beside Elo: steady-state cost, interval coverage, order accuracy ------

// CPU µs per matchup over batches of 4–16 run to completion, closes (and fits) included.
function steadyMicroseconds(scorer) {
  const steady = createRankingFlow({ name: 'steady', instruction: 'Which?', maxResponses: BUDGET, scorer }, { seed: 1 });
  const sizes = createRng('steady sizes');
  const answerRng = createRng('steady answers');
  let count = 0;
  const start = cpuMicroseconds();
  for (let b = 0; b < 5000; b++) {
    const size = 4 + Math.floor(sizes() * 13);
    const id = steady.addBatch(Array.from({ length: size }, (_, i) => `${b}-${i}`), { now: b });
    for (const matchup of steady.nextMatchups(BUDGET, { now: b })) {
      steady.recordResponse(matchup.id, answerRng() < 0.5 ? 'left' : 'right');
      count++;
    }
    steady.forgetBatch(id);
  }
  return (cpuMicroseconds() - start) / count;
}

// Share of the batches' datapoints whose 95% interval holds their centred true score.
function coverage(maxResponses) {
  const flow = createRankingFlow({ name: 'coverage', instruction: 'Which?', maxResponses, scorer: 'bradleyTerry' }, { seed: 1 });
  const rng = createRng(`coverage ${maxResponses}`);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  let covered = 0;
  let total = 0;
  for (let b = 0; b < 1000; b++) {
    const ids = Array.from({ length: 4 + Math.floor(rng() * 13) }, (_, i) => `${b}-${i}`);
    const truth = new Map(ids.map((id) => [id, 200 * normal()]));
    const batch = flow.addBatch(ids, { now: 0 });
    for (let matchup = flow.nextMatchups(1, { now: 0 })[0]; matchup !== undefined; matchup = flow.nextMatchups(1, { now: 0 })[0]) {
      const p = 1 / (1 + 10 ** (-(truth.get(matchup.left) - truth.get(matchup.right)) / 400));
      flow.recordResponse(matchup.id, rng() < p ? 'left' : 'right');
    }
    const mean = [...truth.values()].reduce((sum, x) => sum + x, 0) / ids.length;
    for (const entry of flow.batchResults(batch).entries) {
      const centred = 1200 + truth.get(entry.datapoint) - mean;
      if (centred >= entry.lower && centred <= entry.upper) covered++;
      total++;
    }
    flow.forgetBatch(batch);
  }
  return covered / total;
}

const beside = {};
if (SCORER === 'bradleyTerry') {
  steadyMicroseconds('elo');
  beside.steadyMicroseconds = { elo: steadyMicroseconds('elo'), bradleyTerry: steadyMicroseconds('bradleyTerry') };
  beside.coverage = Object.fromEntries([10, 20, 40, 80].map((responses) => [responses, coverage(responses)]));
  const tau = { elo: 0, bradleyTerry: 0 };
  for (let seed = 1; seed <= 10; seed++) {
    for (const scorer of ['elo', 'bradleyTerry']) {
      const report = simulateFlow({ name: 'sim', instruction: 'Which?', maxResponses: BUDGET, minResponses: BUDGET / 2, scorer }, { seed, durationMs: 3_600_000, batchIntervalMs: 10_000, responseIntervalMs: 400, ttlMs: 120_000 });
      tau[scorer] += report.kendallTau.completed / 10;
    }
  }
  beside.kendallTauCompleted = tau;
}

const figures = {
  batches: BATCHES,
  datapoints,
  idBytesPerBatch: idBytes / BATCHES,
  addBatchMicroseconds: addMicroseconds / BATCHES,
  added: { bytesPerBatch: added.bytes / BATCHES, rssPerBatch: added.rss / BATCHES, beyondIdsPerBatch: (added.bytes - idBytes) / BATCHES, totalMiB: added.bytes / 2 ** 20 },
  running: { bytesPerBatch: running.bytes / BATCHES, rssPerBatch: running.rss / BATCHES, beyondIdsPerBatch: (running.bytes - idBytes) / BATCHES, totalMiB: running.bytes / 2 ** 20 },
  scorer: SCORER,
  bradleyTerryFit: fits,
  bradleyTerryBesideElo: beside,
  flowMicrosecondsPerMatchup: flowMicroseconds,
  jobMicrosecondsPerMatchup: jobMicroseconds,
  ratio,
  targets: { ratio: TARGET_RATIO, bytes: TARGET_BYTES },
  met: ratio <= TARGET_RATIO && running.bytes < TARGET_BYTES,
};

if (flags.json) console.log(JSON.stringify(figures, null, 2));
else {
  const round = (x, digits = 0) => Number(x.toFixed(digits));
  console.log(`Ranking flow (scorer ${SCORER}): ${BATCHES} open batches of 4–16 datapoints (${datapoints} in all), target ${BUDGET} responses each`);
  console.table({
    'added (no matchups yet)': { 'live bytes / batch': round(figures.added.bytesPerBatch), 'beyond ids / batch': round(figures.added.beyondIdsPerBatch), 'RSS / batch': round(figures.added.rssPerBatch), 'live MiB': round(figures.added.totalMiB, 1) },
    'half answered, 1 pending each': { 'live bytes / batch': round(figures.running.bytesPerBatch), 'beyond ids / batch': round(figures.running.beyondIdsPerBatch), 'RSS / batch': round(figures.running.rssPerBatch), 'live MiB': round(figures.running.totalMiB, 1) },
  });
  console.log(`ids alone: ${round(figures.idBytesPerBatch)} bytes per batch; addBatch ${round(figures.addBatchMicroseconds, 2)} µs CPU per batch`);
  console.table({
    'nextMatchups(1) + recordResponse': {
      'flow µs': round(flowMicroseconds, 3),
      'job µs (same run)': round(jobMicroseconds, 3),
      'flow / job': round(ratio, 2),
      target: `≤ ${TARGET_RATIO}×`,
      met: ratio <= TARGET_RATIO ? 'yes' : 'NO',
    },
  });
  console.log(`memory target (< 1 GiB live): ${running.bytes < TARGET_BYTES ? 'met' : 'MISSED'}`);
  if (SCORER === 'bradleyTerry') {
    console.log(`batchResults of an open batch with ${BUDGET} responses per datapoint (one Bradley–Terry fit):`);
    console.table(Object.fromEntries(Object.entries(fits).map(([size, fit]) => [`${size} datapoints`, { 'compared pairs': fit.pairs, 'µs CPU': round(fit.microseconds, 1) }])));
    const { steadyMicroseconds: steady, coverage: held, kendallTauCompleted: tau } = beside;
    console.log(`5 000 batches of 4–16 run to completion: ${round(steady.bradleyTerry, 2)} µs CPU per matchup (fits at close included), Elo ${round(steady.elo, 2)}`);
    console.log(`95% intervals holding the centred truth, 1 000 batches of 4–16: ${Object.entries(held).map(([responses, share]) => `${round(100 * share, 1)}% at ${responses} answers`).join(', ')}`);
    console.log(`simulateFlow, completed batches, mean Kendall tau over seeds 1–10: Bradley–Terry ${round(tau.bradleyTerry, 3)}, Elo ${round(tau.elo, 3)}`);
  }
}
process.exitCode = figures.met ? 0 : 1;
