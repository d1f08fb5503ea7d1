/**
 * How far the approximate standard errors (`approximateVariances.ts`) can be from the
 * exact ones, estimated from the design, so that a fit may skip the dense O(n³) inverse
 * where the approximation is as good.
 *
 * Why it works: with D = diag(H) and S = D^−1/2·(D − H)·D^−1/2 (the comparisons'
 * weights, normalised), H⁻¹ = D^−1/2·(I + S + S² + …)·D^−1/2 (a Neumann series; Golub &
 * Van Loan, "Matrix Computations", 4th ed., §2.3.4). The approximation keeps the terms
 * up to S²; the centring that the reported errors apply removes S's top eigenvector (a
 * common shift), and on the rest S has spectral radius ρ = max(1 − μ₂, μ_max − 1), with
 * μ₂ and μ_max the smallest and largest eigenvalues of D^−1/2·H·D^−1/2 off that vector.
 * The terms left out of datapoint i's variance are e_iᵀS^k e_i for k ≥ 3, each at most
 * ρ^(k−2)·‖S e_i‖², so relative to the variance they are at most
 * (1 + ρ)·ρ/(1 − ρ)·t_i with t_i = ‖S e_i‖² = Σ_j H_ij²/(H_ii·H_jj): small when a
 * datapoint's comparisons are spread over many opponents (t_i about 1/opponents) and the
 * design mixes well (ρ well below 1). A bottleneck (two groups joined by a few
 * comparisons, or close matches only, each datapoint meeting its neighbours in the
 * ranking) puts μ₂ near 0 and ρ near 1: there the approximation runs 50–90% small, and
 * the bound says so. A further 4/n covers the covariances that the approximation's
 * centring leaves out.
 *
 * μ₂ and μ_max come from the Lanczos process (Golub & Van Loan §10.1) on the space
 * orthogonal to the common shift, with full reorthogonalisation, from a fixed start, 16
 * steps: its extreme Ritz values approach the extreme eigenvalues from inside, so ρ gets
 * a margin. Measured on random designs of 100–1 000 datapoints, on two groups joined by
 * 10 or 1 000 comparisons and on close matches, the largest error was at most 0.35 times
 * the bound (test/bradleyTerry/standardErrors.test.ts checks it on four designs; `npm run
 * bench:fit -- --speed` prints the error on its design of 1 000 datapoints).
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import { dot } from './dotProducts.js';
import { informationTimes, type Information } from './informationMatrix.js';

/**
 * Lanczos steps. The bound came out the same to 3 digits after 10, 15, 20 and 30 steps on
 * the designs of the module comment; each step is one product with H (O(pairs)).
 */
const LANCZOS_STEPS = 16;
/** Added to ρ, since the Ritz values lie inside the spectrum. */
const RHO_MARGIN = 0.05;
/** The bound holds only where the prior is a small part of every diagonal entry (the common shift then nearly an eigenvector). */
const PRIOR_SHARE = 0.01;

/**
 * A bound on the relative error of the approximate variances of the centred strengths,
 * the largest over the datapoints; Infinity where none is known (the position effect is
 * fitted, the prior is not small against the information, or the design is a
 * bottleneck). O(LANCZOS_STEPS × (pairs + LANCZOS_STEPS·n)).
 * @internal
 */
export function approximationErrorBound(model: Model, information: Information): number {
  const { n, low, high, prior } = model;
  const { pairWeight, diagonal } = information;
  if (model.positionEffect || n < 3) return Infinity;
  for (let i = 0; i < n; i++) if (!(diagonal[i]! > 0) || prior > PRIOR_SHARE * diagonal[i]!) return Infinity;
  const rho = Math.min(1, spectralRadiusOffShift(model, information) + RHO_MARGIN);
  if (rho >= 1) return Infinity;
  const t = new Float64Array(n);
  for (let k = 0; k < low.length; k++) {
    const i = low[k]!;
    const j = high[k]!;
    const share = (pairWeight[k]! * pairWeight[k]!) / (diagonal[i]! * diagonal[j]!);
    t[i]! += share;
    t[j]! += share;
  }
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, t[i]!);
  return ((1 + rho) * rho * largest) / (1 - rho) + 4 / n;
}

