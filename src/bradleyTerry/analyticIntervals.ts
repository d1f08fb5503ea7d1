/**
 * Fast confidence intervals for Bradley–Terry scores from their standard errors, and
 * the rank intervals those imply.
 *
 * Score intervals are Wald intervals, score ± z·SE with z = Φ⁻¹((1 + confidence)/2)
 * (Agresti, "Categorical Data Analysis", 2nd ed., 2002, §1.3.3). Φ⁻¹ is P. J. Acklam's
 * rational approximation ("An algorithm for computing the inverse normal cumulative
 * distribution function", 2003; relative error below 1.15e-9) refined by one step of
 * Halley's method against the double-precision Φ of `normalDistribution.ts`, as Acklam
 * suggests, which brings it to about 1e-15.
 *
 * Rank intervals follow the Chatbot Arena leaderboard (Chiang et al., "Chatbot Arena: An
 * Open Platform for Evaluating LLMs by Human Preference", ICML 2024, arXiv:2403.04132;
 * code: lm-sys/FastChat, fastchat/serve/monitor/monitor.py, `recompute_final_ranking`):
 * a datapoint can place no better than 1 + the number of datapoints whose lower bound is
 * above its upper bound, and no worse than n − the number whose upper bound is below its
 * lower bound.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { standardNormalCdf } from '../stats/normalDistribution.js';
import { ownValue, requireFinite, requireNonEmptyString, requireOptionsObject } from '../validate.js';
import type { BradleyTerryFit } from './fitBradleyTerry.js';

/** Options of {@link analyticIntervals}; every field is optional. */
export interface AnalyticIntervalOptions {
  /**
   * Coverage of each score interval, a number strictly between 0 and 1.
   * @defaultValue 0.95
   */
  confidence?: number | undefined;
}

/** One datapoint of {@link AnalyticIntervals}. */
export interface AnalyticIntervalEntry {
  /** The datapoint's id, as in the fit. */
  readonly datapoint: string;
  /** The fitted score (Elo points), the centre of the interval. */
  readonly score: number;
  /** Its standard error (Elo points), as reported by the fit. */
  readonly standardError: number;
  /** score − z·standardError. */
  readonly lower: number;
  /** score + z·standardError. */
  readonly upper: number;
  /**
   * The best place the datapoint could hold (1 = top): 1 + the number of datapoints
   * whose `lower` is above this one's `upper`. The Arena's "Rank (UB)".
   */
  readonly bestRank: number;
  /**
   * The worst place it could hold (n = bottom): n − the number of datapoints whose
   * `upper` is below this one's `lower`. Always ≥ `bestRank`.
   */
  readonly worstRank: number;
}

/** The position effect's interval in {@link AnalyticIntervals}. */
export interface AnalyticPositionEffectInterval {
  /** γ in Elo points. */
  readonly score: number;
  /** Its standard error (Elo points), as reported by the fit. */
  readonly standardError: number;
  /** score − z·standardError (Elo points). */
  readonly lower: number;
  /** score + z·standardError (Elo points). */
  readonly upper: number;
}

/** The result of {@link analyticIntervals}: plain, JSON-safe data. */
export interface AnalyticIntervals {
  /** One entry per datapoint, in the order of the fit's entries. */
  readonly entries: readonly AnalyticIntervalEntry[];
  /** The position effect's interval, or null when the fit has none. */
  readonly positionEffect: AnalyticPositionEffectInterval | null;
  /** Coverage of each interval, in (0, 1): as given, or the default 0.95. */
  readonly confidence: number;
  /** The multiplier of the standard errors: Φ⁻¹((1 + confidence)/2), 1.96 at 95%. */
  readonly z: number;
}

const OPTION_NAMES = ['confidence'] as const;
const DEFAULT_CONFIDENCE = 0.95;

/**
 * Confidence intervals for every score of a Bradley–Terry fit from its standard errors
 * (score ± z·SE), and the rank interval each implies, computed as on the Chatbot Arena
 * leaderboard. Much faster than `bootstrapIntervals`, but only as good as the normal
 * approximation and the standard errors: with
 * `fit.standardErrorsExact: false` (more than 2 000 datapoints) they ignore
 * covariances, and for sparse designs they are too small.
 *
 * Runs in O(n log n) (the rank bounds come from two sorted lists and binary searches).
 *
 * @param fit - A result of `fitBradleyTerry` (or the same shape read back from JSON).
 * @param options - See {@link AnalyticIntervalOptions}.
 * @returns The intervals, entries in the fit's order; the fit is not modified.
 * @throws {@link RankingInputError} when `fit` is not a fit (`fit.entries[2].standardError`,
 *   …), `options.confidence` is not strictly between 0 and 1, or an option is unknown.
 * @example
 * ```ts
 * const fit = fitBradleyTerry([
 *   { a: 'x', b: 'y', aWins: 30, bWins: 10 },
 *   { a: 'y', b: 'z', aWins: 30, bWins: 10 },
 * ]);
 * const { entries } = analyticIntervals(fit, { confidence: 0.9 });
 * entries.map((entry) => [entry.bestRank, entry.worstRank]); // [[1, 1], [2, 2], [3, 3]]
 * ```
 */
