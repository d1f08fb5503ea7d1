/**
 * The options of `fitBradleyTerry`: their types, their defaults in one place, the
 * largest fit that gets exact standard errors and the covariance matrix, and the
 * options only the library's own callers (the bootstrap, the tests) pass.
 * @module
 */
import { DEFAULT_ELO_SCALE } from '../elo/expectedScore.js';
import type { fitBradleyTerry } from './fitBradleyTerry.js';

/** Options of {@link fitBradleyTerry}; every field is optional. */
export interface BradleyTerryOptions {
  /**
   * Strength λ of an L2 penalty on the natural-log strengths: −(λ/2)·Σθ² is added to
   * the log-likelihood (the position effect γ, when fitted, is penalised the same way).
   * It is a normal prior with standard deviation 1/√λ: the default 0.01 means 10 nats
   * ≈ 1737 Elo points, negligible for well-connected data, but it keeps the score of a
   * datapoint that won every comparison finite, and pulls groups that never met each
   * other to the same mean. 0 gives the plain maximum-likelihood estimate, which exists
   * only when every datapoint has both beaten and been beaten through some chain of
   * wins; otherwise the fit throws and names the datapoints at fault.
   * A finite number ≥ 0.
   * @defaultValue 0.01
   */
  prior?: number | undefined;
  /**
   * Also estimate a position effect γ (a bias towards the left side, like home
   * advantage): P(left wins) = σ(θ_left − θ_right + γ). Only comparison records inform
   * it; pair counts carry no side.
   * @defaultValue false
   */
  positionEffect?: boolean | undefined;
  /**
   * Elo points per factor of 10 in the odds: score = center + scale/ln 10 × θ.
   * In [1e-6, 1e9], as a job's `elo.scale`.
   * @defaultValue 400
   */
  scale?: number | undefined;
  /**
   * Mean of the scores (Elo points). Within ±min(1e9, 2^32 × scale), as a job's
   * `elo.initialRating`, so adding it never rounds the differences between scores away.
   * @defaultValue 1200
   */
  center?: number | undefined;
  /**
   * Largest number of Newton steps; the fit reports `converged: false` if it needs more.
   * A positive integer.
   * @defaultValue 100
   */
  maxIterations?: number | undefined;
  /**
   * The fit has converged when the largest component of a Newton step (in θ, natural
   * log units) is below this; or when the steps stall above it because the gradient is
   * zero but for rounding, as under a very weak prior (1e-12) where datapoints that only
   * won or only lost leave the objective flat to working precision (their scores are
   * then pinned to about 1e-5). A finite number > 0.
   * @defaultValue 1e-10
   */
  tolerance?: number | undefined;
  /**
   * Include the full covariance matrix of the scores (Elo points squared, in entries
   * order). It costs n² numbers and O(n³) time, so it is refused above
   * {@link MAX_COVARIANCE_DATAPOINTS} datapoints.
   * @defaultValue false
   */
  covariance?: boolean | undefined;
  /**
   * How the standard errors are computed. `'auto'`: exactly (the dense inverse of the
   * information, O(n³)) up to {@link MAX_COVARIANCE_DATAPOINTS} datapoints, unless a bound
   * computed from the design puts the O(pairs) approximation within
   * {@link MAX_APPROXIMATION_ERROR} of them (datapoints that each meet a hundred or more
   * opponents of a well-mixed design: 1 000 datapoints and 100 000 random comparisons take
   * 0.1 s instead of 0.35 s); approximated above. `'exact'`: always exactly (refused above
   * {@link MAX_COVARIANCE_DATAPOINTS}). `'approximate'`: always the approximation, which
   * runs small on sparse designs and on bottlenecks (see {@link fitBradleyTerry}).
   * `standardErrorsExact` in the fit says which was used.
   * @defaultValue 'auto'
   */
  standardErrors?: BradleyTerryStandardErrors | undefined;
}

/** How a fit computes its standard errors: see {@link BradleyTerryOptions.standardErrors}. */
export type BradleyTerryStandardErrors = 'auto' | 'exact' | 'approximate';

/** {@link BradleyTerryOptions} with every default filled in. */
export interface ResolvedBradleyTerryOptions {
  /** Strength λ of the L2 penalty on the natural-log strengths: ≥ 0, as given or the default 0.01. */
  readonly prior: number;
  /** Whether a left-side advantage γ is fitted: as given, or the default false. */
  readonly positionEffect: boolean;
  /** Elo points per factor of 10 in the odds: in [1e-6, 1e9], as given or the default 400. */
  readonly scale: number;
  /** Mean of the scores (Elo points): within ±min(1e9, 2^32 × scale), as given or the default 1200. */
  readonly center: number;
  /** Largest number of Newton steps: a positive integer, as given or the default 100. */
  readonly maxIterations: number;
  /** Convergence threshold on the largest Newton step component (natural-log units): > 0, as given or the default 1e-10. */
  readonly tolerance: number;
  /** Whether the full covariance matrix of the scores is returned: as given, or the default false. */
  readonly covariance: boolean;
  /** How the standard errors are computed: as given, or the default 'auto'. */
  readonly standardErrors: BradleyTerryStandardErrors;
}

/** The defaults {@link fitBradleyTerry} fills in, in one place. */
export const BRADLEY_TERRY_DEFAULTS: ResolvedBradleyTerryOptions = /* @__PURE__ */ Object.freeze({
  prior: 0.01,
  positionEffect: false,
  scale: DEFAULT_ELO_SCALE,
  center: 1200,
  maxIterations: 100,
  tolerance: 1e-10,
  covariance: false,
  standardErrors: 'auto',
});

/**
 * Most datapoints for which the covariance matrix is returned, and the standard errors
 * are computed exactly (O(n³) time, n² memory): always with `standardErrors: 'exact'`,
 * by default unless the approximation is known to be as good; above it they are
 * approximated.
 */
export const MAX_COVARIANCE_DATAPOINTS = 2000;

/**
 * The largest relative error of the approximate standard errors that `standardErrors:
 * 'auto'` accepts in place of exact ones: 1% (2% on the variances), too little to move a
 * 95% interval's coverage by more than 0.1 point.
 */
export const MAX_APPROXIMATION_ERROR = 0.01;

/**
 * Options for callers inside the library (the bootstrap, tests), not part of the API.
 * @internal
 */
export interface BradleyTerryInternalOptions {
  /** Starting strengths (natural log, one per datapoint in table order), e.g. a previous fit's thetas. */
  readonly initialTheta?: ArrayLike<number>;
  /** Starting position effect γ (natural log). */
  readonly initialPositionEffect?: number;
  /** Largest n for exact standard errors; above it they are approximated. */
  readonly exactStandardErrorsUpTo?: number;
  /**
   * Whether to check that the games bound γ (`positionEffect.identified`, and `converged`
   * at prior 0); default true. Bootstrap rounds skip it: they read γ's score alone, under
   * a prior > 0.
   */
  readonly checkPositionEffect?: boolean;
}
