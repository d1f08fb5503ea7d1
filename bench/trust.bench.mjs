// Labeler trust against spammers (`npm run bench:trust`; issue 13). For each seed, one
// ranking job of 100 datapoints, 16 comparisons per datapoint (budget 1 600 matchups,
// adaptive pairing) and 3 responses per matchup is answered by the `namedCrowd` preset:
// 50 named labelers, 30 careful (Bradley–Terry), 15 random clickers and 5 left-clickers.
// Each response comes from a labeler picked uniformly among those who have not answered
// that matchup yet, so every labeler gives about 96 answers. The job is scored with
// Bradley–Terry (`results({ scorer: 'bradleyTerry', labelerWeights })`) under:
//   unweighted    every labeler weight 1;
//   oracle        spammers weight 0, careful labelers 1 (who is who, known);
//   consensus     `labelerWeights: 'trust'`: trust from the responses alone;
//   minTrust 0.5  the same, labelers below trust 0.5 left out;
//   no spammers   the same truth and job seed answered by 50 careful labelers.
// Then the same job runs again with the job's own validation matchups (issue 13, item 1):
// the definition's `validation` holds 100 pairs drawn from the truth by
// `validationMatchupsFromTruth` (true scores at least 400 Elo points apart, 10:1 odds;
// the better one is the answer), mixed in at RATE (0.05); the crowd answers them like any
// other matchup (3 responses each, from the truth), and they never move ratings. It is
// scored unweighted, by the oracle, with `labelerWeights: 'trust'` (trust from the
// consensus and the validation answers), with minTrust 0.5, and with weights from the
// validation answers alone (`labelers({ method: 'validation' })`), for reference.
// G = tau(oracle) − tau(unweighted) of the same job; each method's share of G is the ratio
// of the mean gains, with a 95% bootstrap interval over seeds. Detection: among labelers
// with at least 30 answers, precision and recall of "trust < 0.5" for spammers, over all
// seeds. Targets (issue 13): consensus ≥ 80% of G, with validation matchups ≥ 90%,
// precision and recall ≥ 0.9 (both). The responses spent on validation are printed.
// Options: --seeds N (default 20), --rate R (default 0.05).
import { parseArgs } from 'node:util';
import {
  LABELER_PRESETS,
  createLabeler,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  generateTrueScores,
  kendallTau,
  labelerWeightsFromTrust,
  validationMatchupsFromTruth,
} from '../dist/index.js';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, rate: { type: 'string' } } });
const SEEDS = Number(values.seeds ?? 20);
const RATE = Number(values.rate ?? 0.05);
const N = 100;
const PER_DATAPOINT = 16;
const RESPONSES = 3;
const MIN_ANSWERS = 30;

const ids = Array.from({ length: N }, (_, i) => `d${i}`);
const crowd = LABELER_PRESETS.namedCrowd;
const careful = { ...crowd, members: [{ share: 1, labeler: 'bt', name: 'careful' }] };
// Labeler ids are `${kind}-${k}`.
const kindOf = (labelerId) => labelerId.slice(0, labelerId.lastIndexOf('-'));

// One job answered to the end, RESPONSES responses per matchup (validation ones too), one
// matchup out at a time; returns the job and the responses given to validation matchups.
function runJob(seed, spec, truth, validation) {
  const definition = createRankingJobDefinition({
    name: 'trust',
    instruction: 'Which is better?',
    datapoints: [ids],
    comparisonBudgetPerRanking: N * PER_DATAPOINT,
    responsesPerComparison: RESPONSES,
    ...(validation === undefined ? {} : { validation }),
  });
  const job = createRankingJob(definition, { seed: `trust/${seed}/job` });
  const labeler = createLabeler(spec, truth);
  const answers = createRng(`trust/${seed}/labeler`);
  let validationResponses = 0;
  while (!job.done) {
    const [matchup] = job.nextMatchups(1);
    for (let r = 0; r < RESPONSES; r++) {
      const { outcome, labelerId } = labeler(matchup, answers);
      job.recordResponse(matchup.id, outcome, { labelerId });
      if (matchup.kind === 'validation') validationResponses++;
    }
  }
  return { job, validationResponses };
}

function tauOf(job, truth, labelerWeights, minTrust) {
  const options = { scorer: 'bradleyTerry', ...(labelerWeights === undefined ? {} : { labelerWeights }), ...(minTrust === undefined ? {} : { minTrust }) };
  const [result] = job.results(options);
  return kendallTau(new Map(result.entries.map((entry) => [entry.datapoint, entry.score])), truth);
}