export function analyticIntervals(fit: BradleyTerryFit, options: AnalyticIntervalOptions = {}): AnalyticIntervals {
  const object = requireOptionsObject(options, OPTION_NAMES, 'options', 'options.');
  const confidenceValue = ownValue(object, 'confidence');
  const confidence = confidenceValue === undefined ? DEFAULT_CONFIDENCE : requireConfidence(confidenceValue, 'options.confidence');
  const { entries, positionEffect } = readFit(fit);

  const z = confidenceMultiplier(confidence);
  const n = entries.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { score, standardError } = entries[i]!;
    lower[i] = score - z * standardError;
    upper[i] = score + z * standardError;
  }
  const { best, worst } = rankBounds(lower, upper);
  return {
    entries: entries.map((entry, i) => ({
      datapoint: entry.datapoint,
      score: entry.score,
      standardError: entry.standardError,
      lower: lower[i]!,
      upper: upper[i]!,
      bestRank: best[i]!,
      worstRank: worst[i]!,
    })),
    positionEffect:
      positionEffect === null
        ? null
        : {
            score: positionEffect.score,
            standardError: positionEffect.standardError,
            lower: positionEffect.score - z * positionEffect.standardError,
            upper: positionEffect.score + z * positionEffect.standardError,
          },
    confidence,
    z,
  };
}

interface ScoreWithError {
  readonly score: number;
  readonly standardError: number;
}

// The fit may come back from JSON or be built by hand: check only what is used.
function readFit(fit: unknown): { entries: (ScoreWithError & { datapoint: string })[]; positionEffect: ScoreWithError | null } {
  if (typeof fit !== 'object' || fit === null || Array.isArray(fit)) {
    throw new RankingInputError('fit', `must be a result of fitBradleyTerry, got ${describeValue(fit)}`);
  }
  const object = fit as Record<string, unknown>;
  const entriesValue = ownValue(object, 'entries');
  if (!Array.isArray(entriesValue)) {
    throw new RankingInputError('fit.entries', `must be an array of fit entries, got ${describeValue(entriesValue)}`);
  }
  const entries = entriesValue.map((entry: unknown, i) => {
    const path = `fit.entries[${i}]`;
    const entryObject = requireObject(entry, path);
    return {
      datapoint: requireNonEmptyString(ownValue(entryObject, 'datapoint'), `${path}.datapoint`),
      ...readScoreWithError(entryObject, path),
    };
  });
  const positionValue = ownValue(object, 'positionEffect');
  const positionEffect =
    positionValue === undefined || positionValue === null
      ? null
      : readScoreWithError(requireObject(positionValue, 'fit.positionEffect'), 'fit.positionEffect');
  return { entries, positionEffect };
}

function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RankingInputError(path, `must be an object with a score and a standardError, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

function readScoreWithError(object: Record<string, unknown>, path: string): ScoreWithError {
  const score = requireFinite(ownValue(object, 'score'), `${path}.score`);
  const standardError = requireFinite(ownValue(object, 'standardError'), `${path}.standardError`);
  if (standardError < 0) throw new RankingInputError(`${path}.standardError`, `must be a finite number ≥ 0, got ${describeValue(standardError)}`);
  return { score, standardError };
}

/**
 * A confidence level: a number strictly between 0 and 1.
 * @internal
 */
export function requireConfidence(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new RankingInputError(path, `must be a number strictly between 0 and 1 (e.g. 0.95), got ${describeValue(value)}`);
  }
  return value;
}

/**
 * z = Φ⁻¹((1 + confidence)/2), computed from the tail (1 − confidence)/2, which is
 * exact in floating point for confidence ≥ 0.5 (where (1 + confidence)/2 would round).
 * @internal
 */
export function confidenceMultiplier(confidence: number): number {
  return -standardNormalQuantile((1 - confidence) / 2);
}

// Acklam's coefficients: central region (a, b) and tails (c, d).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
// Below this the tail formula is used (Acklam's breakpoint).
const P_LOW = 0.02425;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Φ⁻¹(p), the standard normal quantile: the x with P(Z ≤ x) = p. Acklam's
 * approximation plus one Halley step (see the module header); accurate to about 1e-15
 * relative. −Infinity at 0, +Infinity at 1, NaN outside [0, 1]. O(1).
 * @internal
 */
export function standardNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  // Work in the lower half, where Φ(x) − p keeps its relative precision; 1 − p is exact
  // for p ≥ 0.5.
  if (p > 0.5) return -standardNormalQuantile(1 - p);
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  // Halley's step on f(x) = Φ(x) − p: u = f/f′, x ← x − u/(1 + x·u/2).
  const u = (standardNormalCdf(x) - p) * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * Rank intervals from score intervals, by the Chatbot Arena rule (see the module
 * header): best[i] = 1 + #{j : lower[j] > upper[i]}, worst[i] = n − #{j : upper[j] <
 * lower[i]}. The comparisons are strict, so equal bounds do not separate two
 * datapoints. Given lower[i] ≤ upper[i] for every i, 1 ≤ best ≤ worst ≤ n. O(n log n):
 * both counts are binary searches in sorted copies of the bounds.
 * @internal
 */
export function rankBounds(lower: ArrayLike<number>, upper: ArrayLike<number>): { best: Int32Array; worst: Int32Array } {
  const n = lower.length;
  const sortedLower = Float64Array.from(lower).sort();
  const sortedUpper = Float64Array.from(upper).sort();
  const best = new Int32Array(n);
  const worst = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    best[i] = 1 + n - countAtMost(sortedLower, upper[i]!);
    worst[i] = n - countBelow(sortedUpper, lower[i]!);
  }
  return { best, worst };
}

// How many of the ascending `sorted` are ≤ x.
function countAtMost(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

// How many of the ascending `sorted` are < x.
function countBelow(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < x) low = middle + 1;
    else high = middle;
  }
  return low;
}
