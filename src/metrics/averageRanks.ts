/**
 * Average ranks ("mid-ranks"): tied scores share the mean of the ranks they span, the
 * standard treatment of ties in rank statistics (M. G. Kendall, "The treatment of ties
 * in ranking problems", Biometrika 33(3), 1945; SciPy's `rankdata(method='average')`).
 * @internal
 * @module
 */

/**
 * The rank of each score, 1 for the highest, tied scores sharing the average of the
 * ranks they span: scores 5, 3, 3, 1 get ranks 1, 2.5, 2.5, 4. Every rank is a whole
 * or half integer, and the ranks always sum to n(n + 1)/2. Runs in O(n log n) time
 * and O(n) memory; `scores` is only read. Never throws.
 *
 * @param scores - Finite scores (callers have checked), higher is better.
 * @returns The ranks, in the order of `scores`.
 * @example
 * ```ts
 * averageRanks(Float64Array.of(5, 3, 3, 1)); // Float64Array [1, 2.5, 2.5, 4]
 * ```
 * @internal
 */
export function averageRanks(scores: Float64Array): Float64Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => scores[j]! - scores[i]!);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const score = scores[order[start]!]!;
    let end = start + 1;
    while (end < n && scores[order[end]!] === score) end++;
    // Positions start … end − 1 are ranks start + 1 … end; halving an integer below
    // 2^53 is exact, so equal ranks compare equal and sums of ranks stay exact.
    const rank = (start + 1 + end) / 2;
    for (let position = start; position < end; position++) ranks[order[position]!] = rank;
    start = end;
  }
  return ranks;
}