// Spammers weight 0, careful labelers 1, for every labeler that answered.
function oracleOf(job) {
  return new Map(job.comparisons({ perVote: true }).map((vote) => [vote.labelerId, kindOf(vote.labelerId) === 'careful' ? 1 : 0]));
}

// Methods by job: `plain` has no validation matchups, `gold` has them; G is measured within each.
const METHODS = ['unweighted', 'oracle', 'consensus', 'consensusCut', 'goldUnweighted', 'goldOracle', 'gold', 'goldCut', 'goldOnly', 'clean'];
const LABELS = {
  unweighted: 'unweighted',
  oracle: 'oracle (spammers weight 0)',
  consensus: "labelerWeights 'trust' (consensus)",
  consensusCut: "labelerWeights 'trust', minTrust 0.5",
  goldUnweighted: `+ validation ${RATE}: unweighted`,
  goldOracle: `+ validation ${RATE}: oracle`,
  gold: `+ validation ${RATE}: labelerWeights 'trust'`,
  goldCut: `+ validation ${RATE}: 'trust', minTrust 0.5`,
  goldOnly: `+ validation ${RATE}: trust from validation alone`,
  clean: 'no spammers (50 careful)',
};
// The unweighted and oracle taus each share of G is measured against.
const BASELINES = {
  consensus: ['unweighted', 'oracle'],
  consensusCut: ['unweighted', 'oracle'],
  gold: ['goldUnweighted', 'goldOracle'],
  goldCut: ['goldUnweighted', 'goldOracle'],
  goldOnly: ['goldUnweighted', 'goldOracle'],
};
const taus = Object.fromEntries(METHODS.map((method) => [method, []]));
const detection = Object.fromEntries(['consensus', 'gold', 'goldOnly'].map((method) => [method, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
const estimates = { milliseconds: 0, iterations: 0, count: 0, unconverged: 0 };
const spent = { ranking: 0, validation: 0, validationMatchups: 0 };
const started = performance.now();
for (let seed = 1; seed <= SEEDS; seed++) {
  const truth = generateTrueScores(ids, {}, createRng(`trust/${seed}/truth`));
  const plain = runJob(seed, crowd, truth).job;
  const matchups = validationMatchupsFromTruth(truth, {}, createRng(`trust/${seed}/validation`));
  const { job: gold, validationResponses } = runJob(seed, crowd, truth, { matchups, rate: RATE });
  spent.ranking += N * PER_DATAPOINT * RESPONSES;
  spent.validation += validationResponses;
  spent.validationMatchups += gold.progress().validation.completed;
  const reports = {};
  for (const [method, job, options] of [
    ['consensus', plain, undefined],
    ['gold', gold, undefined],
    ['goldOnly', gold, { method: 'validation' }],
  ]) {
    const before = performance.now();
    reports[method] = job.labelers(options);
    if (method !== 'goldOnly') {
      estimates.milliseconds += performance.now() - before;
      estimates.iterations += reports[method].iterations;
      estimates.count++;
      if (!reports[method].converged) estimates.unconverged++;
    }
    for (const labeler of reports[method].labelers) {
      if (labeler.answers < MIN_ANSWERS) continue;
      const spammer = kindOf(labeler.labelerId) !== 'careful';
      const flagged = labeler.trust < 0.5;
      detection[method][flagged ? (spammer ? 'tp' : 'fp') : spammer ? 'fn' : 'tn']++;
    }
  }
  taus.unweighted.push(tauOf(plain, truth));
  taus.oracle.push(tauOf(plain, truth, oracleOf(plain)));
  taus.consensus.push(tauOf(plain, truth, 'trust'));
  taus.consensusCut.push(tauOf(plain, truth, 'trust', 0.5));
  taus.goldUnweighted.push(tauOf(gold, truth));
  taus.goldOracle.push(tauOf(gold, truth, oracleOf(gold)));
  taus.gold.push(tauOf(gold, truth, 'trust'));
  taus.goldCut.push(tauOf(gold, truth, 'trust', 0.5));
  taus.goldOnly.push(tauOf(gold, truth, labelerWeightsFromTrust(reports.goldOnly)));
  taus.clean.push(tauOf(runJob(seed, careful, truth).job, truth));
  if (process.stderr.isTTY) process.stderr.write(`\rseed ${seed}/${SEEDS}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');

const mean = (list) => list.reduce((sum, x) => sum + x, 0) / list.length;
const sd = (list) => Math.sqrt(list.reduce((sum, x) => sum + (x - mean(list)) ** 2, 0) / Math.max(1, list.length - 1));
// Share of G: ratio of mean gains, and a 95% interval from 2 000 bootstrap resamples of the seeds.
function shareOfGap(method) {
  const [base, top] = BASELINES[method];
  const share = (indices) => {
    const gain = mean(indices.map((i) => taus[method][i] - taus[base][i]));
    const gap = mean(indices.map((i) => taus[top][i] - taus[base][i]));
    return gain / gap;
  };
  const all = taus.unweighted.map((_, i) => i);
  const rng = createRng('trust bootstrap');
  const draws = [];
  for (let b = 0; b < 2000; b++) draws.push(share(all.map(() => Math.floor(rng() * all.length))));
  draws.sort((x, y) => x - y);
  return { share: share(all), low: draws[49], high: draws[1949] };
}

const width = Math.max(...Object.values(LABELS).map((label) => label.length));
console.log(`\nTrust against spammers: ${SEEDS} seeds; ${N} datapoints, ${PER_DATAPOINT} comparisons per datapoint, ${RESPONSES} responses per matchup;`);
console.log('crowd: 50 labelers (30 careful, 15 random clickers, 5 left-clickers)');
console.log(
  `validation matchups at rate ${RATE} (100 pairs from the truth): ${(spent.validationMatchups / SEEDS).toFixed(1)} per job, ${(spent.validation / SEEDS).toFixed(1)} responses per job on top of the ranking's ${spent.ranking / SEEDS} (${((100 * spent.validation) / spent.ranking).toFixed(1)}% more)\n`,
);
console.log(`${'scoring (Bradley–Terry)'.padEnd(width)}  tau mean ± sd    gain    share of G [95% CI]`);
for (const method of METHODS) {
  const base = BASELINES[method]?.[0] ?? (method.startsWith('gold') ? 'goldUnweighted' : 'unweighted');
  const gain = mean(taus[method]) - mean(taus[base]);
  const share = BASELINES[method] === undefined ? '' : (({ share: s, low, high }) => `${(100 * s).toFixed(1)}% [${(100 * low).toFixed(1)}, ${(100 * high).toFixed(1)}]`)(shareOfGap(method));
  console.log(`${LABELS[method].padEnd(width)}  ${mean(taus[method]).toFixed(4)} ± ${sd(taus[method]).toFixed(4)}  ${gain >= 0 ? '+' : ''}${gain.toFixed(4)}  ${share}`);
}
console.log(`\nG = oracle − unweighted = ${(mean(taus.oracle) - mean(taus.unweighted)).toFixed(4)} (no validation), ${(mean(taus.goldOracle) - mean(taus.goldUnweighted)).toFixed(4)} (with validation matchups)`);
console.log(`\nSpammers found ("trust < 0.5", labelers with ≥ ${MIN_ANSWERS} answers, all seeds):`);
for (const [method, { tp, fp, fn, tn }] of Object.entries(detection)) {
  console.log(`  ${LABELS[method].padEnd(width)}  precision ${(tp / Math.max(1, tp + fp)).toFixed(3)}  recall ${(tp / Math.max(1, tp + fn)).toFixed(3)}  (${tp} spammers flagged, ${fp} careful flagged, ${fn} spammers missed, ${tn} careful kept)`);
}
console.log(
  `\njob.labelers() (EM): ${(estimates.milliseconds / estimates.count).toFixed(0)} ms and ${(estimates.iterations / estimates.count).toFixed(0)} iterations per estimate on average, ${estimates.unconverged} of ${estimates.count} stopped at maxIterations; run ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
const consensusShare = shareOfGap('consensus').share;
const goldShare = shareOfGap('gold').share;
const precisionRecall = ['consensus', 'gold'].every((method) => {
  const { tp, fp, fn } = detection[method];
  return tp / (tp + fp) >= 0.9 && tp / (tp + fn) >= 0.9;
});
const met = consensusShare >= 0.8 && goldShare >= 0.9 && precisionRecall;
console.log(
  `\ntargets: consensus ≥ 80% of G ${consensusShare >= 0.8 ? 'met' : 'MISSED'}; with validation matchups ≥ 90% of G ${goldShare >= 0.9 ? 'met' : 'MISSED'}; precision and recall ≥ 0.9 ${precisionRecall ? 'met' : 'MISSED'}`,
);
process.exitCode = met ? 0 : 1;
