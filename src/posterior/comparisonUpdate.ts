/**
 * One comparison's update of two Gaussian beliefs: assumed-density filtering (ADF), the
 * step that expectation propagation repeats (T. Minka, "A family of algorithms for
 * approximate Bayesian inference", PhD thesis, MIT, 2001, §3.1 and §3.2).
 *
 * Model (Thurstone–Mosteller, as in TrueSkill: R. Herbrich, T. Minka, T. Graepel,
 * "TrueSkill: a Bayesian skill rating system", NIPS 2006, §2): datapoint a's true score
 * sₐ ~ N(μₐ, σₐ²), and a labeler prefers a over b with probability Φ((sₐ − s_b) / c),
 * c = √2 × noise. A matchup whose responses give a `winsA` and b `winsB` (a draw counts
 * ½ to each, labeler weights scale them) has likelihood Φ(d/c)^winsA Φ(−d/c)^winsB in
 * d = sₐ − s_b. The update replaces the prior of d, N(m, v) with m = μₐ − μ_b and
 * v = σₐ² + σ_b², by the Gaussian with the same mean and variance as prior × likelihood,
 * and carries the change back to a and b in proportion to their variances (the exact
 * Gaussian conditional of each score given d).
 *
 * One plain win or loss has the closed form of TrueSkill (Herbrich et al., eq. 2 and 3,
 * with v(t) = φ(t)/Φ(t) and w(t) = v(t)(v(t) + t)). Every other likelihood (draws,
 * several responses, weights) is integrated by adaptive Gauss–Hermite quadrature
 * centred on the mode of prior × likelihood (Q. Liu and D. A. Pierce, "A note on
 * Gauss–Hermite quadrature", Biometrika 81(3), 1994), which stays accurate however
 * peaked the likelihood is: it is log-concave, so the mode is unique and Newton's
 * method finds it.
 *
 * Variances can only shrink, and stay positive: the new variance of a is at least
 * σₐ² σ_b² / v.
 * @internal
 * @module
 */
import { inverseMillsRatio, logStandardNormalCdf } from '../stats/normalDistribution.js';
import { gaussHermiteRule } from './gaussHermite.js';

/**
 * Where {@link updateComparison} writes (length ≥ 6): new mean and variance of a, then
 * of b, then the precision and the precision × mean the comparison adds to the
 * difference d (its site, in expectation propagation's terms).
 */
export type UpdateOutput = Float64Array;

/**
 * Writes to `out` [μₐ', σₐ²', μ_b', σ_b²', τ, ν] after a comparison of a and b (means and
 * variances in Elo points) with `winsA` and `winsB` (≥ 0, not both 0) under comparison
 * noise `noise` (the per-datapoint Thurstone noise; the difference has √2 × noise). O(1):
 * closed form for one win or loss, about 30 evaluations of log Φ otherwise.
 */
export function updateComparison(
  out: UpdateOutput,
  meanA: number,
  varianceA: number,
  meanB: number,
  varianceB: number,
  winsA: number,
  winsB: number,
  noise: number,
): void {
  const m = meanA - meanB;
  const v = varianceA + varianceB;
  differenceMoments(m, v, winsA, winsB, noise, moments);
  const varianceD = moments[1]!;
  const shift = moments[0]! - m;
  const shrink = (v - varianceD) / (v * v);
  out[0] = meanA + (varianceA / v) * shift;
  out[1] = varianceA - varianceA * varianceA * shrink;
  out[2] = meanB - (varianceB / v) * shift;
  out[3] = varianceB - varianceB * varianceB * shrink;
  out[4] = varianceD < v ? 1 / varianceD - 1 / v : 0;
  out[5] = varianceD < v ? moments[0]! / varianceD - m / v : 0;
}

/**
 * Mean and variance of the difference d after the comparison, from its prior N(m, v):
 * the moments of N(d; m, v) Φ(d/c)^winsA Φ(−d/c)^winsB (c = √2 × noise), written to
 * out[0] and out[1]. Closed form for one win or loss, quadrature otherwise. O(1).
 */
export function differenceMoments(m: number, v: number, winsA: number, winsB: number, noise: number, out: Float64Array): void {
  const noiseVariance = 2 * noise * noise;
  if ((winsA === 1 && winsB === 0) || (winsA === 0 && winsB === 1)) {
    const sign = winsA === 1 ? 1 : -1;
    const total = Math.sqrt(v + noiseVariance);
    const t = (sign * m) / total;
    const ratio = inverseMillsRatio(t);
    out[0] = m + (sign * v * ratio) / total;
    out[1] = v * (1 - (v / (v + noiseVariance)) * ratio * (ratio + t));
  } else {
    tiltedMoments(m, v, Math.sqrt(noiseVariance), winsA, winsB, out);
  }
}

const moments = new Float64Array(2);

// log of N(d; m, v) × Φ(d/c)^a × Φ(−d/c)^b up to a constant, with its first two derivatives.
function logTilted(d: number, m: number, v: number, c: number, a: number, b: number, derivatives: Float64Array): number {
  const x = d / c;
  let value = -((d - m) * (d - m)) / (2 * v);
  let first = -(d - m) / v;
  let second = -1 / v;
  if (a > 0) {
    const ratio = inverseMillsRatio(x);
    value += a * logStandardNormalCdf(x);
    first += (a * ratio) / c;
    second -= (a * ratio * (ratio + x)) / (c * c);
  }
  if (b > 0) {
    const ratio = inverseMillsRatio(-x);
    value += b * logStandardNormalCdf(-x);
    first -= (b * ratio) / c;
    second -= (b * ratio * (ratio - x)) / (c * c);
  }
  derivatives[0] = first;
  derivatives[1] = second;
  return value;
}

const derivatives = new Float64Array(2);

/**
 * Mean and variance of d under N(d; m, v) Φ(d/c)^a Φ(−d/c)^b, written to out[0], out[1].
 * @internal
 */
export function tiltedMoments(m: number, v: number, c: number, a: number, b: number, out: Float64Array): void {
  // Newton's method for the mode (the log density is concave), each step kept inside
  // a trust region of a few standard deviations so it cannot overshoot far.
  let mode = m;
  const limit = 4 * Math.sqrt(v);
  for (let k = 0; k < 100; k++) {
    logTilted(mode, m, v, c, a, b, derivatives);
    let step = -derivatives[0]! / derivatives[1]!;
    if (step > limit) step = limit;
    else if (step < -limit) step = -limit;
    mode += step;
    if (Math.abs(step) <= 1e-12 * (Math.abs(mode) + Math.sqrt(v))) break;
  }
  const peak = logTilted(mode, m, v, c, a, b, derivatives);
  const scale = Math.SQRT2 / Math.sqrt(-derivatives[1]!);
  const { nodes, weights } = gaussHermiteRule();
  let mass = 0;
  let first = 0;
  for (let k = 0; k < nodes.length; k++) {
    const x = nodes[k]!;
    const offset = scale * x;
    const weight = weights[k]! * Math.exp(x * x + logTilted(mode + offset, m, v, c, a, b, derivatives) - peak);
    mass += weight;
    first += weight * offset;
  }
  const meanOffset = first / mass;
  let second = 0;
  for (let k = 0; k < nodes.length; k++) {
    const x = nodes[k]!;
    const offset = scale * x;
    const weight = weights[k]! * Math.exp(x * x + logTilted(mode + offset, m, v, c, a, b, derivatives) - peak);
    second += weight * (offset - meanOffset) * (offset - meanOffset);
  }
  out[0] = mode + meanOffset;
  out[1] = Math.min(second / mass, v);
}
