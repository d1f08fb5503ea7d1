/**
 * Precision at k (as in information retrieval: C. D. Manning, P. Raghavan, H. Schütze,
 * "Introduction to Information Retrieval", Cambridge University Press, 2008, §8.4),
 * with ties at the k-th place resolved in expectation rather than arbitrarily: a tie
 * group straddling the boundary puts each member in the top k with probability
 * (places left for the group) / (group size), as uniform random tie-breaking would.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { averageRanks } from './averageRanks.js';
import { pairedScores, type ScoreMap } from './scoreMap.js';

/**
 * The share of b's top k datapoints that are also in a's top k (a the estimate, b the
 * truth; with the same k on both sides the measure is symmetric). When tied scores
 * straddle the k-th place, each tied datapoint belongs to the top k with weight
 * (places left for its tie group) / (size of the group), and precision is
 * Σ weightInA × weightInB / k: the expected overlap, over k, when ties in a and in b are
 * broken uniformly at random and independently. So a map compared with itself scores 1
 * unless a tie straddles the k-th place. Runs in O(n log n) time and O(n) memory.
 *
 * @param a - Estimated scores keyed by datapoint (e.g. a ranking's Elo scores).
 * @param b - True scores of the same datapoints.
 * @param k - How many top places to compare: an integer from 1 to the number of datapoints.
 * @returns Precision in [0, 1], higher is better: 1 when both top k are the same set.
 * @throws {@link RankingInputError} when the maps cover different datapoints, have fewer
 *   than 2 entries, or hold a score that is not finite (path `a`, `b` or the entry), or
 *   when k is not an integer from 1 to the number of datapoints (path `k`).
 * @example
 * ```ts
 * const estimate = new Map([['w', 4], ['x', 3], ['y', 2], ['z', 1]]);
 * const truth = new Map([['w', 40], ['x', 10], ['y', 30], ['z', 20]]);
 * topKPrecision(estimate, truth, 2); // 0.5: top two {w, x} against {w, y}
 * ```
 */
export function topKPrecision(a: ScoreMap, b: ScoreMap, k: number): number {
  const { x, y } = pairedScores(a, b);
  if (x.length < 2) throw new RankingInputError('a', `needs at least 2 datapoints, got ${x.length}`);
  requireTopK(k, x.length, 'k');
  return topKPrecisionOfRanks(averageRanks(x), averageRanks(y), k);
}

/**
 * `value` checked to be an integer from 1 to `n`, the number of datapoints. O(1).
 * @internal
 */
export function requireTopK(value: unknown, n: number, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > n) {
    throw new RankingInputError(path, `must be an integer from 1 to the number of datapoints (${n}), got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Precision at k from two arrays of average ranks (from {@link averageRanks}, same
 * length n, 1 ≤ k ≤ n: callers have checked), so `rankingAccuracy` can reuse the
 * ranks. O(n).
 * @internal
 */
export function topKPrecisionOfRanks(rankX: Float64Array, rankY: Float64Array, k: number): number {
  const groupSizesX = tieGroupSizes(rankX);
  const groupSizesY = tieGroupSizes(rankY);
  let overlap = 0;
  for (let i = 0; i < rankX.length; i++) {
    const weightX = topKWeight(rankX[i]!, groupSizesX[2 * rankX[i]!]!, k);
    if (weightX === 0) continue;
    overlap += weightX * topKWeight(rankY[i]!, groupSizesY[2 * rankY[i]!]!, k);
  }
  // The weights of each side sum to k, so overlap ≤ k; rounding in the sum of fractions
  // could still land a hair above it.
  return Math.min(1, overlap / k);
}

// How many datapoints share each average rank, indexed by 2 × rank (ranks are whole or
// half integers in [1, n]): a tie group is exactly the datapoints with one average rank.
function tieGroupSizes(ranks: Float64Array): Uint32Array {
  const sizes = new Uint32Array(2 * ranks.length + 1);
  for (const rank of ranks) sizes[2 * rank]!++;
  return sizes;
}

// The group of `size` with average rank `rank` spans places rank − (size − 1)/2 to
// rank + (size − 1)/2; the places among them that are ≤ k are shared by its members.
function topKWeight(rank: number, size: number, k: number): number {
  const placesBefore = rank - (size + 1) / 2;
  return Math.min(Math.max(k - placesBefore, 0), size) / size;
}
