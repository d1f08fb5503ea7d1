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
 * several responses, weights) is integrated numerically: prior × likelihood is
 * log-concave, so it has one mode, found by a safeguarded Newton search, and falls off
 * monotonically on either side; the trapezoid rule on a grid finer than the density's
 * finest scale, out to where it has fallen by e⁻⁴⁰, converges geometrically for such
 * smooth, fast-decaying integrands (L. N. Trefethen and J. A. C. Weideman, "The
 * exponentially convergent trapezoidal rule", SIAM Review 56(3), 2014), however skewed
 * the density is (a wide prior cut by a sharp likelihood).
 *
 * Variances can only shrink, and stay positive: the new variance of a is at least
 * σₐ² σ_b² / v.
 * @internal
 * @module
 */
import { inverseMillsRatio, logStandardNormalCdf } from '../stats/normalDistribution.js';

/**
 * Where {@link updateComparison} writes (length ≥ 6): new mean and variance of a, then
 * of b, then the precision and the precision × mean the comparison adds to the
 * difference d (its site, in expectation propagation's terms).
 */
export type UpdateOutput = Float64Array;

/**
 * Writes to `out` [μₐ', σₐ²', μ_b', σ_b²', τ, ν] after a comparison of a and b (means and
 * variances in Elo points) with `winsA` and `winsB` (≥ 0) under comparison noise `noise`
 * (the per-datapoint Thurstone noise; the difference has √2 × noise). Closed form for one
 * win or loss, quadrature otherwise. `stepwise` takes whole responses one at a time by
 * the closed form instead (ADF of each response in turn: a little less exact, much
 * cheaper; the job's online posterior uses it, the results' EP does not).
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
  stepwise = false,
): void {
  const m = meanA - meanB;
  const v = varianceA + varianceB;
  if (stepwise) stepwiseDifferenceMoments(m, v, winsA, winsB, noise, moments);
  else differenceMoments(m, v, winsA, winsB, noise, moments);
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
 * out[0] and out[1]. Closed form for one win or loss, quadrature otherwise. O(1) for one
 * response; otherwise O(grid points), a few dozen at the default prior and noise.
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

/**
 * Like {@link differenceMoments}, but whole responses one at a time by the closed form
 * (alternating sides), and only what is left over (a draw's halves, fractions of weighted
 * responses) by quadrature. O(responses).
 */
export function stepwiseDifferenceMoments(m: number, v: number, winsA: number, winsB: number, noise: number, out: Float64Array): void {
  const noiseVariance = 2 * noise * noise;
  out[0] = m;
  out[1] = v;
  let wholeA = Math.floor(winsA);
  let wholeB = Math.floor(winsB);
  while (wholeA > 0 || wholeB > 0) {
    if (wholeA > 0) {
      wholeA--;
      probitStep(1, noiseVariance, out);
    }
    if (wholeB > 0) {
      wholeB--;
      probitStep(-1, noiseVariance, out);
    }
  }
  const partA = winsA - Math.floor(winsA);
  const partB = winsB - Math.floor(winsB);
  if (partA > 0 || partB > 0) tiltedMoments(out[0]!, out[1]!, Math.sqrt(noiseVariance), partA, partB, out);
}

// One response for a (sign 1) or for b (−1): TrueSkill's closed form on d ~ N(out[0], out[1]), in place.
function probitStep(sign: 1 | -1, noiseVariance: number, out: Float64Array): void {
  const mean = out[0]!;
  const variance = out[1]!;
  const total = Math.sqrt(variance + noiseVariance);
  const t = (sign * mean) / total;
  const ratio = inverseMillsRatio(t);
  out[0] = mean + (sign * variance * ratio) / total;
  out[1] = variance * (1 - (variance / (variance + noiseVariance)) * ratio * (ratio + t));
}

const moments = /* @__PURE__ */ new Float64Array(2);

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

const derivatives = /* @__PURE__ */ new Float64Array(2);

// logTilted without the derivatives (the quadrature's inner loop).
function logTiltedValue(d: number, m: number, v: number, c: number, a: number, b: number): number {
  const x = d / c;
  let value = -((d - m) * (d - m)) / (2 * v);
  if (a > 0) value += a * logStandardNormalCdf(x);
  if (b > 0) value += b * logStandardNormalCdf(-x);
  return value;
}

// The mode of the (concave) log tilted density: its slope falls from + to −. A bracket
// found by doubling steps from m, then Newton's method kept inside it (bisecting when
// a step would leave it), so it converges however far the mode lies.
function tiltedMode(m: number, v: number, c: number, a: number, b: number): number {
  logTilted(m, m, v, c, a, b, derivatives);
  if (derivatives[0] === 0) return m;
  const direction = derivatives[0]! > 0 ? 1 : -1;
  let near = m;
  let step = Math.min(Math.sqrt(v), c);
  let far = m + direction * step;
  for (let k = 0; k < 2000; k++) {
    logTilted(far, m, v, c, a, b, derivatives);
    if (derivatives[0]! * direction <= 0) break;
    near = far;
    step *= 2;
    far = m + direction * step;
  }
  let low = Math.min(near, far);
  let high = Math.max(near, far);
  let x = (low + high) / 2;
  for (let k = 0; k < 200; k++) {
    logTilted(x, m, v, c, a, b, derivatives);
    const slope = derivatives[0]!;
    if (slope === 0) return x;
    if (slope > 0) low = x;
    else high = x;
    let next = x - slope / derivatives[1]!;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - x) <= 1e-13 * (Math.abs(x) + Math.sqrt(v)) || next === low || next === high) return next;
    x = next;
  }
  return x;
}

