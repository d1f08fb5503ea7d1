/**
 * The cells of a convergence sweep, the seeds of each run, and one batch of runs.
 *
 * Seeds use common random numbers (a standard variance-reduction design for comparing
 * simulated systems): for seed index i, every cell with the same datapoint count shares
 * the hidden truth, and cells that differ only in budget share the job's and labeler's
 * random streams, so a larger budget continues the smaller one's run. Differences
 * between strategies and budgets are then measured on the same truths. The trust
 * dimension is left out of the streams too: `'none'` and `'consensus'` cells score the
 * same jobs, and `'validation'` cells run them with validation matchups mixed in.
 * @module
 */
import { createRankingJobDefinition } from '../definition/createRankingJobDefinition.js';
import type { RankingJobDefinition } from '../definition/types.js';
import { createRankingJob } from '../job/createRankingJob.js';
import { BRADLEY_TERRY_DEFAULTS, type BradleyTerryEntry } from '../bradleyTerry/fitBradleyTerry.js';
import { RANKING_METRICS, rankingAccuracy } from '../metrics/rankingAccuracy.js';
import { fitRanking } from '../results/bradleyTerryResult.js';
import { CONVERGENCE_METRICS, sweepMetrics } from './convergenceMetrics.js';
import { createRng } from '../rng/createRng.js';
import { generateTrueScores } from '../simulation/generateTrueScores.js';
import { createLabeler, labelerName, type LabelerSpec } from '../simulation/labelerSpec.js';
import { answerUntilDone, withValidationFromTruth } from '../simulation/simulateRankingJob.js';
import { VALIDATION_FROM_TRUTH_DEFAULTS } from '../simulation/validationMatchupsFromTruth.js';
import { labelerWeightsFromTrust } from '../trust/labelerWeightsFromTrust.js';
import type { RankingJob } from '../job/types.js';
import type { ConvergenceCellKey, ConvergenceTrust, NormalizedConvergenceConfig } from './convergenceTypes.js';

/** A cell with what its runs need. @internal */
export interface PreparedCell extends ConvergenceCellKey {
  readonly labelerSpec: LabelerSpec;
  readonly definition: RankingJobDefinition;
  readonly ids: readonly string[];
  readonly topK: number;
  /** Seed prefix of the job and labeler streams (everything but the budget). */
  readonly streamKey: string;
}

/** Numbers per run in a batch's result of a sweep without a trust dimension: one per metric. @internal */
export const VALUES_PER_RUN = CONVERGENCE_METRICS.length;

/** Numbers per run in a batch's result: one per metric the sweep measures. @internal */
export function valuesPerRun(config: Pick<NormalizedConvergenceConfig, 'trust'>): number {
  return sweepMetrics(config).length;
}

// The Bradley–Terry scorer as job.results uses it by default.
const BRADLEY_TERRY_SCORING = { prior: BRADLEY_TERRY_DEFAULTS.prior, positionEffect: false, weightOf: () => 1 };
// A sweep without the trust dimension: one pass, and no `trust` key on its cells.
const NO_TRUST: readonly (ConvergenceTrust | undefined)[] = [undefined];
// Exact standard errors cost O(n³); larger simulated rankings use the O(pairs) approximation.
const EXACT_STANDARD_ERRORS_UP_TO = 200;
// Φ⁻¹(0.975): the half-width of a 95% interval in standard errors.
const Z_95 = 1.959963984540054;

/**
 * Every cell of the sweep, in a fixed order: datapoint count, then budget, pairing, random ratio,
 * responses, labeler, scorer, trust. Round-robin pairing has no random ratio, so it gets one cell. @internal
 */
export function convergenceCells(config: NormalizedConvergenceConfig): PreparedCell[] {
  const cells: PreparedCell[] = [];
  for (const datapoints of config.datapoints) {
    const ids = Array.from({ length: datapoints }, (_, i) => `d${i}`);
    const budgets = config.budgets ?? config.perDatapoint!.map((share) => Math.max(1, Math.round(share * datapoints)));
    for (const budget of [...new Set(budgets)]) {
      for (const pairing of config.pairings) {
        const ratios = pairing === 'roundRobin' ? [null] : config.randomRatios;
        for (const randomRatio of ratios) {
          for (const responses of config.responses) {
            config.labelers.forEach((labelerSpec, labelerIndex) => {
              const definition = createRankingJobDefinition({
                name: 'convergence sweep',
                instruction: 'simulated',
                datapoints: [ids],
                comparisonBudgetPerRanking: budget,
                responsesPerComparison: responses,
                pairing,
                ...(randomRatio === null ? {} : { randomComparisonsRatio: randomRatio }),
                elo: config.elo,
              });
              const labeler = labelerName(labelerSpec);
              // The scorer and trust are left out: they score the same simulated jobs (with validation matchups added for 'validation').
              const streamKey = JSON.stringify([config.seed, datapoints, pairing, randomRatio, responses, labelerSpec]);
              const topK = config.topK ?? Math.min(10, Math.max(1, Math.floor(datapoints / 4)));
              for (const scorer of config.scorers) {
                for (const trust of config.trust ?? NO_TRUST) {
                  cells.push({
                    cell: cells.length,
                    datapoints,
                    budget,
                    perDatapoint: budget / datapoints,
                    pairing,
                    randomRatio,
                    responses,
                    labeler,
                    labelerIndex,
                    labelerSpec,
                    definition,
                    ids,
                    topK,
                    scorer,
                    ...(trust === undefined ? {} : { trust }),
                    streamKey,
                  });
                }
              }
            });
          }
        }
      }
    }
  }
  return cells;
}

