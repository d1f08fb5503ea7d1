/**
 * The posterior's marginal variances. Expectation propagation with one Gaussian belief
 * per datapoint gets the means right but its variances too small wherever comparisons
 * form loops (it is Gaussian belief propagation on the comparison graph, whose
 * variances are overconfident on loopy graphs: Y. Weiss and W. T. Freeman, "Correctness
 * of belief propagation in Gaussian graphical models of arbitrary topology", Neural
 * Computation 13(10), 2001), and credible intervals from them cover too little. So the
 * variances come instead from the Gaussian that EP's comparison sites define jointly:
 * precision Λ = I/σ₀² + Σₖ τₖ (eₐ − e_b)(eₐ − e_b)ᵀ, with τₖ the precision comparison k adds
 * to its difference. Exact diag(Λ⁻¹) by a dense Cholesky factorisation up to
 * {@link EXACT_VARIANCES_UP_TO} datapoints (O(n³)); above, the Neumann series of Λ⁻¹
 * around its diagonal to the second term, O(n + comparisons), which still runs small
 * where the comparisons are dense (the README gives measured coverage).
 * @internal
 * @module
 */
import { choleskyInPlace, lowerInverseByColumns } from '../bradleyTerry/denseCholesky.js';
import { dot } from '../bradleyTerry/dotProducts.js';
import type { ComparisonFactors } from './expectationPropagation.js';

/** Largest ranking whose posterior variances are exact (a dense factorisation, about 40 ms at 500). */
export const EXACT_VARIANCES_UP_TO = 500;

/**
 * diag(Λ⁻¹) for n datapoints with prior variance `priorVariance` and the comparisons'
 * site precisions. O(n³) up to {@link EXACT_VARIANCES_UP_TO}, O(n + m) above.
 */
export function posteriorVariances(n: number, priorVariance: number, factors: ComparisonFactors, sitePrecisions: Float64Array): Float64Array {
  // In units of the prior variance the diagonal is about 1, far from the factorisation's floor.
  const diagonal = new Float64Array(n).fill(1);
  for (let k = 0; k < factors.count; k++) {
    const weight = sitePrecisions[k]! * priorVariance;
    diagonal[factors.a[k]!]! += weight;
    diagonal[factors.b[k]!]! += weight;
  }
  const variances = new Float64Array(n);
  if (n <= EXACT_VARIANCES_UP_TO) {
    const matrix = new Float64Array(n * n);
    for (let i = 0; i < n; i++) matrix[i * n + i] = diagonal[i]!;
    for (let k = 0; k < factors.count; k++) {
      const a = factors.a[k]!;
      const b = factors.b[k]!;
      matrix[Math.max(a, b) * n + Math.min(a, b)]! -= sitePrecisions[k]! * priorVariance;
    }
    choleskyInPlace(matrix, n);
    const inverse = lowerInverseByColumns(matrix, n);
    for (let j = 0; j < n; j++) variances[j] = dot(inverse, j * n + j, inverse, j * n + j, n - j) * priorVariance;
    return variances;
  }
  // Λ = D − W: Λ⁻¹ ≈ D⁻¹ + D⁻¹ W D⁻¹ W D⁻¹ on the diagonal (W has no diagonal, so the first-order term vanishes there).
  const second = new Float64Array(n);
  for (let k = 0; k < factors.count; k++) {
    const a = factors.a[k]!;
    const b = factors.b[k]!;
    const weight = sitePrecisions[k]! * priorVariance;
    second[a]! += (weight * weight) / diagonal[b]!;
    second[b]! += (weight * weight) / diagonal[a]!;
  }
  for (let i = 0; i < n; i++) {
    const inverse = 1 / diagonal[i]!;
    variances[i] = (inverse + inverse * inverse * second[i]!) * priorVariance;
  }
  return variances;
}
