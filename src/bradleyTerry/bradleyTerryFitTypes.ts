/**
 * The result of `fitBradleyTerry`: plain, JSON-safe data.
 * @module
 */
import type { MAX_COVARIANCE_DATAPOINTS } from './bradleyTerryOptions.js';
import type { fitBradleyTerry } from './fitBradleyTerry.js';

/** One datapoint of a {@link BradleyTerryFit}. */
export interface BradleyTerryEntry {
  /** The datapoint's id, as in the comparisons. */
  readonly datapoint: string;
  /** Fitted score (Elo points): center + scale/ln 10 × theta. */
  readonly score: number;
  /** Standard error of the score (Elo points), from the observed information. */
  readonly standardError: number;
  /** Fitted strength in natural-log odds units, centred so the strengths sum to 0. */
  readonly theta: number;
  /** Weighted wins: record weights and pair counts summed, a finite number ≥ 0. */
  readonly wins: number;
  /** Weighted losses, summed the same way, a finite number ≥ 0. */
  readonly losses: number;
  /** Weighted draws, a finite number ≥ 0 (a draw counted once here, not as halves). */
  readonly draws: number;
  /** wins + losses + draws. */
  readonly comparisons: number;
}

/** The fitted position effect: how much being shown on the left is worth. */
export interface BradleyTerryPositionEffect {
  /** γ in Elo points (scale/ln 10 × theta); positive means the left side is favoured. */
  readonly score: number;
  /** γ in natural-log odds units. */
  readonly theta: number;
  /** Standard error of `score` (Elo points). */
  readonly standardError: number;
  /**
   * Present, and false, only when the comparisons do not bound γ: a left-side (or
   * right-side) advantage of any size fits them at least as well as any finite one
   * (quasi-separation, e.g. the left side won every game of every pair shown one way
   * round, the right side lost only where a strength gap explains it). γ and its standard
   * error then say nothing about the data: without a prior the fit reports
   * `converged: false` and γ is wherever the steps stopped (thousands of points, a
   * standard error of 1e8); with one, γ is the prior's compromise. Absent when the
   * comparisons bound γ, so such fits read as before. See {@link fitBradleyTerry}.
   */
  readonly identified?: false;
}

/** The result of {@link fitBradleyTerry}: plain, JSON-safe data. */
export interface BradleyTerryFit {
  /** One entry per datapoint, in order of first appearance in the comparisons. */
  readonly entries: readonly BradleyTerryEntry[];
  /** The datapoints in the same order. */
  readonly ids: readonly string[];
  /** The position effect, or null when it was not fitted. */
  readonly positionEffect: BradleyTerryPositionEffect | null;
  /** Log-likelihood at the fit (natural log, draws as half a win and half a loss), without the prior. */
  readonly logLikelihood: number;
  /** logLikelihood − (prior/2)·(Σθ² + γ²): what the fit maximises. */
  readonly penalizedLogLikelihood: number;
  /** Newton steps taken. */
  readonly iterations: number;
  /**
   * Whether the last Newton step was below `tolerance`, or the steps stalled in rounding
   * noise above it (a very weak prior on datapoints that only won or only lost: see
   * `tolerance`). False as well, with `prior` 0, when the position effect is fitted and
   * the comparisons do not bound it (`positionEffect.identified`): there is no maximum.
   */
  readonly converged: boolean;
  /** Elo points per factor of 10 in the odds, as used: the option, or the default 400. */
  readonly scale: number;
  /** Mean of the scores (Elo points), as used: the option, or the default 1200. */
  readonly center: number;
  /** Strength λ of the L2 penalty (≥ 0), as used: the option, or the default 0.01. */
  readonly prior: number;
  /**
   * Whether the standard errors are exact (dense inverse of the information, up to
   * {@link MAX_COVARIANCE_DATAPOINTS} datapoints) or approximated (see {@link fitBradleyTerry}).
   */
  readonly standardErrorsExact: boolean;
  /** Covariance of the scores (Elo points squared, entries order); only when `covariance: true`. */
  readonly covariance?: number[][];
}