/**
 * Mean and variance of d under N(d; m, v) Φ(d/c)^a Φ(−d/c)^b, written to out[0], out[1].
 * @internal
 */
export function tiltedMoments(m: number, v: number, c: number, a: number, b: number, out: Float64Array): void {
  const mode = tiltedMode(m, v, c, a, b);
  const peak = logTilted(mode, m, v, c, a, b, derivatives);
  // The finest scale the density can have anywhere (its curvature is at most 1/v + (a + b)/c²),
  // two thirds of it as the step (the trapezoid rule's error then falls like e^(−2π² × 2.25)
  // ≈ 1e-19 relative for features of that width), and at most MAX_POINTS points on each side.
  const finest = 1 / Math.sqrt(1 / v + (a + b) / (c * c));
  const below = extent(mode, -1, finest, peak, m, v, c, a, b);
  const above = extent(mode, 1, finest, peak, m, v, c, a, b);
  const step = Math.max(finest / 1.5, below / MAX_POINTS, above / MAX_POINTS);
  let mass = 0;
  let first = 0;
  let second = 0;
  for (let k = -Math.ceil(below / step); k <= Math.ceil(above / step); k++) {
    const offset = k * step;
    const weight = Math.exp(logTiltedValue(mode + offset, m, v, c, a, b) - peak);
    mass += weight;
    first += weight * offset;
    second += weight * offset * offset;
  }
  const meanOffset = first / mass;
  out[0] = mode + meanOffset;
  out[1] = Math.min(second / mass - meanOffset * meanOffset, v);
}

/** Grid points on each side of the mode, at most. */
const MAX_POINTS = 2048;
// Below e^(−LOG_CUTOFF) of the peak the density no longer moves the moments.
const LOG_CUTOFF = 40;

// How far from the mode, in `direction`, the log density falls LOG_CUTOFF below its
// peak: steps that double from `scale` (the density is log-concave, so it keeps falling).
function extent(mode: number, direction: 1 | -1, scale: number, peak: number, m: number, v: number, c: number, a: number, b: number): number {
  let distance = scale;
  for (let k = 0; k < 2000 && logTiltedValue(mode + direction * distance, m, v, c, a, b) > peak - LOG_CUTOFF; k++) distance *= 1.5;
  return distance;
}
