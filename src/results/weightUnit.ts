/**
 * The unit labeler weights are measured in before they are summed.
 *
 * Why: labeler weights are relative (only their ratios matter), but their sums are
 * not scale-free in floating point: weights of 1e308 sum to Infinity, and weights of
 * 5e-324 halve to 0 (a draw) and their sum's reciprocal overflows. Dividing every weight
 * of a ranking by the power of two just below the largest puts the largest in [1, 2)
 * and every sum below 2 × responses, whatever the caller's scale. A power of two only
 * changes exponents, so for weights in the ordinary range the rescaled arithmetic gives
 * the same bits as before: results with weights of 1 (or any weights whose largest is in
 * [1, 2)) are unchanged, and others change in no bit either, since every later product
 * and quotient is scaled by the same exact power of two.
 * @internal
 * @module
 */
import { powerOfTwoBelow } from '../bradleyTerry/powerOfTwoBelow.js';

/**
 * 2^⌊log2 largest⌋ for a finite `largest` > 0 (weights divided by it lie in [0, 2)), and
 * 1 for 0 (all weights zero: nothing to rescale). O(1).
 * @internal
 */
export function weightUnit(largest: number): number {
  return largest > 0 ? powerOfTwoBelow(largest) : 1;
}
