/**
 * Spearman's rank correlation (C. Spearman, "The proof and measurement of association
 * between two things", American Journal of Psychology 15(1), 1904): Pearson's
 * correlation of the two rankings' average ranks, which is how ties are handled in
 * Kendall, "The treatment of ties in ranking problems", Biometrika 33(3), 1945, and in
 * SciPy's `spearmanr`.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { averageRanks } from './averageRanks.js';
import { pairedScores, type ScoreMap } from './scoreMap.js';

/**
 * Spearman's rho between two score maps over the same datapoints: +1 when they rank the
 * datapoints identically, −1 when one ranking is the other reversed, near 0 for
 * unrelated orders. Tied scores get the average of the ranks they span, and rho is the
 * Pearson correlation of those ranks (without ties this equals 1 − 6Σd² / (n(n² − 1))).
 * Runs in O(n log n) time and O(n) memory.
 *
 * @param a - Scores keyed by datapoint (e.g. a ranking's Elo scores).
 * @param b - Scores of the same datapoints (e.g. the hidden true scores).
 * @returns rho in [−1, 1]; NaN when every datapoint has the same score in a or in b
 *   (the correlation is undefined then, as in SciPy's `spearmanr`).
 * @throws {@link RankingInputError} when the maps cover different datapoints, have fewer
 *   than 2 entries, or hold a score that is not finite.
 * @example
 * ```ts
 * spearmanRho(new Map([['x', 5], ['y', 3], ['z', 3], ['w', 1]]), new Map([['x', 4], ['y', 3], ['z', 2], ['w', 1]])); // 0.9486…
 * ```
 */
export function spearmanRho(a: ScoreMap, b: ScoreMap): number {
  const { x, y } = pairedScores(a, b);
  if (x.length < 2) throw new RankingInputError('a', `needs at least 2 datapoints, got ${x.length}`);
  return spearmanRhoOfRanks(averageRanks(x), averageRanks(y));
}

/**
 * Pearson's correlation of two arrays of average ranks (from {@link averageRanks}, same
 * length n ≥ 2: callers have checked), so `rankingAccuracy` can reuse the ranks. O(n).
 * @internal
 */
export function spearmanRhoOfRanks(rankX: Float64Array, rankY: Float64Array): number {
  const n = rankX.length;
  // Average ranks always sum to n(n + 1)/2, so the mean is known. Deviations from it are
  // multiples of ½ and their products of ¼, so every sum below is exact (up to about
  // 300 000 datapoints) and all-tied input gives exactly zero variance.
  const mean = (n + 1) / 2;
  let sumXY = 0;
  let sumXX = 0;
  let sumYY = 0;
  for (let i = 0; i < n; i++) {
    const dx = rankX[i]! - mean;
    const dy = rankY[i]! - mean;
    sumXY += dx * dy;
    sumXX += dx * dx;
    sumYY += dy * dy;
  }
  if (sumXX === 0 || sumYY === 0) return Number.NaN;
  // Rounding in the square root can put a perfect correlation a hair outside [−1, 1].
  return Math.max(-1, Math.min(1, sumXY / Math.sqrt(sumXX * sumYY)));
}
