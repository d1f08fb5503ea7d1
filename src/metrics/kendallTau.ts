/**
 * Kendall's rank correlation, tau-b, in O(n log n): Knight's algorithm (W. R. Knight,
 * "A computer method for calculating Kendall's tau with ungrouped data", JASA 61(314),
 * 1966), with the tie corrections of tau-b (Kendall, "The treatment of ties in ranking
 * problems", Biometrika 33(3), 1945).
 * @module
 */
import { RankingInputError } from '../errors.js';
import { pairedScores, type ScoreMap } from './scoreMap.js';

/**
 * Kendall's tau-b between two score maps over the same datapoints: +1 when they order
 * every pair the same way, −1 when every pair is reversed, near 0 for unrelated orders.
 * Ties are corrected for (tau-b):
 * `(concordant − discordant) / √((pairs − ties in a) × (pairs − ties in b))`.
 * Runs in O(n log n) time and O(n) memory.
 *
 * @param a - Scores keyed by datapoint (e.g. a ranking's Elo scores).
 * @param b - Scores of the same datapoints (e.g. the hidden true scores).
 * @returns tau-b in [−1, 1]; NaN when every datapoint has the same score in a or in b
 *   (the correlation is undefined then, as in SciPy's `kendalltau`).
 * @throws {@link RankingInputError} when the maps cover different datapoints, have fewer
 *   than 2 entries, or hold a score that is not finite.
 * @example
 * ```ts
 * kendallTau(new Map([['x', 3], ['y', 2], ['z', 1]]), new Map([['x', 30], ['y', 10], ['z', 20]])); // 0.333…
 * ```
 */
export function kendallTau(a: ScoreMap, b: ScoreMap): number {
  const { x, y } = pairedScores(a, b);
  if (x.length < 2) throw new RankingInputError('a', `needs at least 2 datapoints, got ${x.length}`);
  return kendallTauOfArrays(x, y);
}

/**
 * Tau-b of parallel score arrays (n ≥ 2, finite, equal lengths: callers have checked),
 * so `rankingAccuracy` can reuse one pairing of the maps. Reads `x` and `y` only.
 * @internal
 */
export function kendallTauOfArrays(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => x[i]! - x[j]! || y[i]! - y[j]!);

  // Pairs tied in x, and tied in both x and y, from runs of the sort by (x, y).
  let tiedX = 0;
  let tiedBoth = 0;
  let runX = 1;
  let runBoth = 1;
  for (let k = 1; k < n; k++) {
    const sameX = x[order[k]!] === x[order[k - 1]!];
    if (sameX) {
      runX++;
      if (y[order[k]!] === y[order[k - 1]!]) runBoth++;
      else {
        tiedBoth += (runBoth * (runBoth - 1)) / 2;
        runBoth = 1;
      }
    } else {
      tiedX += (runX * (runX - 1)) / 2;
      tiedBoth += (runBoth * (runBoth - 1)) / 2;
      runX = 1;
      runBoth = 1;
    }
  }
  tiedX += (runX * (runX - 1)) / 2;
  tiedBoth += (runBoth * (runBoth - 1)) / 2;

  // Discordant pairs are the inversions of y in this order (ties in y are not inversions).
  const ys = Float64Array.from(order, (i) => y[i]!);
  const discordant = countInversionsAndSort(ys);

  let tiedY = 0;
  let runY = 1;
  for (let k = 1; k < n; k++) {
    if (ys[k] === ys[k - 1]) runY++;
    else {
      tiedY += (runY * (runY - 1)) / 2;
      runY = 1;
    }
  }
  tiedY += (runY * (runY - 1)) / 2;

  const pairs = (n * (n - 1)) / 2;
  const concordantMinusDiscordant = pairs - tiedX - tiedY + tiedBoth - 2 * discordant;
  return concordantMinusDiscordant / Math.sqrt((pairs - tiedX) * (pairs - tiedY));
}

// Bottom-up merge sort of `values` in place; returns the number of pairs i < j with
// values[i] > values[j]. O(n log n).
function countInversionsAndSort(values: Float64Array): number {
  const n = values.length;
  let source: Float64Array = values;
  let target: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const middle = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      let i = start;
      let j = middle;
      let k = start;
      while (i < middle && j < end) {
        if (source[i]! <= source[j]!) target[k++] = source[i++]!;
        else {
          // source[j] is smaller than every remaining element of the left half.
          inversions += middle - i;
          target[k++] = source[j++]!;
        }
      }
      while (i < middle) target[k++] = source[i++]!;
      while (j < end) target[k++] = source[j++]!;
    }
    [source, target] = [target, source];
  }
  if (source !== values) values.set(source);
  return inversions;
}
