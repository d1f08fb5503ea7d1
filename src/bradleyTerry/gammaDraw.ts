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
 *
 * Also writes the draw's natural log to `log[at]`, computed from the same numbers: for a
 * small shape U^(1/shape) underflows (shape 1e-10: almost every draw is below 1e-308),
 * and the log keeps the draws' ratios, which are all a Dirichlet draw needs.
 * @internal
 */
export function gammaDraw(rng: Rng, shape: number, log: Float64Array, at: number): number {
  if (shape < 1) {
    const boosted = gammaDraw(rng, shape + 1, log, at);
    const u = rng();
    log[at] = log[at]! + Math.log(u) / shape;
    return boosted * Math.pow(u, 1 / shape);
  }
  const value = marsagliaTsang(rng, shape);
  log[at] = Math.log(value);
  return value;
}

function marsagliaTsang(rng: Rng, shape: number): number {
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
