/**
 * Information-gain matchups: the least-compared datapoint (the anchor) against
 * whichever of its nearest neighbours by posterior mean promises the most information
 * (posterior/expectedInformation.ts).
 *
 * Why not the best of all pairs: that costs O(n²) per pick (ASAP recomputes it, and its
 * whole posterior, for every pair). The best pair almost always joins an uncertain
 * datapoint to one whose score is near its own, because information falls off fast
 * with the gap between means; taking the least-compared datapoint as the anchor and
 * `c` neighbours as candidates finds such a pair in O(log B + c). In simulation it is
 * level with ASAP, which searches every pair with the full posterior (bench/README.md,
 * section 1).
 *
 * Matchups in flight: each datapoint's variance is taken as if its pending matchups had
 * already been answered (expectedInformation.ts, varianceWithPending), and pending
 * matchups count toward the anchor's exposure, so concurrent picks spread over
 * different datapoints instead of piling onto the same uncertain ones.
 *
 * The opponent of the anchor's latest matchup is skipped whenever another candidate
 * exists, so a labeler is not shown the same pair twice in a row. Among equal gains the
 * nearest candidate wins; equal means are ordered by the datapoints' random tie keys.
 * @internal
 * @module
 */
import { expectedInformation, varianceWithPending } from '../posterior/expectedInformation.js';
import type { RankingState } from '../state/rankingState.js';

/**
 * Writes an information-gain pair (anchor, opponent) of `state` to `out`, from draw u1
 * (which least-exposed datapoint anchors), using `candidates` (from
 * `createCloseScratch(candidateCount)`) as scratch. The state must keep the posterior.
 */
export function pickInformativePair(state: RankingState, candidateCount: number, u1: number, candidates: Int32Array, out: Int32Array): void {
  const anchor = state.pickLeastExposed(u1);
  const found = state.nearestByMean(anchor, candidateCount + 1, candidates);
  const previous = state.lastOpponentOf(anchor);
  const { noise } = state.posterior;
  const anchorMean = state.meanOf(anchor);
  const anchorVariance = varianceWithPending(state.varianceOf(anchor), state.pendingOf(anchor), noise);
  let best = -1;
  let chosen = candidates[0]!;
  let considered = 0;
  for (let k = 0; k < found && considered < candidateCount; k++) {
    const candidate = candidates[k]!;
    if (candidate === previous && found > 1) continue;
    considered++;
    const gain = expectedInformation(
      anchorMean,
      anchorVariance,
      state.meanOf(candidate),
      varianceWithPending(state.varianceOf(candidate), state.pendingOf(candidate), noise),
      noise,
    );
    if (gain > best) {
      best = gain;
      chosen = candidate;
    }
  }
  out[0] = anchor;
  out[1] = chosen;
}
