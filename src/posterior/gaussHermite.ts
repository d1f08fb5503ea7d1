/**
 * Gauss–Hermite quadrature: nodes xₖ and weights wₖ with ∫ f(x) e^(−x²) dx ≈ Σ wₖ f(xₖ),
 * exact for polynomials f of degree below 2 × NODES.
 *
 * The nodes are the roots of the orthonormal Hermite polynomial p_N (three-term
 * recurrence p_j = x √(2/j) p_(j−1) − √((j−1)/j) p_(j−2), p_0 = π^(−1/4)), found by
 * bracketing sign changes on a fine grid and bisecting each to machine precision; the
 * weights are the Christoffel numbers 1 / Σ_(j<N) p_j(xₖ)² (G. Szegő, Orthogonal
 * Polynomials, 1939, §3.4). Computed once, on first use, so importing costs nothing.
 * @internal
 * @module
 */

/** Nodes of the rule: enough for the smooth integrands of the posterior's updates. */
export const GAUSS_HERMITE_NODES = 24;

/** A quadrature rule: nodes and weights. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

let rule: QuadratureRule | null = null;

/** The Gauss–Hermite rule with {@link GAUSS_HERMITE_NODES} nodes, ascending. O(1) after the first call. */
export function gaussHermiteRule(): QuadratureRule {
  rule ??= buildRule(GAUSS_HERMITE_NODES);
  return rule;
}

// p_n(x) and Σ_(j<n) p_j(x)².
function orthonormalHermite(n: number, x: number): { value: number; sumOfSquares: number } {
  let previous = 0;
  let current = Math.PI ** -0.25;
  let sumOfSquares = 0;
  for (let j = 1; j <= n; j++) {
    sumOfSquares += current * current;
    const next = x * Math.sqrt(2 / j) * current - Math.sqrt((j - 1) / j) * previous;
    previous = current;
    current = next;
  }
  return { value: current, sumOfSquares };
}

/** The n-node rule. @internal */
export function buildRule(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  // Every root lies inside ±√(2n + 1); neighbouring roots are at least π / √(2n + 1) apart.
  const bound = Math.sqrt(2 * n + 1);
  const step = Math.PI / Math.sqrt(2 * n + 1) / 8;
  let found = 0;
  let low = -bound;
  let lowValue = orthonormalHermite(n, low).value;
  for (let high = low + step; found < n && low < bound; high += step) {
    const highValue = orthonormalHermite(n, high).value;
    if (lowValue === 0 || lowValue * highValue < 0) {
      let a = low;
      let b = high;
      let aValue = lowValue;
      for (let k = 0; k < 200 && b - a > 0; k++) {
        const middle = (a + b) / 2;
        if (middle === a || middle === b) break;
        const middleValue = orthonormalHermite(n, middle).value;
        if (aValue * middleValue <= 0) b = middle;
        else {
          a = middle;
          aValue = middleValue;
        }
      }
      const root = lowValue === 0 ? low : (a + b) / 2;
      nodes[found] = root;
      weights[found] = 1 / orthonormalHermite(n, root).sumOfSquares;
      found++;
    }
    low = high;
    lowValue = highValue;
  }
  return { nodes, weights };
}
