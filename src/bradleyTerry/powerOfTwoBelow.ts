/**
 * The largest power of two not above a number, exactly.
 * @internal
 * @module
 */

/**
 * 2^⌊log2 value⌋ for a finite `value` > 0 (subnormals included): dividing by it only
 * changes exponents, so it rescales numbers without rounding them. O(1).
 * @internal
 */
export function powerOfTwoBelow(value: number): number {
  let exponent = Math.floor(Math.log2(value));
  // log2 rounds: near a power of two it may land one off either way.
  if (2 ** exponent > value) exponent--;
  else if (2 ** (exponent + 1) <= value) exponent++;
  return 2 ** exponent;
}
