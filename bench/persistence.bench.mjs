// Persistence benchmark (`npm run bench:persistence`): what storing and rebuilding a job
// costs, beside the live run that produced it (same process, same job). For a ranking of
// n datapoints and a budget of c comparisons it measures the live run, reading the event
// log, replaying it, taking a snapshot (and its JSON size) and restoring from it.
// Options: --quick (smaller jobs), --json.
import { parseArgs } from 'node:util';
import { createRankingJob, createRankingJobDefinition, createRng, replayRankingJob, restoreRankingJob } from '../dist/index.js';

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' } } });
const scenarios = flags.quick
  ? [{ n: 1000, comparisons: 20_000 }]
  : [
      { n: 1000, comparisons: 200_000 },
      { n: 100_000, comparisons: 1_000_000 },
    ];

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

if (flags.json) console.log(JSON.stringify({ node: process.version, rows }, null, 2));
else {
  console.log(`pairwise-elo persistence, Node ${process.version}${flags.quick ? ' (quick)' : ''}\n`);
  console.table(
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
}
