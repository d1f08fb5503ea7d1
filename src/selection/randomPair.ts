/**
 * Random matchups: two distinct datapoints, uniformly among all ordered pairs.
 * @internal
 * @module
 */
import { indexFromUniform } from '../rng/uniformDraws.js';

/** Writes a uniformly random pair of distinct indices in [0, n) to `out`. O(1). */
export function pickRandomPair(n: number, u1: number, u2: number, out: Int32Array): void {
  const first = indexFromUniform(u1, n);
  const second = indexFromUniform(u2, n - 1);
  out[0] = first;
  // Skipping `first` keeps the second pick uniform over the other n − 1.
  out[1] = second >= first ? second + 1 : second;
}
