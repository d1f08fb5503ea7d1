/**
 * Whether a ranking's order is settled (the stopWhen rule). Walking the posterior
 * order from the top, it adds up the probabilities that pairs are the wrong way round,
 * Φ(−(μ_upper − μ_lower) / √(σ_upper² + σ_lower²)): every adjacent pair of the whole
 * order, or, when only the best k matter, the adjacent pairs within the top k and the
 * k-th against every datapoint below it. A wrong order has an adjacent pair the wrong
 * way round, and a wrong top k (as a list) has either that or someone below beating the
 * k-th, so by the union bound the order, or the top k in order, is right with
 * probability at least `confidence` once the sum is at most 1 − confidence. The
 * variance of a difference is taken as the sum of the two variances, ignoring their
 * (positive) correlation through shared opponents, which only overstates it: the rule
 * errs on the side of going on.
 * @internal
 * @module
 */
import type { StopWhenParameters } from '../definition/types.js';
import { standardNormalCdf } from '../stats/normalDistribution.js';
import type { RankingState } from '../state/rankingState.js';

/**
 * Whether `state`'s posterior order is settled to `rule`. Needs the mean index. Stops
 * walking as soon as the sum passes 1 − confidence (usually within a few pairs while
 * the order is unsettled); O(n) at most.
 */
export function isSettled(state: RankingState, rule: StopWhenParameters): boolean {
  const allowed = 1 - rule.confidence;
  const top = rule.top === null ? state.size : Math.min(rule.top, state.size);
  const { means, variances } = state;
  const reversed = (upper: number, lower: number) =>
    standardNormalCdf(-(means[upper]! - means[lower]!) / Math.sqrt(variances[upper]! + variances[lower]!));
  let rank = 0;
  let previous = -1;
  let kth = -1;
  let wrong = 0;
  state.meanIndex!.forEachDescending((x) => {
    rank++;
    if (rank > 1) wrong += reversed(rank <= top ? previous : kth, x);
    if (rank === top) kth = x;
    previous = x;
    return wrong <= allowed;
  });
  return wrong <= allowed;
}
