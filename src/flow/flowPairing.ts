/**
 * Pair selection within one batch, on the batch's block of the item columns: a
 * uniformly random pair (selection/randomPair.ts), or a close pair as a job with
 * adaptive pairing picks it (selection/closePair.ts): a least-exposed anchor, chosen
 * uniformly among the datapoints with the fewest matchups, against one of its
 * `candidates` nearest datapoints by rating (offset + tieKey × grid step), the k-th
 * nearest with weight c − k + 1, skipping the anchor's latest opponent when another
 * candidate exists. Batches are small, so both scans are linear: O(n × c) for n
 * datapoints, no index to keep up to date.
 * @internal
 * @module
 */
import { indexFromUniform } from '../rng/uniformDraws.js';
import type { LiveItems } from './flowItems.js';

/** Scratch space for {@link pickCloseInBlock} with up to `candidates` candidates. */
export interface CloseScratch {
  readonly found: Int32Array;
  readonly distances: Float64Array;
}

/** Scratch for up to `candidates` candidates (one more is looked at, in case the latest opponent is skipped). */
export function createCloseScratch(candidates: number): CloseScratch {
  return { found: new Int32Array(candidates + 1), distances: new Float64Array(candidates + 1) };
}

/**
 * Writes a close pair (anchor, opponent) of the batch at `base` with `size` datapoints
 * to `out`, as indices within the batch, from draws u1 (anchor) and u2 (opponent).
 */
export function pickCloseInBlock(
  items: LiveItems,
  base: number,
  size: number,
  candidateCount: number,
  quantum: number,
  u1: number,
  u2: number,
  scratch: CloseScratch,
  out: Int32Array,
): void {
  const { exposure, offsets, tieKeys } = items;
  let least = exposure[base]!;
  let tied = 1;
  for (let i = 1; i < size; i++) {
    const e = exposure[base + i]!;
    if (e < least) {
      least = e;
      tied = 1;
    } else if (e === least) tied++;
  }
  let pick = indexFromUniform(u1, tied);
  let anchor = 0;
  for (let i = 0; i < size; i++) {
    if (exposure[base + i] === least && pick-- === 0) {
      anchor = i;
      break;
    }
  }
  // The c + 1 nearest by sort key, nearest first (ties to the lower index), by insertion.
  const { found, distances } = scratch;
  const wanted = Math.min(candidateCount + 1, size - 1);
  const key = offsets[base + anchor]! + tieKeys[base + anchor]! * quantum;
  let count = 0;
  for (let i = 0; i < size; i++) {
    if (i === anchor) continue;
    const distance = Math.abs(offsets[base + i]! + tieKeys[base + i]! * quantum - key);
    if (count === wanted && !(distance < distances[count - 1]!)) continue;
    let at = count < wanted ? count++ : count - 1;
    while (at > 0 && distances[at - 1]! > distance) {
      distances[at] = distances[at - 1]!;
      found[at] = found[at - 1]!;
      at--;
    }
    distances[at] = distance;
    found[at] = i;
  }
  const previous = items.lastOpponent[base + anchor]!;
  let kept = 0;
  for (let k = 0; k < count && kept < candidateCount; k++) {
    const candidate = found[k]!;
    if (candidate !== previous || count === 1) found[kept++] = candidate;
  }
  // Linear weights c, c − 1, …, 1 over the kept candidates, nearest first.
  let target = u2 * ((kept * (kept + 1)) / 2);
  let chosen = 0;
  for (let k = 0; k < kept - 1; k++) {
    target -= kept - k;
    if (target < 0) break;
    chosen = k + 1;
  }
  out[0] = anchor;
  out[1] = found[chosen]!;
}
