/**
 * Rating order for rankings too small to need a {@link RatingIndex}: the same order
 * (sort key, then offset, tie key and index) and the same answers, found by sorting
 * the few datapoints on each call instead of keeping blocks and a directory, which
 * cost about 3 KB per ranking even for two datapoints.
 *
 * Costs (n ≤ {@link SMALL_RANKING} datapoints): nearest O(n²) comparisons at worst (an insertion
 * sort of at most 16), no memory per ranking.
 * @internal
 * @module
 */
import { SMALL_RANKING } from './datapointColumns.js';
import type { RatingIndex, RatingSource } from './ratingIndex.js';

// Scratch for one call: the sorted datapoints and their sort keys (calls never nest).
let sortedScratch: Int32Array | null = null;
let keyScratch: Float64Array | null = null;

/**
 * Writes into `out` up to `count` datapoints nearest to `x` by rating (x excluded),
 * nearest first, equal gaps alternating between the lower and the upper side: exactly
 * what {@link RatingIndex.nearest} returns for the same ratings. Returns how many.
 * @param source - The ratings and tie keys, from `source.base` on.
 * @param size - Datapoints in the ranking (at most {@link SMALL_RANKING}).
 * @param tieScale - The rating grid: tie keys are scaled to it in sort keys.
 */
export function nearestByScan(source: RatingSource, size: number, tieScale: number, x: number, count: number, out: Int32Array): number {
  const sorted = sortByRating(source, size, tieScale);
  const keys = keyScratch!;
  let at = 0;
  while (sorted[at] !== x) at++;
  const centre = keys[x]!;
  const below = Math.min(at, count);
  let taken = 0;
  let takenBelow = 0;
  let takenAbove = 0;
  let above = at + 1;
  while (taken < count) {
    const hasAbove = above < size;
    if (!hasAbove && takenBelow === below) break;
    let takeBelow = !hasAbove;
    if (hasAbove && takenBelow < below) {
      const gapBelow = centre - keys[sorted[at - 1 - takenBelow]!]!;
      const gapAbove = keys[sorted[above]!]! - centre;
      takeBelow = gapBelow < gapAbove || (gapBelow === gapAbove && takenBelow <= takenAbove);
    }
    if (takeBelow) out[taken++] = sorted[at - 1 - takenBelow++]!;
    else {
      out[taken++] = sorted[above++]!;
      takenAbove++;
    }
  }
  return taken;
}

/**
 * Calls `visit` with the datapoints from the highest rating down until it returns
 * false: the order of {@link RatingIndex.forEachDescending}. O(n²) at worst.
 */
export function forEachDescendingByScan(source: RatingSource, size: number, tieScale: number, visit: (x: number) => boolean): void {
  // A copy: `visit` may sort again.
  const sorted = sortByRating(source, size, tieScale).slice(0, size);
  for (let p = size - 1; p >= 0; p--) if (!visit(sorted[p]!)) return;
}

// The datapoints in ascending rating order (in the scratch, with their keys by index).
function sortByRating(source: RatingSource, size: number, tieScale: number): Int32Array {
  if (sortedScratch === null || sortedScratch.length < size) {
    sortedScratch = new Int32Array(Math.max(size, SMALL_RANKING));
    keyScratch = new Float64Array(Math.max(size, SMALL_RANKING));
  }
  const sorted = sortedScratch;
  const keys = keyScratch!;
  const { offsets, tieKeys, base } = source;
  for (let i = 0; i < size; i++) {
    keys[i] = offsets[base + i]! + tieKeys[base + i]! * tieScale;
    // Insertion sort: at most 16 entries.
    let p = i;
    while (p > 0 && less(source, keys, i, sorted[p - 1]!)) {
      sorted[p] = sorted[p - 1]!;
      p--;
    }
    sorted[p] = i;
  }
  return sorted;
}

// The index's order: sort key, then offset, tie key and index.
function less(source: RatingSource, keys: Float64Array, a: number, b: number): boolean {
  const keyA = keys[a]!;
  const keyB = keys[b]!;
  if (keyA !== keyB) return keyA < keyB;
  const { offsets, tieKeys, base } = source;
  const offsetA = offsets[base + a]!;
  const offsetB = offsets[base + b]!;
  if (offsetA !== offsetB) return offsetA < offsetB;
  const tieA = tieKeys[base + a]!;
  const tieB = tieKeys[base + b]!;
  return tieA !== tieB ? tieA < tieB : a < b;
}
