/**
 * Centring the strengths. The likelihood sees only differences θ_i − θ_j, so the
 * strengths are identified up to a common shift; the fit keeps them mean-zero.
 * @internal
 * @module
 */

/**
 * Subtracts the mean of `x[0..n)` from each of them, in place; entries from `n` on (γ)
 * are left alone. O(n).
 * @internal
 */
export function projectMeanZero(x: Float64Array, n: number): void {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  const mean = sum / n;
  for (let i = 0; i < n; i++) x[i]! -= mean;
}
