// Efficiency benchmark (`npm run bench:efficiency`): what a comparison buys under each
// pairing mode and scorer, measured with the job API as a user drives it (nextMatchups,
// recordResponse, results) on simulated labelers. Conditions follow the accuracy anchors
// of issue 9: true scores N(1200, 200) per (n, seed), the same truths for every
// configuration, the `thurstone` labeler (noise ≈ 196 Elo points), one matchup in flight
// unless a section says otherwise, checkpoints at c·n comparisons (c = 1, 2, 4, …) plus
// k·n(n−1)/2 (k = 1, 2, 3) for n ≤ 20, mean Kendall tau-b and RMSE of the centred scores
// over seeds at each checkpoint, and the budget where the mean curve crosses a target by
// log-linear interpolation between checkpoints (95% intervals: percentile bootstrap over
// seeds). Sections, each one run:
//   anchors   tau 0.8 / RMSE 100 crossings at n = 12, 20, 50, beside issue 9's anchors
//   large     n = 1 000 and 10 000: the old default (adaptive 0.5, Elo) against informationGain
//   inflight  informationGain at n = 50 with 1, 8, 64 matchups in flight; sort, noiseless
//   clean     noiseless labels: comparisons until the exact order; robustness to lapses
//   coverage  95% posterior intervals holding the true score, every pairing mode
//   ratio     informationGain's random ratio under a right and two misspecified labelers
//   cost      time per comparison at n = 100 000, informationGain against adaptive; n = 10⁶
//   stop      stopWhen: how often rankings settle, and whether settled ones are right
// Options:
//   --quick       few seeds and small sizes (a smoke test, under a minute)
//   --json        print the figures as JSON instead of tables
//   --seeds N     seeds per cell in every section (overrides the defaults)
//   --only LIST   run only these sections (comma-separated names from the list above)
import { parseArgs } from 'node:util';
import { createLabeler, createRankingJob, createRankingJobDefinition, createRng, generateTrueScores, kendallTau } from '../dist/index.js';