/**
 * Runs seed indices from, from + step, … below `to` of a cell and returns their metrics,
 * `valuesPerRun(config)` numbers per run in `sweepMetrics(config)` order. Deterministic in
 * (config, cell, seed index) alone, so batches can run anywhere, in any order. @internal
 */
export function runCellBatch(config: NormalizedConvergenceConfig, cell: PreparedCell, from: number, to: number, step = 1): Float64Array {
  const perRun = valuesPerRun(config);
  const values = new Float64Array(Math.ceil((to - from) / step) * perRun);
  for (let index = from, run = 0; index < to; index += step, run++) {
    const truth = generateTrueScores(cell.ids, config.trueScores, createRng(JSON.stringify([config.seed, 'truth', cell.datapoints, index])));
    const labeler = createLabeler(cell.labelerSpec, truth);
    const definition =
      cell.trust === 'validation'
        ? withValidationFromTruth(
            cell.definition,
            cell.ids,
            truth,
            { ...VALIDATION_FROM_TRUTH_DEFAULTS, rate: config.validationRate! },
            createRng(`${cell.streamKey}/validation/${index}`),
          )
        : cell.definition;
    const job = createRankingJob(definition, { seed: `${cell.streamKey}/job/${index}` });
    const { responses, validationResponses } = answerUntilDone(job, labeler, createRng(`${cell.streamKey}/labeler/${index}`), config.inFlight);
    const offset = run * perRun;
    const weighted = cell.trust === 'consensus' || cell.trust === 'validation';
    let estimate: Map<string, number>;
    let coverage = Number.NaN;
    if (cell.scorer === 'elo') {
      estimate = new Map(job.results({ scorer: 'elo' })[0]!.entries.map((entry) => [entry.datapoint, entry.score]));
    } else if (cell.scorer === 'posterior') {
      const { entries } = job.results(weighted ? { scorer: 'posterior', labelerWeights: 'trust' } : { scorer: 'posterior' })[0]!;
      estimate = new Map(entries.map((entry) => [entry.datapoint, entry.score]));
      // The posterior is of the scores themselves (its prior is centred where the true
      // scores are drawn), so its intervals are checked against them unshifted.
      coverage = intervalCoverage(entries as readonly ScoreWithError[], truth, null);
    } else {
      const scoring = weighted ? { ...BRADLEY_TERRY_SCORING, weightOf: trustWeights(job) } : BRADLEY_TERRY_SCORING;
      const fit = fitRanking(cell.ids, job.comparisons({ perVote: true }), cell.definition.elo, scoring, EXACT_STANDARD_ERRORS_UP_TO);
      estimate = new Map(fit.entries.map((entry) => [entry.datapoint, entry.score]));
      coverage = intervalCoverage(fit.entries, truth, fit.center);
    }
    const accuracy = rankingAccuracy(estimate, truth, { topK: cell.topK });
    RANKING_METRICS.forEach((metric, m) => {
      values[offset + m] = accuracy[metric];
    });
    values[offset + RANKING_METRICS.length] = coverage;
    if (config.trust !== undefined) {
      values[offset + CONVERGENCE_METRICS.length] = responses - validationResponses;
      values[offset + CONVERGENCE_METRICS.length + 1] = validationResponses;
    }
  }
  return values;
}

// Each labeler's weight as `results({ labelerWeights: 'trust' })` gives it (1 for responses without a labelerId).
function trustWeights(job: RankingJob): (labelerId: string | undefined) => number {
  const weights = labelerWeightsFromTrust(job.labelers());
  return (labelerId) => (labelerId === undefined ? 1 : (weights.get(labelerId) ?? 1));
}

// A score with its standard error (Bradley–Terry) or posterior sd.
type ScoreWithError = Pick<BradleyTerryEntry, 'datapoint' | 'score' | 'standardError'>;

// Share of datapoints whose true score lies within the 95% interval of its score; with a
// center (a Bradley–Terry fit, which identifies only differences), after shifting the
// true scores' mean to it.
function intervalCoverage(entries: readonly ScoreWithError[], truth: ReadonlyMap<string, number>, center: number | null): number {
  let mean = 0;
  for (const entry of entries) mean += truth.get(entry.datapoint)!;
  mean /= entries.length;
  let inside = 0;
  for (const entry of entries) {
    const aligned = center === null ? truth.get(entry.datapoint)! : truth.get(entry.datapoint)! - mean + center;
    if (Math.abs(entry.score - aligned) <= Z_95 * entry.standardError) inside++;
  }
  return inside / entries.length;
}
