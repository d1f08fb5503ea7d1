/**
 * Mean absolute rank error: Spearman's footrule (P. Diaconis and R. L. Graham,
 * "Spearman's footrule as a measure of disarray", JRSS B 39(2), 1977), the sum of
 * |rank differences|, divided by the number of datapoints; ties get average ranks.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { averageRanks } from './averageRanks.js';
import { pairedScores, type ScoreMap } from './scoreMap.js';

/**
 * How many places a datapoint is off on average: the mean of |rank in a − rank in b|
 * over all datapoints, where rank 1 is the highest score and tied scores share the
 * average of the ranks they span. Runs in O(n log n) time and O(n) memory.
 *
 * @param a - Estimated scores keyed by datapoint (e.g. a ranking's Elo scores).
 * @param b - True scores of the same datapoints.
 * @returns A mean in [0, ⌊n²/2⌋ / n], lower is better: 0 when both maps rank every
 *   datapoint the same, ⌊n²/2⌋ / n (about n/2) when one ranking is the other reversed.
 * @throws {@link RankingInputError} when the maps cover different datapoints, have fewer
 *   than 2 entries, or hold a score that is not finite.
 * @example
 * ```ts
 * meanAbsoluteRankError(new Map([['x', 3], ['y', 2], ['z', 1]]), new Map([['x', 10], ['y', 30], ['z', 20]])); // (2 + 1 + 1) / 3 = 1.333…
 * ```
 */
export function meanAbsoluteRankError(a: ScoreMap, b: ScoreMap): number {
  const { x, y } = pairedScores(a, b);
  if (x.length < 2) throw new RankingInputError('a', `needs at least 2 datapoints, got ${x.length}`);
  return meanAbsoluteRankErrorOfRanks(averageRanks(x), averageRanks(y));
}

/**
 * The mean of |rankX[i] − rankY[i]| (same length n ≥ 1: callers have checked), so
 * `rankingAccuracy` can reuse the ranks. O(n).
 * @internal
 */
export function meanAbsoluteRankErrorOfRanks(rankX: Float64Array, rankY: Float64Array): number {
  // Rank differences are whole or half integers, so the sum is exact.
  let sum = 0;
  for (let i = 0; i < rankX.length; i++) sum += Math.abs(rankX[i]! - rankY[i]!);
  return sum / rankX.length;
}