const SECTIONS = ['anchors', 'large', 'inflight', 'clean', 'coverage', 'ratio', 'cost', 'stop'];
const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, seeds: { type: 'string' }, only: { type: 'string' } },
});
const QUICK = flags.quick === true;
const ONLY = flags.only === undefined ? SECTIONS : flags.only.split(',').map((name) => name.trim());
for (const name of ONLY) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section "${name}"; allowed: ${SECTIONS.join(', ')}`);
const SEEDS = flags.seeds === undefined ? null : Number(flags.seeds);
if (SEEDS !== null && !(Number.isInteger(SEEDS) && SEEDS >= 2)) throw new Error(`--seeds must be an integer ≥ 2, got ${flags.seeds}`);
const RESAMPLES = QUICK ? 200 : 1000;

/** Seeds per cell: --seeds, else the section's default for a full or a quick run. */
function seedCount(full, quick) {
  return SEEDS ?? (QUICK ? quick : full);
}

// --- Simulation ----------------------------------------------------------------------

const idCache = new Map();
function idsOf(n) {
  if (!idCache.has(n)) idCache.set(n, Array.from({ length: n }, (_, i) => `d${i}`));
  return idCache.get(n);
}

/** The hidden true scores of (n, seed): the same for every configuration. */
function truthOf(n, seed, spread = 200) {
  return generateTrueScores(idsOf(n), { distribution: 'normal', spread, center: 1200 }, createRng(`efficiency truth ${n} ${spread} ${seed}`));
}

/**
 * A configuration: `pairing`, optional `ratio` (randomComparisonsRatio; the mode's
 * default when absent), optional `stopWhen`, and the `scorers` read at checkpoints.
 */
function definitionOf(n, budget, config) {
  return createRankingJobDefinition({
    name: 'efficiency',
    instruction: 'Which is better?',
    datapoints: [idsOf(n)],
    comparisonBudgetPerRanking: budget,
    pairing: config.pairing,
    ...(config.ratio === undefined ? {} : { randomComparisonsRatio: config.ratio }),
    ...(config.stopWhen === undefined ? {} : { stopWhen: config.stopWhen }),
    ...(config.posterior === undefined ? {} : { posterior: config.posterior }),
  });
}

/**
 * Answers `job`'s matchups with `labeler` until it has none left or `after(completed)`
 * returns false, keeping up to `inFlight` matchups pending and answering the oldest
 * first. Returns the number of completed matchups.
 */
function drive(job, labeler, answers, inFlight, after) {
  const pending = [];
  let completed = 0;
  for (;;) {
    if (pending.length < inFlight) for (const matchup of job.nextMatchups(inFlight - pending.length)) pending.push(matchup);
    if (pending.length === 0) return completed;
    const matchup = pending.shift();
    job.recordResponse(matchup.id, labeler(matchup, answers));
    completed++;
    if (after(completed) === false) return completed;
  }
}

// What results() returned that a user would not expect, per section: fits that stopped
// at their iteration cap without converging, and scores or standard deviations that are
// not finite numbers.
const tally = { calls: 0, unconverged: 0, nonFinite: 0 };

/** Counts the result in `tally` and returns its first ranking. */
function inspect([result]) {
  tally.calls++;
  if (result.fit?.converged === false) tally.unconverged++;
  for (const entry of result.entries) {
    if (!Number.isFinite(entry.score) || (entry.standardError !== undefined && !Number.isFinite(entry.standardError))) tally.nonFinite++;
  }
  return result;
}

/** A ranking result's scores as a Map by datapoint. */
function scoreMap(result) {
  return new Map(result.entries.map((entry) => [entry.datapoint, entry.score]));
}

/** Kendall tau-b to the truth; 0 when every estimate is tied (as the anchors count it). */
function tauOf(estimate, truth) {
  const tau = kendallTau(estimate, truth);
  return Number.isNaN(tau) ? 0 : tau;
}

/** RMSE (Elo points) of the centred estimate against the centred truth. */
function rmseOf(estimate, truth) {
  let meanEstimate = 0;
  let meanTruth = 0;
  for (const [id, value] of truth) {
    meanEstimate += estimate.get(id);
    meanTruth += value;
  }
  meanEstimate /= truth.size;
  meanTruth /= truth.size;
  let squares = 0;
  for (const [id, value] of truth) squares += (estimate.get(id) - meanEstimate - (value - meanTruth)) ** 2;
  return Math.sqrt(squares / truth.size);
}

/** Checkpoint budgets: c·n for c = 1, 2, 4, …, maxPerItem, plus k·n(n−1)/2 (k = 1, 2, 3) for n ≤ 20. */
function budgetsOf(n, maxPerItem = 32) {
  const budgets = new Set();
  for (let c = 1; c <= maxPerItem; c *= 2) budgets.add(c * n);
  if (n <= 20) for (const k of [1, 2, 3]) budgets.add((k * n * (n - 1)) / 2);
  return [...budgets].sort((a, b) => a - b);
}

/**
 * Runs `config` on `seeds` seeds of n datapoints up to the last budget and records, per
 * scorer, tau and RMSE at every checkpoint: Float64Arrays of seeds × budgets, row-major.
 */
function curves(n, seeds, config, { budgets, labeler = 'thurstone', inFlight = 1, tag = '' }) {
  const width = budgets.length;
  const out = Object.fromEntries(config.scorers.map((scorer) => [scorer, { tau: new Float64Array(seeds * width), rmse: new Float64Array(seeds * width) }]));
  const definition = definitionOf(n, budgets[width - 1], config);
  for (let seed = 0; seed < seeds; seed++) {
    const truth = truthOf(n, seed);
    const key = `${n} ${seed} ${config.key} ${tag}`;
    const job = createRankingJob(definition, { seed: `efficiency job ${key}` });
    let next = 0;
    drive(job, createLabeler(labeler, truth), createRng(`efficiency answers ${key}`), inFlight, (completed) => {
      if (completed !== budgets[next]) return true;
      for (const scorer of config.scorers) {
        const estimate = scoreMap(inspect(job.results({ scorer })));
        out[scorer].tau[seed * width + next] = tauOf(estimate, truth);
        out[scorer].rmse[seed * width + next] = rmseOf(estimate, truth);
      }
      next++;
      return next < width;
    });
    if (next < width) throw new Error(`${config.key} at n = ${n}, seed ${seed}: the job stopped at checkpoint ${next} of ${width}`);
  }
  return { out };
}

// --- Statistics ----------------------------------------------------------------------

function meanCurve(matrix, seeds, width, picks = null) {
  const sums = new Float64Array(width);
  for (let k = 0; k < seeds; k++) {
    const row = (picks === null ? k : picks[k]) * width;
    for (let b = 0; b < width; b++) sums[b] += matrix[row + b];
  }
  for (let b = 0; b < width; b++) sums[b] /= seeds;
  return sums;
}

/**
 * The budget where a mean curve first reaches `target` (at or above it when `higher`,
 * at or below otherwise), log-linearly interpolated between the checkpoints around the
 * crossing, as issue 9's anchors compute it. `{ value, bound }`: bound 'at most' when
 * the first checkpoint already meets it, 'never' (value Infinity) when none does.
 */
function crossing(curve, budgets, target, higher) {
  for (let b = 0; b < budgets.length; b++) {
    const meets = higher ? curve[b] >= target : curve[b] <= target;
    if (!meets) continue;
    if (b === 0) return { value: budgets[0], bound: 'at most' };
    const f = (target - curve[b - 1]) / (curve[b] - curve[b - 1]);
    return { value: Math.exp(Math.log(budgets[b - 1]) + f * (Math.log(budgets[b]) - Math.log(budgets[b - 1]))), bound: null };
  }
  return { value: Infinity, bound: 'never' };
}

function quantile(sorted, p) {
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.ceil(at);
  if (sorted[low] === sorted[high]) return sorted[low];
  return sorted[low] + (at - low) * (sorted[high] - sorted[low]);
}

/** Crossing of the mean curve, and its 95% percentile-bootstrap interval over seeds. */
function crossingWithInterval(matrix, seeds, budgets, target, higher, label) {
  const width = budgets.length;
  const point = crossing(meanCurve(matrix, seeds, width), budgets, target, higher);
  const rng = createRng(`efficiency bootstrap ${label}`);
  const picks = new Int32Array(seeds);
  const values = new Float64Array(RESAMPLES);
  for (let r = 0; r < RESAMPLES; r++) {
    for (let k = 0; k < seeds; k++) picks[k] = Math.floor(rng() * seeds);
    values[r] = crossing(meanCurve(matrix, seeds, width, picks), budgets, target, higher).value;
  }
  values.sort();
  return { ...point, low: quantile(values, 0.025), high: quantile(values, 0.975), max: budgets[width - 1] };
}

/**
 * The difference of two configurations' crossings (b − a) run on the same seeds (the
 * same truths), with a paired percentile-bootstrap 95% interval: both curves are
 * resampled with the same seeds. Infinite when b never crosses and a does.
 */
function pairedDifference(a, b, seeds, budgets, target, higher, label) {
  const width = budgets.length;
  const at = (matrix, picks) => crossing(meanCurve(matrix, seeds, width, picks), budgets, target, higher).value;
  const rng = createRng(`efficiency paired bootstrap ${label}`);
  const picks = new Int32Array(seeds);
  const values = new Float64Array(RESAMPLES);
  for (let r = 0; r < RESAMPLES; r++) {
    for (let k = 0; k < seeds; k++) picks[k] = Math.floor(rng() * seeds);
    const difference = at(b, picks) - at(a, picks);
    values[r] = Number.isNaN(difference) ? 0 : difference;
  }
  values.sort();
  return { value: at(b, null), base: at(a, null), low: quantile(values, 0.025), high: quantile(values, 0.975) };
}

function formatDifference(d) {
  const signed = (x) => (Number.isFinite(x) ? `${x > 0 ? '+' : x < 0 ? '−' : '±'}${int(Math.abs(x))}` : x > 0 ? '+∞' : '−∞');
  return `${signed(d.value - d.base)} [${signed(d.low)}, ${signed(d.high)}]`;
}

function mean(values) {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Mean and the half-width of its 95% interval (normal approximation, seeds ≥ 30 in full runs). */
function meanWithInterval(values) {
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  const sd = Math.sqrt(squares / Math.max(1, values.length - 1));
  return { mean: m, half: (1.959963984540054 * sd) / Math.sqrt(values.length) };
}

/** Wilson 95% interval of a proportion. */
function wilson(successes, trials) {
  if (trials === 0) return { share: NaN, low: NaN, high: NaN };
  const z = 1.959963984540054;
  const p = successes / trials;
  const centre = (p + (z * z) / (2 * trials)) / (1 + (z * z) / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / (1 + (z * z) / trials);
  return { share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// --- Formatting ----------------------------------------------------------------------

const int = (value) => Math.round(value).toLocaleString('en-US').replace(/,/g, ' ');

function formatCrossing(c) {
  if (c.bound === 'never') return `> ${int(c.max)}`;
  const value = `${c.bound === 'at most' ? '≤ ' : ''}${int(c.value)}`;
  if (c.low === undefined) return value;
  const high = Number.isFinite(c.high) ? int(c.high) : `> ${int(c.max)}`;
  return `${value} [${int(c.low)}–${high}]`;
}

function percent(share, digits = 1) {
  return Number.isNaN(share) ? '–' : `${(100 * share).toFixed(digits)}%`;
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

const report = {};
function print(text = '') {
  if (!flags.json) console.log(text);
}
function progress(text) {
  process.stderr.write(`${text}\n`);
}

// --- 1. Anchors ----------------------------------------------------------------------

// Issue 9's figures, measured with the anchors harness (numpy ports of the authors' code;
// 50–200 seeds per cell): quoted as fixed numbers, not re-measured here.
const ISSUE_9 = {
  bestPublishedTau: { 12: 166, 20: 253, 50: 846 },
  tauTarget: { 12: 166, 20: 253, 50: 788 },
  asapRmse: { 12: 56, 20: 94, 50: 231 },
  oldDefaultTau: { 12: 300, 20: 572, 50: 1546 },
  oldDefaultRmse: { 12: 138, 20: 239, 50: 656 },
};

const ANCHOR_JOBS = [
  { key: 'ig', pairing: 'informationGain', scorers: ['posterior'] },
  { key: 'ig0', pairing: 'informationGain', ratio: 0, scorers: ['posterior'] },
  { key: 'ig0.2', pairing: 'informationGain', ratio: 0.2, scorers: ['posterior'] },
  { key: 'ad0.5', pairing: 'adaptive', ratio: 0.5, scorers: ['elo', 'posterior'] },
  { key: 'sort', pairing: 'sort', scorers: ['posterior'] },
];
const ANCHOR_ROWS = [
  ['recommended: informationGain (default ratio 0.1), posterior', 'ig', 'posterior'],
  ['informationGain ratio 0, posterior', 'ig0', 'posterior'],
  ['informationGain ratio 0.2, posterior', 'ig0.2', 'posterior'],
  ['old default: adaptive 0.5, Elo', 'ad0.5', 'elo'],
  ['adaptive 0.5, posterior', 'ad0.5', 'posterior'],
  ['sort, posterior', 'sort', 'posterior'],
];

function anchorsSection() {
  const sizes = [
    { n: 12, seeds: seedCount(1000, 60) },
    { n: 20, seeds: seedCount(400, 24) },
    { n: 50, seeds: seedCount(200, 12) },
  ];
  const recommended = definitionOf(12, 1, { pairing: 'informationGain' }).randomComparisonsRatio;
  const cells = {};
  for (const { n, seeds } of sizes) {
    const budgets = budgetsOf(n);
    for (const config of ANCHOR_JOBS) {
      const start = Date.now();
      const { out } = curves(n, seeds, config, { budgets });
      for (const scorer of config.scorers) {
        const { tau, rmse } = out[scorer];
        cells[`${config.key}/${scorer}/${n}`] = {
          seeds,
          budgets,
          tau08: crossingWithInterval(tau, seeds, budgets, 0.8, true, `anchors tau ${config.key} ${scorer} ${n}`),
          rmse100: crossingWithInterval(rmse, seeds, budgets, 100, false, `anchors rmse ${config.key} ${scorer} ${n}`),
          meanTau: Array.from(meanCurve(tau, seeds, budgets.length)),
          meanRmse: Array.from(meanCurve(rmse, seeds, budgets.length)),
        };
      }
      progress(`anchors: n = ${n}, ${config.key}, ${seeds} seeds, ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
  }
  report.anchors = { recommendedRatio: recommended, sizes, cells, issue9: ISSUE_9 };
  const ns = sizes.map(({ n }) => n);
  print(`## 1. Anchors: comparisons to reach a target (mean over seeds; [95% bootstrap interval])\n`);
  print(`Seeds: ${sizes.map(({ n, seeds }) => `n = ${n}: ${seeds}`).join(', ')}. informationGain's default random ratio resolves to ${recommended}.\n`);
  for (const [metric, label, quoted] of [
    ['tau08', 'mean Kendall tau ≥ 0.8', [['issue 9: best published method (anchors harness)', ISSUE_9.bestPublishedTau], ['issue 9: target', ISSUE_9.tauTarget], ['issue 9: old default (same harness)', ISSUE_9.oldDefaultTau]]],
    ['rmse100', 'RMSE ≤ 100 Elo points', [['issue 9: ASAP (anchors harness)', ISSUE_9.asapRmse], ['issue 9: old default (same harness)', ISSUE_9.oldDefaultRmse]]],
  ]) {
    const rows = ANCHOR_ROWS.map(([name, key, scorer]) => [name, ...ns.map((n) => formatCrossing(cells[`${key}/${scorer}/${n}`][metric]))]);
    for (const [name, figures] of quoted) rows.push([name, ...ns.map((n) => int(figures[n]))]);
    print(`Comparisons for ${label}:\n`);
    print(table(['configuration', ...ns.map((n) => `n = ${n}`)], rows));
    print();
  }
  const verdicts = ns.map((n) => {
    const tau = cells[`ig/posterior/${n}`].tau08.value;
    const rmse = cells[`ig/posterior/${n}`].rmse100.value;
    return `n = ${n}: tau 0.8 at ${int(tau)} (target ≤ ${ISSUE_9.tauTarget[n]}: ${tau <= ISSUE_9.tauTarget[n] ? 'met' : 'MISSED'}), RMSE 100 at ${int(rmse)} (target ≤ ${ISSUE_9.asapRmse[n]}: ${rmse <= ISSUE_9.asapRmse[n] ? 'met' : 'MISSED'})`;
  });
  print(`Recommended configuration against the targets:\n${verdicts.map((line) => `- ${line}`).join('\n')}\n`);
}

