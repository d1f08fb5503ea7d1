// Labeler trust against spammers (`npm run bench:trust`; issue 13). For each seed, one
// ranking job of 100 datapoints, 16 comparisons per datapoint (budget 1 600 matchups,
// adaptive pairing) and 3 responses per matchup is answered by the `namedCrowd` preset:
// 50 named labelers, 30 careful (Bradley–Terry), 15 random clickers and 5 left-clickers.
// Each response comes from a labeler picked uniformly among those who have not answered
// that matchup yet, so every labeler gives about 96 answers. The same job is then scored
// with Bradley–Terry (`results({ scorer: 'bradleyTerry', labelerWeights })`) under:
//   unweighted    every labeler weight 1;
//   oracle        spammers weight 0, careful labelers 1 (who is who, known);
//   consensus     estimateLabelerTrust from the responses alone, weights = trust;
//   + validation  estimateLabelerTrust with validation answers (method 'auto');
//   validation    validation answers alone (method 'validation'), for reference;
//   minTrust 0.5  the same two estimates, labelers below trust 0.5 left out
//                 (labelerWeightsFromTrust(report, { minTrust: 0.5 }));
//   no spammers   the same truth and job seed answered by 50 careful labelers.
// Validation matchups are simulated offline until the job issues them (issue 13, item 1):
// after each response, with probability RATE (0.05), its labeler also answers one pair
// with a known answer, two datapoints of the ranking whose true scores differ by at
// least 400 Elo points (10:1 odds), sides at random, answered as that labeler's kind
// answers. G = tau(oracle) − tau(unweighted); each method's share of G is the ratio of
// the mean gains, with a 95% bootstrap interval over seeds. Detection: among labelers
// with at least 30 answers, precision and recall of "trust < 0.5" for spammers, over all
// seeds. Targets (issue 13): consensus ≥ 80% of G, with validation ≥ 90%, precision and
// recall ≥ 0.9.
// Options: --seeds N (default 20), --rate R (default 0.05).
import { parseArgs } from 'node:util';
import {
  LABELER_PRESETS,
  createLabeler,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  estimateLabelerTrust,
  generateTrueScores,
  kendallTau,
  labelerWeightsFromTrust,
} from '../dist/index.js';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, rate: { type: 'string' } } });
const SEEDS = Number(values.seeds ?? 20);
const RATE = Number(values.rate ?? 0.05);
const N = 100;
const PER_DATAPOINT = 16;
const RESPONSES = 3;
const MIN_ANSWERS = 30;
const GOLD_GAP = 400;

const ids = Array.from({ length: N }, (_, i) => `d${i}`);
const crowd = LABELER_PRESETS.namedCrowd;
const careful = { ...crowd, members: [{ share: 1, labeler: 'bt', name: 'careful' }] };
// Labeler ids are `${kind}-${k}`; the kinds' own labelers answer the validation pairs.
const kindOf = (labelerId) => labelerId.slice(0, labelerId.lastIndexOf('-'));
const kindSpecs = { careful: { model: 'bradleyTerry' }, randomClicker: 'randomClicker', leftClicker: 'leftClicker' };

function runJob(seed, spec, truth) {
  const definition = createRankingJobDefinition({
    name: 'trust',
    instruction: 'Which is better?',
    datapoints: [ids],
    comparisonBudgetPerRanking: N * PER_DATAPOINT,
    responsesPerComparison: RESPONSES,
  });
  const job = createRankingJob(definition, { seed: `trust/${seed}/job` });
  const labeler = createLabeler(spec, truth);
  const kinds = Object.fromEntries(Object.entries(kindSpecs).map(([kind, kindSpec]) => [kind, createLabeler(kindSpec, truth)]));
  const answers = createRng(`trust/${seed}/labeler`);
  const gold = createRng(`trust/${seed}/validation`);
  const validation = [];
  while (!job.done) {
    const [matchup] = job.nextMatchups(1);
    for (let r = 0; r < RESPONSES; r++) {
      const { outcome, labelerId } = labeler(matchup, answers);
      job.recordResponse(matchup.id, outcome, { labelerId });
      if (gold() >= RATE) continue;
      let a;
      let b;
      do {
        a = ids[Math.floor(gold() * N)];
        b = ids[Math.floor(gold() * N)];
      } while (Math.abs(truth.get(a) - truth.get(b)) < GOLD_GAP);
      const [left, right] = gold() < 0.5 ? [a, b] : [b, a];
      const answer = truth.get(left) > truth.get(right) ? 'left' : 'right';
      const given = kinds[kindOf(labelerId)]({ id: `v${validation.length}`, ranking: 0, left, right, kind: 'random' }, gold);
      validation.push({ labelerId, answer, outcome: given });
    }
  }
  return { job, validation };
}

function tauOf(job, truth, labelerWeights) {
  const [result] = job.results({ scorer: 'bradleyTerry', ...(labelerWeights === undefined ? {} : { labelerWeights }) });
  return kendallTau(new Map(result.entries.map((entry) => [entry.datapoint, entry.score])), truth);
}

