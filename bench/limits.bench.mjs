// Limits benchmark (`node bench/limits.bench.mjs`): what grows with a job's shape rather
// than with its speed, each figure as a ratio against a baseline measured in the same run:
//   1. memory per ranking for R rankings of 2 datapoints (created, run to the end, and
//      restored from a snapshot), against the bytes of their ids alone (the same id
//      strings in arrays, as a definition holds them);
//   2. the time to add 20 000 datapoints, one call each, to a ranking of 2 datapoints
//      that has run 200 000 matchups (the highest exposure a ranking can reach), against
//      adding them to a fresh job;
//   3. the memory each completed matchup keeps with a 30-day matchupTtlMs, against the
//      same job without a time limit;
//   4. one ranking of 1 000 000 datapoints (issue 12 item 6): bytes per datapoint after
//      set-up beyond the ids, and bytes kept per completed comparison once the rating
//      index has grown to its size (measured over the second million comparisons), with
//      the whole event log held and with job.trimEvents after every 10 000 comparisons
//      (an app that has stored them), against the floor of the records a completed
//      matchup must keep for snapshots and results: the ledger's 14 bytes (status,
//      ranking, left, right, kind) and the vote log's 5 (sequence, outcome; the vote's
//      ranking and datapoints are its matchup's row in the ledger).
// Memory is the heap plus array buffers after a full garbage collection; the table shows
// both parts per ranking (typed arrays' contents are outside the heap). Options:
//   --quick       100 000 rankings instead of 1 000 000 (and shorter TTL and large-job runs)
//   --rankings N  another number of rankings
//   --json        print the figures as JSON instead of tables
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createRankingJob, createRankingJobDefinition, restoreRankingJob } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, rankings: { type: 'string' } } });
const RANKINGS = flags.rankings !== undefined ? Number(flags.rankings) : flags.quick ? 100_000 : 1_000_000;
const TTL_MATCHUPS = flags.quick ? 50_000 : 200_000;
const ADD_AFTER = 200_000;
const ADDED = 20_000;
const RUNS = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc');

// Live bytes after two full collections: the heap and the typed arrays' buffers.
function liveMemory() {
  collect();
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, arrayBuffers };
}

