/**
 * Exact standard errors. They come from the observed information at the optimum. The
 * scores are identified only up to a common shift, so they are reported centred (mean
 * score = `center`), and their covariance is that of the centred strengths: the
 * Moore–Penrose pseudo-inverse of the information on the mean-zero subspace (computed
 * exactly, by a dense Cholesky factorisation, up to 2 000 datapoints).
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import { CACHE_BLOCK, choleskyInPlace, lowerInverseByColumns } from './denseCholesky.js';
import { dot, dotFour } from './dotProducts.js';
import { float64Arena } from './float64Arena.js';
import type { Information } from './informationMatrix.js';

/** How many doubles {@link denseCovariance} takes for `size` unknowns: the factor, the inverse and the variances. @internal */
export function denseWorkLength(size: number): number {
  return 2 * size * size + size;
}

/**
 * Exact covariance of the centred strengths (and γ). H has the eigenvector u = 1/√n on
 * θ (0 on γ) with eigenvalue λ, since every pair adds as much to one θ as it takes from
 * the other. So M = H + uuᵀ is positive definite, and the covariance of the centred
 * strengths, P·H⁺·P with P = I − uuᵀ, is M⁻¹ − uuᵀ/(λ + 1). When H's diagonal averages
 * between 2^−60 and 2^−10 (a game weighted up to 2^53 times another, fitted in units of
 * the large weight), the factorisation is of H/s + uuᵀ, s the power of two nearest that
 * average, and the result is divided by s: adding uuᵀ to entries far smaller than 1/n
 * rounded them away (a game weighted 2^50 against one of weight 1 gave standard errors
 * 1.5× too small). Otherwise s = 1: ordinary fits keep their bits, and a fit whose
 * information all but vanished (a prior near 0 on separated games) keeps the finite
 * errors it had. M⁻¹ comes from the Cholesky
 * factor L (M = LLᵀ) as XᵀX with X = L⁻¹. O(n³) time (n³/3 multiply-adds for the
 * variances, n³/6 more for the matrix), 2n² numbers, taken from `allocate`
 * ({@link denseWorkLength} doubles; one new buffer by default).
 * @internal
 */
export function denseCovariance(
  model: Model,
  information: Information,
  withMatrix: boolean,
  allocate = float64Arena(denseWorkLength(model.size)),
): { variances: Float64Array; covariance?: number[][]; exact: boolean } {
  const { n, size, low, high } = model;
  const { pairWeight, pairCoupling, diagonal } = information;
  const shift = 1 / n;
  const s = informationScale(diagonal, n);
  // Row-major; only the lower triangle is read.
  const factor = allocate(size * size);
  for (let i = 0; i < n; i++) factor.fill(shift, i * size, i * size + i + 1);
  for (let i = 0; i < size; i++) factor[i * size + i]! += diagonal[i]! / s;
  for (let k = 0; k < low.length; k++) {
    factor[Math.max(low[k]!, high[k]!) * size + Math.min(low[k]!, high[k]!)]! -= pairWeight[k]! / s;
    if (model.positionEffect) {
      factor[n * size + low[k]!]! += pairCoupling[k]! / s;
      factor[n * size + high[k]!]! -= pairCoupling[k]! / s;
    }
  }
  const exact = choleskyInPlace(factor, size);
  const inverse = lowerInverseByColumns(factor, size, allocate(size * size));

  const variances = allocate(size);
  for (let j = 0; j < size; j++) variances[j] = dot(inverse, j * size + j, inverse, j * size + j, size - j);
  const centring = 1 / (n * (model.prior / s + 1));
  for (let i = 0; i < n; i++) variances[i] = Math.max(0, variances[i]! - centring);
  if (s !== 1) for (let j = 0; j < size; j++) variances[j] = variances[j]! / s;
  if (!withMatrix) return { variances, exact };

  // (M⁻¹)_ij = Σ_{k ≥ i} X_ki·X_kj for j < i: rows i and j of `inverse` from column i.
  // A block of i rows at a time, so each group of four j rows is read from memory once
  // per block rather than once per i.
  const covariance: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const sums = new Float64Array(4);
  for (let blockStart = 0; blockStart < n; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, n);
    let j = 0;
    for (; j + 3 < blockStart; j += 4) {
      for (let i = blockStart; i < blockEnd; i++) {
        dotFour(inverse, i * size + i, inverse, j * size + i, (j + 1) * size + i, (j + 2) * size + i, (j + 3) * size + i, size - i, sums);
        for (let r = 0; r < 4; r++) covariance[i]![j + r] = sums[r]! - centring;
      }
    }
    for (let i = blockStart; i < blockEnd; i++) {
      for (let k = j; k < i; k++) covariance[i]![k] = dot(inverse, i * size + i, inverse, k * size + i, size - i) - centring;
      covariance[i]![i] = variances[i]!;
    }
  }
  if (s !== 1) for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) covariance[i]![j] = covariance[i]![j]! / s;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) covariance[j]![i] = covariance[i]![j]!;
  return { variances, covariance, exact };
}

// s of the factorisation of H/s + uuᵀ: 1, or, when the mean of H's diagonal on θ is in
// [2^−60, 2^−10), the power of two nearest it (dividing by it is exact).
function informationScale(diagonal: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += diagonal[i]!;
  const mean = sum / n;
  return mean >= 2 ** -10 || !(mean >= 2 ** -60) ? 1 : 2 ** Math.round(Math.log2(mean));
}
