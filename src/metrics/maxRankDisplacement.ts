/**
 * The largest rank displacement between two rankings: the L∞ distance between rank
 * vectors (Spearman's footrule is the L1 distance; P. Diaconis and R. L. Graham,
 * "Spearman's footrule as a measure of disarray", JRSS B 39(2), 1977), with ties given
 * average ranks.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { averageRanks } from './averageRanks.js';
import { pairedScores, type ScoreMap } from './scoreMap.js';

/**
 * How far the worst-placed datapoint is from its place: the largest |rank in a − rank in b|
 * over all datapoints, where rank 1 is the highest score and tied scores share the average
 * of the ranks they span (so the answer may be a half integer). Runs in O(n log n) time
 * and O(n) memory.
 *
 * @param a - Estimated scores keyed by datapoint (e.g. a ranking's Elo scores).
 * @param b - True scores of the same datapoints.
 * @returns A displacement in [0, n − 1], lower is better: 0 when both maps rank every
 *   datapoint the same, n − 1 when the best of one is the worst of the other.
 * @throws {@link RankingInputError} when the maps cover different datapoints, have fewer
 *   than 2 entries, or hold a score that is not finite.
 * @example
 * ```ts
 * maxRankDisplacement(new Map([['x', 3], ['y', 2], ['z', 1]]), new Map([['x', 10], ['y', 30], ['z', 20]])); // 2: x is 1st in a, 3rd in b
 * ```
 */
export function maxRankDisplacement(a: ScoreMap, b: ScoreMap): number {
  const { x, y } = pairedScores(a, b);
  if (x.length < 2) throw new RankingInputError('a', `needs at least 2 datapoints, got ${x.length}`);
  return maxRankDisplacementOfRanks(averageRanks(x), averageRanks(y));
}

/**
 * The largest |rankX[i] − rankY[i]| (same lengths: callers have checked), so
 * `rankingAccuracy` can reuse the ranks. O(n).
 * @internal
 */
export function maxRankDisplacementOfRanks(rankX: Float64Array, rankY: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < rankX.length; i++) largest = Math.max(largest, Math.abs(rankX[i]! - rankY[i]!));
  return largest;
}
