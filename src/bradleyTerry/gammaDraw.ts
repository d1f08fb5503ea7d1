/**
 * Gamma variates for the Bayesian bootstrap: Marsaglia & Tsang, "A simple method for
 * generating gamma variables", ACM Trans. Math. Softw. 26(3), 2000 (with their boost
 * U^(1/a) for shapes below 1).
 * @internal
 * @module
 */
import type { Rng } from '../rng/rng.js';
import { standardNormalDraw } from '../stats/normalDistribution.js';

/**
 * A Gamma(shape, 1) draw, shape > 0: Marsaglia & Tsang's squeeze-and-reject method for
 * shape ≥ 1, and Gamma(shape + 1)·U^(1/shape) below 1. O(1) expected (at most about 5%
 * of candidates are rejected).
 * @internal
 */
export function gammaDraw(rng: Rng, shape: number): number {
  if (shape < 1) return gammaDraw(rng, shape + 1) * Math.pow(rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormalDraw(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