// ρ = max(1 − μ₂, μ_max − 1) for D^−1/2·H·D^−1/2 on the space orthogonal to D^1/2·1
// (a model without the position effect: H is the θ block alone).
function spectralRadiusOffShift(model: Model, information: Information): number {
  const { n } = model;
  const { diagonal } = information;
  const rootDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) rootDiagonal[i] = Math.sqrt(diagonal[i]!);
  const shift = Float64Array.from(rootDiagonal);
  scale(shift, 1 / Math.sqrt(dot(shift, 0, shift, 0, n)));

  const basis: Float64Array[] = [];
  const alphas: number[] = [];
  const betas: number[] = [];
  const scratch = new Float64Array(n);
  const product = new Float64Array(n);
  // A fixed start with no structure a design could line up with: a multiplicative hash of the index.
  let q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = (Math.imul(i + 1, 0x9e3779b1) >>> 0) / 2 ** 32 - 0.5;
  orthogonalise(q, shift, basis);
  scale(q, 1 / Math.sqrt(dot(q, 0, q, 0, n)));
  for (let step = 0; step < Math.min(LANCZOS_STEPS, n - 1); step++) {
    basis.push(q);
    for (let i = 0; i < n; i++) scratch[i] = q[i]! / rootDiagonal[i]!;
    informationTimes(model, information, scratch, product);
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = product[i]! / rootDiagonal[i]!;
    alphas.push(dot(next, 0, q, 0, n));
    // Twice: one pass of Gram–Schmidt loses orthogonality to rounding (Parlett, "The Symmetric Eigenvalue Problem", 1998, §6.9).
    orthogonalise(next, shift, basis);
    orthogonalise(next, shift, basis);
    const beta = Math.sqrt(dot(next, 0, next, 0, n));
    if (!(beta > 1e-12)) break;
    betas.push(beta);
    scale(next, 1 / beta);
    q = next;
  }
  const smallest = tridiagonalEigenvalue(alphas, betas, 0);
  const largest = tridiagonalEigenvalue(alphas, betas, alphas.length - 1);
  return Math.max(1 - smallest, largest - 1);
}

function scale(v: Float64Array, factor: number): void {
  for (let i = 0; i < v.length; i++) v[i]! *= factor;
}

// Removes from v its components along `shift` and every vector of `basis` (all unit, orthogonal).
function orthogonalise(v: Float64Array, shift: Float64Array, basis: readonly Float64Array[]): void {
  removeComponent(v, shift);
  for (let b = 0; b < basis.length; b++) removeComponent(v, basis[b]!);
}

// v −= (v·w) w, for a unit w.
function removeComponent(v: Float64Array, w: Float64Array): void {
  const c = dot(v, 0, w, 0, v.length);
  for (let i = 0; i < v.length; i++) v[i]! -= c * w[i]!;
}

// The k-th smallest eigenvalue of the symmetric tridiagonal matrix (diagonal `alphas`,
// off-diagonal `betas`), by bisection on Sturm sequence counts (Golub & Van Loan §8.4.1).
function tridiagonalEigenvalue(alphas: readonly number[], betas: readonly number[], k: number): number {
  const m = alphas.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) {
    const radius = (i > 0 ? Math.abs(betas[i - 1]!) : 0) + (i + 1 < m ? Math.abs(betas[i]!) : 0);
    lo = Math.min(lo, alphas[i]! - radius);
    hi = Math.max(hi, alphas[i]! + radius);
  }
  for (let iteration = 0; iteration < 100 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)); iteration++) {
    const middle = (lo + hi) / 2;
    if (eigenvaluesBelow(alphas, betas, middle) > k) hi = middle;
    else lo = middle;
  }
  return (lo + hi) / 2;
}

// How many eigenvalues of that matrix lie below x (a function of its own, not a closure:
// see connectedGroups.ts).
function eigenvaluesBelow(alphas: readonly number[], betas: readonly number[], x: number): number {
  let count = 0;
  let pivot = 1;
  for (let i = 0; i < alphas.length; i++) {
    const coupling = i > 0 ? betas[i - 1]! : 0;
    pivot = alphas[i]! - x - (i > 0 ? (coupling * coupling) / (pivot !== 0 ? pivot : Number.MIN_VALUE) : 0);
    if (pivot < 0) count++;
  }
  return count;
}