// --- 2. Large n ----------------------------------------------------------------------

function largeSection() {
  const sizes = QUICK && SEEDS === null ? [{ n: 1000, seeds: 1, maxPerItem: 16 }] : [
    { n: 1000, seeds: seedCount(16, 1), maxPerItem: 64 },
    { n: 10000, seeds: seedCount(4, 1), maxPerItem: 64 },
  ];
  const configs = [
    { key: 'ad0.5', pairing: 'adaptive', ratio: 0.5, scorers: ['elo', 'posterior'] },
    { key: 'ig', pairing: 'informationGain', scorers: ['posterior'] },
  ];
  const rows = [];
  const curveRows = [];
  report.large = { sizes: [] };
  for (const { n, seeds, maxPerItem } of sizes) {
    const budgets = budgetsOf(n, maxPerItem);
    const cells = {};
    for (const config of configs) {
      const start = Date.now();
      const { out } = curves(n, seeds, config, { budgets });
      for (const scorer of config.scorers) {
        const { tau, rmse } = out[scorer];
        cells[`${config.key}/${scorer}`] = {
          tau08: crossingWithInterval(tau, seeds, budgets, 0.8, true, `large tau ${config.key} ${scorer} ${n}`),
          rmse100: crossingWithInterval(rmse, seeds, budgets, 100, false, `large rmse ${config.key} ${scorer} ${n}`),
          meanTau: Array.from(meanCurve(tau, seeds, budgets.length)),
          meanRmse: Array.from(meanCurve(rmse, seeds, budgets.length)),
        };
      }
      progress(`large: n = ${n}, ${config.key}, ${seeds} seeds, ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
    report.large.sizes.push({ n, seeds, budgets, cells });
    const old = cells['ad0.5/elo'];
    const ig = cells['ig/posterior'];
    const ratio = (a, b) => (Number.isFinite(a.value) && Number.isFinite(b.value) ? `${(b.value / a.value).toFixed(2)}` : Number.isFinite(b.value) ? `< ${(b.value / a.max).toFixed(2)} (old default never reaches it)` : '–');
    rows.push([int(n), seeds, 'tau 0.8', formatCrossing(old.tau08), formatCrossing(cells['ad0.5/posterior'].tau08), formatCrossing(ig.tau08), ratio(old.tau08, ig.tau08)]);
    rows.push([int(n), seeds, 'RMSE 100', formatCrossing(old.rmse100), formatCrossing(cells['ad0.5/posterior'].rmse100), formatCrossing(ig.rmse100), ratio(old.rmse100, ig.rmse100)]);
    budgets.forEach((budget, b) => {
      curveRows.push([int(n), budget / n, old.meanTau[b].toFixed(3), cells['ad0.5/posterior'].meanTau[b].toFixed(3), ig.meanTau[b].toFixed(3), int(old.meanRmse[b]), int(cells['ad0.5/posterior'].meanRmse[b]), int(ig.meanRmse[b])]);
    });
  }
  print(`## 2. Large n: comparisons to reach a target, old default against informationGain\n`);
  print(table(['n', 'seeds', 'target', 'old default (adaptive 0.5, Elo)', 'adaptive 0.5, posterior', 'informationGain, posterior', 'informationGain / old default (target ≤ 0.5)'], rows));
  print(`\nMean curves (tau, then RMSE in Elo points):\n`);
  print(table(['n', 'per datapoint', 'tau old default', 'tau adaptive 0.5 posterior', 'tau informationGain', 'RMSE old default', 'RMSE adaptive 0.5 posterior', 'RMSE informationGain'], curveRows));
  print();
}

// --- 3. Matchups in flight -----------------------------------------------------------

/**
 * Comparisons until `results()` gives exactly the true order with no tied scores, or
 * null when the cap comes first. Checked after every comparison from `from` on, then
 * (past `denseUntil`) every ⌈completed / 200⌉ comparisons (0.5% resolution), since a
 * posterior fit per check is what costs.
 */
function comparisonsToExactOrder(n, seed, config, { labeler, cap, inFlight = 1, from, denseUntil = Infinity, tag = '' }) {
  const truth = truthOf(n, seed);
  const trueOrder = [...truth.keys()].sort((a, b) => truth.get(b) - truth.get(a));
  const key = `${n} ${seed} ${config.key} ${tag}`;
  const job = createRankingJob(definitionOf(n, cap, config), { seed: `efficiency exact ${key}` });
  let found = null;
  let nextCheck = from;
  drive(job, createLabeler(labeler, truth), createRng(`efficiency exact answers ${key}`), inFlight, (completed) => {
    if (completed < nextCheck) return true;
    nextCheck = completed <= denseUntil ? completed + 1 : completed + Math.ceil(completed / 200);
    const { entries } = inspect(job.results({ scorer: config.scorers[0] }));
    for (let k = 0; k < n; k++) {
      if (entries[k].datapoint !== trueOrder[k] || (k > 0 && entries[k].score === entries[k - 1].score)) return true;
    }
    found = completed;
    return false;
  });
  return found;
}

function log2Factorial(n) {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log2(k);
  return sum;
}

/**
 * The first comparison at which the exact order is checked for sort pairing: n − 1 for
 * n ≤ 50; for larger n, 0.9 log2 n!, before which binary insertion has at least two
 * datapoints still unplaced (placing n − 2 takes at least Σ⌊log2 k⌋ comparisons), so the
 * order can be right only by a negligible double fluke.
 */
function sortCheckFrom(n) {
  return n <= 50 ? n - 1 : Math.floor(0.9 * log2Factorial(n));
}

function exactOrderSummary(results) {
  const found = results.filter((value) => value !== null);
  return {
    seeds: results.length,
    reached: found.length,
    mean: found.length === 0 ? NaN : mean(found),
    median: found.length === 0 ? NaN : median(found),
    max: found.length === 0 ? NaN : Math.max(...found),
  };
}

function inflightSection() {
  const n = 50;
  const seeds = seedCount(200, 20);
  const budgets = budgetsOf(n);
  const config = { key: 'ig', pairing: 'informationGain', scorers: ['posterior'] };
  const rows = [];
  report.inflight = { n, seeds, informationGain: {}, sort: {} };
  let base = null;
  // The loss against 1 in flight as a share of its budget, with the paired interval.
  const loss = (d) => (d.base === d.value ? '–' : `${(100 * (d.value / d.base - 1)).toFixed(1)}% [${(100 * (d.low / d.base)).toFixed(1)}%, ${(100 * (d.high / d.base)).toFixed(1)}%]`);
  for (const inFlight of [1, 8, 64]) {
    const start = Date.now();
    const { posterior } = curves(n, seeds, config, { budgets, inFlight, tag: `inflight ${inFlight}` }).out;
    base ??= posterior;
    const cell = {
      tau08: crossingWithInterval(posterior.tau, seeds, budgets, 0.8, true, `inflight tau ${inFlight}`),
      rmse100: crossingWithInterval(posterior.rmse, seeds, budgets, 100, false, `inflight rmse ${inFlight}`),
      tau08Loss: pairedDifference(base.tau, posterior.tau, seeds, budgets, 0.8, true, `inflight tau ${inFlight}`),
      rmse100Loss: pairedDifference(base.rmse, posterior.rmse, seeds, budgets, 100, false, `inflight rmse ${inFlight}`),
    };
    report.inflight.informationGain[inFlight] = cell;
    rows.push([inFlight, formatCrossing(cell.tau08), loss(cell.tau08Loss), formatCrossing(cell.rmse100), loss(cell.rmse100Loss)]);
    progress(`inflight: informationGain, ${inFlight} in flight, ${seeds} seeds, ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
  const sortSeeds = seedCount(30, 3);
  const sortRows = [];
  const bound = Math.ceil(log2Factorial(n));
  let sortBase = null;
  for (const inFlight of [1, 8, 64]) {
    const results = [];
    for (let seed = 0; seed < sortSeeds; seed++) {
      results.push(comparisonsToExactOrder(n, seed, { key: 'sort', pairing: 'sort', scorers: ['posterior'] }, { labeler: 'noiseless', cap: 20 * bound, inFlight, from: sortCheckFrom(n), denseUntil: Math.round(1.5 * bound), tag: `inflight ${inFlight}` }));
    }
    const summary = exactOrderSummary(results);
    sortBase ??= summary;
    report.inflight.sort[inFlight] = summary;
    sortRows.push([inFlight, `${summary.reached}/${summary.seeds}`, summary.mean.toFixed(1), int(summary.median), int(summary.max), `${(100 * (summary.mean / sortBase.mean - 1)).toFixed(1)}%`, (summary.mean / bound).toFixed(2)]);
  }
  print(`## 3. Matchups in flight (n = ${n})\n`);
  print(`informationGain (default ratio), posterior, thurstone labeler, ${seeds} seeds; loss = extra comparisons against 1 in flight on the same truths [paired 95% bootstrap interval]:\n`);
  print(table(['in flight', 'tau 0.8', 'loss', 'RMSE 100', 'loss'], rows));
  print(`\nsort, noiseless labeler, ${sortSeeds} seeds: comparisons until results() gives the exact order (⌈log2 ${n}!⌉ = ${bound}; checked after every comparison up to 1.5 ⌈log2 n!⌉, every 0.5% after that, so larger figures are upper bounds):\n`);
  print(table(['in flight', 'reached', 'mean', 'median', 'max', 'loss (mean)', 'mean / ⌈log2 n!⌉'], sortRows));
  print();
}

// --- 4. Clean labels -----------------------------------------------------------------

function cleanSection() {
  const rows = [];
  report.clean = { exact: [], lapses: null };
  // Seeds per configuration. The sort and the old default (whose Elo order is cheap to
  // read) are checked after every comparison; informationGain, slower to get there and
  // needing a posterior fit per check, is checked densely only up to 1.5 ⌈log2 n!⌉.
  const cases = [
    { n: 12, cells: [['sort', seedCount(1000, 50)], ['ad0.5', seedCount(500, 30)], ['ig', seedCount(500, 30)]] },
    { n: 50, cells: [['sort', seedCount(100, 10)], ['ad0.5', seedCount(30, 2)], ['ig', seedCount(20, 2)]] },
    { n: 200, cells: [['sort', seedCount(12, 1)]] },
  ];
  const configOf = {
    sort: { key: 'sort', pairing: 'sort', scorers: ['posterior'], name: 'sort, posterior' },
    'ad0.5': { key: 'ad0.5', pairing: 'adaptive', ratio: 0.5, scorers: ['elo'], name: 'old default: adaptive 0.5, Elo' },
    ig: { key: 'ig', pairing: 'informationGain', scorers: ['posterior'], name: 'informationGain, posterior' },
  };
  for (const { n, cells } of cases) {
    const bound = Math.ceil(log2Factorial(n));
    for (const [name, cellSeeds] of cells) {
      const config = configOf[name];
      const start = Date.now();
      const options = name === 'sort'
        ? { cap: 20 * bound, from: sortCheckFrom(n) }
        : { cap: (name === 'ig' && n > 12 ? 25 : 100) * bound, from: n - 1, denseUntil: name === 'ig' ? Math.round(1.5 * bound) : Infinity };
      const results = [];
      for (let seed = 0; seed < cellSeeds; seed++) results.push(comparisonsToExactOrder(n, seed, config, { labeler: 'noiseless', ...options }));
      const summary = { n, config: name, cap: options.cap, bound, ...exactOrderSummary(results) };
      report.clean.exact.push(summary);
      const target = 1.25 * bound;
      rows.push([
        n,
        config.name,
        `${summary.reached}/${summary.seeds}`,
        summary.reached === 0 ? '–' : summary.mean.toFixed(1),
        summary.reached === 0 ? '–' : int(summary.median),
        summary.reached === 0 ? '–' : int(summary.max),
        int(options.cap),
        `${bound} / ${int(target)}`,
        summary.reached === 0 ? '–' : `${(summary.mean / bound).toFixed(2)}×`,
        name !== 'sort' ? '' : summary.reached === summary.seeds && summary.max <= target ? 'met (max)' : summary.reached === summary.seeds && summary.mean <= target ? 'met (mean)' : 'MISSED',
      ]);
      progress(`clean: n = ${n}, ${name}, ${cellSeeds} seeds, ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
  }
  print(`## 4. Clean labels: comparisons until results() gives the exact true order (noiseless labeler)\n`);
  print(table(['n', 'configuration', 'reached / seeds', 'mean', 'median', 'max', 'cap', '⌈log2 n!⌉ / target 1.25×', 'mean / ⌈log2 n!⌉', 'target'], rows));
  print(`\n(mean, median and max over the seeds that reached the exact order within the cap; the sort and the old default are checked after every comparison from n − 1 on (the sort at n = 200 from 0.9 log2 n!, before which at least two datapoints are unplaced), informationGain after every comparison up to 1.5 ⌈log2 n!⌉ and every 0.5% after that, so its figures are upper bounds)\n`);

  const n = 50;
  const seeds = seedCount(200, 20);
  const perDatapoint = [1, 2, 4, 8];
  const budgets = perDatapoint.map((c) => c * n);
  const labeler = { model: 'noiseless', lapseRate: 0.05 };
  const lapseConfigs = [
    ['sort, posterior', { key: 'sort', pairing: 'sort', scorers: ['posterior'] }],
    ['informationGain, posterior', { key: 'ig', pairing: 'informationGain', scorers: ['posterior'] }],
    ['old default: adaptive 0.5, Elo', { key: 'ad0.5', pairing: 'adaptive', ratio: 0.5, scorers: ['elo'] }],
  ];
  const lapseRows = [];
  report.clean.lapses = { n, seeds, budgets, labeler, cells: {} };
  for (const [name, config] of lapseConfigs) {
    const { out } = curves(n, seeds, config, { budgets, labeler, tag: 'lapse' });
    const matrix = out[config.scorers[0]].tau;
    const cells = budgets.map((_, b) => meanWithInterval(Array.from({ length: seeds }, (__, s) => matrix[s * budgets.length + b])));
    report.clean.lapses.cells[config.key] = cells;
    lapseRows.push([name, ...cells.map((c) => `${c.mean.toFixed(3)} ± ${c.half.toFixed(3)}`)]);
  }
  print(`Robustness: labeler { model: 'noiseless', lapseRate: 0.05 } (5% of answers random), n = ${n}, ${seeds} seeds, mean Kendall tau ± 95% interval:\n`);
  print(table(['configuration', ...perDatapoint.map((c) => `${c} per datapoint`)], lapseRows));
  print();
}

// --- 5. Interval coverage ------------------------------------------------------------

function coverageSection() {
  const n = 100;
  const seeds = seedCount(100, 8);
  const perDatapoint = [2, 8, 32];
  const budgets = perDatapoint.map((c) => c * n);
  const modes = [
    ['adaptive ratio 0.5', { key: 'ad0.5', pairing: 'adaptive', ratio: 0.5 }],
    ['adaptive ratio 0', { key: 'ad0', pairing: 'adaptive', ratio: 0 }],
    ['informationGain (default ratio)', { key: 'ig', pairing: 'informationGain' }],
    ['roundRobin', { key: 'rr', pairing: 'roundRobin' }],
    ['sort', { key: 'sort', pairing: 'sort' }],
  ];
  const rows = [];
  report.coverage = { n, seeds, budgets, cells: [] };
  for (const labeler of ['thurstone', 'bt']) {
    for (const [name, config] of modes) {
      const start = Date.now();
      const inside = budgets.map(() => new Float64Array(seeds));
      const width = budgets.map(() => new Float64Array(seeds));
      const definition = definitionOf(n, budgets[budgets.length - 1], config);
      for (let seed = 0; seed < seeds; seed++) {
        const truth = truthOf(n, seed);
        const key = `${n} ${seed} ${config.key} ${labeler}`;
        const job = createRankingJob(definition, { seed: `efficiency coverage ${key}` });
        let next = 0;
        drive(job, createLabeler(labeler, truth), createRng(`efficiency coverage answers ${key}`), 1, (completed) => {
          if (completed !== budgets[next]) return true;
          const result = inspect(job.results({ scorer: 'posterior', intervals: true }));
          let hits = 0;
          let spread = 0;
          for (const entry of result.entries) {
            const value = truth.get(entry.datapoint);
            if (entry.lower <= value && value <= entry.upper) hits++;
            spread += entry.upper - entry.lower;
          }
          inside[next][seed] = hits / n;
          width[next][seed] = spread / n;
          next++;
          return next < budgets.length;
        });
      }
      const cells = budgets.map((_, b) => ({ ...meanWithInterval(inside[b]), width: mean(width[b]) }));
      report.coverage.cells.push({ labeler, mode: config.key, cells });
      rows.push([labeler, name, ...cells.map((c) => `${percent(c.mean)} ± ${(100 * c.half).toFixed(1)} (±${int(c.width / 2)})`), cells.every((c) => c.mean >= 0.93 && c.mean <= 0.97) ? 'met' : 'MISSED']);
      progress(`coverage: ${labeler}, ${config.key}, ${seeds} seeds, ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
  }
  print(`## 5. Coverage of the posterior's 95% intervals (n = ${n}, ${seeds} seeds per row)\n`);
  print(`Share of datapoints with lower ≤ true score ≤ upper (± 95% interval over seeds; in brackets the mean half-width of the intervals, Elo points). Target 93–97%; the 'bt' labeler (logistic) is slightly off the posterior's Thurstone model.\n`);
  print(table(['labeler', 'pairing', ...perDatapoint.map((c) => `${c} per datapoint`), 'target'], rows));
  print();
}

// --- 6. Random ratio of informationGain ----------------------------------------------

function ratioSection() {
  const n = 50;
  const seeds = seedCount(200, 16);
  const budgets = budgetsOf(n);
  const ratios = [0, 0.05, 0.1, 0.2, 0.5];
  const labelers = [
    ['thurstone', 'thurstone'],
    ['thurstone, lapse 0.1', { model: 'thurstone', lapseRate: 0.1 }],
    ['crowd (80% bt, 20% random)', 'crowd'],
  ];
  const rows = [];
  report.ratio = { n, seeds, budgets, cells: [] };
  for (const [labelerName, labeler] of labelers) {
    const matrices = new Map();
    for (const ratio of ratios) {
      const start = Date.now();
      const config = { key: `ig${ratio}`, pairing: 'informationGain', ratio, scorers: ['posterior'] };
      matrices.set(ratio, curves(n, seeds, config, { budgets, labeler, tag: `ratio ${labelerName}` }).out.posterior);
      progress(`ratio: ${labelerName}, ${ratio}, ${seeds} seeds, ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
    const base = matrices.get(0.1);
    for (const ratio of ratios) {
      const { tau, rmse } = matrices.get(ratio);
      const label = `ratio ${labelerName} ${ratio}`;
      const cell = {
        labeler: labelerName,
        ratio,
        tau08: crossingWithInterval(tau, seeds, budgets, 0.8, true, `${label} tau`),
        rmse100: crossingWithInterval(rmse, seeds, budgets, 100, false, `${label} rmse`),
        tau08AgainstDefault: pairedDifference(base.tau, tau, seeds, budgets, 0.8, true, `${label} tau`),
        rmse100AgainstDefault: pairedDifference(base.rmse, rmse, seeds, budgets, 100, false, `${label} rmse`),
        meanTau: Array.from(meanCurve(tau, seeds, budgets.length)),
        meanRmse: Array.from(meanCurve(rmse, seeds, budgets.length)),
      };
      report.ratio.cells.push(cell);
      const at = budgets.indexOf(16 * n);
      rows.push([
        labelerName,
        ratio,
        formatCrossing(cell.tau08),
        ratio === 0.1 ? '(default)' : formatDifference(cell.tau08AgainstDefault),
        formatCrossing(cell.rmse100),
        ratio === 0.1 ? '(default)' : formatDifference(cell.rmse100AgainstDefault),
        cell.meanTau[at].toFixed(3),
        int(cell.meanRmse[at]),
      ]);
    }
  }
  print(`## 6. informationGain's random ratio (n = ${n}, ${seeds} seeds per row)\n`);
  print(`Comparisons to reach mean tau 0.8 and RMSE 100 [95% bootstrap interval], and the difference from the default ratio 0.1 on the same truths [paired 95% bootstrap interval; negative = fewer comparisons than 0.1].\n`);
  print(table(['labeler', 'ratio', 'tau 0.8', 'vs 0.1', 'RMSE 100', 'vs 0.1', `tau at ${16 * n}`, `RMSE at ${16 * n}`], rows));
  print();
}

// --- 7. Cost -------------------------------------------------------------------------

function costSection() {
  const n = QUICK ? 20_000 : 100_000;
  const comparisons = QUICK ? 20_000 : 200_000;
  const runs = QUICK ? 3 : 7;
  const truth = new Map(idsOf(n).map((id, i) => [id, 1200 + 400 * Math.sin(i)]));
  // A cheap Bradley–Terry labeler on the Elo scale: one Map lookup per side.
  const labeler = (matchup, answers) => (answers() < 1 / (1 + 10 ** ((truth.get(matchup.right) - truth.get(matchup.left)) / 400)) ? 'left' : 'right');
  const modes = {
    'adaptive 0.5 (old default)': { pairing: 'adaptive', ratio: 0.5 },
    'informationGain (default ratio)': { pairing: 'informationGain' },
  };
  const costs = Object.fromEntries(Object.keys(modes).map((name) => [name, []]));
  const timed = (name) => {
    const job = createRankingJob(definitionOf(n, comparisons, modes[name]), { seed: `efficiency cost ${name}` });
    const answers = createRng('efficiency cost answers');
    const start = process.hrtime.bigint();
    for (let k = 0; k < comparisons; k++) {
      const [matchup] = job.nextMatchups(1);
      job.recordResponse(matchup.id, labeler(matchup, answers));
    }
    return Number(process.hrtime.bigint() - start) / comparisons;
  };
  for (const name of Object.keys(modes)) timed(name);
  for (let run = 0; run < runs; run++) for (const name of Object.keys(modes)) costs[name].push(timed(name));
  const medians = Object.fromEntries(Object.entries(costs).map(([name, values]) => [name, median(values)]));
  const [adaptive, informationGain] = Object.values(medians);
  const ratio = informationGain / adaptive;

  const big = QUICK ? 100_000 : 1_000_000;
  const bigComparisons = QUICK ? 2_000 : 10_000;
  const bigIds = idsOf(big);
  const bigTruth = new Map(bigIds.map((id, i) => [id, 1200 + 400 * Math.sin(i)]));
  const bigLabeler = createLabeler('thurstone', bigTruth);
  const clock = () => Number(process.hrtime.bigint()) / 1e6;
  let at = clock();
  const definition = definitionOf(big, 10 * big, { pairing: 'informationGain' });
  const job = createRankingJob(definition, { seed: 'efficiency million' });
  const createMs = clock() - at;
  at = clock();
  const answers = createRng('efficiency million answers');
  for (let k = 0; k < bigComparisons; k++) {
    const [matchup] = job.nextMatchups(1);
    job.recordResponse(matchup.id, bigLabeler(matchup, answers));
  }
  const comparisonsMs = clock() - at;
  at = clock();
  const result = inspect(job.results());
  const resultsMs = clock() - at;
  const finite = result.entries.every((entry) => Number.isFinite(entry.score) && Number.isFinite(entry.standardError));
  const million = { n: big, comparisons: bigComparisons, createMs, comparisonsMs, resultsMs, entries: result.entries.length, finite, rssMiB: process.memoryUsage().rss / 2 ** 20 };
  report.cost = { n, comparisons, runs, nsPerComparison: medians, ratio, all: costs, million };

  print(`## 7. Cost per comparison (nextMatchups(1) + recordResponse, n = ${int(n)}, ${int(comparisons)} comparisons per run, median of ${runs} interleaved runs)\n`);
  print(table(['pairing', 'ns per comparison', 'runs (ns)'], Object.entries(medians).map(([name, ns]) => [name, int(ns), costs[name].map(int).join(', ')])));
  print(`\ninformationGain / adaptive: ${ratio.toFixed(2)}× (target ≤ 3×: ${ratio <= 3 ? 'met' : 'MISSED'})\n`);
  print(`n = ${int(big)}: createRankingJob ${(createMs / 1000).toFixed(2)} s, ${int(bigComparisons)} informationGain comparisons ${(comparisonsMs / 1000).toFixed(2)} s (${int((1e6 * comparisonsMs) / bigComparisons)} ns each), results() ${(resultsMs / 1000).toFixed(2)} s; ${int(million.entries)} entries, all finite: ${finite}; resident memory ${int(million.rssMiB)} MiB\n`);
}

// --- 8. stopWhen ---------------------------------------------------------------------

function stopSection() {
  const seeds = seedCount(400, 10);
  const rules = [{ confidence: 0.9 }, { confidence: 0.9, top: 3 }, { confidence: 0.95 }, { confidence: 0.95, top: 3 }];
  const rows = [];
  report.stop = { seeds, cells: [] };
  for (const spread of [800, 200]) {
    for (const n of [10, 30]) {
      const budget = (QUICK ? 50 : 200) * n;
      for (const rule of rules) {
        const start = Date.now();
        const config = { key: `stop ${rule.confidence} ${rule.top ?? 'all'}`, pairing: 'informationGain', stopWhen: rule };
        const definition = definitionOf(n, budget, config);
        let settled = 0;
        let right = 0;
        let rightUnsettled = 0;
        let used = 0;
        let usedSettled = 0;
        let saved = 0;
        for (let seed = 0; seed < seeds; seed++) {
          const truth = truthOf(n, seed, spread);
          const trueOrder = [...truth.keys()].sort((a, b) => truth.get(b) - truth.get(a));
          const key = `${n} ${spread} ${seed} ${config.key}`;
          const job = createRankingJob(definition, { seed: `efficiency stop ${key}` });
          drive(job, createLabeler('thurstone', truth), createRng(`efficiency stop answers ${key}`), 1, () => true);
          const ranking = job.progress().perRanking[0];
          const order = inspect(job.results()).entries.map((entry) => entry.datapoint);
          const k = rule.top ?? n;
          const correct = order.slice(0, k).every((id, i) => id === trueOrder[i]);
          used += ranking.completed;
          saved += ranking.saved;
          if (ranking.settled) {
            settled++;
            usedSettled += ranking.completed;
            if (correct) right++;
          } else if (correct) rightUnsettled++;
        }
        const accuracy = wilson(right, settled);
        const cell = { spread, n, budget, rule, seeds, settled, right, rightUnsettled, accuracy, meanUsed: used / seeds, meanUsedSettled: settled ? usedSettled / settled : NaN, savedShare: saved / (seeds * budget) };
        report.stop.cells.push(cell);
        const verdict = settled === 0 ? '–' : accuracy.share >= rule.confidence ? 'met' : accuracy.high >= rule.confidence ? 'missed (within noise)' : 'MISSED';
        rows.push([
          spread,
          n,
          `${rule.confidence}${rule.top === undefined ? '' : `, top ${rule.top}`}`,
          `${settled}/${seeds}`,
          settled === 0 ? '–' : `${percent(accuracy.share)} [${percent(accuracy.low)}–${percent(accuracy.high)}]`,
          verdict,
          settled === 0 ? '–' : int(cell.meanUsedSettled),
          int(budget),
          percent(cell.savedShare),
        ]);
        progress(`stop: spread ${spread}, n = ${n}, ${config.key}, ${seeds} seeds, ${((Date.now() - start) / 1000).toFixed(1)} s`);
      }
    }
  }
  print(`## 8. stopWhen calibration (informationGain, thurstone labeler, default posterior options, budget ${QUICK ? 50 : 200} per datapoint, ${seeds} seeds per row)\n`);
  print(`"right" = results() has the exact order (or the exact top k in order) when the ranking stopped; the share must be at least the confidence. Spread 800 is easy (datapoints far apart), 200 hard.\n`);
  print(table(['spread', 'n', 'stopWhen', 'settled', 'right when settled [95%]', '≥ confidence', 'comparisons when settled', 'budget', 'budget saved'], rows));
  print();
}

// --- Run -----------------------------------------------------------------------------

const RUNNERS = { anchors: anchorsSection, large: largeSection, inflight: inflightSection, clean: cleanSection, coverage: coverageSection, ratio: ratioSection, cost: costSection, stop: stopSection };
const started = Date.now();
const timings = {};
print(`# pairwise-elo efficiency, Node ${process.version}${QUICK ? ' (quick)' : ''}${SEEDS === null ? '' : `, ${SEEDS} seeds per cell`}\n`);
for (const name of SECTIONS) {
  if (!ONLY.includes(name)) continue;
  const start = Date.now();
  Object.assign(tally, { calls: 0, unconverged: 0, nonFinite: 0 });
  RUNNERS[name]();
  timings[name] = (Date.now() - start) / 1000;
  report[name] = { ...report[name], results: { ...tally } };
  print(`results() calls in this section: ${int(tally.calls)}; fits that hit their iteration cap unconverged: ${int(tally.unconverged)}; non-finite scores or sds: ${int(tally.nonFinite)}\n`);
  progress(`${name}: ${timings[name].toFixed(1)} s`);
}
const total = (Date.now() - started) / 1000;
print(`Section times (s): ${Object.entries(timings).map(([name, s]) => `${name} ${s.toFixed(0)}`).join(', ')}; total ${total.toFixed(0)} s`);
if (flags.json) console.log(JSON.stringify({ node: process.version, quick: QUICK, seeds: SEEDS, timings, total, ...report }, (_, value) => (value === Infinity ? 'Infinity' : value), 2));
