/**
 * Close matchups: a least-compared anchor against one of its nearest neighbours
 * by current rating.
 *
 * Anchor: uniformly among the datapoints with the fewest matchups (pending ones
 * count, released ones do not). Because every close matchup takes a least-exposed
 * anchor, after m close matchups with none released every datapoint is in at least
 * ⌊m / n⌋ of them: each matchup lowers the number of datapoints at the minimum by one,
 * so the minimum rises at least every n. A release lowers two counts, and those
 * datapoints are then the first anchors.
 *
 * Opponent: among the anchor's `candidates` nearest datapoints by rating, the k-th
 * nearest (k = 1…c) with weight c − k + 1, so nearer ones are more likely while every
 * candidate keeps a chance (a strict "nearest only" rule would lock pairs in place).
 * The opponent of the anchor's latest matchup (released ones included: the labeler
 * may have seen it) is skipped whenever another candidate exists, so the same pair is
 * not shown twice in a row.
 *
 * Cost: O(log B + c) with the ordered rating index (B ≤ 64 its block size); a small
 * ranking sorts its few datapoints instead (state/smallRankingOrder.ts).
 * @internal
 * @module
 */
import type { RankingState } from '../state/rankingState.js';

/** A scratch buffer for {@link pickClosePair} with up to `candidates` candidates. */
export function createCloseScratch(candidates: number): Int32Array {
  // One candidate more than asked (see below).
  return new Int32Array(candidates + 1);
}

/**
 * Writes a close pair (anchor, opponent) of `state` to `out`, from draws u1 (anchor)
 * and u2 (opponent), using `candidates` (from {@link createCloseScratch}) as scratch.
 * The state's pairing must allow close matchups.
 */
export function pickClosePair(
  state: RankingState,
  candidateCount: number,
  u1: number,
  u2: number,
  candidates: Int32Array,
  out: Int32Array,
): void {
  const anchor = state.pickLeastExposed(u1);
  // One extra, in case the previous opponent is among them and gets skipped.
  const found = state.nearestByRating(anchor, candidateCount + 1, candidates);
  const previous = state.lastOpponentOf(anchor);
  let kept = 0;
  for (let k = 0; k < found && kept < candidateCount; k++) {
    const candidate = candidates[k]!;
    if (candidate !== previous || found === 1) candidates[kept++] = candidate;
  }
  // Linear weights c, c − 1, …, 1 over the kept candidates, nearest first.
  const total = (kept * (kept + 1)) / 2;
  let target = u2 * total;
  let chosen = 0;
  for (let k = 0; k < kept - 1; k++) {
    target -= kept - k;
    if (target < 0) break;
    chosen = k + 1;
  }
  out[0] = anchor;
  out[1] = candidates[chosen]!;
}
