/**
 * The posterior as one joint Gaussian. Expectation propagation with one Gaussian belief
 * per datapoint (expectationPropagation.ts) is Gaussian belief propagation on the
 * comparison graph: its means are good but its variances too small wherever comparisons
 * form loops (Y. Weiss and W. T. Freeman, "Correctness of belief propagation in Gaussian
 * graphical models of arbitrary topology", Neural Computation 13(10), 2001), so
 * credible intervals from them cover too little. Here the comparisons' sites instead
 * define one Gaussian over all scores, with precision Λ = I/σ₀² + Σₖ τₖ uₖuₖᵀ and
 * Λμ = μ₀/σ₀² + Σₖ νₖ uₖ (uₖ = eₐ − e_b), and expectation propagation is run on that:
 * every site's cavity is taken from the joint posterior of its difference uₖᵀs, all
 * sites are updated together, and Λ is refactored (parallel EP with full covariance; C.
 * E. Rasmussen and C. K. I. Williams, Gaussian Processes for Machine Learning, 2006,
 * §3.6, for the probit likelihood; M. van Gerven et al., "Bayesian source localization
 * with the multivariate Laplace prior", NIPS 2009, for the parallel, damped updates).
 * It starts from the factorised run's sites, so a few iterations settle it.
 *
 * Costs O(n³) per iteration (a dense Cholesky factorisation of Λ), so it runs up to
 * {@link JOINT_POSTERIOR_UP_TO} datapoints; above, the factorised means stand and the
 * variances are diag(Λ⁻¹) approximated by its Neumann series around the diagonal to the
 * second term, O(n + comparisons), which still runs small where comparisons are dense
 * (the README gives measured coverage).
 * @internal
 * @module
 */
import { choleskyInPlace, lowerInverseByColumns } from '../bradleyTerry/denseCholesky.js';
import { dot } from '../bradleyTerry/dotProducts.js';
import { differenceMoments } from './comparisonUpdate.js';
import type { ComparisonFactors, GaussianPosterior } from './expectationPropagation.js';

/** Largest ranking that gets the joint posterior (one iteration takes about 40 ms at 500). */
export const JOINT_POSTERIOR_UP_TO = 500;
/** Iterations at most; each moves the sites this share of the way (damping keeps parallel EP from oscillating). */
const MAX_ITERATIONS = 20;
const STEP = 0.7;

/** Means and marginal variances of the joint posterior. */
export interface JointPosterior {
  readonly means: Float64Array;
  readonly variances: Float64Array;
  /**
   * The variance of sₐ − s_b: the joint covariance counted (scores compared with each
   * other, or with the same opponents, move together, and the level they share is what
   * the prior leaves most uncertain); above the size limit, the sum of the two variances.
   */
  readonly differenceVariance: (a: number, b: number) => number;
  /** Whether the means moved less than the tolerance in the last iteration (above the size limit, whether the factorised run did). */
  readonly converged: boolean;
}

/**
 * The joint posterior from a factorised EP run `start` over the same comparisons.
 * O(iterations × (n³ + comparisons × n)) up to {@link JOINT_POSTERIOR_UP_TO}, else O(n + comparisons).
 */