function liveBytes() {
  const { heap, arrayBuffers } = liveMemory();
  return heap + arrayBuffers;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function definitionOf(datapoints, extra = {}) {
  return createRankingJobDefinition({ name: 'limits', instruction: 'Which is better?', datapoints, ...extra });
}

// --- 1. Memory per ranking ----------------------------------------------------------------

function manySmallRankings(count) {
  const start = liveMemory();
  // Bytes since the start, in all and in the heap.
  const since = () => {
    const now = liveMemory();
    return { bytes: now.heap + now.arrayBuffers - start.heap - start.arrayBuffers, heap: now.heap - start.heap };
  };
  let ids = Array.from({ length: count }, (_, r) => [`r${r}-a`, `r${r}-b`]);
  const idBytes = since().bytes;
  let definition = definitionOf(ids, { comparisonBudgetPerRanking: 1 });
  // The definition holds its own arrays of the same strings: they are the ids from now on
  // (and after the restore, the restored job's definition holds them, as in a new process).
  ids = null;
  const phases = {};
  let began = performance.now();
  let job = createRankingJob(definition, { seed: 1 });
  definition = null;
  phases.created = { ...since(), ms: performance.now() - began };
  began = performance.now();
  while (!job.done) for (const matchup of job.nextMatchups(1000)) job.recordResponse(matchup.id, 'left');
  phases.run = { ...since(), ms: performance.now() - began };
  began = performance.now();
  let snapshot = job.snapshot();
  job = null;
  job = restoreRankingJob(snapshot);
  snapshot = null;
  phases.restored = { ...since(), ms: performance.now() - began };
  if (!job.done || job.definition.datapoints.length !== count) throw new Error('the restored job differs');
  return { rankings: count, idBytes, phases, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}

// --- 2. Adding datapoints after many matchups ---------------------------------------------

// Milliseconds to add ADDED datapoints one call at a time to a ranking of 2 that has run
// `matchups` matchups.
function addAfter(matchups) {
  const job = createRankingJob(definitionOf([['a', 'b']], { comparisonBudgetPerRanking: Math.max(matchups, 1) }), { seed: 1 });
  let completed = 0;
  while (completed < matchups) {
    for (const matchup of job.nextMatchups(Math.min(1000, matchups - completed))) {
      job.recordResponse(matchup.id, 'left');
      completed++;
    }
  }
  const start = process.hrtime.bigint();
  for (let i = 0; i < ADDED; i++) job.addDatapoints(0, [`new-${i}`]);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function addingDatapoints() {
  const afterMatchups = [];
  const fresh = [];
  for (let run = 0; run < RUNS; run++) {
    afterMatchups.push(addAfter(ADD_AFTER));
    fresh.push(addAfter(0));
  }
  return { added: ADDED, afterMatchups: ADD_AFTER, afterMs: median(afterMatchups), freshMs: median(fresh) };
}

// --- 3. Memory per completed matchup with a time limit -------------------------------------

function bytesPerCompletedMatchup(ttl) {
  const definition = definitionOf([Array.from({ length: 1000 }, (_, i) => `d${i}`)], {
    comparisonBudgetPerRanking: TTL_MATCHUPS,
    matchupTtlMs: ttl,
  });
  const job = createRankingJob(definition, { seed: 1 });
  const start = liveBytes();
  let now = 0;
  while (!job.done) {
    now += 1000;
    for (const matchup of job.nextMatchups(8, { now })) job.recordResponse(matchup.id, 'left', { now });
  }
  const bytes = liveBytes() - start;
  if (job.progress().completed !== TTL_MATCHUPS) throw new Error('the job did not complete');
  return bytes / TTL_MATCHUPS;
}

// --- 4. One large ranking: bytes per datapoint and per completed comparison ------------------

const LARGE = flags.quick ? 100_000 : 1_000_000;
const RETAINED_FLOOR = 14 + 5;

function largeJobBytes(trim) {
  const ids = Array.from({ length: LARGE }, (_, i) => `d${i}`);
  const before = liveBytes();
  const job = createRankingJob(definitionOf([ids], { comparisonBudgetPerRanking: 4 * LARGE }), { seed: 1 });
  const setUp = liveBytes() - before;
  let stored = 0;
  let answer = 0;
  const run = (count) => {
    for (let done = 0; done < count; done += 10_000) {
      for (let k = 0; k < 10_000; k++) {
        const [matchup] = job.nextMatchups(1);
        job.recordResponse(matchup.id, (answer = (answer * 1103515245 + 12345) >>> 0) & 1 ? 'left' : 'right');
      }
      if (trim) {
        stored += job.events(stored).length;
        job.trimEvents(stored);
      }
    }
  };
  run(LARGE);
  const middle = liveBytes();
  run(LARGE);
  const perComparison = (liveBytes() - middle) / LARGE;
  if (job.progress().completed !== 2 * LARGE) throw new Error('the large job did not run');
  return { setUpPerDatapoint: setUp / LARGE, perComparison };
}

// --- Report ---------------------------------------------------------------------------------

const adding = addingDatapoints();
const ttl = { withTtl: bytesPerCompletedMatchup(30 * DAY_MS), withoutTtl: bytesPerCompletedMatchup(null) };
const large = { held: largeJobBytes(false), trimmed: largeJobBytes(true) };
// Last: it leaves the most garbage behind, and its peak memory is reported.
const small = manySmallRankings(RANKINGS);

const perRanking = (bytes) => bytes / small.rankings;
const idsPerRanking = perRanking(small.idBytes);
const phaseRows = Object.fromEntries(
  Object.entries(small.phases).map(([phase, { bytes, heap, ms }]) => [
    phase,
    {
      bytesPerRanking: perRanking(bytes),
      // The ids are all heap (strings and arrays): the rest of the heap, and the typed arrays.
      heapBeyondIds: perRanking(heap) - idsPerRanking,
      arrayBuffers: perRanking(bytes - heap),
      beyondIds: perRanking(bytes) - idsPerRanking,
      ratioToIds: bytes / small.idBytes,
      ms,
    },
  ]),
);
const worstBeyondIds = Math.max(...Object.values(phaseRows).map((row) => row.beyondIds));
const targets = {
  bytesPerRankingBeyondIds: { measured: worstBeyondIds, target: 300, met: worstBeyondIds <= 300 },
  addTimeRatio: { measured: adding.afterMs / adding.freshMs, target: 2, met: adding.afterMs / adding.freshMs <= 2 },
  ttlBytesRatio: { measured: ttl.withTtl / ttl.withoutTtl, target: 1.25, met: ttl.withTtl / ttl.withoutTtl <= 1.25 },
  // Issue 11: a million rankings of 2 created, run and restored within 1 GiB (the whole process's peak).
  peakRssGiB: { measured: small.peakRssBytes / 2 ** 30, target: 1, met: small.peakRssBytes <= 2 ** 30 },
};

if (flags.json) {
  console.log(JSON.stringify({ node: process.version, rankings: small.rankings, idBytesPerRanking: idsPerRanking, phases: phaseRows, peakRssBytes: small.peakRssBytes, adding, ttl, large: { datapoints: LARGE, retainedFloor: RETAINED_FLOOR, ...large }, targets }, null, 2));
} else {
  const count = (x) => Math.round(x).toLocaleString('en-US');
  console.log(`pairwise-elo limits, Node ${process.version}${flags.quick ? ' (quick)' : ''}\n`);
  console.log(`${count(small.rankings)} rankings of 2 datapoints, budget 1 each: bytes per ranking (ids alone: ${idsPerRanking.toFixed(0)})`);
  console.table(
    Object.fromEntries(
      Object.entries(phaseRows).map(([phase, row]) => [
        phase,
        {
          'bytes/ranking': row.bytesPerRanking.toFixed(0),
          'beyond the ids': row.beyondIds.toFixed(0),
          'of it heap': row.heapBeyondIds.toFixed(0),
          'typed arrays': row.arrayBuffers.toFixed(0),
          '× the ids': row.ratioToIds.toFixed(2),
          ms: count(row.ms),
        },
      ]),
    ),
  );
  console.log(`Peak resident memory ${count(small.peakRssBytes / 2 ** 20)} MiB (the snapshot of every ranking is held while restoring).\n`);
  console.log(`Adding ${count(ADDED)} datapoints one call at a time (median of ${RUNS})`);
  console.table({
    [`after ${count(ADD_AFTER)} matchups on 2 datapoints`]: { ms: adding.afterMs.toFixed(1) },
    'to a fresh job (baseline)': { ms: adding.freshMs.toFixed(1) },
  });
  console.log(`Adding after the matchups costs ${(adding.afterMs / adding.freshMs).toFixed(2)}× adding to a fresh job.\n`);
  console.log(`Bytes kept per completed matchup (${count(TTL_MATCHUPS)} matchups, 1 000 datapoints)`);
  console.table({
    'matchupTtlMs 30 days': { bytes: ttl.withTtl.toFixed(1) },
    'no time limit (baseline)': { bytes: ttl.withoutTtl.toFixed(1) },
  });
  console.log(`A time limit costs ${(ttl.withTtl / ttl.withoutTtl).toFixed(2)}× the memory per completed matchup.\n`);
  console.log(`One ranking of ${count(LARGE)} datapoints: set-up bytes per datapoint beyond the ids, bytes kept per completed comparison (second ${count(LARGE)} comparisons)`);
  console.table({
    'event log held': { 'set-up /datapoint': large.held.setUpPerDatapoint.toFixed(1), '/comparison': large.held.perComparison.toFixed(1), '× floor': (large.held.perComparison / RETAINED_FLOOR).toFixed(2) },
    'trimEvents every 10 000': { 'set-up /datapoint': large.trimmed.setUpPerDatapoint.toFixed(1), '/comparison': large.trimmed.perComparison.toFixed(1), '× floor': (large.trimmed.perComparison / RETAINED_FLOOR).toFixed(2) },
  });
  console.log(`Floor: ${RETAINED_FLOOR} bytes per completed comparison (ledger 14, vote log 5).\n`);
  console.table(Object.fromEntries(Object.entries(targets).map(([name, t]) => [name, { measured: t.measured.toFixed(2), target: t.target, met: t.met }])));
}
