/**
 * Whether a ranking's order is settled (the stopWhen rule). Walking the posterior
 * order from the top, it adds up the probabilities that pairs are the wrong way round,
 * Φ(−(μ_upper − μ_lower) / √(σ_upper² + σ_lower²)): every adjacent pair of the whole
 * order, or, when only the best k matter, the adjacent pairs within the top k and the
 * k-th against every datapoint below it. A wrong order has an adjacent pair the wrong
 * way round, and a wrong top k (as a list) has either that or someone below beating the
 * k-th, so by the union bound the order, or the top k in order, is right with
 * probability at least `confidence` once the sum is at most 1 − confidence. The
 * variance of a difference comes from the joint posterior, covariance included (up to
 * 500 datapoints; above, the sum of the two variances, which only overstates it).
 * @internal
 * @module
 */
import type { StopWhenParameters } from '../definition/types.js';
import { standardNormalCdf } from '../stats/normalDistribution.js';
import type { RankingState } from '../state/rankingState.js';

/**
 * Whether `state`'s posterior order is settled to `rule`. The job's online posterior
 * (one assumed-density update per matchup) is checked first, walking its posterior order and
 * stopping as soon as the sum passes 1 − confidence (usually within a few pairs while
 * the order is unsettled). Its variances run small where comparisons form loops, so
 * when it says settled, `confirm` recomputes the check on the posterior `results()`
 * reports (whose order is also the one that is promised): only both together settle.
 * O(pairs walked) ≤ O(n) while unsettled; the confirmation costs what `results()` does
 * for the ranking.
 */
export function isSettled(
  state: RankingState,
  rule: StopWhenParameters,
  confirm: () => { means: Float64Array; differenceVariance: (a: number, b: number) => number },
): boolean {
  const { means: onlineMeans, variances } = state;
  const online = new OrderCheck(rule, state.size, onlineMeans, (a, b) => ONLINE_VARIANCE_MARGIN * (variances[a]! + variances[b]!));
  state.forEachByMeanDescending((x) => online.next(x));
  if (!online.settled) return false;
  const { means, differenceVariance } = confirm();
  const order = Array.from({ length: state.size }, (_, i) => i);
  order.sort((a, b) => means[b]! - means[a]! || a - b);
  const full = new OrderCheck(rule, state.size, means, differenceVariance);
  for (const x of order) if (!full.next(x)) break;
  return full.settled;
}

// The online variances run small where comparisons form loops; doubling them in the
// first check makes the costly confirmation rarer (the confirmation decides).
const ONLINE_VARIANCE_MARGIN = 2;

// The rule applied along an order fed best first, one datapoint at a time.
class OrderCheck {
  private readonly allowed: number;
  private readonly top: number;
  private rank = 0;
  private previous = -1;
  private kth = -1;
  private wrong = 0;

  constructor(
    rule: StopWhenParameters,
    size: number,
    private readonly means: ArrayLike<number>,
    private readonly differenceVariance: (a: number, b: number) => number,
  ) {
    this.allowed = 1 - rule.confidence;
    this.top = rule.top === null ? size : Math.min(rule.top, size);
  }

  /** Whether the order is (still) settled after the sum so far. */
  get settled(): boolean {
    return this.wrong <= this.allowed;
  }

  /** Takes the next datapoint down; returns whether to go on (the sum is still within bounds). */
  next(x: number): boolean {
    this.rank++;
    if (this.rank > 1) {
      const upper = this.rank <= this.top ? this.previous : this.kth;
      this.wrong += standardNormalCdf(-(this.means[upper]! - this.means[x]!) / Math.sqrt(this.differenceVariance(upper, x)));
    }
    if (this.rank === this.top) this.kth = x;
    this.previous = x;
    return this.settled;
  }
}
