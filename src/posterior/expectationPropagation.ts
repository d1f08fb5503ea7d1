/**
 * The posterior of a ranking's scores from all its comparisons at once, by expectation
 * propagation (T. Minka, "Expectation propagation for approximate Bayesian inference",
 * UAI 2001; the factorised form TrueSkill uses, Herbrich et al., NIPS 2006, §3): every
 * comparison keeps a Gaussian message to each of its two datapoints; a sweep revisits
 * the comparisons in order, removes the comparison's messages from the two beliefs,
 * redoes its update (comparisonUpdate.ts) on what remains, and stores the new
 * messages. The first sweep is the online update the job runs (exactly so for matchups of
 * one response; the job takes several responses one at a time); later sweeps let
 * early comparisons use what was learnt after them, so the result no longer depends on
 * the order answers arrived in. Sweeps stop when no mean moves by more than
 * `tolerance`.
 *
 * The likelihoods are log-concave, so every message has a non-negative precision and a
 * belief's precision never falls below its prior's: the iteration cannot diverge to
 * negative variances.
 * @internal
 * @module
 */
import { updateComparison } from './comparisonUpdate.js';

/** The comparisons of one ranking, as parallel arrays. */
export interface ComparisonFactors {
  readonly count: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Evidence for a and for b (a response counts 1, a draw ½ to each, times its labeler weight). */
  readonly winsA: Float64Array;
  readonly winsB: Float64Array;
}

/** A Gaussian posterior per datapoint. */
export interface GaussianPosterior {
  readonly means: Float64Array;
  /** The factorised beliefs' variances (too small where comparisons form loops; see posteriorVariances.ts). */
  readonly variances: Float64Array;
  /** The precision each comparison adds to its difference sₐ − s_b (its site), from the last sweep. */
  readonly sitePrecisions: Float64Array;
  /** The precision × mean each comparison adds to its difference, likewise. */
  readonly siteShifts: Float64Array;
  /** Sweeps run, and whether the last one moved no mean by more than the tolerance. */
  readonly sweeps: number;
  readonly converged: boolean;
}

/** Sweeps at most: EP on these models usually settles in a few dozen (wide spreads take longer). */
export const MAX_SWEEPS = 200;

/**
 * Runs EP from independent priors N(priorMeans[i], priorVariance), at most `maxSweeps`
 * sweeps. O(sweeps × comparisons + n).
 * @param tolerance - Largest mean change (Elo points) that counts as settled.
 */
export function expectationPropagation(
  priorMeans: ArrayLike<number>,
  priorVariance: number,
  factors: ComparisonFactors,
  noise: number,
  tolerance: number,
  maxSweeps: number = MAX_SWEEPS,
): GaussianPosterior {
  const n = priorMeans.length;
  const precision = new Float64Array(n).fill(1 / priorVariance);
  const shifted = new Float64Array(n);
  for (let i = 0; i < n; i++) shifted[i] = priorMeans[i]! / priorVariance;
  const m = factors.count;
  // Messages in natural parameters (precision, precision × mean), to a and to b.
  const precisionA = new Float64Array(m);
  const shiftedA = new Float64Array(m);
  const precisionB = new Float64Array(m);
  const shiftedB = new Float64Array(m);
  const out = new Float64Array(6);
  const sitePrecisions = new Float64Array(m);
  const siteShifts = new Float64Array(m);
  let sweeps = 0;
  let converged = m === 0;
  while (!converged && sweeps < maxSweeps) {
    sweeps++;
    let largest = 0;
    for (let k = 0; k < m; k++) {
      const a = factors.a[k]!;
      const b = factors.b[k]!;
      const cavityPrecisionA = precision[a]! - precisionA[k]!;
      const cavityShiftedA = shifted[a]! - shiftedA[k]!;
      const cavityPrecisionB = precision[b]! - precisionB[k]!;
      const cavityShiftedB = shifted[b]! - shiftedB[k]!;
      const beforeA = shifted[a]! / precision[a]!;
      const beforeB = shifted[b]! / precision[b]!;
      updateComparison(
        out,
        cavityShiftedA / cavityPrecisionA,
        1 / cavityPrecisionA,
        cavityShiftedB / cavityPrecisionB,
        1 / cavityPrecisionB,
        factors.winsA[k]!,
        factors.winsB[k]!,
        noise,
      );
      precision[a] = 1 / out[1]!;
      shifted[a] = out[0]! / out[1]!;
      precision[b] = 1 / out[3]!;
      shifted[b] = out[2]! / out[3]!;
      precisionA[k] = precision[a]! - cavityPrecisionA;
      shiftedA[k] = shifted[a]! - cavityShiftedA;
      precisionB[k] = precision[b]! - cavityPrecisionB;
      shiftedB[k] = shifted[b]! - cavityShiftedB;
      sitePrecisions[k] = out[4]!;
      siteShifts[k] = out[5]!;
      largest = Math.max(largest, Math.abs(out[0]! - beforeA), Math.abs(out[2]! - beforeB));
    }
    converged = largest <= tolerance;
  }
  const means = new Float64Array(n);
  const variances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    variances[i] = 1 / precision[i]!;
    means[i] = shifted[i]! / precision[i]!;
  }
  return { means, variances, sitePrecisions, siteShifts, sweeps, converged };
}