const METHODS = ['unweighted', 'oracle', 'consensus', 'combined', 'consensusCut', 'combinedCut', 'validation', 'clean'];
const LABELS = {
  unweighted: 'unweighted',
  oracle: 'oracle (spammers weight 0)',
  consensus: 'trust from consensus',
  combined: `trust, consensus + validation ${RATE}`,
  consensusCut: 'trust from consensus, minTrust 0.5',
  combinedCut: `trust, + validation ${RATE}, minTrust 0.5`,
  validation: `trust, validation ${RATE} only`,
  clean: 'no spammers (50 careful)',
};
const taus = Object.fromEntries(METHODS.map((method) => [method, []]));
const detection = Object.fromEntries(['consensus', 'combined', 'validation'].map((method) => [method, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
const estimates = { milliseconds: 0, iterations: 0, count: 0, unconverged: 0 };
let validationAnswers = 0;
const started = performance.now();
for (let seed = 1; seed <= SEEDS; seed++) {
  const truth = generateTrueScores(ids, {}, createRng(`trust/${seed}/truth`));
  const { job, validation } = runJob(seed, crowd, truth);
  validationAnswers += validation.length;
  const votes = job.comparisons({ perVote: true });
  const oracle = new Map(votes.map((vote) => [vote.labelerId, kindOf(vote.labelerId) === 'careful' ? 1 : 0]));
  const reports = {};
  for (const [method, options] of [
    ['consensus', { method: 'consensus' }],
    ['combined', { validation }],
    ['validation', { validation, method: 'validation' }],
  ]) {
    const before = performance.now();
    reports[method] = estimateLabelerTrust(votes, options);
    if (method !== 'validation') {
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
  taus.unweighted.push(tauOf(job, truth));
  taus.oracle.push(tauOf(job, truth, oracle));
  for (const method of ['consensus', 'combined', 'validation']) taus[method].push(tauOf(job, truth, labelerWeightsFromTrust(reports[method])));
  taus.consensusCut.push(tauOf(job, truth, labelerWeightsFromTrust(reports.consensus, { minTrust: 0.5 })));
  taus.combinedCut.push(tauOf(job, truth, labelerWeightsFromTrust(reports.combined, { minTrust: 0.5 })));
  taus.clean.push(tauOf(runJob(seed, careful, truth).job, truth));
  if (process.stderr.isTTY) process.stderr.write(`\rseed ${seed}/${SEEDS}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');

const mean = (list) => list.reduce((sum, x) => sum + x, 0) / list.length;
const sd = (list) => Math.sqrt(list.reduce((sum, x) => sum + (x - mean(list)) ** 2, 0) / Math.max(1, list.length - 1));
// Share of G: ratio of mean gains, and a 95% interval from 2 000 bootstrap resamples of the seeds.
function shareOfGap(method) {
  const share = (indices) => {
    const gain = mean(indices.map((i) => taus[method][i] - taus.unweighted[i]));
    const gap = mean(indices.map((i) => taus.oracle[i] - taus.unweighted[i]));
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
console.log(`crowd: 50 labelers (30 careful, 15 random clickers, 5 left-clickers); ${(validationAnswers / SEEDS).toFixed(0)} validation answers per job on average\n`);
console.log(`${'scoring (Bradley–Terry)'.padEnd(width)}  tau mean ± sd    gain    share of G [95% CI]`);
for (const method of METHODS) {
  const gain = mean(taus[method]) - mean(taus.unweighted);
  const share = method === 'unweighted' || method === 'oracle' || method === 'clean' ? '' : (({ share: s, low, high }) => `${(100 * s).toFixed(1)}% [${(100 * low).toFixed(1)}, ${(100 * high).toFixed(1)}]`)(shareOfGap(method));
  console.log(`${LABELS[method].padEnd(width)}  ${mean(taus[method]).toFixed(4)} ± ${sd(taus[method]).toFixed(4)}  ${gain >= 0 ? '+' : ''}${gain.toFixed(4)}  ${share}`);
}
console.log(`\nG = oracle − unweighted = ${(mean(taus.oracle) - mean(taus.unweighted)).toFixed(4)}`);
console.log(`\nSpammers found ("trust < 0.5", labelers with ≥ ${MIN_ANSWERS} answers, all seeds):`);
for (const [method, { tp, fp, fn, tn }] of Object.entries(detection)) {
  console.log(`  ${LABELS[method].padEnd(width)}  precision ${(tp / Math.max(1, tp + fp)).toFixed(3)}  recall ${(tp / Math.max(1, tp + fn)).toFixed(3)}  (${tp} spammers flagged, ${fp} careful flagged, ${fn} spammers missed, ${tn} careful kept)`);
}
console.log(
  `\nestimateLabelerTrust (EM): ${(estimates.milliseconds / estimates.count).toFixed(0)} ms and ${(estimates.iterations / estimates.count).toFixed(0)} iterations per estimate on average, ${estimates.unconverged} of ${estimates.count} stopped at maxIterations; run ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
const consensusShare = shareOfGap('consensus').share;
const combinedShare = shareOfGap('combined').share;
const precisionRecall = ['consensus', 'combined'].every((method) => {
  const { tp, fp, fn } = detection[method];
  return tp / (tp + fp) >= 0.9 && tp / (tp + fn) >= 0.9;
});
console.log(`\ntargets: consensus ≥ 80% of G ${consensusShare >= 0.8 ? 'met' : 'MISSED'}; with validation ≥ 90% of G ${combinedShare >= 0.9 ? 'met' : 'MISSED'}; precision and recall ≥ 0.9 ${precisionRecall ? 'met' : 'MISSED'}`);
