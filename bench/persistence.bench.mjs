// Persistence benchmark (`npm run bench:persistence`): what storing and rebuilding a job
// costs, beside the live run that produced it (same process, same job). For a ranking of
// n datapoints and a budget of c comparisons it measures the live run, reading the event
// log, replaying it, taking a snapshot (and its JSON size) and restoring from it.
// A second section restores a job of many small rankings with one matchup pending in each,
// against the same job with none pending and against JSON.parse of its snapshot: restore
// must cost O(state), so the ratios stay near 1 however many rankings there are.
// Options: --quick (smaller jobs), --json, --only jobs|rankings (one section).
import { parseArgs } from 'node:util';
import { createRankingJob, createRankingJobDefinition, createRng, replayRankingJob, restoreRankingJob } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, only: { type: 'string' } } });
if (flags.only !== undefined && flags.only !== 'jobs' && flags.only !== 'rankings') throw new Error(`--only takes jobs or rankings, got ${flags.only}`);
const scenarios =
  flags.only === 'rankings'
    ? []
    : flags.quick
      ? [{ n: 1000, comparisons: 20_000 }]
      : [
          { n: 1000, comparisons: 200_000 },
          { n: 100_000, comparisons: 1_000_000 },
        ];
const rankingCounts = flags.only === 'jobs' ? [] : flags.quick ? [10_000] : [10_000, 40_000];

function timed(body) {
  const start = process.hrtime.bigint();
  const value = body();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const rows = scenarios.map(({ n, comparisons }) => {
  const definition = createRankingJobDefinition({
    name: 'bench',
    instruction: 'Which is better?',
    datapoints: [Array.from({ length: n }, (_, i) => `d${i}`)],
    comparisonBudgetPerRanking: comparisons,
    matchupTtlMs: 1000,
  });
  const live = timed(() => {
    const job = createRankingJob(definition, { seed: 1 });
    const answers = createRng('answers');
    let now = 0;
    while (!job.done) {
      now += 1;
      for (const matchup of job.nextMatchups(8, { now })) {
        job.recordResponse(matchup.id, answers() < 0.5 ? 'left' : 'right', { responseId: `r-${matchup.id}`, now });
      }
    }
    return job;
  });
  const job = live.value;
  const events = timed(() => job.events());
  const replay = timed(() => replayRankingJob(definition, events.value, { seed: 1 }));
  const snapshot = timed(() => job.snapshot());
  const json = timed(() => JSON.stringify(snapshot.value));
  const restore = timed(() => restoreRankingJob(JSON.parse(json.value)));
  if (JSON.stringify(restore.value.results()) !== JSON.stringify(job.results())) throw new Error('restore differs');
  if (JSON.stringify(replay.value.results()) !== JSON.stringify(job.results())) throw new Error('replay differs');
  return {
    n,
    comparisons,
    events: events.value.length,
    liveMs: live.ms,
    eventsMs: events.ms,
    replayMs: replay.ms,
    snapshotMs: snapshot.ms,
    snapshotBytes: json.value.length,
    restoreMs: restore.ms,
  };
});

// The median of three timings (restores of this size take seconds; one run is noisy).
function medianMs(body) {
  const times = [0, 1, 2].map(() => timed(body).ms).sort((a, b) => a - b);
  return times[1];
}

// Many rankings of two datapoints, budget 2: idle, and with one matchup pending in each.
const manyRows = rankingCounts.map((rankings) => {
  const definition = createRankingJobDefinition({
    name: 'bench',
    instruction: 'Which is better?',
    datapoints: Array.from({ length: rankings }, (_, r) => [`a${r}`, `b${r}`]),
    comparisonBudgetPerRanking: 2,
  });
  const idle = JSON.stringify(createRankingJob(definition, { seed: 1 }).snapshot());
  const busyJob = createRankingJob(definition, { seed: 1 });
  if (busyJob.nextMatchups(rankings).length !== rankings || busyJob.progress().perRanking.some((r) => r.pending !== 1)) throw new Error('not one pending per ranking');
  const busy = JSON.stringify(busyJob.snapshot());
  const parseMs = medianMs(() => JSON.parse(busy));
  const idleMs = medianMs(() => restoreRankingJob(JSON.parse(idle)));
  const busyMs = medianMs(() => restoreRankingJob(JSON.parse(busy)));
  if (JSON.stringify(restoreRankingJob(JSON.parse(busy)).snapshot()) !== busy) throw new Error('restore differs');
  return { rankings, parseMs, idleMs, busyMs };
});

if (flags.json) console.log(JSON.stringify({ node: process.version, rows, manyRankings: manyRows }, null, 2));
else {
  console.log(`pairwise-elo persistence, Node ${process.version}${flags.quick ? ' (quick)' : ''}\n`);
  if (rows.length > 0) console.table(
    Object.fromEntries(
      rows.map((row) => [
        `${row.n.toLocaleString('en-US')} datapoints, ${row.comparisons.toLocaleString('en-US')} comparisons`,
        {
          'live run ms': row.liveMs.toFixed(0),
          'events() ms': row.eventsMs.toFixed(0),
          'replay ms': row.replayMs.toFixed(0),
          'replay / live': (row.replayMs / row.liveMs).toFixed(2),
          'snapshot ms': row.snapshotMs.toFixed(0),
          'snapshot MB': (row.snapshotBytes / 1e6).toFixed(1),
          'restore ms': row.restoreMs.toFixed(0),
        },
      ]),
    ),
  );
  if (manyRows.length > 0) {
    console.log('\nRestoring many rankings of 2 datapoints (median of 3; restore includes its JSON.parse)\n');
    console.table(
      Object.fromEntries(
        manyRows.map((row) => [
          `${row.rankings.toLocaleString('en-US')} rankings`,
          {
            'JSON.parse ms': row.parseMs.toFixed(0),
            'restore, none pending ms': row.idleMs.toFixed(0),
            'restore, 1 pending each ms': row.busyMs.toFixed(0),
            'pending / none': (row.busyMs / row.idleMs).toFixed(2),
            'pending / JSON.parse': (row.busyMs / row.parseMs).toFixed(1),
          },
        ]),
      ),
    );
  }
}
