// Why close-match pairing under-covers (`npm run bench:coverage`). For 40 seeded jobs of
// 100 datapoints and 800 comparisons with close matches only (random ratio 0), answered
// by a Bradley–Terry labeler, it measures how often the 95% intervals of a Bradley–Terry
// fit contain the true score (shifted to the fit's mean):
//   1. on the job's own answers (the pairs were chosen from those answers, adaptively);
//   2. on the same pairs with fresh answers drawn from the truth (the baseline: the
//      design no longer depends on the answers).
// If 2 is near 95% and 1 is not, the standard errors are right and the shortfall comes
// from choosing pairs from the answers themselves.
// Options: --ratio R (default 0), --jobs N (default 40).
import { parseArgs } from 'node:util';
import { bradleyTerryLabeler, createRankingJob, createRankingJobDefinition, createRng, fitBradleyTerry, generateTrueScores } from '../dist/index.js';

const { values } = parseArgs({ options: { ratio: { type: 'string' }, jobs: { type: 'string' } } });
const RATIO = Number(values.ratio ?? 0);
const JOBS = Number(values.jobs ?? 40);
const N = 100;
const PER_ITEM = 8;
const Z = 1.959963984540054;

// How many datapoints' 95% intervals hold their true score.
function inside(records, truth) {
  const fit = fitBradleyTerry(records, { scale: 400, center: 1200 });
  const mean = fit.entries.reduce((sum, entry) => sum + truth.get(entry.datapoint), 0) / fit.entries.length;
  return fit.entries.filter((entry) => Math.abs(entry.score - (truth.get(entry.datapoint) - mean + 1200)) <= Z * entry.standardError).length;
}

let adaptive = 0;
let fixed = 0;
let total = 0;
for (let job = 0; job < JOBS; job++) {
  const ids = Array.from({ length: N }, (_, i) => `d${i}`);
  const truth = generateTrueScores(ids, {}, createRng(`coverage truth ${job}`));
  const definition = createRankingJobDefinition({ name: 'coverage', instruction: '-', datapoints: [ids], comparisonBudgetPerRanking: N * PER_ITEM, randomComparisonsRatio: RATIO });
  const running = createRankingJob(definition, { seed: `coverage job ${job}` });
  const labeler = bradleyTerryLabeler(truth);
  const answers = createRng(`coverage answers ${job}`);
  while (!running.done) {
    const [matchup] = running.nextMatchups(1);
    running.recordResponse(matchup.id, labeler(matchup, answers));
  }
  const records = running.comparisons({ perVote: true });
  const fresh = createRng(`coverage fresh ${job}`);
  const refreshed = records.map((record) => ({ left: record.left, right: record.right, outcome: labeler(record, fresh) }));
  adaptive += inside(records, truth);
  fixed += inside(refreshed, truth);
  total += N;
}
console.log(`\n${JOBS} jobs, ${N} datapoints, ${N * PER_ITEM} comparisons, random ratio ${RATIO}: share of true scores inside their 95% interval`);
console.log(`  the job's own answers (pairs chosen from them)     ${(adaptive / total).toFixed(3)}`);
console.log(`  same pairs, fresh answers (baseline)               ${(fixed / total).toFixed(3)}`);
