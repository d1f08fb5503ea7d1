/**
 * The result of `bootstrapIntervals`: plain, JSON-safe data.
 * @module
 */
import type { bootstrapIntervals } from './bootstrapIntervals.js';
import type { BradleyTerryFit } from './bradleyTerryFitTypes.js';

/** One datapoint of {@link BootstrapIntervals}. Scores are Elo points. */
export interface BootstrapEntry {
  /** The datapoint's id, as in the comparisons. */
  readonly datapoint: string;
  /** The full-data fit's score. */
  readonly score: number;
  /** The median of the bootstrap scores. */
  readonly median: number;
  /** The (1 − confidence)/2 quantile of the bootstrap scores. */
  readonly lower: number;
  /** The (1 + confidence)/2 quantile of the bootstrap scores. */
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

/** The position effect in {@link BootstrapIntervals}, Elo points. */
export interface BootstrapPositionEffect {
  /** The full-data fit's γ. */
  readonly score: number;
  /** The median of the bootstrap γs. */
  readonly median: number;
  /** The (1 − confidence)/2 quantile of the bootstrap γs. */
  readonly lower: number;
  /** The (1 + confidence)/2 quantile of the bootstrap γs. */
  readonly upper: number;
}

/** The result of {@link bootstrapIntervals}: plain, JSON-safe data. */
export interface BootstrapIntervals {
  /** One entry per datapoint, in order of first appearance in the comparisons. */
  readonly entries: readonly BootstrapEntry[];
  /** The position effect's interval, or null when it was not fitted. */
  readonly positionEffect: BootstrapPositionEffect | null;
  /** Resamples fitted: an integer from 10 to 100 000, as given or the default 1000. */
  readonly rounds: number;
  /** Coverage of each interval, in (0, 1): as given, or the default 0.95. */
  readonly confidence: number;
  /** Seed of the resampling: as given, or the default 1. */
  readonly seed: string | number;
  /**
   * How the rounds were drawn: `'multinomial'` (games drawn with replacement) when every
   * weight is a whole number and there are at most 2^20 games, else `'bayesian'` (see
   * {@link bootstrapIntervals}).
   */
  readonly resampling: 'multinomial' | 'bayesian';
  /** Rounds whose fit stopped at `maxIterations` before reaching `tolerance`; normally 0. */
  readonly nonConvergedRounds: number;
  /** The full-data fit the rounds start from (with its standard errors). */
  readonly fit: BradleyTerryFit;
}