export function jointPosterior(
  priorMeans: ArrayLike<number>,
  priorVariance: number,
  factors: ComparisonFactors,
  noise: number,
  start: GaussianPosterior,
  tolerance: number,
): JointPosterior {
  const n = priorMeans.length;
  if (n > JOINT_POSTERIOR_UP_TO) {
    const variances = approximateVariances(n, priorVariance, factors, start.sitePrecisions);
    return { means: start.means, variances, differenceVariance: (a, b) => variances[a]! + variances[b]!, converged: start.converged };
  }
  // Work in units where the prior variance is 1, so Λ's diagonal is about 1.
  const unit = Math.sqrt(priorVariance);
  const m = factors.count;
  const precisions = Float64Array.from(start.sitePrecisions, (tau) => tau * priorVariance);
  const shifts = Float64Array.from(start.siteShifts, (nu) => nu * unit);
  const priorScaled = Float64Array.from(priorMeans, (mean) => mean / unit);
  const moments = new Float64Array(2);
  let state = factorise(n, priorScaled, factors, precisions, shifts);
  let converged = m === 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS && !converged; iteration++) {
    for (let k = 0; k < m; k++) {
      const a = factors.a[k]!;
      const b = factors.b[k]!;
      const variance = state.covariance(a, a) + state.covariance(b, b) - 2 * state.covariance(a, b);
      const mean = state.means[a]! - state.means[b]!;
      const cavityPrecision = 1 / variance - precisions[k]!;
      // A cavity without positive precision has no Gaussian to update: keep the site.
      if (!(cavityPrecision > 0)) continue;
      const cavityVariance = 1 / cavityPrecision;
      const cavityMean = (mean / variance - shifts[k]!) * cavityVariance;
      differenceMoments(cavityMean, cavityVariance, factors.winsA[k]!, factors.winsB[k]!, noise / unit, moments);
      if (!(moments[1]! < cavityVariance)) continue;
      precisions[k] = (1 - STEP) * precisions[k]! + STEP * (1 / moments[1]! - cavityPrecision);
      shifts[k] = (1 - STEP) * shifts[k]! + STEP * (moments[0]! / moments[1]! - cavityMean * cavityPrecision);
    }
    const next = factorise(n, priorScaled, factors, precisions, shifts);
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(next.means[i]! - state.means[i]!));
    state = next;
    converged = largest * unit <= tolerance;
  }
  const means = Float64Array.from(state.means, (mean) => mean * unit);
  const variances = new Float64Array(n);
  for (let i = 0; i < n; i++) variances[i] = state.covariance(i, i) * priorVariance;
  const { covariance } = state;
  const differenceVariance = (a: number, b: number) => (covariance(a, a) + covariance(b, b) - 2 * covariance(a, b)) * priorVariance;
  return { means, variances, differenceVariance, converged };
}

// Λ from the sites, its factorisation, the means, and covariance lookups.
function factorise(n: number, priorMeans: Float64Array, factors: ComparisonFactors, precisions: Float64Array, shifts: Float64Array) {
  const matrix = new Float64Array(n * n);
  const linear = Float64Array.from(priorMeans);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1;
  for (let k = 0; k < factors.count; k++) {
    const a = factors.a[k]!;
    const b = factors.b[k]!;
    matrix[a * n + a]! += precisions[k]!;
    matrix[b * n + b]! += precisions[k]!;
    matrix[Math.max(a, b) * n + Math.min(a, b)]! -= precisions[k]!;
    linear[a]! += shifts[k]!;
    linear[b]! -= shifts[k]!;
  }
  choleskyInPlace(matrix, n);
  // X = L⁻¹ with column j (rows i ≥ j) stored from j × n + j on, so Λ⁻¹ = XᵀX.
  const inverse = lowerInverseByColumns(matrix, n);
  const covariance = (a: number, b: number): number => {
    const low = Math.max(a, b);
    return dot(inverse, a * n + low, inverse, b * n + low, n - low);
  };
  // μ = XᵀX h: y = X h, then μⱼ = Σ_{i ≥ j} X_ij yᵢ.
  const y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = linear[j]!;
    if (h === 0) continue;
    for (let i = j; i < n; i++) y[i]! += inverse[j * n + i]! * h;
  }
  const means = new Float64Array(n);
  for (let j = 0; j < n; j++) means[j] = dot(inverse, j * n + j, y, j, n - j);
  return { means, covariance };
}

// diag(Λ⁻¹) ≈ D⁻¹ + D⁻¹ (W D⁻¹ W) D⁻¹ on the diagonal, Λ = D − W (W has no diagonal).
function approximateVariances(n: number, priorVariance: number, factors: ComparisonFactors, sitePrecisions: Float64Array): Float64Array {
  const diagonal = new Float64Array(n).fill(1);
  for (let k = 0; k < factors.count; k++) {
    const weight = sitePrecisions[k]! * priorVariance;
    diagonal[factors.a[k]!]! += weight;
    diagonal[factors.b[k]!]! += weight;
  }
  const second = new Float64Array(n);
  for (let k = 0; k < factors.count; k++) {
    const weight = sitePrecisions[k]! * priorVariance;
    second[factors.a[k]!]! += (weight * weight) / diagonal[factors.b[k]!]!;
    second[factors.b[k]!]! += (weight * weight) / diagonal[factors.a[k]!]!;
  }
  const variances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const inverse = 1 / diagonal[i]!;
    variances[i] = (inverse + inverse * inverse * second[i]!) * priorVariance;
  }
  return variances;
}
