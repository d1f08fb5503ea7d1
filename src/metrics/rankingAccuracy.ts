/**
 * Every ranking-accuracy metric of an estimated ranking against the truth, from one
 * pairing of the two score maps (a simulation calls this once per simulated job).
 * The metrics and their sources: Kendall's tau-b (`kendallTau.ts`), Spearman's rho
 * (`spearmanRho.ts`), precision at k (`topKPrecision.ts`), largest rank displacement
 * (`maxRankDisplacement.ts`) and mean absolute rank error (`meanAbsoluteRankError.ts`).
 * @module
 */
import { RankingInputError } from '../errors.js';
import { ownValue, requireOptionsObject } from '../validate.js';
import { averageRanks } from './averageRanks.js';
import { kendallTauOfArrays } from './kendallTau.js';
import { maxRankDisplacementOfRanks } from './maxRankDisplacement.js';
import { meanAbsoluteRankErrorOfRanks } from './meanAbsoluteRankError.js';
import { pairedScores, type ScoreMap } from './scoreMap.js';
import { spearmanRhoOfRanks } from './spearmanRho.js';
import { requireTopK, topKPrecisionOfRanks } from './topKPrecision.js';

/**
 * The names of the metrics in a {@link RankingAccuracy}, in a fixed order: iterate over
 * them to read every metric (`accuracy[metric]`).
 */
export const RANKING_METRICS = /* @__PURE__ */ Object.freeze([
  'kendallTau',
  'spearmanRho',
  'topKPrecision',
  'maxRankDisplacement',
  'meanAbsoluteRankError',
] as const);

/** The name of one metric of a {@link RankingAccuracy}. */
export type RankingMetric = (typeof RANKING_METRICS)[number];

/** Options of {@link rankingAccuracy}. */
export interface RankingAccuracyOptions {
  /**
   * How many top places {@link RankingAccuracy.topKPrecision} compares: an integer from 1
   * to the number of datapoints n.
   * @defaultValue min(10, max(1, ⌊n / 4⌋))
   */
  topK?: number | undefined;
}

/** How close an estimated ranking is to the true one, by several measures. */
export interface RankingAccuracy {
  /** Kendall's tau-b, in [−1, 1], higher is better (1: same order); NaN when either side has all scores equal. */
  readonly kendallTau: number;
  /** Spearman's rho on average ranks, in [−1, 1], higher is better (1: same order); NaN when either side has all scores equal. */
  readonly spearmanRho: number;
  /** The k that {@link RankingAccuracy.topKPrecision} used, from 1 to n. */
  readonly topK: number;
  /** Share of the true top k also in the estimated top k (ties at the boundary counted in expectation), in [0, 1], higher is better. */
  readonly topKPrecision: number;
  /** Largest |estimated rank − true rank| over datapoints (average ranks for ties), in [0, n − 1], lower is better. */
  readonly maxRankDisplacement: number;
  /** Mean |estimated rank − true rank| over datapoints (average ranks for ties), in [0, ⌊n²/2⌋ / n], lower is better. */
  readonly meanAbsoluteRankError: number;
}

/**
 * All five ranking-accuracy metrics of `estimate` against `truth`, each equal to its own
 * function (`kendallTau`, `spearmanRho`, `topKPrecision`, `maxRankDisplacement`,
 * `meanAbsoluteRankError`) but computed from one pairing of the maps and one ranking of
 * each side. Rank 1 is the highest score; tied scores share average ranks. Runs in
 * O(n log n) time and O(n) memory; neither map is changed.
 *
 * @param estimate - Estimated scores keyed by datapoint (e.g. a ranking's Elo scores).
 * @param truth - True scores of the same datapoints.
 * @param options - See {@link RankingAccuracyOptions}.
 * @returns A plain {@link RankingAccuracy}.
 * @throws {@link RankingInputError} when the maps cover different datapoints, have fewer
 *   than 2 entries, or hold a score that is not finite (the path calls `estimate` `a` and
 *   `truth` `b`, as the single metrics do), for an unknown option, or when `options.topK`
 *   is not an integer from 1 to the number of datapoints.
 * @example
 * ```ts
 * const truth = new Map([['w', 4], ['x', 3], ['y', 2], ['z', 1]]);
 * rankingAccuracy(new Map([['w', 1300], ['x', 1200], ['y', 1250], ['z', 1100]]), truth, { topK: 2 });
 * // { kendallTau: 0.667, spearmanRho: 0.8, topK: 2, topKPrecision: 0.5, maxRankDisplacement: 1, meanAbsoluteRankError: 0.5 }
 * ```
 */
export function rankingAccuracy(estimate: ScoreMap, truth: ScoreMap, options: RankingAccuracyOptions = {}): RankingAccuracy {
  const { x, y } = pairedScores(estimate, truth);
  const n = x.length;
  if (n < 2) throw new RankingInputError('a', `needs at least 2 datapoints, got ${n}`);
  const object = requireOptionsObject(options, ['topK'], 'options', 'options.');
  const topKOption = ownValue(object, 'topK');
  // The best quarter, never empty, and capped at 10 so that with many datapoints the
  // metric still asks about the few at the very top.
  const topK = topKOption === undefined ? Math.min(10, Math.max(1, Math.floor(n / 4))) : requireTopK(topKOption, n, 'options.topK');
  const rankX = averageRanks(x);
  const rankY = averageRanks(y);
  return {
    kendallTau: kendallTauOfArrays(x, y),
    spearmanRho: spearmanRhoOfRanks(rankX, rankY),
    topK,
    topKPrecision: topKPrecisionOfRanks(rankX, rankY, topK),
    maxRankDisplacement: maxRankDisplacementOfRanks(rankX, rankY),
    meanAbsoluteRankError: meanAbsoluteRankErrorOfRanks(rankX, rankY),
  };
}
