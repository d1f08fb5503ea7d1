/**
 * Dot products with four accumulators: the inner loops of the dense linear algebra and
 * of the conjugate gradients.
 * @internal
 * @module
 */

/** Σ a[ia + k]·b[ib + k] for k < length, with four accumulators. @internal */
export function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < length; k += 4) {
    s0 += a[ia + k]! * b[ib + k]!;
    s1 += a[ia + k + 1]! * b[ib + k + 1]!;
    s2 += a[ia + k + 2]! * b[ib + k + 2]!;
    s3 += a[ia + k + 3]! * b[ib + k + 3]!;
  }
  for (; k < length; k++) s0 += a[ia + k]! * b[ib + k]!;
  return s0 + s1 + s2 + s3;
}

/**
 * The dot products of one shared row `a[shared…]` with four rows `b[r0…]` … `b[r3…]`
 * at once, into `sums`: each shared number is loaded once for four multiply-adds.
 * @internal
 */
export function dotFour(
  a: Float64Array,
  shared: number,
  b: Float64Array,
  r0: number,
  r1: number,
  r2: number,
  r3: number,
  length: number,
  sums: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < length; k++) {
    const x = a[shared + k]!;
    s0 += b[r0 + k]! * x;
    s1 += b[r1 + k]! * x;
    s2 += b[r2 + k]! * x;
    s3 += b[r3 + k]! * x;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
}
